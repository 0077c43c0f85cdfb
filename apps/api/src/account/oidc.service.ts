import { Inject, Injectable, Logger } from '@nestjs/common';
import { Role } from '@efa/domain';
import * as oidc from 'openid-client';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { FieldChanges } from '../audit/audit-event.entity.js';
import type { OidcConfig } from '../config.js';
import { AccountService, SESSION_TOKENS, type SignedIn } from './account.service.js';
import { SSO_REFUSALS, readIdentity, type Claims, type Identity, type SsoRefusal } from './oidc-claims.js';
import type { SessionTokens } from './session-tokens.js';
import { User } from './user.entity.js';

export const OIDC_CONFIG = Symbol('OIDC_CONFIG');

/** The browser carries the flow (PKCE verifier, state, nonce) sealed in this cookie from login to callback. */
export const OIDC_FLOW_COOKIE = 'efa_oidc';
export const OIDC_FLOW_PATH = '/auth/oidc';
export const OIDC_FLOW_SECONDS = 600;
const FLOW_PURPOSE = 'oidc-flow';

export type SsoOutcome = { ok: true; session: SignedIn } | { ok: false; reason: SsoRefusal };

class Refused {
  constructor(
    readonly reason: SsoRefusal,
    readonly detail?: string,
  ) {}
}

/**
 * Single sign-on with OpenID Connect (authorization code flow with PKCE,
 * state and nonce) through openid-client. Nothing of a flow is kept in
 * process memory: the browser carries it in a sealed cookie, so any API
 * instance can finish a login another one started.
 */
