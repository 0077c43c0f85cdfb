import fs from 'node:fs';
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
