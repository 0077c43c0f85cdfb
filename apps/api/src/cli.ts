import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from './config.js';
import { backupPglite, createDataSource, restorePglite } from './database/data-source.js';
import { randomBytes } from 'node:crypto';
import { DomainError, ErrorCode, isDomainError, type Role } from '@efa/domain';
import { AccountService } from './account/account.service.js';
import { IMPORT_USAGE, runImportCli } from './import/import-cli.js';
import { createApp } from './app.factory.js';
import { SYSTEM_ACTOR } from './common/actor.js';
import { openDatabase } from './database/bootstrap.js';
import { printApiSchema } from './schema.js';
import { seedDatabase } from './seed/seed.js';
import { once } from 'node:events';
import { zipSink, zipSource } from './export/export-zip.js';
import { FullExportService, directorySink } from './export/full-export.service.js';

const USAGE = `Usage: node apps/api/dist/apps/api/src/cli.js <command>
  migrate   apply pending migrations
  revert    undo the last migration
  seed      insert the reference and demo data (idempotent)
  reset     drop everything, migrate and seed again (asks nothing: use with care)
  schema    write the GraphQL schema to apps/api/schema.graphql
  export --out DIR|FILE.zip [--with-password-hashes]
            write a full export (manifest.json and one JSON-lines file per table) into a new or empty DIR, or a new zip file
  import:full --in DIR|FILE.zip
            restore a full export into this database: migrated (done here), without data; one transaction
  backup --out FILE.tar.gz
            embedded database only: a consistent copy of the PGlite folder (DATA_DIR) into a new file; stop the API first
            (on PostgreSQL use pg_dump, see docs/OPERATIONS.md)
  restore --in FILE.tar.gz
            embedded database only: a backup into DATA_DIR, which must be new or empty
  user:create --email E --role ADMIN|ROLLOUT_MANAGER|STATE_COORDINATOR|STEERING_MEMBER [--state BB] [--name "…"]
            create an account; the password comes from EFA_PASSWORD or standard input, else a random one is printed once
${IMPORT_USAGE}
Database: DATABASE_URL (PostgreSQL) or the embedded PGlite in DATA_DIR (default ./data).`;

async function run(command: string | undefined): Promise<void> {
  if (command === 'schema') {
    const file = path.resolve('apps/api/schema.graphql');
    fs.writeFileSync(file, await printApiSchema());
    console.log(`Wrote ${path.relative(process.cwd(), file)}`);
    return;
  }
  if (command === 'user:create') return createUser(process.argv.slice(3));
  if (command === 'export' || command === 'import:full') return fullExport(command, process.argv.slice(3));
  if (command === 'import') return runImportCli(process.argv.slice(3));
  if (command === 'backup' || command === 'restore') return embeddedBackup(command, process.argv.slice(3));
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

/** Backup and restore of the embedded database (PGlite folder); PostgreSQL has pg_dump and pg_restore. */
async function embeddedBackup(command: 'backup' | 'restore', args: string[]): Promise<void> {
  const config = loadConfig();
  if (config.databaseUrl) {
    console.error(`${command} is for the embedded database (no DATABASE_URL); for PostgreSQL use pg_dump / pg_restore (docs/OPERATIONS.md)`);
    process.exit(2);
  }
  const file = option(args, command === 'backup' ? 'out' : 'in');
  if (!file) {
    console.error(command === 'backup' ? 'backup needs --out FILE.tar.gz' : 'restore needs --in FILE.tar.gz');
    process.exit(2);
  }
  try {
    if (command === 'backup') {
      const bytes = await backupPglite(config.dataDir, file);
      console.log(`Backed up the embedded database ${config.dataDir} into ${file} (${bytes} bytes)`);
    } else {
      if (!fs.existsSync(file)) throw new Error(`${file} does not exist`);
      const migrations = await restorePglite(file, config.dataDir);
      console.log(`Restored ${file} into ${config.dataDir} (${migrations} migrations applied in the backup; \`npm start\` migrates it further if needed)`);
    }
  } catch (e) {
    console.error(`${command} failed: ${(e as Error).message}`);
    process.exit(1);
  }
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  let data = '';
  for await (const chunk of process.stdin) data += chunk;
  return data.trim();
}

async function createUser(args: string[]): Promise<void> {
  const email = option(args, 'email');
  const role = option(args, 'role') as Role | undefined;
  if (!email || !role) {
    console.error(USAGE);
    process.exit(2);
  }
  const config = loadConfig();
  const db = await openDatabase({ ...config, seed: 'never' });
  const app = await createApp(db.dataSource, db.kind, { logger: ['error'], notifications: { worker: false } });
  try {
    const generated = randomBytes(15).toString('base64url');
    const password = process.env.EFA_PASSWORD || (await readStdin()) || generated;
    const user = await app.get(AccountService).createAccount({ email, role, stateCode: option(args, 'state'), displayName: option(args, 'name') ?? email, password }, SYSTEM_ACTOR);
    console.log(`Created ${user.role} ${user.email}`);
    if (password === generated) console.log(`Password (shown once, change it after signing in): ${generated}`);
  } catch (e) {
    console.error(isDomainError(e) ? e.message : e);
    process.exitCode = 2;
  } finally {
    await app.close();
  }
}

async function fullExport(command: 'export' | 'import:full', args: string[]): Promise<void> {
  const dir = option(args, command === 'export' ? 'out' : 'in');
  if (!dir) {
    console.error(USAGE);
    process.exit(2);
  }
  const config = loadConfig();
  const { dataSource, kind } = await createDataSource({ url: config.databaseUrl, dataDir: config.dataDir, echo: config.logQueries });
  await dataSource.initialize();
  console.log(`Database: ${kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)'}`);
  const service = new FullExportService(dataSource);
  const started = Date.now();
  try {
    if (command === 'export') {
      const options = { passwordHashes: args.includes('--with-password-hashes') };
      let manifest;
      if (dir.endsWith('.zip')) {
        if (fs.existsSync(dir)) throw new DomainError(ErrorCode.VALIDATION, `${dir} exists already`);
        const out = fs.createWriteStream(dir);
        const sink = zipSink(out);
        manifest = await service.exportTo(sink, options);
        await sink.finish();
        if (!out.closed) await once(out, 'close');
      } else manifest = await service.exportTo(directorySink(dir), options);
      for (const t of manifest.tables) console.log(`  ${t.name}: ${t.rows}`);
      console.log(`Exported ${manifest.tables.length} tables to ${dir} in ${Date.now() - started} ms (schema ${manifest.schemaVersion})`);
    } else {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      if (applied.length) console.log(`Applied ${applied.map((m) => m.name).join(', ')}`);
      const source = dir.endsWith('.zip') ? await zipSource(dir) : dir;
      const counts = await service.importFrom(source, (table, rows) => console.log(`  ${table}: ${rows}`));
      console.log(`Imported ${Object.keys(counts).length} tables from ${dir} in ${Date.now() - started} ms`);
    }
  } catch (e) {
    console.error(isDomainError(e) ? e.message : e);
    process.exitCode = 2;
  } finally {
    await dataSource.destroy();
  }
}

run(process.argv[2]).catch((e) => {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(e instanceof ConfigError ? 2 : 1);
});
