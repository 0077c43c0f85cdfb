import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from './config.js';
import { createDataSource } from './database/data-source.js';
import { printApiSchema } from './schema.js';
import { seedDatabase } from './seed/seed.js';

const USAGE = `Usage: node apps/api/dist/apps/api/src/cli.js <command>
  migrate   apply pending migrations
  revert    undo the last migration
  seed      insert the reference and demo data (idempotent)
  reset     drop everything, migrate and seed again (asks nothing: use with care)
  schema    write the GraphQL schema to apps/api/schema.graphql
Database: DATABASE_URL (PostgreSQL) or the embedded PGlite in DATA_DIR (default ./data).`;

async function run(command: string | undefined): Promise<void> {
  if (command === 'schema') {
    const file = path.resolve('apps/api/schema.graphql');
    fs.writeFileSync(file, await printApiSchema());
    console.log(`Wrote ${path.relative(process.cwd(), file)}`);
    return;
  }
  if (!command || !['migrate', 'revert', 'seed', 'reset'].includes(command)) {
    console.error(USAGE);
    process.exit(command ? 2 : 0);
  }
  const config = loadConfig();
  const { dataSource, kind } = await createDataSource({ url: config.databaseUrl, dataDir: config.dataDir, echo: config.logQueries });
  await dataSource.initialize();
  console.log(`Database: ${kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)'}`);
  try {
    if (command === 'reset') {
      await dataSource.query(`DROP SCHEMA public CASCADE`);
      await dataSource.query(`CREATE SCHEMA public`);
      console.log('Dropped all tables');
    }
    if (command === 'migrate' || command === 'reset' || command === 'seed') {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      console.log(applied.length ? `Applied ${applied.map((m) => m.name).join(', ')}` : 'No pending migrations');
    }
    if (command === 'revert') {
      await dataSource.undoLastMigration({ transaction: 'each' });
      console.log('Reverted the last migration');
    }
    if (command === 'seed' || command === 'reset') console.log(`Seeded (new rows): ${JSON.stringify(await seedDatabase(dataSource))}`);
  } finally {
    await dataSource.destroy();
  }
}

run(process.argv[2]).catch((e) => {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(e instanceof ConfigError ? 2 : 1);
});
