import { ROLES, Role } from '@efa/domain';
import type { OidcConfig } from '../config.js';

/**
 * Why a single sign-on was refused: the code goes to the console as
 * `/#/login?sso_error=<code>`, the message into the audit log.
 */
export const SSO_REFUSALS = {
  no_role: 'no role: the role claim carries no value that OIDC_ROLE_MAP maps',
  no_state: 'a state coordinator needs a state code in the state claim',
  unknown_state: 'the state claim names no known state',
  no_email: 'the identity provider sent no e-mail address',
  email_unverified: 'the identity provider marks the e-mail address unverified, so it is not linked to the existing account',
  account_conflict: 'the account with this e-mail address is linked to another single sign-on identity',
  deactivated: 'account deactivated',
  last_admin: 'the sign-in would take the administrator role from the last active administrator',
  idp_error: 'the identity provider answered with an error',
  invalid_response: 'the answer of the identity provider did not pass validation',
  expired: 'the sign-in was not started in this browser or took longer than 10 minutes',
  unavailable: 'the identity provider is not reachable',
  internal: 'an unexpected error occurred (see the server log)',
} as const;
export type SsoRefusal = keyof typeof SSO_REFUSALS;

export type Claims = Record<string, unknown>;

/** A claim by name, or else by a dotted path into nested objects (Keycloak: realm_access.roles). */
export function claimAt(claims: Claims, name: string): unknown {
  if (Object.hasOwn(claims, name)) return claims[name];
  let value: unknown = claims;
  for (const part of name.split('.')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value) || !Object.hasOwn(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** The string values of a claim that may be a string or an array of strings. */
export function claimValues(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.filter((v): v is string => typeof v === 'string').map((v) => v.trim()).filter(Boolean);
}

/** The role the values map to; with several, the one with the most rights (ADMIN before ROLLOUT_MANAGER …). */
export function mapRole(values: readonly string[], roleMap: ReadonlyMap<string, Role>): Role | undefined {
  const mapped = new Set(values.flatMap((v) => (roleMap.has(v) ? [roleMap.get(v)!] : [])));
  return ROLES.find((r) => mapped.has(r));
}

export interface Identity {
  subject: string;
  email: string | undefined;
  /** undefined when the identity provider does not say. */
  emailVerified: boolean | undefined;
  displayName: string;
  roleValues: string[];
  role: Role | undefined;
  /** Upper-case state code, for coordinators (undefined when the claim has none or several). */
  stateCode: string | undefined;
  stateValues: string[];
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/** Who signed in and what the claims grant, without looking at the database. */
export function readIdentity(claims: Claims, config: Pick<OidcConfig, 'roleClaim' | 'roleMap' | 'stateClaim'>): Identity {
  const email = text(claims.email)?.toLowerCase();
  const verified = claims.email_verified;
  const roleValues = claimValues(claimAt(claims, config.roleClaim));
  const states = claimValues(claimAt(claims, config.stateClaim));
  const fullName = [text(claims.given_name), text(claims.family_name)].filter(Boolean).join(' ');
  return {
    subject: String(claims.sub),
    email,
    emailVerified: typeof verified === 'boolean' ? verified : verified === 'true' ? true : verified === 'false' ? false : undefined,
    displayName: text(claims.name) ?? (fullName || undefined) ?? text(claims.preferred_username) ?? email ?? String(claims.sub),
    roleValues,
    role: mapRole(roleValues, config.roleMap),
    // One state per coordinator: several different codes are as good as none.
    stateCode: new Set(states.map((s) => s.toUpperCase())).size === 1 ? states[0].toUpperCase() : undefined,
    stateValues: states,
  };
}
