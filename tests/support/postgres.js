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

/** CREATE DATABASE name [TEMPLATE template], retrying while another session still holds the template. */
export async function createDatabase(name, template) {
  for (let attempt = 0; ; attempt++) {
    try {
      await adminQuery(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`);
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
