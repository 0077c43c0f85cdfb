import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import type { Response } from 'supertest';
import type { DataSource } from 'typeorm';
import { zipSource } from '../../apps/api/src/export/export-zip.js';
import { FullExportService, directorySink } from '../../apps/api/src/export/full-export.service.js';
import { EXPORT_EXCLUDED_TABLES } from '@efa/domain';
import { createTestDatabase, startTestApp, type TestDatabase, type TestUserKey } from '../support/test-app.js';

/**
 * The full export round trip: the seeded test database exported, imported into a fresh migrated
 * database without data, and every table compared; a broken line or a non-empty target writes
 * nothing; the secrets stay behind.
 */
let source: TestDatabase;
let dir: string;
const SESSION_SECRET = 'secret-signing-key-that-must-not-leave-0123456789';
let sessionId: string;

/** A fresh migrated database without data. */
async function emptyTarget(): Promise<TestDatabase> {
  const db = await createTestDatabase({ empty: true });
  await db.dataSource.runMigrations({ transaction: 'each' });
  return db;
}

const tablesOf = async (ds: DataSource): Promise<string[]> =>
  (await ds.query(`SELECT table_name AS t FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`)).map((r: { t: string }) => r.t);

/**
 * Every table's row count and an order-independent digest of its rows (password hashes and the
 * session key left out, as the export does; generated columns included, as the target recomputes them).
 */
async function contentOf(ds: DataSource): Promise<Record<string, { rows: number; digest: string }>> {
  const out: Record<string, { rows: number; digest: string }> = {};
  for (const t of await tablesOf(ds)) {
    if (EXPORT_EXCLUDED_TABLES.includes(t)) continue;
    const [r] = await ds.query(
      `SELECT count(*)::int AS rows, md5(coalesce(string_agg(j, E'\\n' ORDER BY j), '')) AS digest
         FROM (SELECT (to_jsonb(x) - 'password_hash')::text AS j FROM "${t}" x ${t === 'app_setting' ? `WHERE key <> 'session_secret'` : ''}) s`,
    );
    out[t] = r;
  }
  return out;
}

const countAll = async (ds: DataSource) => {
  const counts: Record<string, number> = {};
  for (const t of await tablesOf(ds)) if (t !== 'migrations') counts[t] = (await ds.query(`SELECT count(*)::int AS n FROM "${t}"`))[0].n;
  return counts;
};

function copyExport(): string {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'efa-export-copy-'));
  for (const f of fs.readdirSync(dir)) fs.copyFileSync(path.join(dir, f), path.join(copy, f));
  return copy;
}

