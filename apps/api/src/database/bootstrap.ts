import pg from 'pg';
import type { DataSource } from 'typeorm';
import type { AppConfig, PoolConfig } from '../config.js';
import { seedDatabase, type SeedReport } from '../seed/seed.js';
import { createDataSource } from './data-source.js';

/** Key of the PostgreSQL advisory lock under which an instance migrates and seeds. */
export const MIGRATION_LOCK = 7_131_400_011;

/**
 * Opens the configured database, applies pending migrations and seeds it according to the SEED
 * policy. On PostgreSQL, instances starting together take turns (advisory lock): the first
 * migrates, the others find nothing left to do.
 */
export async function openDatabase(config: Pick<AppConfig, 'databaseUrl' | 'dataDir' | 'seed' | 'logQueries'> & { pool?: PoolConfig }) {
  if (!config.databaseUrl) return openUnlocked(config);
  const lock = new pg.Client({ connectionString: config.databaseUrl, connectionTimeoutMillis: config.pool?.connectTimeoutMs ?? 5000 });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    return await openUnlocked(config);
  } finally {
    await lock.end().catch(() => undefined); // ending the session releases the lock
  }
}

async function openUnlocked(config: Pick<AppConfig, 'databaseUrl' | 'dataDir' | 'seed' | 'logQueries'> & { pool?: PoolConfig }) {
  const target = { url: config.databaseUrl, dataDir: config.dataDir, echo: config.logQueries };
  const limited = config.databaseUrl && (config.pool?.statementTimeoutMs || config.pool?.idleInTransactionTimeoutMs);
  if (limited) {
    // Migrations and the seed run on a connection of their own without the statement timeout of the
    // serving pool (building an index on a large table may take longer than any request should).
    const maintenance = await createDataSource({ ...target, pool: { max: 1, connectTimeoutMs: config.pool?.connectTimeoutMs } });
    await maintenance.dataSource.initialize();
    try {
      const prepared = await prepare(maintenance.dataSource, config.seed);
      const opened = await createDataSource({ ...target, pool: config.pool });
      await opened.dataSource.initialize();
      return { ...opened, ...prepared };
    } finally {
      await maintenance.dataSource.destroy();
    }
  }
  const opened = await createDataSource({ ...target, pool: config.pool });
  await opened.dataSource.initialize();
  return { ...opened, ...(await prepare(opened.dataSource, config.seed)) };
}

async function prepare(dataSource: DataSource, policy: AppConfig['seed']): Promise<{ migrations: string[]; seeded: SeedReport | undefined }> {
  const migrations = await dataSource.runMigrations({ transaction: 'each' });
  let seeded: SeedReport | undefined;
  if (policy === 'always') seeded = await seedDatabase(dataSource);
  if (policy === 'auto') {
    const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM state`);
    if (n === 0) seeded = await seedDatabase(dataSource);
  }
  return { migrations: migrations.map((m) => m.name), seeded };
}
