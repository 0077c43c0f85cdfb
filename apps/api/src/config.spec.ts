import path from 'node:path';
import { ROLES } from '@efa/domain';
import { ConfigError, loadConfig, loadOidcConfig } from './config.js';

describe('configuration', () => {
  it('has sensible defaults: port 3000, embedded database in ./data', () => {
    const c = loadConfig({}, '/srv/efa');
    expect(c).toMatchObject({ port: 3000, databaseUrl: undefined, dataDir: path.resolve('/srv/efa/data'), seed: 'auto' });
  });

  it('reads PORT, DATABASE_URL and DATA_DIR', () => {
    const c = loadConfig({ PORT: '8080', DATABASE_URL: 'postgres://efa@db:5432/efa', DATA_DIR: '/var/lib/efa' }, '/srv');
    expect(c).toMatchObject({ port: 8080, databaseUrl: 'postgres://efa@db:5432/efa', dataDir: '/var/lib/efa' });
  });

  it('explains every wrong value at once', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', SEED: 'sometimes' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: '70000', DATABASE_URL: 'mysql://x', SEED: 'sometimes' });
    } catch (e) {
      expect((e as Error).message).toContain('PORT must be a whole number between 1 and 65535, got "70000"');
      expect((e as Error).message).toContain('DATABASE_URL must be a PostgreSQL connection string');
      expect((e as Error).message).toContain('SEED must be auto, always or never, got "sometimes"');
    }
  });
});

