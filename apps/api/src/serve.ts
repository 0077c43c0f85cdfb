import 'reflect-metadata';
import { createApp } from './app.factory.js';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './database/bootstrap.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const started = Date.now();
  const db = await openDatabase(config);
  const where = db.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)';
  console.log(`Database: ${where}${db.migrations.length ? `; applied ${db.migrations.join(', ')}` : ''}`);
  if (db.seeded) console.log(`Seeded: ${JSON.stringify(db.seeded)}`);

  const app = await createApp(db.dataSource, db.kind, { adminDist: config.adminDist });
  await app.listen(config.port, config.host);
  const base = `http://localhost:${config.port}`;
  console.log(`EfA Rollout is running (${Date.now() - started} ms):`);
  console.log(`  Console:  ${base}/`);
  console.log(`  GraphQL:  ${base}/graphql`);
  console.log(`  Health:   ${base}/health`);
}

main().catch((e) => {
  if (e instanceof ConfigError) {
    console.error(e.message);
    process.exit(2);
  }
  console.error(e);
  process.exit(1);
});
