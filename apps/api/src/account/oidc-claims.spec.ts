import { Role } from '@efa/domain';
import { DEFAULT_OIDC_ROLE_MAP } from '../config.js';
import { claimAt, claimValues, mapRole, readIdentity } from './oidc-claims.js';

const roleMap = new Map<string, Role>([
  ['efa-admin', Role.ADMIN],
  ['efa-rollout', Role.ROLLOUT_MANAGER],
  ['efa-land', Role.STATE_COORDINATOR],
  ['efa-steering', Role.STEERING_MEMBER],
]);
const config = { roleClaim: 'efa_role', stateClaim: 'efa_state', roleMap };

describe('single sign-on claims', () => {
  it('reads a claim by name, else by a dotted path (Keycloak realm roles)', () => {
    const claims = { efa_role: 'x', 'a.b': 'flat', realm_access: { roles: ['efa-admin'] }, a: { b: 'nested' } };
    expect(claimAt(claims, 'efa_role')).toBe('x');
    expect(claimAt(claims, 'realm_access.roles')).toEqual(['efa-admin']);
    expect(claimAt(claims, 'a.b')).toBe('flat');
    expect(claimAt(claims, 'realm_access.missing.deeper')).toBeUndefined();
    expect(claimAt(claims, 'toString')).toBeUndefined();
  });

  it('takes a string or the strings of an array', () => {
    expect(claimValues(' efa-land ')).toEqual(['efa-land']);
    expect(claimValues(['efa-land', 3, null, '', 'efa-admin'])).toEqual(['efa-land', 'efa-admin']);
    expect(claimValues(undefined)).toEqual([]);
    expect(claimValues({ role: 'efa-admin' })).toEqual([]);
  });

  it('maps values to the role with the most rights; unmapped values map to nothing', () => {
    expect(mapRole(['efa-land'], roleMap)).toBe(Role.STATE_COORDINATOR);
    expect(mapRole(['offline_access', 'efa-steering', 'efa-rollout'], roleMap)).toBe(Role.ROLLOUT_MANAGER);
    expect(mapRole(['efa-land', 'efa-admin'], roleMap)).toBe(Role.ADMIN);
    expect(mapRole(['ADMIN', 'efa-boss'], roleMap)).toBeUndefined();
    expect(mapRole(['ADMIN'], DEFAULT_OIDC_ROLE_MAP)).toBe(Role.ADMIN);
    expect(mapRole([], roleMap)).toBeUndefined();
  });

  it('reads who signed in: e-mail in lower case, a display name from what there is, one state code', () => {
    expect(readIdentity({ sub: 's1', email: 'Kim@Example.org', email_verified: true, name: 'Kim Berg', efa_role: ['efa-land'], efa_state: 'bb' }, config)).toEqual({
      subject: 's1',
      email: 'kim@example.org',
      emailVerified: true,
      displayName: 'Kim Berg',
      roleValues: ['efa-land'],
      role: Role.STATE_COORDINATOR,
      stateCode: 'BB',
      stateValues: ['bb'],
    });
    const bare = readIdentity({ sub: 's2', given_name: 'Jo', family_name: 'Lind', efa_state: ['BB', 'ST'] }, config);
    expect(bare).toMatchObject({ email: undefined, emailVerified: undefined, displayName: 'Jo Lind', role: undefined, stateCode: undefined });
    expect(readIdentity({ sub: 's3', preferred_username: 'jlind' }, config).displayName).toBe('jlind');
    expect(readIdentity({ sub: 's4', email: 'a@b.org', email_verified: 'false' }, config)).toMatchObject({ displayName: 'a@b.org', emailVerified: false });
    expect(readIdentity({ sub: 's5', efa_state: ['bb', 'BB'] }, config).stateCode).toBe('BB');
  });
});
