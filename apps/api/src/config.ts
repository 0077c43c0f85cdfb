import path from 'node:path';

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
  };
}
