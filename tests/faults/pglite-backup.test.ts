import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fingerprint } from '../support/fingerprint.js';
import { gqlWithin, startServer, within, type ServerProcess } from '../support/server-process.js';
import { startTestSmtp, type TestSmtp } from '../support/smtp.js';

/**
 * The embedded database (PGlite, `npm start` without DATABASE_URL), with the built server as a child
 * process on a PGlite folder of the test's own:
 * - the notification poller (PGlite has no graphile-worker): a stage change of an onboarding in a
 *   watched state becomes a mail to the watcher, sent by the poller;
 * - backup and restore (`cli.js backup` / `restore`, docs/OPERATIONS.md): refused while the API has
 *   the folder open (lock file); with the API stopped a backup, restored into a fresh folder, has the
 *   same content, table by table.
 * No PostgreSQL server is needed: this runs on either test database.
 */
const CLI = 'apps/api/dist/apps/api/src/cli.js';
const ADMIN = { email: 'admin@demo.invalid', password: 'Demo-Verwaltung-2026' };
const MANAGER = { email: 'rollout@demo.invalid', password: 'Demo-Anbindung-2026' };

function cli(args: string[], dataDir: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve) =>
    execFile(process.execPath, [CLI, ...args], { env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir }, timeout: 180_000 }, (e, stdout, stderr) =>
      resolve({ code: e ? ((e as { code?: number }).code ?? 1) : 0, out: `${stdout}${stderr}` }),
    ),
  );
}

/** The content of a PGlite folder, opened in this process (the folder must be closed everywhere else). */
async function fingerprintOfFolder(dataDir: string) {
  const [{ PGlite }, { uuid_ossp }, { pg_trgm }] = await Promise.all([import('@electric-sql/pglite'), import('@electric-sql/pglite/contrib/uuid_ossp'), import('@electric-sql/pglite/contrib/pg_trgm')]);
  const db = await PGlite.create(dataDir, { extensions: { uuid_ossp, pg_trgm } });
  try {
    return await fingerprint(async (sql) => (await db.query<Record<string, unknown>>(sql)).rows);
  } finally {
    await db.close();
  }
}