describe('operations configuration', () => {
  it('has defaults for logs, metrics, shutdown, readiness and the pool', () => {
    const c = loadConfig({ LOG_FORMAT: 'json' });
    expect(c).toMatchObject({ logLevel: 'info', logFormat: 'json', metricsToken: undefined, shutdownTimeoutMs: 10_000, readyTimeoutMs: 2_000 });
    expect(c.pool).toEqual({ max: 10, connectTimeoutMs: 5_000, statementTimeoutMs: 60_000, idleInTransactionTimeoutMs: 60_000, keepAliveMs: 10_000, idleTimeoutMs: 10_000, jit: 'off' });
  });

  it('reads every variable', () => {
    const c = loadConfig({
      LOG_LEVEL: 'debug',
      LOG_FORMAT: 'pretty',
      METRICS_TOKEN: 'a-long-enough-token',
      SHUTDOWN_TIMEOUT_MS: '30000',
      READY_TIMEOUT_MS: '500',
      DB_POOL_MAX: '25',
      DB_CONNECT_TIMEOUT_MS: '2000',
      DB_STATEMENT_TIMEOUT_MS: '0',
      DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: '5000',
      DB_KEEPALIVE_MS: '0',
      DB_IDLE_TIMEOUT_MS: '30000',
      DB_JIT: 'server',
    });
    expect(c).toMatchObject({ logLevel: 'debug', logFormat: 'pretty', metricsToken: 'a-long-enough-token', shutdownTimeoutMs: 30_000, readyTimeoutMs: 500 });
    expect(c.pool).toEqual({ max: 25, connectTimeoutMs: 2_000, statementTimeoutMs: 0, idleInTransactionTimeoutMs: 5_000, keepAliveMs: 0, idleTimeoutMs: 30_000, jit: 'server' });
  });

  it('names each wrong variable', () => {
    const problems = (() => {
      try {
        loadConfig({ LOG_LEVEL: 'loud', LOG_FORMAT: 'xml', METRICS_TOKEN: 'short', SHUTDOWN_TIMEOUT_MS: 'soon', DB_POOL_MAX: '0', DB_CONNECT_TIMEOUT_MS: '-1', DB_JIT: 'maybe' });
        return '';
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(problems).toContain('LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"');
    expect(problems).toContain('LOG_FORMAT must be json or pretty, got "xml"');
    expect(problems).toContain('METRICS_TOKEN must be at least 16 characters');
    expect(problems).toContain('SHUTDOWN_TIMEOUT_MS must be a whole number of milliseconds between 0 and 600000, got "soon"');
    expect(problems).toContain('DB_POOL_MAX must be a whole number of connections between 1 and 1000, got "0"');
    expect(problems).toContain('DB_CONNECT_TIMEOUT_MS must be a whole number of milliseconds');
    expect(problems).toContain('DB_JIT must be one of off, on, server, got "maybe"');
  });
});

describe('password hashing (ARGON2_CONCURRENCY)', () => {
  it('runs 1 hash at a time by default and reads the variable', () => {
    expect(loadConfig({}).argon2Concurrency).toBe(1);
    expect(loadConfig({ ARGON2_CONCURRENCY: '2' }).argon2Concurrency).toBe(2);
  });

  it('names a wrong value', () => {
    for (const value of ['0', 'two', '1.5', '65']) {
      expect(() => loadConfig({ ARGON2_CONCURRENCY: value })).toThrow(`ARGON2_CONCURRENCY must be a whole number of hashes between 1 and 64, got "${value}"`);
    }
  });
});

describe('single sign-on configuration (OIDC_*)', () => {
  const base = { OIDC_ISSUER: 'https://sso.example.org/realms/efa', OIDC_CLIENT_ID: 'efa-rollout', OIDC_CLIENT_SECRET: 's3cret' };
  const problemsOf = (env: NodeJS.ProcessEnv): string => {
    try {
      loadConfig(env);
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      return (e as Error).message;
    }
    throw new Error('expected a ConfigError');
  };

  it('is off without OIDC_ISSUER, whatever else is set', () => {
    expect(loadConfig({}).oidc).toBeUndefined();
    expect(loadConfig({ OIDC_ISSUER: '  ', OIDC_CLIENT_ID: 'x' }).oidc).toBeUndefined();
    expect(loadOidcConfig({})).toBeUndefined();
  });

  it('has defaults: redirect to this port\'s callback, openid email profile, efa_role/efa_state, roles by their own names', () => {
    const c = loadConfig({ ...base, PORT: '8080' }).oidc!;
    expect(c).toMatchObject({
      issuer: 'https://sso.example.org/realms/efa',
      clientId: 'efa-rollout',
      clientSecret: 's3cret',
      redirectUri: 'http://localhost:8080/auth/oidc/callback',
      scopes: 'openid email profile',
      roleClaim: 'efa_role',
      stateClaim: 'efa_state',
      allowHttp: false,
    });
    expect([...c.roleMap]).toEqual(ROLES.map((r) => [r, r]));
    expect(loadConfig({ ...base }).oidc!.redirectUri).toBe('http://localhost:3000/auth/oidc/callback');
  });

  it('reads every variable, the role map included; no secret means a public client', () => {
    const c = loadOidcConfig({
      OIDC_ISSUER: 'http://127.0.0.1:8081/realms/efa',
      OIDC_CLIENT_ID: 'efa',
      OIDC_REDIRECT_URI: 'https://efa.example.org/auth/oidc/callback',
      OIDC_SCOPES: ' openid   email ',
      OIDC_ROLE_CLAIM: 'realm_access.roles',
      OIDC_STATE_CLAIM: 'land',
      OIDC_ROLE_MAP: 'efa-admin=ADMIN, efa-rollout=ROLLOUT_MANAGER,efa-land=STATE_COORDINATOR,efa-steering=STEERING_MEMBER,',
    })!;
    expect(c).toMatchObject({ clientSecret: undefined, redirectUri: 'https://efa.example.org/auth/oidc/callback', scopes: 'openid email', roleClaim: 'realm_access.roles', stateClaim: 'land' });
    expect(Object.fromEntries(c.roleMap)).toEqual({ 'efa-admin': 'ADMIN', 'efa-rollout': 'ROLLOUT_MANAGER', 'efa-land': 'STATE_COORDINATOR', 'efa-steering': 'STEERING_MEMBER' });
  });

  it('names every wrong OIDC variable at once', () => {
    const message = problemsOf({
      OIDC_ISSUER: 'sso.example.org',
      OIDC_REDIRECT_URI: 'efa/callback',
      OIDC_SCOPES: 'email profile',
      OIDC_ROLE_MAP: 'efa-admin=ADMIN,efa-boss=BOSS,nothing',
      OIDC_ALLOW_HTTP: 'yes',
    });
    expect(message).toContain('OIDC_ISSUER must be the identity provider\'s issuer URL');
    expect(message).toContain('OIDC_CLIENT_ID must be set when OIDC_ISSUER is set');
    expect(message).toContain('OIDC_REDIRECT_URI must be an http(s) URL');
    expect(message).toContain('OIDC_SCOPES must include openid, got "email profile"');
    expect(message).toContain('OIDC_ROLE_MAP must be comma-separated claimValue=ROLE pairs');
    expect(message).toContain('"efa-boss=BOSS", "nothing"');
    expect(message).toContain('OIDC_ALLOW_HTTP must be true or false, got "yes"');
    expect(() => loadOidcConfig({ OIDC_ISSUER: 'sso.example.org' })).toThrow(/OIDC_ISSUER/);
  });

  it('refuses a value mapped to two roles', () => {
    expect(problemsOf({ ...base, OIDC_ROLE_MAP: 'efa=ADMIN,efa=STEERING_MEMBER' })).toContain('efa is mapped twice');
  });

  it('wants https for the issuer except on this machine or with OIDC_ALLOW_HTTP=true', () => {
    expect(problemsOf({ ...base, OIDC_ISSUER: 'http://keycloak:8080/realms/efa' })).toContain('OIDC_ISSUER must use https');
    expect(loadConfig({ ...base, OIDC_ISSUER: 'http://keycloak:8080/realms/efa', OIDC_ALLOW_HTTP: 'true' }).oidc!.allowHttp).toBe(true);
    expect(loadConfig({ ...base, OIDC_ISSUER: 'http://localhost:8080/realms/efa' }).oidc).toBeDefined();
    expect(loadConfig({ ...base, OIDC_ISSUER: 'http://127.0.0.1:8080' }).oidc).toBeDefined();
  });
});

describe('notification mail configuration (SMTP_*)', () => {
  it('is off without SMTP_URL and SMTP_HOST; PUBLIC_URL defaults to this port', () => {
    const c = loadConfig({ PORT: '4000' });
    expect(c.mail).toBeUndefined();
    expect(c.publicUrl).toBe('http://localhost:4000');
  });

  it('reads SMTP_URL or SMTP_HOST with port, user, password and sender', () => {
    expect(loadConfig({ SMTP_URL: 'smtp://u:p@mail.example.org:2525', SMTP_FROM: 'EfA Rollout <rollout@example.org>', PUBLIC_URL: 'https://efa.example.org/' })).toMatchObject({
      mail: { url: 'smtp://u:p@mail.example.org:2525', from: 'EfA Rollout <rollout@example.org>' },
      publicUrl: 'https://efa.example.org',
    });
    expect(loadConfig({ SMTP_HOST: 'mail.example.org', SMTP_PORT: '465', SMTP_USER: 'u', SMTP_PASS: 'p', SMTP_FROM: 'rollout@example.org' }).mail).toMatchObject({
      host: 'mail.example.org',
      port: 465,
      secure: true,
      user: 'u',
    });
  });

  it('names every wrong SMTP variable', () => {
    const problems = () => loadConfig({ SMTP_HOST: 'mail.example.org', SMTP_PORT: 'abc', SMTP_USER: 'u', SMTP_SECURE: 'yes', PUBLIC_URL: 'ftp://x' });
    expect(problems).toThrow(/SMTP_PORT/);
    expect(problems).toThrow(/SMTP_USER and SMTP_PASS/);
    expect(problems).toThrow(/SMTP_FROM must be set/);
    expect(problems).toThrow(/SMTP_SECURE/);
    expect(problems).toThrow(/PUBLIC_URL/);
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example.org', SMTP_FROM: 'x@example.org' })).toThrow(/SMTP_URL must be an smtp/);
    expect(() => loadConfig({ SMTP_URL: 'smtp://mail.example.org', SMTP_FROM: 'not an address' })).toThrow(/SMTP_FROM must be an e-mail address/);
  });
});
