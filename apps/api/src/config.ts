import path from 'node:path';
import { ROLES, Role } from '@efa/domain';
import { DEFAULT_ARGON2_CONCURRENCY } from './account/password-hashing.js';

/** Runtime configuration, read once from the environment and validated. */
export interface AppConfig {
  port: number;
  host: string;
  /** PostgreSQL connection string; undefined = embedded PGlite in dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Seed the reference and demo data: when the database is empty (auto), always, or never. */
  seed: 'auto' | 'always' | 'never';
  /** Where the built console lives (served at /). */
  adminDist: string;
  logQueries: boolean;
  /** Create and print the demo accounts: default on the embedded database only. */
  demoAccounts: boolean;
  /** Single sign-on with OpenID Connect; undefined = off (OIDC_ISSUER unset). */
  oidc: OidcConfig | undefined;
  /** Least level written to the log (LOG_LEVEL). */
  logLevel: LogLevel;
  /** json: one JSON object per line (for log collectors); pretty: readable lines for a terminal (LOG_FORMAT). */
  logFormat: 'json' | 'pretty';
  /** Bearer token GET /metrics requires; undefined = open (METRICS_TOKEN unset). */
  metricsToken: string | undefined;
  /** How long a shutdown (SIGTERM/SIGINT) waits for in-flight requests before it cuts them off (SHUTDOWN_TIMEOUT_MS). */
  shutdownTimeoutMs: number;
  /** How long GET /ready waits for the database (READY_TIMEOUT_MS). */
  readyTimeoutMs: number;
  /** How many argon2id password hashes (64 MiB each) run at once; more sign-ins wait (ARGON2_CONCURRENCY). */
  argon2Concurrency: number;
  /** Connection pool of a PostgreSQL database (ignored by the embedded one, which has one in-process connection). */
  pool: PoolConfig;
  /** Notification mails over SMTP; undefined = mails off (SMTP_URL and SMTP_HOST unset), in-console notifications still work. */
  mail: MailConfig | undefined;
  /** The console's public address, for links in mails and the calendar feed's URL (PUBLIC_URL). */
  publicUrl: string;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Settings of the PostgreSQL connection pool. */
export interface PoolConfig {
  /** Connections per API instance (DB_POOL_MAX). */
  max: number;
  /** Give up opening a connection after this long: the request answers UNAVAILABLE instead of waiting (DB_CONNECT_TIMEOUT_MS). */
  connectTimeoutMs: number;
  /** PostgreSQL cancels a statement running longer (statement_timeout; 0 = no limit) (DB_STATEMENT_TIMEOUT_MS). */
  statementTimeoutMs: number;
  /** PostgreSQL ends a session idle inside a transaction for longer (idle_in_transaction_session_timeout; 0 = no limit) (DB_IDLE_IN_TRANSACTION_TIMEOUT_MS). */
  idleInTransactionTimeoutMs: number;
  /** TCP keepalive on the connections, first probe after this idle time, so a vanished server or a dropped route is noticed (DB_KEEPALIVE_MS; 0 = off). */
  keepAliveMs: number;
  /** Close connections idle in the pool for longer (DB_IDLE_TIMEOUT_MS). */
  idleTimeoutMs: number;
  /**
   * PostgreSQL's JIT compilation on the API's connections (DB_JIT): `off` (default), `on`, or `server`
   * (send nothing: the server's or role's setting). JIT pays off for long analytical queries only; a
   * dashboard or board statement whose estimate crosses jit_above_cost spent 0.1-6 s compiling
   * (bench/RESULTS.md, docs/explain/stage-board.md) to save milliseconds.
   */
  jit: 'off' | 'on' | 'server';
}

/** SMTP delivery of notification mails (nodemailer). */
export interface MailConfig {
  /** smtp:// or smtps:// URL with credentials, or host/port/user/pass. */
  url: string | undefined;
  host: string | undefined;
  port: number;
  secure: boolean;
  user: string | undefined;
  pass: string | undefined;
  /** Sender address (SMTP_FROM). */
  from: string;
}

/** Single sign-on with an OpenID Connect provider (Keycloak, …). */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  /** Unset = a public client (PKCE only, no client authentication). */
  clientSecret: string | undefined;
  redirectUri: string;
  scopes: string;
  /** Claim (a dotted path such as realm_access.roles reaches into objects) whose value(s) map to a role. */
  roleClaim: string;
  /** Claim value -> role. */
  roleMap: ReadonlyMap<string, Role>;
  /** Claim with a coordinator's state code (BB, ST, …). */
  stateClaim: string;
  /** Plain-HTTP issuer allowed (always for localhost/127.0.0.1/::1; elsewhere only with OIDC_ALLOW_HTTP=true). */
  allowHttp: boolean;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, root = process.cwd()): AppConfig {
  const problems: string[] = [];

  let port = 3000;
  if (env.PORT !== undefined && env.PORT !== '') {
    port = Number(env.PORT);
    if (!/^\d+$/.test(env.PORT) || port < 1 || port > 65535) {
      problems.push(`PORT must be a whole number between 1 and 65535, got "${env.PORT}"`);
    }
  }

  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push(`DATABASE_URL must be a PostgreSQL connection string (postgres://user@host:5432/db), got "${databaseUrl}"`);
  }

  const seed = (env.SEED ?? 'auto').trim();
  if (!['auto', 'always', 'never'].includes(seed)) problems.push(`SEED must be auto, always or never, got "${seed}"`);
  if (env.DEMO_ACCOUNTS && !['true', 'false'].includes(env.DEMO_ACCOUNTS)) problems.push(`DEMO_ACCOUNTS must be true or false, got "${env.DEMO_ACCOUNTS}"`);
  if (env.SESSION_SECRET && env.SESSION_SECRET.length < 32) problems.push('SESSION_SECRET must be at least 32 characters (or unset: a random key is kept in the database)');
  const oidc = readOidc(env, port, problems);
  const mail = readMail(env, problems);
  const publicUrl = readPublicUrl(env, port, problems);

  const logLevel = (env.LOG_LEVEL?.trim() || 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`);
  const logFormat = (env.LOG_FORMAT?.trim() || (process.stdout.isTTY ? 'pretty' : 'json')) as AppConfig['logFormat'];
  if (!['json', 'pretty'].includes(logFormat)) problems.push(`LOG_FORMAT must be json or pretty, got "${env.LOG_FORMAT}"`);
  const metricsToken = env.METRICS_TOKEN || undefined;
  if (metricsToken && metricsToken.length < 16) problems.push('METRICS_TOKEN must be at least 16 characters (or unset: /metrics is open)');
  const ms = (name: string, fallback: number, min: number, max: number, unit = 'milliseconds'): number => {
    const text = env[name]?.trim();
    if (text === undefined || text === '') return fallback;
    const value = Number(text);
    if (!/^\d+$/.test(text) || value < min || value > max) {
      problems.push(`${name} must be a whole number of ${unit} between ${min} and ${max}, got "${text}"`);
      return fallback;
    }
    return value;
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const text = env[name]?.trim();
    if (text === undefined || text === '') return fallback;
    if (allowed.includes(text as T)) return text as T;
    problems.push(`${name} must be one of ${allowed.join(', ')}, got "${text}"`);
    return fallback;
  };
  const shutdownTimeoutMs = ms('SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000);
  const readyTimeoutMs = ms('READY_TIMEOUT_MS', 2_000, 100, 60_000);
  const argon2Concurrency = ms('ARGON2_CONCURRENCY', DEFAULT_ARGON2_CONCURRENCY, 1, 64, 'hashes');
  const pool: PoolConfig = {
    max: ms('DB_POOL_MAX', 10, 1, 1000, 'connections'),
    connectTimeoutMs: ms('DB_CONNECT_TIMEOUT_MS', 5_000, 100, 600_000),
    statementTimeoutMs: ms('DB_STATEMENT_TIMEOUT_MS', 60_000, 0, 86_400_000),
    idleInTransactionTimeoutMs: ms('DB_IDLE_IN_TRANSACTION_TIMEOUT_MS', 60_000, 0, 86_400_000),
    keepAliveMs: ms('DB_KEEPALIVE_MS', 10_000, 0, 3_600_000),
    idleTimeoutMs: ms('DB_IDLE_TIMEOUT_MS', 10_000, 100, 3_600_000),
    jit: oneOf('DB_JIT', ['off', 'on', 'server'] as const, 'off'),
  };

  if (problems.length) throw new ConfigError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);

  return {
    port,
    host: env.HOST || '0.0.0.0',
    databaseUrl,
    dataDir: path.resolve(root, env.DATA_DIR || 'data'),
    seed: seed as AppConfig['seed'],
    adminDist: path.resolve(root, env.ADMIN_DIST || 'apps/admin/dist'),
    logQueries: env.LOG_QUERIES === 'true',
    demoAccounts: env.DEMO_ACCOUNTS ? env.DEMO_ACCOUNTS === 'true' : !databaseUrl,
    oidc,
    logLevel,
    logFormat,
    metricsToken,
    shutdownTimeoutMs,
    readyTimeoutMs,
    argon2Concurrency,
    pool,
    mail,
    publicUrl,
  };
}

/** The mail and public-URL settings alone (the notification module reads them at start; main has validated everything before). */
export function loadMailConfig(env: NodeJS.ProcessEnv = process.env): { mail: MailConfig | undefined; publicUrl: string } {
  const problems: string[] = [];
  const port = /^\d+$/.test(env.PORT ?? '') ? Number(env.PORT) : 3000;
  const mail = readMail(env, problems);
  const publicUrl = readPublicUrl(env, port, problems);
  if (problems.length) throw new ConfigError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  return { mail, publicUrl };
}

const MAILBOX = /^(?:[^<>@\s]+@[^<>@\s]+\.[^<>@\s]+|[^<>]*<[^<>@\s]+@[^<>@\s]+>)$/;

function readMail(env: NodeJS.ProcessEnv, problems: string[]): MailConfig | undefined {
  const url = env.SMTP_URL?.trim() || undefined;
  const host = env.SMTP_HOST?.trim() || undefined;
  if (!url && !host) return undefined;
  const before = problems.length;
  if (url && host) problems.push('SMTP_URL and SMTP_HOST are both set: set one of them (SMTP_URL=smtp://user:pass@mail.example.org:587, or SMTP_HOST with SMTP_PORT, SMTP_USER, SMTP_PASS)');
  if (url) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      parsed = undefined;
    }
    if (!parsed || !['smtp:', 'smtps:'].includes(parsed.protocol) || !parsed.hostname) problems.push(`SMTP_URL must be an smtp:// or smtps:// URL (smtp://user:pass@mail.example.org:587), got "${url.replace(/\/\/[^@/]*@/, '//***@')}"`);
  }
  let port = 587;
  if (env.SMTP_PORT !== undefined && env.SMTP_PORT !== '') {
    port = Number(env.SMTP_PORT);
    if (!/^\d+$/.test(env.SMTP_PORT) || port < 1 || port > 65535) problems.push(`SMTP_PORT must be a whole number between 1 and 65535, got "${env.SMTP_PORT}"`);
  }
  if (env.SMTP_SECURE && !['true', 'false'].includes(env.SMTP_SECURE)) problems.push(`SMTP_SECURE must be true or false, got "${env.SMTP_SECURE}"`);
  const user = env.SMTP_USER || undefined;
  const pass = env.SMTP_PASS || undefined;
  if (host && Boolean(user) !== Boolean(pass)) problems.push('SMTP_USER and SMTP_PASS must be set together (or neither, for a relay without authentication)');
  const from = env.SMTP_FROM?.trim() ?? '';
  if (!from) problems.push('SMTP_FROM must be set when SMTP_URL or SMTP_HOST is set (the sender, e.g. "EfA Rollout <rollout@example.org>")');
  else if (!MAILBOX.test(from)) problems.push(`SMTP_FROM must be an e-mail address or "Name <address>", got "${from}"`);
  if (problems.length > before) return undefined;
  return { url, host, port, secure: env.SMTP_SECURE ? env.SMTP_SECURE === 'true' : port === 465, user, pass, from };
}

