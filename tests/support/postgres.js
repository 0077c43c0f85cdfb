// Test database plumbing shared by jest's global setup/teardown and the test helpers.
// Plain JavaScript: global setup runs before any transform.
import pg from 'pg';

export const DEFAULT_TEST_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** The server tests create their databases on: TEST_DATABASE_URL, else DATABASE_URL, else the local server. */
export function adminUrl() {
  return process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || DEFAULT_TEST_URL;
}

export function withDatabase(url, database) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function adminQuery(sql, params = []) {
  const client = new pg.Client({ connectionString: adminUrl(), connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows;
  } finally {
    await client.end();
  }
}

export async function isReachable() {
  try {
    await adminQuery('SELECT 1');
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether the tests' databases commit without waiting for the WAL flush (synchronous_commit = off,
 * set per database): a commit is then ~0.7 ms instead of a disk flush of ~4 ms on the CI disk, and
 * the suite makes tens of thousands of them (every write, sign-in and audited refusal). Clients see
 * the same answers and the same data; only a crash of the PostgreSQL server itself could lose the
 * last commits, and the tests that crash a server (db-outage) run a cluster of their own.
 * EFA_TEST_SYNC_COMMIT=on keeps the server's default.
 */
const ASYNC_COMMIT = process.env.EFA_TEST_SYNC_COMMIT !== 'on';

/** CREATE DATABASE name [TEMPLATE template], retrying while another session still holds the template. */
export async function createDatabase(name, template) {
  for (let attempt = 0; ; attempt++) {
    try {
      const client = new pg.Client({ connectionString: adminUrl(), connectionTimeoutMillis: 3000 });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`);
        // per database (a clone does not inherit it from its template): every later session of it
        if (ASYNC_COMMIT) await client.query(`ALTER DATABASE "${name}" SET synchronous_commit = off`);
      } finally {
        await client.end();
      }
      return withDatabase(adminUrl(), name);
    } catch (e) {
      if (e.code !== '55006' || attempt > 50) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

export async function dropDatabase(name) {
  await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}
