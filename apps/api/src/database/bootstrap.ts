import type { DataSource } from 'typeorm';
import type { AppConfig, PoolConfig } from '../config.js';
import { seedDatabase, type SeedReport } from '../seed/seed.js';
import { createDataSource } from './data-source.js';

/** Opens the configured database, applies pending migrations and seeds it according to the SEED policy. */
export async function openDatabase(config: Pick<AppConfig, 'databaseUrl' | 'dataDir' | 'seed' | 'logQueries'> & { pool?: PoolConfig }) {
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
