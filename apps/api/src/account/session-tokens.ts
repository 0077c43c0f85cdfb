import { hkdfSync, randomBytes } from 'node:crypto';
import { EncryptJWT, SignJWT, jwtDecrypt, jwtVerify } from 'jose';
import type { DataSource } from 'typeorm';

export const SESSION_COOKIE = 'efa_session';

/** Verified tokens remembered (the oldest is dropped first): far more than the sessions one instance serves at once. */
const VERIFIED_TOKENS_KEPT = 10_000;

/**
 * Signs and verifies session tokens (JWT, HS256). The key is SESSION_SECRET,
 * or else a random key kept in the database (app_setting), so that every API
 * instance on the same database and every restart accept the same tokens.
 */
export class SessionTokens {
  private key?: Promise<Uint8Array>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly secret: string | undefined,
  ) {}

  /** Loaded on first use (the schema can be printed without a database). */
  private keyOf(): Promise<Uint8Array> {
    this.key ??= (async () => {
      if (this.secret) return new TextEncoder().encode(this.secret);
      await this.dataSource.query(`INSERT INTO app_setting (key, value) VALUES ('session_secret', $1) ON CONFLICT (key) DO NOTHING`, [randomBytes(32).toString('base64url')]);
      const [{ value }] = await this.dataSource.query(`SELECT value FROM app_setting WHERE key = 'session_secret'`);
      return new Uint8Array(Buffer.from(value, 'base64url'));
    })().catch((e) => {
      this.key = undefined;
      throw e;
    });
    return this.key;
  }

  async sign(userId: string, sessionId: string, expiresAt: Date): Promise<string> {
    return new SignJWT({ sid: sessionId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(userId)
      .setIssuedAt()
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(await this.keyOf());
  }

  /**
   * Seals a short-lived payload for the browser to carry (the single sign-on
   * flow's PKCE verifier, state and nonce): encrypted and authenticated
   * (JWE, A256GCM) with a key derived from the session key for this purpose,
   * so any instance can open it and nobody can read or change it.
   */
  async seal(purpose: string, payload: Record<string, string>, ttlSeconds: number): Promise<string> {
    return new EncryptJWT(payload)
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .setAudience(purpose)
      .setIssuedAt()
      .setExpirationTime(`${ttlSeconds}s`)
      .encrypt(await this.derivedKey(purpose));
  }

  /** The payload of a sealed value of this purpose, or undefined (tampered, expired, other purpose, malformed). */
  async unseal(purpose: string, sealed: string | undefined): Promise<Record<string, unknown> | undefined> {
    if (!sealed) return undefined;
    try {
      const { payload } = await jwtDecrypt(sealed, await this.derivedKey(purpose), { audience: purpose, keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256GCM'] });
      return payload;
    } catch {
      return undefined;
    }
  }

  private async derivedKey(purpose: string): Promise<Uint8Array> {
    return new Uint8Array(hkdfSync('sha256', await this.keyOf(), new Uint8Array(0), `efa ${purpose}`, 32));
  }

  /**
   * Tokens whose signature was checked, with their expiry: a token is immutable, so its signature
   * need not be checked again on every request (jose's HMAC through WebCrypto, a key import and a
   * thread-pool job, was the largest single item of a request's CPU in the API's profile, see
   * docs/explain/api-cpu.md). The expiry is checked on every use; whether the session is still
   * valid (not signed out, user active) is checked by the caller in the database on every request.
   */
  private readonly verified = new Map<string, { userId: string; sessionId: string; exp: number }>();

  /** The session id of a valid token, or undefined (bad signature, expired, malformed). */
  async verify(token: string): Promise<{ userId: string; sessionId: string } | undefined> {
    const known = this.verified.get(token);
    if (known) {
      if (Date.now() < known.exp * 1000) return { userId: known.userId, sessionId: known.sessionId };
      this.verified.delete(token);
      return undefined;
    }
    try {
      const { payload } = await jwtVerify(token, await this.keyOf(), { algorithms: ['HS256'] });
      if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') return undefined;
      if (typeof payload.exp === 'number') {
        if (this.verified.size >= VERIFIED_TOKENS_KEPT) this.verified.delete(this.verified.keys().next().value!);
        this.verified.set(token, { userId: payload.sub, sessionId: payload.sid, exp: payload.exp });
      }
      return { userId: payload.sub, sessionId: payload.sid };
    } catch {
      return undefined;
    }
  }
}
