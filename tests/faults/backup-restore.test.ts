import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createDatabase, dropDatabase } from '../support/postgres.js';
import { fingerprint } from '../support/fingerprint.js';
import { postgresBinaries } from '../support/own-postgres.js';

/**
 * The backup procedure of docs/OPERATIONS.md: `pg_dump -Fc` of a seeded database, `pg_restore` into
 * a fresh, empty database, and the content compared table by table (row count and a checksum of
 * the ordered rows), sequences included.
 */
const onPostgres = process.env.EFA_TEST_DB === 'postgres';
if (!onPostgres) console.warn('[backup test] needs the PostgreSQL test server (TEST_DATABASE_URL); skipped on the PGlite fallback');
const describeOnPostgres = onPostgres ? describe : describe.skip;

function tool(name: string): string {
  const bin = postgresBinaries();
  return bin && fs.existsSync(path.join(bin, name)) ? path.join(bin, name) : name;
}

function run(cmd: string, args: string[], timeoutMs = 120_000): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(cmd, args, { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (e, stdout, stderr) => (e ? reject(new Error(`${path.basename(cmd)} failed: ${e.message}\n${stderr}`)) : resolve(stdout))),
  );
}

/** The fingerprint (tests/support/fingerprint.ts) of a PostgreSQL database. */
async function fingerprintOf(url: string): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fingerprint(async (sql) => (await client.query(sql)).rows);
  } finally {
    await client.end();
  }
}

describeOnPostgres('backup with pg_dump and restore with pg_restore', () => {
  const suffix = Math.random().toString(36).slice(2, 8);
  const source = `${process.env.EFA_TEST_RUN_ID}_backup_src_${suffix}`;
  const target = `${process.env.EFA_TEST_RUN_ID}_backup_dst_${suffix}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'efa-backup-'));

  afterAll(async () => {
    await dropDatabase(source);
    await dropDatabase(target);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('restores a dump into a fresh database with the same content, table by table', async () => {
    const sourceUrl = await createDatabase(source, process.env.EFA_TEST_TEMPLATE);
    // Content beyond the seed: text with line breaks, quotes and umlauts, and a NULL.
    const client = new pg.Client({ connectionString: sourceUrl });
    await client.connect();
    await client.query(`UPDATE authority SET notes = E'Zeile 1\\nZeile "2" – Größe', website = NULL WHERE id = (SELECT id FROM authority ORDER BY ars LIMIT 1)`);
    await client.end();

    const file = path.join(dir, 'efa.dump');
    await run(tool('pg_dump'), ['--format=custom', '--no-owner', '--file', file, '--dbname', sourceUrl]);
    expect(fs.statSync(file).size).toBeGreaterThan(10_000);

    const targetUrl = await createDatabase(target);
    await run(tool('pg_restore'), ['--no-owner', '--exit-on-error', '--single-transaction', '--dbname', targetUrl, file]);

    const before = await fingerprintOf(sourceUrl);
    const after = await fingerprintOf(targetUrl);
    expect(Object.keys(before)).toContain('table authority');
    expect(Object.keys(before)).toContain('table audit_event');
    expect(Object.keys(before)).toContain('table migrations');
    expect(before['table authority']).toMatch(/^401 rows/);
    expect(after).toEqual(before);
  }, 180_000);
});
