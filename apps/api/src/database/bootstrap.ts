import type { AppConfig } from '../config.js';
import { seedDatabase, type SeedReport } from '../seed/seed.js';
import { createDataSource } from './data-source.js';
import { installJobQueue } from '../notification/notification-worker.js';

/** Opens the configured database, applies pending migrations and seeds it according to the SEED policy. */
export async function openDatabase(config: Pick<AppConfig, 'databaseUrl' | 'dataDir' | 'seed' | 'logQueries'>) {
  const opened = await createDataSource({ url: config.databaseUrl, dataDir: config.dataDir, echo: config.logQueries });
  await opened.dataSource.initialize();
  const migrations = await opened.dataSource.runMigrations({ transaction: 'each' });
  // The notification job queue's own schema (graphile-worker's migrations), PostgreSQL only: writes enqueue mail jobs into it.
  if (opened.kind === 'postgres' && config.databaseUrl) await installJobQueue(config.databaseUrl);
  let seeded: SeedReport | undefined;
  if (config.seed === 'always') seeded = await seedDatabase(opened.dataSource);
  if (config.seed === 'auto') {
    const [{ n }] = await opened.dataSource.query(`SELECT count(*)::int AS n FROM state`);
    if (n === 0) seeded = await seedDatabase(opened.dataSource);
  }
  return { ...opened, migrations: migrations.map((m) => m.name), seeded };
}