beforeAll(async () => {
  source = await createTestDatabase();
  const q = (sql: string, params?: unknown[]) => source.dataSource.query(sql, params);
  await q(`INSERT INTO app_setting (key, value) VALUES ('session_secret', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, [SESSION_SECRET]);
  await q(`INSERT INTO app_setting (key, value) VALUES ('export_test_setting', 'kept')`);
  [{ id: sessionId }] = await q(`INSERT INTO user_session (user_id, expires_at) SELECT id, now() + interval '1 day' FROM app_user ORDER BY email LIMIT 1 RETURNING id`);
  await q(`INSERT INTO sign_in_attempt (email, address, succeeded) VALUES ('someone@example.invalid', '192.0.2.7', false)`);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'efa-export-'));
  await new FullExportService(source.dataSource).exportTo(directorySink(dir));
});
afterAll(async () => {
  await source?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('full export', () => {
  it('writes a manifest with format, schema version, time and row counts per table in dependency order', async () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.format).toBe(1);
    const [{ name }] = await source.dataSource.query(`SELECT name FROM migrations ORDER BY timestamp DESC LIMIT 1`);
    expect(manifest.schemaVersion).toBe(name);
    expect(Date.parse(manifest.exportedAt)).not.toBeNaN();
    const names: string[] = manifest.tables.map((t: { name: string }) => t.name);
    // every table but the excluded ones, discovered from the catalog
    expect([...names].sort()).toEqual((await tablesOf(source.dataSource)).filter((t) => !EXPORT_EXCLUDED_TABLES.includes(t)));
    for (const [from, to] of [['authority', 'state'], ['onboarding', 'authority'], ['onboarding', 'service_stage'], ['milestone', 'onboarding'], ['app_user', 'state'], ['service_cost', 'service']]) {
      expect(names.indexOf(from)).toBeGreaterThan(names.indexOf(to));
    }
    for (const t of manifest.tables) {
      const lines = fs.readFileSync(path.join(dir, t.file), 'utf8').split('\n').filter(Boolean);
      expect(lines.length).toBe(t.rows);
    }
    expect(manifest.tables.find((t: { name: string }) => t.name === 'audit_event').rows).toBeGreaterThan(0);
    expect(manifest.tables.find((t: { name: string }) => t.name === 'onboarding').rows).toBeGreaterThan(0);
  });

  it('leaves out sessions, sign-in attempts, the session signing key and password hashes', () => {
    const files = fs.readdirSync(dir);
    expect(files).not.toContain('user_session.jsonl');
    expect(files).not.toContain('sign_in_attempt.jsonl');
    expect(files).not.toContain('migrations.jsonl');
    const all = files.filter((f) => f.endsWith('.jsonl')).map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join('\n');
    expect(all).not.toContain(SESSION_SECRET);
    expect(all).not.toContain(sessionId);
    expect(all).not.toContain('192.0.2.7');
    expect(all).not.toContain('password_hash');
    expect(all).not.toContain('$argon2');
    expect(fs.readFileSync(path.join(dir, 'app_setting.jsonl'), 'utf8')).toContain('export_test_setting');
  });

  it('stops and ends its transaction when the output is closed before the end (a download broken off)', async () => {
    const entries: PassThrough[] = [];
    const stalled = () => entries.find((e) => e.writableNeedDrain);
    // nobody reads the entries: the export waits at the first full buffer
    const sink = { entry: () => (entries.push(new PassThrough()), entries[entries.length - 1]) };
    const running = new FullExportService(source.dataSource).exportTo(sink);
    while (!stalled()) await new Promise((r) => setImmediate(r));
    stalled()!.destroy();
    await expect(running).rejects.toThrow('The export output was closed before the end');
    const [{ open }] = await source.dataSource.query(
      `SELECT count(*)::int AS open FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL`,
    );
    expect(open).toBe(0);
  });

  it('refuses a directory that is not empty', () => {
    expect(() => directorySink(dir)).toThrow(/not empty/);
  });
});

describe('full import', () => {
  it('restores the same content into an empty migrated database', async () => {
    const target = await emptyTarget();
    try {
      const counts = await new FullExportService(target.dataSource).importFrom(dir);
      expect(counts.onboarding).toBeGreaterThan(0);
      const [expected, actual] = [await contentOf(source.dataSource), await contentOf(target.dataSource)];
      expect(Object.keys(actual).length).toBeGreaterThan(10);
      expect(actual).toEqual(expected);
      // the public status is not exported: the restore's triggers rebuilt it from the restored rows
      const publicRows = (ds: DataSource) => ds.query(`SELECT service_id, authority_id, status, live_since, apply_url, planned_quarter, search_key FROM public_status ORDER BY 1, 2`);
      const restored = await publicRows(target.dataSource);
      expect(restored.length).toBeGreaterThan(0);
      expect(restored).toEqual(await publicRows(source.dataSource));
      // ids, versions and timestamps are kept (part of the digest), and the secrets did not come along
      expect((await target.dataSource.query(`SELECT count(*)::int AS n FROM user_session`))[0].n).toBe(0);
      expect((await target.dataSource.query(`SELECT count(*)::int AS n FROM app_user WHERE password_hash IS NOT NULL`))[0].n).toBe(0);
    } finally {
      await target.close();
    }
  });

  it('carries password hashes only when asked', async () => {
    const withHashes = fs.mkdtempSync(path.join(os.tmpdir(), 'efa-export-hashes-'));
    const manifest = await new FullExportService(source.dataSource).exportTo(directorySink(withHashes), { passwordHashes: true });
    expect(manifest.passwordHashes).toBe(true);
    const target = await emptyTarget();
    try {
      await new FullExportService(target.dataSource).importFrom(withHashes);
      const hashes = (ds: DataSource) => ds.query(`SELECT id, password_hash FROM app_user ORDER BY id`);
      expect(await hashes(target.dataSource)).toEqual(await hashes(source.dataSource));
    } finally {
      await target.close();
      fs.rmSync(withHashes, { recursive: true, force: true });
    }
  });

  /** Imports a copy of the export with one line changed into an empty database: refused naming file and line, nothing written. */
  async function refusedWithLineChanged(file: string, index: number, change: (line: string) => string, error: RegExp) {
    const copy = copyExport();
    const lines = fs.readFileSync(path.join(copy, file), 'utf8').split('\n');
    lines[index] = change(lines[index]);
    fs.writeFileSync(path.join(copy, file), lines.join('\n'));
    const target = await emptyTarget();
    try {
      await expect(new FullExportService(target.dataSource).importFrom(copy)).rejects.toThrow(error);
      expect(Object.values(await countAll(target.dataSource)).every((n) => n === 0)).toBe(true);
    } finally {
      await target.close();
      fs.rmSync(copy, { recursive: true, force: true });
    }
  }

  it('writes nothing when a line is broken, and names file and line', async () => {
    await refusedWithLineChanged('onboarding.jsonl', 2, (line) => line.slice(0, 20), /onboarding\.jsonl line 3: not valid JSON/);
  });

  it('writes nothing when the database refuses a row, and names file and line', async () => {
    const orphan = (line: string) => JSON.stringify({ ...JSON.parse(line), onboarding_id: '00000000-0000-0000-0000-000000000001' });
    await refusedWithLineChanged('milestone.jsonl', 599, orphan, /milestone\.jsonl line 600: .*fk_milestone_onboarding/);
  });

  it('refuses a database that holds data', async () => {
    const before = await contentOf(source.dataSource);
    await expect(new FullExportService(source.dataSource).importFrom(dir)).rejects.toThrow(/target database is not empty \(rows in .*state/);
    expect(await contentOf(source.dataSource)).toEqual(before);
  });

  it('refuses an export of another schema version, and a row count that differs from the manifest', async () => {
    const copy = copyExport();
    const manifestFile = path.join(copy, 'manifest.json');
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
    const target = await emptyTarget();
    try {
      fs.writeFileSync(manifestFile, JSON.stringify({ ...manifest, schemaVersion: 'Older1700000000000' }));
      await expect(new FullExportService(target.dataSource).importFrom(copy)).rejects.toThrow(/schema version Older1700000000000, the target database/);
      const tables = manifest.tables.map((t: { name: string; rows: number }) => (t.name === 'state' ? { ...t, rows: t.rows + 1 } : t));
      fs.writeFileSync(manifestFile, JSON.stringify({ ...manifest, tables }));
      await expect(new FullExportService(target.dataSource).importFrom(copy)).rejects.toThrow(/state\.jsonl: 16 rows, but the manifest says 17/);
      expect(Object.values(await countAll(target.dataSource)).every((n) => n === 0)).toBe(true);
    } finally {
      await target.close();
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });
});

describe('GET /export/full', () => {
  const binary = (res: Response, done: (err: Error | null, body: Buffer) => void) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  };

  it('gives administrators a zip that restores the same content, records the download, refuses everyone else', async () => {
    const t = await startTestApp();
    const target = await emptyTarget();
    const unpacked = fs.mkdtempSync(path.join(os.tmpdir(), 'efa-export-zip-'));
    try {
      const download = async (as?: TestUserKey) => {
        const req = t.http().get('/export/full');
        if (as) req.set('authorization', `Bearer ${await t.tokenOf(as)}`);
        return req.buffer(true).parse(binary as never);
      };
      const res = await download('ADMIN');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/zip');
      expect(res.headers['content-disposition']).toMatch(/attachment; filename="efa-export-\d{4}-\d{2}-\d{2}\.zip"/);
      const file = path.join(unpacked, 'export.zip');
      fs.writeFileSync(file, res.body as Buffer);
      const zip = await zipSource(file);
      expect(zip.has('manifest.json')).toBe(true);
      expect(zip.has('audit_event.jsonl')).toBe(true);
      expect(zip.has('user_session.jsonl')).toBe(false);
      await new FullExportService(target.dataSource).importFrom(zip);
      expect(await contentOf(target.dataSource)).toEqual(await contentOf(t.dataSource));
      const [event] = await t.dataSource.query(`SELECT actor, comment FROM audit_event WHERE action = 'FULL_EXPORT'`);
      expect(event).toEqual({ actor: 'admin@test.invalid', comment: 'GET /export/full' });

      for (const [as, status] of [['ROLLOUT_MANAGER', 403], ['STEERING_MEMBER', 403], ['STATE_COORDINATOR', 403], [undefined, 401]] as const) {
        const refused = await t.http().get('/export/full').set(as ? { authorization: `Bearer ${await t.tokenOf(as)}` } : {});
        expect({ as, status: refused.status, code: refused.body.errors?.[0]?.extensions?.code }).toEqual({ as, status, code: status === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN' });
      }
    } finally {
      await target.close();
      await t.close();
      fs.rmSync(unpacked, { recursive: true, force: true });
    }
  });
});