function readPublicUrl(env: NodeJS.ProcessEnv, port: number, problems: string[]): string {
  const text = env.PUBLIC_URL?.trim();
  if (!text) return `http://localhost:${port}`;
  const url = httpUrl(text);
  if (!url || url.search || url.hash) {
    problems.push(`PUBLIC_URL must be the console's http(s) address without query or fragment (https://efa.example.org), got "${text}"`);
    return `http://localhost:${port}`;
  }
  return text.replace(/\/+$/, '');
}

/** The OIDC settings alone (the API module reads them at start; main has validated everything before). */
export function loadOidcConfig(env: NodeJS.ProcessEnv = process.env): OidcConfig | undefined {
  const problems: string[] = [];
  const port = /^\d+$/.test(env.PORT ?? '') ? Number(env.PORT) : 3000;
  const oidc = readOidc(env, port, problems);
  if (problems.length) throw new ConfigError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  return oidc;
}

/** The default OIDC_ROLE_MAP: every role by its own name. */
export const DEFAULT_OIDC_ROLE_MAP: ReadonlyMap<string, Role> = new Map(ROLES.map((r) => [r, r]));

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

function httpUrl(value: string): URL | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

function readOidc(env: NodeJS.ProcessEnv, port: number, problems: string[]): OidcConfig | undefined {
  const issuerText = env.OIDC_ISSUER?.trim();
  if (!issuerText) return undefined;
  const before = problems.length;

  if (env.OIDC_ALLOW_HTTP && !['true', 'false'].includes(env.OIDC_ALLOW_HTTP)) problems.push(`OIDC_ALLOW_HTTP must be true or false, got "${env.OIDC_ALLOW_HTTP}"`);
  const allowHttp = env.OIDC_ALLOW_HTTP === 'true';
  const issuer = httpUrl(issuerText);
  if (!issuer) {
    problems.push(`OIDC_ISSUER must be the identity provider's issuer URL (https://sso.example.org/realms/efa), got "${issuerText}"`);
  } else if (issuer.protocol === 'http:' && !allowHttp && !LOOPBACK.has(issuer.hostname)) {
    problems.push(`OIDC_ISSUER must use https (plain http only on localhost, or with OIDC_ALLOW_HTTP=true), got "${issuerText}"`);
  }

  const clientId = env.OIDC_CLIENT_ID?.trim() ?? '';
  if (!clientId) problems.push('OIDC_CLIENT_ID must be set when OIDC_ISSUER is set (the client id registered at the identity provider)');
  const clientSecret = env.OIDC_CLIENT_SECRET || undefined;

  const redirectUri = env.OIDC_REDIRECT_URI?.trim() || `http://localhost:${port}/auth/oidc/callback`;
  if (!httpUrl(redirectUri) || new URL(redirectUri).search || new URL(redirectUri).hash) {
    problems.push(`OIDC_REDIRECT_URI must be an http(s) URL without query or fragment (https://efa.example.org/auth/oidc/callback), got "${redirectUri}"`);
  }

  const scopes = (env.OIDC_SCOPES ?? '').trim().split(/\s+/).filter(Boolean).join(' ') || 'openid email profile';
  if (!scopes.split(' ').includes('openid')) problems.push(`OIDC_SCOPES must include openid, got "${env.OIDC_SCOPES}"`);

  const roleClaim = env.OIDC_ROLE_CLAIM?.trim() || 'efa_role';
  const stateClaim = env.OIDC_STATE_CLAIM?.trim() || 'efa_state';

  let roleMap = DEFAULT_OIDC_ROLE_MAP;
  const mapText = env.OIDC_ROLE_MAP?.trim();
  if (mapText) {
    const map = new Map<string, Role>();
    const bad: string[] = [];
    for (const entry of mapText.split(',').map((e) => e.trim()).filter(Boolean)) {
      const at = entry.lastIndexOf('=');
      const value = entry.slice(0, Math.max(at, 0)).trim();
      const role = entry.slice(at + 1).trim() as Role;
      if (at <= 0 || !value || !ROLES.includes(role)) bad.push(`"${entry}"`);
      else if (map.has(value) && map.get(value) !== role) bad.push(`"${entry}" (${value} is mapped twice)`);
      else map.set(value, role);
    }
    if (bad.length || !map.size) {
      problems.push(`OIDC_ROLE_MAP must be comma-separated claimValue=ROLE pairs with ROLE one of ${ROLES.join(', ')} (efa-admin=ADMIN,efa-land=STATE_COORDINATOR); wrong: ${bad.join(', ') || 'no pair'}`);
    }
    roleMap = map;
  }

  if (problems.length > before) return undefined;
  return { issuer: issuerText, clientId, clientSecret, redirectUri, scopes, roleClaim, roleMap, stateClaim, allowHttp };
}
