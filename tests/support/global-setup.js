import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { adminUrl, createDatabase, isReachable } from './postgres.js';
import { insertTestUsers } from './users.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Prepares the database for the run: on PostgreSQL a template database,
 * migrated and seeded once, from which every test file clones its own
 * database (CREATE DATABASE ... TEMPLATE, fast and isolated). Without a
 * reachable PostgreSQL the tests fall back to embedded PGlite, except under
 * CI=true, where that is a failure.
 */
export default async function globalSetup() {
  const runId = `efa_test_${process.pid}_${Date.now().toString(36)}`;
  process.env.EFA_TEST_RUN_ID = runId;
  startSeededPglite();
  if (!(await isReachable())) {
    const where = adminUrl().replace(/\/\/[^@]*@/, '//');
    if (process.env.CI === 'true' || process.env.CI === '1') {
      throw new Error(`PostgreSQL is not reachable at ${where}; under CI=true the tests need it (set TEST_DATABASE_URL or start the server)`);
    }
    console.warn(`\n[tests] PostgreSQL is not reachable at ${where}: falling back to embedded PGlite (in memory). Set TEST_DATABASE_URL to use a server.`);
    process.env.EFA_TEST_DB = 'pglite';
    return;
  }
  process.env.EFA_TEST_DB = 'postgres';
  const template = `${runId}_tpl`;
  const url = await createDatabase(template);
  const bootstrap = path.join(root, 'apps/api/dist/apps/api/src/database/bootstrap.js');
  if (!fs.existsSync(bootstrap)) throw new Error('apps/api is not built: run the tests with `npm test` (it builds first)');
  const { openDatabase } = await import(pathToFileURL(bootstrap).href);
  const db = await openDatabase({ databaseUrl: url, dataDir: '', seed: 'always', logQueries: false });
  await insertTestUsers((sql, params) => db.dataSource.query(sql, params));
  await db.dataSource.destroy();
  process.env.EFA_TEST_TEMPLATE = template;
  process.env.EFA_TEST_ADMIN_URL = adminUrl();
}

/**
 * A migrated and seeded PGlite folder, built in the background by the CLI (`cli.js seed`) while the
 * template database is made and the first test files run, for the tests that need an embedded
 * database with data but do not test its first start (tests/faults/pglite-backup.test.ts copies it
 * with `seededPgliteFolder`). The first start on an empty folder stays tested by tests/smoke/start.test.ts.
 * Its folder: EFA_TEST_PGLITE_SEEDED (`data`, then `ready` or `failed` next to it).
 */
function startSeededPglite() {
  const cli = path.join(root, 'apps/api/dist/apps/api/src/cli.js');
  if (!fs.existsSync(cli)) return;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'efa-test-pglite-'));
  const log = fs.openSync(path.join(dir, 'seed.log'), 'w');
  const child = spawn(process.execPath, [cli, 'seed'], { cwd: root, env: { ...process.env, DATABASE_URL: '', DATA_DIR: path.join(dir, 'data') }, stdio: ['ignore', log, log] });
  child.once('exit', (code, signal) => {
    fs.closeSync(log);
    if (fs.existsSync(dir)) fs.writeFileSync(path.join(dir, code === 0 ? 'ready' : 'failed'), String(code ?? signal));
  });
  child.once('error', () => undefined);
  // the run's end must not wait for it (global teardown ends it and removes the folder)
  child.unref();
  process.env.EFA_TEST_PGLITE_SEEDED = dir;
  process.env.EFA_TEST_PGLITE_SEEDER_PID = String(child.pid);
}
