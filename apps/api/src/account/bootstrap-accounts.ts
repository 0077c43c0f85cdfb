import { Role } from '@efa/domain';
import type { DataSource } from 'typeorm';
import { SYSTEM_ACTOR } from '../common/actor.js';
import type { AccountService } from './account.service.js';

/**
 * Demo accounts of the embedded demo, one per role, clearly marked (".invalid"
 * addresses, flagged is_demo). Never created on a production database unless
 * DEMO_ACCOUNTS=true. Their passwords are printed at every start.
 */
export const DEMO_ACCOUNTS = [
  { email: 'admin@demo.invalid', password: 'Demo-Verwaltung-2026', role: Role.ADMIN, displayName: 'Administration (Demo)' },
  { email: 'rollout@demo.invalid', password: 'Demo-Anbindung-2026', role: Role.ROLLOUT_MANAGER, displayName: 'Rollout-Management (Demo)' },
  { email: 'coordinator.bb@demo.invalid', password: 'Demo-Brandenburg-2026', role: Role.STATE_COORDINATOR, stateCode: 'BB', displayName: 'Landeskoordination Brandenburg (Demo)' },
  { email: 'coordinator.st@demo.invalid', password: 'Demo-Sachsen-Anhalt-2026', role: Role.STATE_COORDINATOR, stateCode: 'ST', displayName: 'Landeskoordination Sachsen-Anhalt (Demo)' },
  { email: 'steering@demo.invalid', password: 'Demo-Lenkung-2026', role: Role.STEERING_MEMBER, displayName: 'Steuerungskreis (Demo)' },
] as const;

async function exists(dataSource: DataSource, email: string): Promise<boolean> {
  return (await dataSource.query(`SELECT 1 FROM app_user WHERE lower(email) = lower($1)`, [email])).length > 0;
}

export async function ensureDemoAccounts(dataSource: DataSource, accounts: AccountService): Promise<typeof DEMO_ACCOUNTS> {
  for (const a of DEMO_ACCOUNTS) {
    if (!(await exists(dataSource, a.email))) await accounts.createAccount({ ...a, isDemo: true }, SYSTEM_ACTOR);
  }
  return DEMO_ACCOUNTS;
}

/** The first administrator from ADMIN_EMAIL and ADMIN_PASSWORD, if given and not there yet. */
export async function ensureAdminFromEnvironment(dataSource: DataSource, accounts: AccountService, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const email = env.ADMIN_EMAIL?.trim();
  if (!email) return undefined;
  if (!env.ADMIN_PASSWORD) throw new Error('ADMIN_EMAIL is set but ADMIN_PASSWORD is not');
  if (await exists(dataSource, email)) return undefined;
  await accounts.createAccount({ email, password: env.ADMIN_PASSWORD, role: Role.ADMIN, displayName: env.ADMIN_NAME ?? 'Administration' }, SYSTEM_ACTOR);
  return email;
}