describe('embedded database (PGlite): notification poller, backup and restore', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'efa-crash11-pglite-'));
  const dataDir = path.join(dir, 'data');
  let server: ServerProcess | undefined;
  let smtp: TestSmtp;
  let admin: string;

  const signIn = async (who: { email: string; password: string }) => {
    const r = await gqlWithin(server!.base, `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }`, { e: who.email, p: who.password }, { timeoutMs: 30_000 });
    return r.body.data!.signIn.token as string;
  };

  beforeAll(async () => {
    smtp = await startTestSmtp();
    server = await startServer(
      { DATABASE_URL: '', DATA_DIR: dataDir, SEED: 'auto', DEMO_ACCOUNTS: 'true', SMTP_URL: smtp.url, SMTP_FROM: 'EfA Rollout <rollout@example.org>', PUBLIC_URL: 'http://console.example.org' },
      180_000,
    );
    await server.ready;
    admin = await signIn(ADMIN);
  }, 240_000);
  afterAll(async () => {
    server?.kill();
    await smtp?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the poller mails a watcher about a stage change (no job queue on PGlite)', async () => {
    const base = server!.base;
    const manager = await signIn(MANAGER);
    // A new onboarding (an authority of BB and a service it has none for), watched through its state by the rollout manager.
    const states = await gqlWithin(base, `{ allStates(perPage: 16) { id code } }`, {}, { token: admin });
    const bb = (states.body.data!.allStates as Array<{ id: string; code: string }>).find((s) => s.code === 'BB')!.id;
    const authorities = (await gqlWithin(base, `query($s: ID) { allAuthorities(perPage: 1000, filter: { stateId: $s }) { id } }`, { s: bb }, { token: admin })).body.data!.allAuthorities as Array<{ id: string }>;
    const services = (await gqlWithin(base, `{ allServices(perPage: 100) { id } }`, {}, { token: admin })).body.data!.allServices as Array<{ id: string }>;
    const taken = new Set(
      ((await gqlWithin(base, `{ allOnboardings(perPage: 1000) { authorityId serviceId } }`, {}, { token: admin, timeoutMs: 30_000 })).body.data!.allOnboardings as Array<{ authorityId: string; serviceId: string }>).map(
        (o) => `${o.authorityId}/${o.serviceId}`,
      ),
    );
    const pair = authorities.flatMap((a) => services.map((s) => ({ authorityId: a.id, serviceId: s.id }))).find((p) => !taken.has(`${p.authorityId}/${p.serviceId}`))!;
    expect(pair).toBeDefined();
    const watched = await gqlWithin(base, `mutation($id: ID!) { watch(targetType: STATE, targetId: $id) { id } }`, { id: bb }, { token: manager });
    expect(watched.body.errors).toBeUndefined();
    const created = await gqlWithin(base, `mutation($a: ID!, $s: ID!) { createOnboarding(authorityId: $a, serviceId: $s) { id version stage } }`, { a: pair.authorityId, s: pair.serviceId }, { token: admin });
    expect(created.body.errors).toBeUndefined();
    const o = created.body.data!.createOnboarding as { id: string; version: number; stage: string };
    const moved = await gqlWithin(base, `mutation($id: ID!, $v: Int!) { advanceOnboarding(id: $id, version: $v) { id stage } }`, { id: o.id, v: o.version }, { token: admin });
    expect(moved.body.errors).toBeUndefined();
    const toStage = moved.body.data!.advanceOnboarding.stage as string;
    expect(toStage).not.toBe(o.stage);

    // The in-console notification, and its mail through the poller.
    const mine = await gqlWithin(base, `{ myNotifications(perPage: 20) { items { id kind onboardingId } } }`, {}, { token: manager });
    const item = (mine.body.data!.myNotifications.items as Array<{ id: string; kind: string; onboardingId: string }>).find((n) => n.onboardingId === o.id);
    expect(item).toMatchObject({ kind: 'STAGE_CHANGED' });
    const messageId = `<notification.${item!.id}@console.example.org>`;
    const mails = await smtp.waitFor((m) => m.some((x) => x.messageId === messageId), 'the poller to send the mail', 30_000);
    const mail = mails.find((x) => x.messageId === messageId)!;
    expect((Array.isArray(mail.to) ? mail.to : [mail.to]).flatMap((a) => a?.value.map((v) => v.address))).toEqual([MANAGER.email]);
    expect(mails.filter((x) => x.messageId === messageId)).toHaveLength(1);
  }, 120_000);

  it('backup is refused while the API has the folder open; with the API stopped, backup and restore into a fresh folder keep the content table by table', async () => {
    const file = path.join(dir, 'efa-backup.tar.gz');
    const busy = await cli(['backup', '--out', file], dataDir);
    expect(busy.code).toBe(1);
    expect(busy.out).toContain(`is open in process ${server!.child.pid}`);
    expect(fs.existsSync(file)).toBe(false);

    // Stop the API (SIGTERM, graceful), then back up.
    server!.child.kill('SIGTERM');
    expect((await within(server!.exited, 30_000, 'the API to stop')).code).toBe(0);
    const backup = await cli(['backup', '--out', file], dataDir);
    expect(backup).toMatchObject({ code: 0 });
    expect(fs.statSync(file).size).toBeGreaterThan(100_000);
    // A second backup never overwrites a file.
    expect((await cli(['backup', '--out', file], dataDir)).out).toContain('exists already');

    const restored = path.join(dir, 'restored');
    const restore = await cli(['restore', '--in', file], restored);
    expect(restore.code).toBe(0);
    expect(restore.out).toMatch(/Restored .* \(\d+ migrations applied in the backup/);
    // Never into a folder that has data.
    expect((await cli(['restore', '--in', file], dataDir)).out).toContain('is not empty');

    const before = await fingerprintOfFolder(dataDir);
    const after = await fingerprintOfFolder(restored);
    expect(Object.keys(before)).toEqual(expect.arrayContaining(['table authority', 'table audit_event', 'table notification', 'table migrations']));
    expect(before['table authority']).toMatch(/^[1-9]\d* rows/);
    expect(after).toEqual(before);
  }, 240_000);
});