@Injectable()
export class OidcService {
  private readonly logger = new Logger('OidcService');
  private server?: Promise<oidc.Configuration>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly accounts: AccountService,
    @Inject(SESSION_TOKENS) private readonly tokens: SessionTokens,
    @Inject(OIDC_CONFIG) private readonly config: OidcConfig | null,
  ) {}

  get enabled(): boolean {
    return Boolean(this.config);
  }

  /** The identity provider's metadata, discovered on first use (again after a failure). */
  private configuration(): Promise<oidc.Configuration> {
    const c = this.config!;
    this.server ??= oidc
      .discovery(new URL(c.issuer), c.clientId, c.clientSecret ? { client_secret: c.clientSecret } : undefined, c.clientSecret ? oidc.ClientSecretBasic(c.clientSecret) : oidc.None(), {
        execute: new URL(c.issuer).protocol === 'http:' ? [oidc.allowInsecureRequests] : [],
        timeout: 10,
      })
      .catch((e: unknown) => {
        this.server = undefined;
        throw e;
      });
    return this.server;
  }

  /** Where to send the browser, and the sealed flow for its cookie. */
  async startLogin(address: string): Promise<{ ok: true; url: string; flow: string } | { ok: false; reason: SsoRefusal }> {
    try {
      const server = await this.configuration();
      const verifier = oidc.randomPKCECodeVerifier();
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      const url = oidc.buildAuthorizationUrl(server, {
        redirect_uri: this.config!.redirectUri,
        scope: this.config!.scopes,
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      return { ok: true, url: url.href, flow: await this.tokens.seal(FLOW_PURPOSE, { v: verifier, s: state, n: nonce }, OIDC_FLOW_SECONDS) };
    } catch (e) {
      const refusal = this.classify(e);
      await this.recordFailure('anonymous', refusal, address);
      return { ok: false, reason: refusal.reason };
    }
  }

  /**
   * Finishes a login at the callback: exchanges the code (checking state,
   * PKCE and the ID token's nonce, issuer, audience and expiry), reads the
   * claims of ID token and userinfo, provisions or updates the user and
   * opens a session. Every refusal is recorded in the audit log.
   */
  async finishLogin(query: string, sealedFlow: string | undefined, address: string, userAgent: string | undefined): Promise<SsoOutcome> {
    const flow = await this.tokens.unseal(FLOW_PURPOSE, sealedFlow);
    if (!flow || typeof flow.v !== 'string' || typeof flow.s !== 'string' || typeof flow.n !== 'string') {
      await this.recordFailure('anonymous', new Refused('expired'), address);
      return { ok: false, reason: 'expired' };
    }
    let claims: Claims;
    try {
      claims = await this.claimsOf(query, { v: flow.v, s: flow.s, n: flow.n });
    } catch (e) {
      const refusal = this.classify(e);
      await this.recordFailure('anonymous', refusal, address);
      return { ok: false, reason: refusal.reason };
    }
    const identity = readIdentity(claims, this.config!);
    const actor = identity.email ?? `oidc:${identity.subject}`;
    try {
      const result = await this.provision(identity);
      if (result instanceof Refused) {
        await this.recordFailure(actor, result, address);
        return { ok: false, reason: result.reason };
      }
      return { ok: true, session: await this.accounts.openSession(result, 'OIDC', address, userAgent) };
    } catch (e) {
      this.logger.error(`single sign-on of ${actor} failed: ${e instanceof Error ? e.stack : String(e)}`);
      await this.recordFailure(actor, new Refused('internal'), address).catch(() => undefined);
      return { ok: false, reason: 'internal' };
    }
  }

  private async claimsOf(query: string, flow: { v: string; s: string; n: string }): Promise<Claims> {
    const server = await this.configuration();
    const current = new URL(this.config!.redirectUri);
    current.search = query;
    const tokens = await oidc.authorizationCodeGrant(server, current, { pkceCodeVerifier: flow.v, expectedState: flow.s, expectedNonce: flow.n, idTokenExpected: true });
    const idToken = tokens.claims();
    if (!idToken) throw new Refused('invalid_response', 'no ID token');
    let claims: Claims = { ...idToken };
    // Providers put custom claims in the ID token, in userinfo or in both (Keycloak: per mapper); userinfo wins.
    if (server.serverMetadata().userinfo_endpoint) {
      claims = { ...claims, ...(await oidc.fetchUserInfo(server, tokens.access_token, idToken.sub)) };
    }
    return claims;
  }

  /** Finds the user by subject, else by e-mail (links it), else creates it; brings role, state and name up to date. */
  private async provision(identity: Identity): Promise<User | Refused> {
    return this.dataSource.transaction(async (em) => {
      // Two first logins of the same person at once must not both create the account.
      await em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`oidc:${identity.subject}`]);
      const users = em.getRepository(User);
      let user = await users.findOneBy({ oidcSubject: identity.subject });
      if (!user && identity.email) {
        const byEmail = await users.createQueryBuilder('u').where('lower(u.email) = :email', { email: identity.email }).getOne();
        if (byEmail?.oidcSubject) return new Refused('account_conflict', `${byEmail.email} is linked to subject ${byEmail.oidcSubject}, not ${identity.subject}`);
        if (byEmail && identity.emailVerified === false) return new Refused('email_unverified', identity.email);
        user = byEmail;
      }
      if (user && !user.active) return new Refused('deactivated');

      const role = identity.role;
      if (!role) return new Refused('no_role', `${this.config!.roleClaim}: ${identity.roleValues.length ? identity.roleValues.join(', ') : 'none'}`);
      let stateId: string | null = null;
      if (role === Role.STATE_COORDINATOR) {
        if (!identity.stateCode) return new Refused('no_state', `${this.config!.stateClaim}: ${identity.stateValues.length ? identity.stateValues.join(', ') : 'none'}`);
        const [state] = await em.query(`SELECT id FROM state WHERE upper(code) = $1`, [identity.stateCode]);
        if (!state) return new Refused('unknown_state', `${this.config!.stateClaim}: ${identity.stateCode}`);
        stateId = state.id;
      }

      if (!user) {
        if (!identity.email) return new Refused('no_email');
        const [{ id }] = await em.query(
          `INSERT INTO app_user (email, display_name, role, state_id, oidc_subject) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
          [identity.email, identity.displayName, role, stateId, identity.subject],
        );
        await this.audit.record(em, {
          actor: identity.email,
          entityType: 'User',
          entityId: id,
          action: 'CREATE',
          changes: { email: { from: null, to: identity.email }, role: { from: null, to: role }, stateId: { from: null, to: stateId }, oidcSubject: { from: null, to: identity.subject } },
          comment: 'single sign-on: created at first sign-in',
        });
        return em.findOneByOrFail(User, { id });
      }
      return this.update(em, user, identity, role, stateId);
    });
  }

  private async update(em: EntityManager, user: User, identity: Identity, role: Role, stateId: string | null): Promise<User | Refused> {
    if (user.role === Role.ADMIN && role !== Role.ADMIN) {
      // Locks the other administrators' rows, so two demotions at once cannot both pass (as in UserService).
      const n = (await em.query(`SELECT id FROM app_user WHERE role = 'ADMIN' AND active AND id <> $1 FOR UPDATE`, [user.id])).length;
      if (n === 0) return new Refused('last_admin', `claims map to ${role}`);
    }
    const next: Record<'email' | 'displayName' | 'role' | 'stateId' | 'oidcSubject', string | null> = {
      email: user.email,
      displayName: identity.displayName,
      role,
      stateId,
      oidcSubject: identity.subject,
    };
    // A changed address at the provider follows when it is not unverified and no other account has it.
    if (identity.email && identity.email !== user.email.toLowerCase() && identity.emailVerified !== false) {
      const [taken] = await em.query(`SELECT 1 FROM app_user WHERE lower(email) = $1 AND id <> $2`, [identity.email, user.id]);
      if (!taken) next.email = identity.email;
    }
    const changes: FieldChanges = {};
    for (const key of Object.keys(next) as Array<keyof typeof next>) {
      if (next[key] !== user[key]) changes[key] = { from: user[key], to: next[key] };
    }
    if (!Object.keys(changes).length) return user;
    await em.query(
      `UPDATE app_user SET email = $2, display_name = $3, role = $4, state_id = $5, oidc_subject = $6, version = version + 1, updated_at = now() WHERE id = $1`,
      [user.id, next.email, next.displayName, next.role, next.stateId, next.oidcSubject],
    );
    const linked = user.oidcSubject === null;
    await this.audit.record(em, {
      actor: next.email!,
      entityType: 'User',
      entityId: user.id,
      action: 'UPDATE',
      changes,
      comment: linked ? 'single sign-on: linked to the account with this e-mail address' : 'single sign-on: updated from the identity provider\'s claims',
    });
    // As when an administrator changes them: the user's other sessions end.
    if (changes.role || changes.stateId) await em.query(`UPDATE user_session SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [user.id]);
    return em.findOneByOrFail(User, { id: user.id });
  }

  private classify(e: unknown): Refused {
    if (e instanceof Refused) return e;
    if (e instanceof oidc.AuthorizationResponseError) return new Refused('idp_error', [e.error, e.error_description].filter(Boolean).join(': '));
    if (e instanceof oidc.ResponseBodyError) return new Refused('invalid_response', `token endpoint: ${[e.error, e.error_description].filter(Boolean).join(': ')}`);
    const err = e as { name?: string; message?: string; code?: string; cause?: { status?: number; message?: string } };
    const unreachable =
      (e instanceof TypeError && /fetch failed/i.test(err.message ?? '')) ||
      err.code === 'OAUTH_TIMEOUT' ||
      err.code === 'OAUTH_ABORT' ||
      (err.code === 'OAUTH_RESPONSE_IS_NOT_CONFORM' && (err.cause?.status ?? 0) >= 500);
    const detail = `${err.message ?? String(e)}${err.cause?.message ? ` (${err.cause.message})` : ''}`;
    this.logger.warn(`single sign-on: ${unreachable ? 'identity provider not reachable' : 'response refused'}: ${detail}`);
    return new Refused(unreachable ? 'unavailable' : 'invalid_response', detail);
  }

  private async recordFailure(actor: string, refusal: Refused, address: string): Promise<void> {
    const comment = `single sign-on: ${SSO_REFUSALS[refusal.reason]}${refusal.detail ? ` (${refusal.detail})` : ''} (from ${address})`;
    await this.audit.recordSecurity(this.dataSource.manager, { actor, action: 'SIGN_IN_FAILED', comment: comment.slice(0, 2000) });
  }
}
