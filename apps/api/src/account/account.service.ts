import { Inject, Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, Role, checkPassword, type Principal, issueAt } from '@efa/domain';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { passwordHashing } from './password-hashing.js';
import type { Actor } from '../common/actor.js';
import { SessionTokens } from './session-tokens.js';
import { User } from './user.entity.js';

export const SESSION_TOKENS = Symbol('SESSION_TOKENS');
export const AUTH_SETTINGS = Symbol('AUTH_SETTINGS');

export interface AuthSettings {
  sessionHours: number;
  /** Failed sign-ins allowed per account and per address within the window. */
  maxFailuresPerAccount: number;
  maxFailuresPerAddress: number;
  windowMinutes: number;
}

export const DEFAULT_AUTH_SETTINGS: AuthSettings = { sessionHours: 8, maxFailuresPerAccount: 5, maxFailuresPerAddress: 30, windowMinutes: 15 };

export interface SignedIn {
  token: string;
  expiresAt: Date;
  user: User;
  sessionId: string;
}

export function actorOf(user: Pick<User, 'id' | 'email' | 'displayName' | 'role' | 'stateId'>): Actor {
  return { id: user.email, name: user.displayName, userId: user.id, role: user.role, stateId: user.stateId };
}

/** A hash to verify against when the account does not exist, so timing does not tell which accounts exist. */
let dummyHash: Promise<string> | undefined;

