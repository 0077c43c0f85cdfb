import { randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import type { DataSource } from 'typeorm';

export const SESSION_COOKIE = 'efa_session';

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

  /** The session id of a valid token, or undefined (bad signature, expired, malformed). */
  async verify(token: string): Promise<{ userId: string; sessionId: string } | undefined> {
    try {
      const { payload } = await jwtVerify(token, await this.keyOf(), { algorithms: ['HS256'] });
      if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') return undefined;
      return { userId: payload.sub, sessionId: payload.sid };
    } catch {
      return undefined;
    }
  }
}
