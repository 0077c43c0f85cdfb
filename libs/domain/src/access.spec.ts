import { IMPORT_ACCESS_OPERATION, NO_STATE_ID, OPERATION_ACCESS, checkPassword, mayCall, mayImport, mayWriteInState, obstacleScopeOf, seesInternals, type Principal } from './access.js';

const admin: Principal = { userId: 'a', role: 'ADMIN' };
const manager: Principal = { userId: 'm', role: 'ROLLOUT_MANAGER' };
const coordinatorBB: Principal = { userId: 'c', role: 'STATE_COORDINATOR', stateId: 'bb' };
const steering: Principal = { userId: 's', role: 'STEERING_MEMBER' };

describe('access rules', () => {
  it('lets anybody sign in and nobody else in without signing in', () => {
    expect(mayCall(null, 'signIn')).toBe('ALLOWED');
    expect(mayCall(null, 'allAuthorities')).toBe('UNAUTHENTICATED');
    expect(mayCall(null, 'me')).toBe('UNAUTHENTICATED');
  });

  it('lets every signed-in role read, and only the right roles write', () => {
    for (const p of [admin, manager, coordinatorBB, steering]) expect(mayCall(p, 'allOnboardings')).toBe('ALLOWED');
    expect(mayCall(steering, 'advanceOnboarding')).toBe('FORBIDDEN');
    expect(mayCall(coordinatorBB, 'advanceOnboarding')).toBe('FORBIDDEN');
    expect(mayCall(manager, 'advanceOnboarding')).toBe('ALLOWED');
    expect(mayCall(coordinatorBB, 'signContract')).toBe('ALLOWED');
    expect(mayCall(manager, 'createUser')).toBe('FORBIDDEN');
    expect(mayCall(manager, 'updateMilestoneTemplate')).toBe('FORBIDDEN');
    expect(mayCall(admin, 'updateMilestoneTemplate')).toBe('ALLOWED');
    expect(mayCall(manager, 'reopenOnboarding')).toBe('FORBIDDEN');
  });

  it('lets the roles that create authorities import spreadsheets (the REST route and the console\'s page)', () => {
    expect(OPERATION_ACCESS[IMPORT_ACCESS_OPERATION]).toBeDefined();
    expect([admin, manager, coordinatorBB, steering].map((p) => mayImport(p))).toEqual(['ALLOWED', 'ALLOWED', 'ALLOWED', 'FORBIDDEN']);
    expect(mayImport(null)).toBe('UNAUTHENTICATED');
  });

  it('refuses an operation that has no rule', () => {
    expect(OPERATION_ACCESS.somethingNew).toBeUndefined();
    expect(mayCall(admin, 'somethingNew')).toBe('FORBIDDEN');
  });

  it('binds coordinators to their state for writes and internal data', () => {
    expect(mayWriteInState(coordinatorBB, 'bb')).toBe(true);
    expect(mayWriteInState(coordinatorBB, 'st')).toBe(false);
    expect(mayWriteInState({ ...coordinatorBB, stateId: null }, null)).toBe(false);
    expect(mayWriteInState(manager, 'st')).toBe(true);
    expect(mayWriteInState(steering, 'bb')).toBe(false);
    expect(seesInternals(coordinatorBB, 'st')).toBe(false);
    expect(seesInternals(coordinatorBB, 'bb')).toBe(true);
    expect(seesInternals(steering, 'st')).toBe(true);
  });

  it('asks for passwords of at least 12 characters that do not contain the e-mail name', () => {
    expect(checkPassword('short').map((p) => p.message)).toEqual(['must be at least 12 characters long']);
    expect(checkPassword('x'.repeat(129)).map((p) => p.message)).toEqual(['must be at most 128 characters long']);
    expect(checkPassword('rollout-manager-2026', 'rollout@example.org').map((p) => p.message)).toEqual(['must not contain the e-mail address']);
    expect(checkPassword('correct horse battery staple', 'admin@example.org')).toEqual([]);
  });
});

describe('whose obstacles a principal sees', () => {
  it('everyone\'s, except a state coordinator: only their own state\'s (none without a state)', () => {
    expect(obstacleScopeOf(null)).toBeNull();
    expect(obstacleScopeOf({ userId: 'u', role: 'STEERING_MEMBER' })).toBeNull();
    expect(obstacleScopeOf({ userId: 'u', role: 'ROLLOUT_MANAGER', stateId: 's1' })).toBeNull();
    expect(obstacleScopeOf({ userId: 'u', role: 'STATE_COORDINATOR', stateId: 's1' })).toBe('s1');
    expect(obstacleScopeOf({ userId: 'u', role: 'STATE_COORDINATOR', stateId: null })).toBe(NO_STATE_ID);
  });
});