@Injectable()
export class AccountService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(SESSION_TOKENS) private readonly tokens: SessionTokens,
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
  ) {}

  /** argon2id; at most ARGON2_CONCURRENCY hashes and verifications run at once (password-hashing.ts), the others wait. */
  static hashPassword(password: string): Promise<string> {
    return passwordHashing.hash(password);
  }

  /**
   * Signs in with e-mail and password. Failed attempts are counted per
   * account and per address in the database (shared by all instances); past
   * the limit the answer is RATE_LIMITED without checking the password.
   */
  async signIn(emailInput: string, password: string, address: string, userAgent: string | undefined): Promise<SignedIn> {
    const email = (emailInput ?? '').trim().toLowerCase();
    const { windowMinutes } = this.settings;
    const [counts] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE lower(email) = $1)::int AS account, count(*) FILTER (WHERE address = $2)::int AS address
       FROM sign_in_attempt WHERE NOT succeeded AND occurred_at > now() - make_interval(mins => $3)`,
      [email, address, windowMinutes],
    );
    /** Records the failure; `details` go to the client as extensions (reason, retryAfterSeconds) so a console can explain it. */
    const fail = async (reason: string, code: ErrorCode = ErrorCode.UNAUTHENTICATED, message = 'E-mail address or password is wrong', details: Record<string, unknown> = { reason: 'WRONG_CREDENTIALS' }) => {
      await this.dataSource.query(`INSERT INTO sign_in_attempt (email, address, succeeded) VALUES ($1, $2, false)`, [email, address]);
      await this.audit.recordSecurity(this.dataSource.manager, { actor: email || 'anonymous', action: 'SIGN_IN_FAILED', comment: `${reason} (from ${address})` });
      return new DomainError(code, message, { details });
    };
    if (counts.account >= this.settings.maxFailuresPerAccount || counts.address >= this.settings.maxFailuresPerAddress) {
      throw await fail('too many failed attempts', ErrorCode.RATE_LIMITED, `Too many failed sign-in attempts; try again in ${windowMinutes} minutes`, {
        reason: 'TOO_MANY_ATTEMPTS',
        retryAfterSeconds: windowMinutes * 60,
      });
    }
    const user = await this.dataSource.getRepository(User).createQueryBuilder('u').where('lower(u.email) = :email', { email }).getOne();
    const hash = user?.passwordHash ?? (await (dummyHash ??= AccountService.hashPassword('no such account')));
    const ok = await passwordHashing.verify(hash, password ?? '');
    if (!user || !user.passwordHash || !ok) throw await fail(user ? 'wrong password' : 'unknown account');
    if (!user.active) throw await fail('account deactivated', ErrorCode.UNAUTHENTICATED, 'This account is deactivated', { reason: 'DEACTIVATED' });
    await this.dataSource.query(`INSERT INTO sign_in_attempt (email, address, succeeded) VALUES ($1, $2, true)`, [email, address]);
    return this.openSession(user, 'PASSWORD', address, userAgent);
  }

  /** Opens a session for a user whose identity was established (password or single sign-on). */
  async openSession(user: User, method: 'PASSWORD' | 'OIDC', address: string, userAgent: string | undefined): Promise<SignedIn> {
    const expiresAt = new Date(Date.now() + this.settings.sessionHours * 3_600_000);
    const [{ id: sessionId }] = await this.dataSource.query(
      `INSERT INTO user_session (user_id, expires_at, method, address, user_agent) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [user.id, expiresAt, method, address, userAgent?.slice(0, 300) ?? null],
    );
    await this.dataSource.query(`UPDATE app_user SET last_sign_in_at = now() WHERE id = $1`, [user.id]);
    await this.audit.recordSecurity(this.dataSource.manager, { actor: user.email, action: 'SIGN_IN', entityType: 'User', entityId: user.id, comment: `${method} from ${address}` });
    return { token: await this.tokens.sign(user.id, sessionId, expiresAt), expiresAt, user, sessionId };
  }

  /** The signed-in user of a session token, or undefined when the token or session is not valid (any more). */
  async resolve(token: string | undefined): Promise<{ actor: Actor; sessionId: string } | undefined> {
    if (!token) return undefined;
    const claims = await this.tokens.verify(token);
    if (!claims) return undefined;
    const [row] = await this.dataSource.query(
      `SELECT u.id, u.email, u.display_name, u.role, u.state_id FROM user_session s JOIN app_user u ON u.id = s.user_id
       WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.active`,
      [claims.sessionId, claims.userId],
    );
    if (!row) return undefined;
    return { actor: actorOf({ id: row.id, email: row.email, displayName: row.display_name, role: row.role, stateId: row.state_id }), sessionId: claims.sessionId };
  }

  async signOut(actor: Actor, sessionId: string | undefined): Promise<void> {
    if (sessionId) await this.dataSource.query(`UPDATE user_session SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [sessionId]);
    await this.audit.recordSecurity(this.dataSource.manager, { actor: actor.id, action: 'SIGN_OUT', entityType: 'User', entityId: actor.userId });
  }

  async me(actor: Actor): Promise<User> {
    const user = await this.dataSource.getRepository(User).findOneBy({ id: actor.userId });
    if (!user) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Please sign in again');
    return user;
  }

  /** Changes the own password; every other session of the user ends. */
  async changePassword(actor: Actor, sessionId: string | undefined, current: string, next: string): Promise<User> {
    const user = await this.me(actor);
    if (!user.passwordHash || !(await passwordHashing.verify(user.passwordHash, current ?? ''))) {
      throw DomainError.validation([issueAt('currentPassword', 'NOT_CURRENT_PASSWORD')]);
    }
    const problems = checkPassword(next ?? '', user.email);
    if (problems.length) throw DomainError.validation(problems.map((p) => ({ field: 'newPassword', ...p })));
    await this.dataSource.transaction(async (em) => {
      await em.query(`UPDATE app_user SET password_hash = $2, version = version + 1, updated_at = now() WHERE id = $1`, [user.id, await AccountService.hashPassword(next)]);
      await em.query(`UPDATE user_session SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL AND id IS DISTINCT FROM $2`, [user.id, sessionId ?? null]);
      await this.audit.record(em, { actor: actor.id, entityType: 'User', entityId: user.id, action: 'CHANGE_PASSWORD', changes: {} });
    });
    return this.me(actor);
  }

  /** Records an operation refused for lack of rights (after any transaction of it has rolled back). */
  async refused(principal: Principal & { id?: string }, operation: string, reason: string): Promise<void> {
    await this.audit.recordSecurity(this.dataSource.manager, { actor: principal.id ?? principal.userId, action: 'REFUSED', comment: `${operation}: ${reason}` });
  }

  /** Creates an account (CLI, first administrator, demo). Returns the user; refuses a taken e-mail address. */
  async createAccount(input: { email: string; displayName: string; role: Role; stateCode?: string | null; password?: string | null; isDemo?: boolean }, actor: Actor): Promise<User> {
    const email = input.email.trim().toLowerCase();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw DomainError.validation([{ field: 'email', message: `is not an e-mail address: "${input.email}"` }]);
    if (!Object.values(Role).includes(input.role)) throw DomainError.validation([{ field: 'role', message: `must be one of ${Object.values(Role).join(', ')}` }]);
    let stateId: string | null = null;
    if (input.role === Role.STATE_COORDINATOR) {
      const [state] = await this.dataSource.query(`SELECT id FROM state WHERE code = $1`, [input.stateCode ?? '']);
      if (!state) throw DomainError.validation([{ field: 'state', message: `a state coordinator needs a state code (BB, ST, …), got "${input.stateCode ?? ''}"` }]);
      stateId = state.id;
    }
    if (input.password) {
      const problems = checkPassword(input.password, email);
      if (problems.length) throw DomainError.validation(problems.map((p) => ({ field: 'password', ...p })));
    }
    return this.dataSource.transaction(async (em) => {
      const [taken] = await em.query(`SELECT 1 FROM app_user WHERE lower(email) = $1`, [email]);
      if (taken) throw new DomainError(ErrorCode.CONFLICT, `email: an account with ${email} exists already`, { issues: [{ field: 'email', message: 'is taken' }] });
      const passwordHash = input.password ? await AccountService.hashPassword(input.password) : null;
      const [{ id }] = await em.query(
        `INSERT INTO app_user (email, display_name, role, state_id, password_hash, is_demo) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [email, input.displayName, input.role, stateId, passwordHash, input.isDemo ?? false],
      );
      await this.audit.record(em, { actor: actor.id, entityType: 'User', entityId: id, action: 'CREATE', changes: { email: { from: null, to: email }, role: { from: null, to: input.role } } });
      return em.findOneByOrFail(User, { id });
    });
  }
}
