import net from 'node:net';
import pg from 'pg';
import { createDatabase, dropDatabase } from '../support/postgres.js';
import { startTestSmtp, type TestSmtp } from '../support/smtp.js';
import { gqlWithin, startServer, waitFor, within, type ServerProcess } from '../support/server-process.js';
import { TEST_PASSWORD, TEST_USERS } from '../support/users.js';

/**
 * kill -9 of the API in the middle of an operation (the built server as a child process on a
 * database of its own). The moment is not a fixed sleep: the test holds a row lock on the record the
 * operation writes LAST, waits until PostgreSQL shows the server's transaction waiting for that lock
 * (everything before it is written, uncommitted), and kills the process then. After the restart and
 * once the orphaned database session has ended, the database holds none of the operation; the same
 * operation through the restarted server then writes all of it, each change with its audit event
 * (and, for moves, its transition row) — the audit log matches the data.
 *
 * Figures (faults injected, rows checked, writes lost) are printed with the prefix [api crash].
 */
const onPostgres = process.env.EFA_TEST_DB === 'postgres';
if (!onPostgres) console.warn('[api crash test] needs the PostgreSQL test server (TEST_DATABASE_URL); skipped on the PGlite fallback');
const describeOnPostgres = onPostgres ? describe : describe.skip;

const BATCH = 200; // onboardings of the bulk advance
const IMPORT_ROWS = 1000; // new authorities of the import (two batches of 500), plus one update row at the end

describeOnPostgres('kill -9 of the API during an operation', () => {
  const name = `${process.env.EFA_TEST_RUN_ID}_crash11_${Math.random().toString(36).slice(2, 8)}`;
  let url: string;
  let db: pg.Client;
  let locker: pg.Client | undefined;
  let server: ServerProcess | undefined;
  const figures: string[] = [];

  // Mail: a server that accepts connections and never answers (a mail job stays in progress), or a real test SMTP server.
  const sockets: net.Socket[] = [];
  const blackHole = net.createServer((socket) => sockets.push(socket));
  let smtp: TestSmtp;
  let mailTo: 'black hole' | 'smtp' = 'black hole';
  const mailEnv = () => ({
    SMTP_URL: mailTo === 'smtp' ? smtp.url : `smtp://127.0.0.1:${(blackHole.address() as net.AddressInfo).port}`,
    SMTP_FROM: 'EfA Rollout <rollout@example.org>',
    PUBLIC_URL: 'http://console.example.org',
  });
  async function start() {
    server = await startServer({ DATABASE_URL: url, SEED: 'never', DEMO_ACCOUNTS: 'false', ...mailEnv() });
    await server.ready;
    return signIn(TEST_USERS.ADMIN.email);
  }
  async function signIn(email: string) {
    const r = await gqlWithin(server!.base, `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }`, { e: email, p: TEST_PASSWORD });
    return r.body.data!.signIn.token as string;
  }
  const one = async <T = Record<string, any>>(sql: string, params: unknown[] = []) => (await db.query(sql, params)).rows[0] as T;

  /** Holds a row lock (SELECT … FOR UPDATE) in a transaction of the test's own until release(). */
  async function lockRow(table: string, id: string) {
    locker = new pg.Client({ connectionString: url });
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query(`SELECT id FROM ${table} WHERE id = $1 FOR UPDATE`, [id]);
    const lockerPid = (await locker.query('SELECT pg_backend_pid() AS pid')).rows[0].pid as number;
    return lockerPid;
  }
  async function release() {
    await locker?.query('ROLLBACK').catch(() => undefined);
    await locker?.end().catch(() => undefined);
    locker = undefined;
  }

  /** Waits until a session of the server waits for the test's lock; answers its pid and how many rows of `table` it had written by then (its own locks). */
  async function waitUntilBlocked(lockerPid: number, what: string): Promise<number> {
    let pid = 0;
    await waitFor(
      what,
      async () => {
        const row = await one<{ pid: number } | undefined>(`SELECT pid FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock' AND $2 = ANY(pg_blocking_pids(pid))`, [name, lockerPid]);
        pid = row?.pid ?? 0;
        return pid !== 0;
      },
      60_000,
      100,
    );
    return pid;
  }

  /** kill -9, and the time it took the process to go. */
  async function crash() {
    const s = server!;
    s.child.kill('SIGKILL');
    const { signal } = await within(s.exited, 10_000, 'the killed server to exit');
    expect(signal).toBe('SIGKILL');
  }

  /** After the test's lock is gone the orphaned session runs into its dead client and rolls back; waits for it to end. */
  async function orphanGone(pid: number) {
    await release();
    await waitFor('the orphaned database session of the killed server to end', async () => !(await one(`SELECT 1 AS x FROM pg_stat_activity WHERE pid = $1`, [pid])), 30_000, 100);
  }

  beforeAll(async () => {
    url = await createDatabase(name, process.env.EFA_TEST_TEMPLATE);
    db = new pg.Client({ connectionString: url });
    await db.connect();
    await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
    smtp = await startTestSmtp();
    token = await start();
  }, 120_000);
  let token: string;
  afterEach(async () => {
    await release();
  });
  afterAll(async () => {
    server?.kill();
    for (const socket of sockets) socket.destroy();
    blackHole.close();
    await smtp?.close();
    await db?.end().catch(() => undefined);
    await dropDatabase(name);
    if (figures.length) console.log(`[api crash]\n${figures.join('\n')}`);
  });

  it('notification job: a job locked by a killed process is released at the next start (not after the 4-hour lock expiry) and delivered once', async () => {
    const started = Date.now();
    // The first process mails to the black hole: the mail job stays in progress.
    if (mailTo !== 'black hole') {
      server?.kill();
      mailTo = 'black hole';
      token = await start();
    }
    {
      // The rollout manager watches an authority; the administrator moves its new onboarding: one immediate mail to the manager.
      const o = await one<{ id: string; authority_id: string; version: number }>(
        `INSERT INTO onboarding (authority_id, service_id, stage, status, stage_entered_at)
         SELECT a.id, s.id, (SELECT key FROM service_stage WHERE service_id = s.id ORDER BY position LIMIT 1), 'ACTIVE', now()
           FROM authority a CROSS JOIN service s
          WHERE (SELECT count(*) FROM service_stage WHERE service_id = s.id) >= 3
            AND NOT EXISTS (SELECT 1 FROM onboarding o WHERE o.authority_id = a.id AND o.service_id = s.id)
          ORDER BY a.ars DESC, s.id LIMIT 1 RETURNING id, authority_id, version`,
      );
      const manager = await signIn(TEST_USERS.ROLLOUT_MANAGER.email);
      const watched = await gqlWithin(server!.base, `mutation($id: ID!) { watch(targetType: AUTHORITY, targetId: $id) { id } }`, { id: o.authority_id }, { token: manager });
      expect(watched.body.errors).toBeUndefined();
      const moved = await gqlWithin(server!.base, `mutation($id: ID!, $v: Int!) { advanceOnboarding(id: $id, version: $v) { id stage } }`, { id: o.id, v: o.version }, { token });
      expect(moved.body.errors).toBeUndefined();
      const notification = await one<{ id: string }>(
        `SELECT n.id FROM notification n JOIN notification_event e ON e.id = n.event_id JOIN app_user u ON u.id = n.user_id WHERE e.onboarding_id = $1 AND u.email = $2`,
        [o.id, TEST_USERS.ROLLOUT_MANAGER.email],
      );
      const job = async () => one<{ locked_by: string | null } | undefined>(`SELECT locked_by FROM graphile_worker.jobs WHERE key = $1`, [`mail:${notification.id}`]);
      await waitFor('a worker of the first process to lock the mail job and connect to the mail server', async () => Boolean((await job())?.locked_by) && sockets.length > 0, 30_000, 100);
      const lockedBy = (await job())!.locked_by!;
      expect(lockedBy).toMatch(/^pool-[0-9a-f]+$/);

      await crash(); // the job stays locked by a worker that is gone
      expect((await job())?.locked_by).toBe(lockedBy);

      mailTo = 'smtp';
      token = await start();
      const mails = await smtp.waitFor((m) => m.some((x) => x.messageId === `<notification.${notification.id}@console.example.org>`), 'the mail of the released job', 30_000);
      await waitFor('the job to be done', async () => !(await job()), 10_000, 100);
      expect(mails.filter((x) => x.messageId === `<notification.${notification.id}@console.example.org>`)).toHaveLength(1);
      expect(await one(`SELECT mail_sent_at IS NOT NULL AS sent FROM notification WHERE id = $1`, [notification.id])).toEqual({ sent: true });
      expect(server!.output()).toContain(`released the jobs of 1 job worker pool(s) that are gone: ${lockedBy}`);
      figures.push(`notification job: 1 kill -9 with the mail job locked by ${lockedBy}; released at the next start, mail delivered once; ${Date.now() - started} ms`);
    }
  }, 240_000);

  it('bulk advance: killed mid-transaction, none of the batch is moved; the retry moves all, each with one transition and one audit event', async () => {
    const started = Date.now();
    // BATCH onboardings in the first stage of one service (test data; the advance is what is tested).
    const service = await one<{ id: string; first: string; second: string }>(
      `SELECT s.id, (SELECT key FROM service_stage WHERE service_id = s.id ORDER BY position LIMIT 1) AS first,
              (SELECT key FROM service_stage WHERE service_id = s.id ORDER BY position OFFSET 1 LIMIT 1) AS second
         FROM service s WHERE (SELECT count(*) FROM service_stage WHERE service_id = s.id) >= 3
        ORDER BY (SELECT count(*) FROM onboarding o WHERE o.service_id = s.id), s.id LIMIT 1`,
    );
    const ids = (
      await db.query(
        `INSERT INTO onboarding (authority_id, service_id, stage, status, stage_entered_at)
         SELECT a.id, $1, $2, 'ACTIVE', now() - interval '30 days' FROM authority a
          WHERE NOT EXISTS (SELECT 1 FROM onboarding o WHERE o.authority_id = a.id AND o.service_id = $1)
          ORDER BY a.ars LIMIT $3 RETURNING id`,
        [service.id, service.first, BATCH],
      )
    ).rows.map((r) => r.id as string);
    expect(ids).toHaveLength(BATCH);
    const state = async () =>
      one<{ moved: number; transitions: number; events: number }>(
        `SELECT (SELECT count(*)::int FROM onboarding WHERE id = ANY($1) AND stage = $2) AS moved,
                (SELECT count(*)::int FROM onboarding_transition WHERE onboarding_id = ANY($1) AND kind = 'ADVANCE') AS transitions,
                (SELECT count(*)::int FROM audit_event WHERE entity_id = ANY($1) AND action = 'ADVANCE') AS events`,
        [ids, service.second],
      );
    expect(await state()).toEqual({ moved: 0, transitions: 0, events: 0 });

    // The advance runs in sorted id order: the last id is written last.
    const last = [...ids].sort().at(-1)!;
    const lockerPid = await lockRow('onboarding', last);
    const ADVANCE = `mutation($ids: [ID!]!, $c: String) { advanceOnboardings(ids: $ids, comment: $c) { id moved code } }`;
    const pending = gqlWithin(server!.base, ADVANCE, { ids, c: 'Absturztest' }, { token, timeoutMs: 120_000 }).then(
      () => 'answered',
      () => 'no answer',
    );
    const orphan = await waitUntilBlocked(lockerPid, 'the bulk advance to reach its last onboarding');
    // The transaction is in progress: it holds row locks on the BATCH - 1 onboardings it moved already (visible to the test as locks, not as data).
    const held = await one<{ n: number }>(`SELECT count(*)::int AS n FROM pg_locks l WHERE l.pid = $1 AND l.locktype = 'transactionid'`, [orphan]);
    expect(held.n).toBeGreaterThan(0);
    expect(await state()).toEqual({ moved: 0, transitions: 0, events: 0 }); // uncommitted, so invisible
    await crash();
    expect(await pending).toBe('no answer');

    token = await start(); // the restarted API, while the orphaned session still waits
    await orphanGone(orphan);
    const afterCrash = await state();
    expect(afterCrash).toEqual({ moved: 0, transitions: 0, events: 0 }); // none of the batch

    // The retry through the restarted server moves all of them, the audit log matching the data one to one.
    const retry = await gqlWithin(server!.base, ADVANCE, { ids, c: 'nach dem Absturz' }, { token, timeoutMs: 120_000 });
    expect(retry.body.errors).toBeUndefined();
    expect((retry.body.data!.advanceOnboardings as Array<{ moved: boolean }>).filter((r) => r.moved)).toHaveLength(BATCH);
    expect(await state()).toEqual({ moved: BATCH, transitions: BATCH, events: BATCH });
    const mismatched = await one<{ n: number }>(
      `SELECT count(*)::int AS n FROM onboarding o
        WHERE o.id = ANY($1) AND (
          (SELECT count(*) FROM onboarding_transition t WHERE t.onboarding_id = o.id AND t.kind = 'ADVANCE' AND t.to_stage = o.stage AND t.comment = 'nach dem Absturz') <> 1
          OR (SELECT count(*) FROM audit_event e WHERE e.entity_id = o.id AND e.action = 'ADVANCE' AND e.changes->'stage'->>'to' = o.stage) <> 1)`,
      [ids],
    );
    expect(mismatched.n).toBe(0);
    figures.push(`bulk advance of ${BATCH}: 1 kill -9 after ${BATCH - 1} moves written; after restart ${afterCrash.moved} moved (none), retry ${BATCH} moved with ${BATCH} transitions and ${BATCH} audit events; writes lost 0; ${Date.now() - started} ms`);
  }, 240_000);

  it('import apply: killed between batches of its one transaction, none of the file is written; the retry writes all, each with its audit event', async () => {
    const started = Date.now();
    const existing = await one<{ id: string; ars: string; name: string; population: number | null; version: number }>(`SELECT id, ars, name, population, version FROM authority ORDER BY ars LIMIT 1`);
    const lines = ['ARS,Authority,State,Level,Population'];
    const arsOf = (i: number) => `1297${String(i).padStart(8, '0')}`;
    for (let i = 1; i <= IMPORT_ROWS; i++) lines.push(`${arsOf(i)},Absturzgemeinde ${i},BB,municipality,${1000 + i}`);
    // The last row changes an existing authority: its batch is written last and waits for the test's lock.
    lines.push(`${existing.ars},"${existing.name.replace(/"/g, '""')}",,,${(existing.population ?? 0) + 7}`);
    const csv = Buffer.from(lines.join('\n'));
    const created = async () => one<{ rows: number; events: number }>(
      `SELECT (SELECT count(*)::int FROM authority WHERE ars LIKE '1297%') AS rows,
              (SELECT count(*)::int FROM audit_event e JOIN authority a ON a.id = e.entity_id WHERE a.ars LIKE '1297%' AND e.action = 'CREATE') AS events`,
    );
    const eventsBefore = (await one<{ n: number }>(`SELECT count(*)::int AS n FROM audit_event WHERE entity_type = 'Authority'`)).n;
    const upload = (base: string, token: string) =>
      fetch(`${base}/import/authorities?dryRun=false&maxRows=0`, { method: 'POST', headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` }, body: csv, signal: AbortSignal.timeout(120_000) });

    const lockerPid = await lockRow('authority', existing.id);
    const pending = upload(server!.base, token).then(
      () => 'answered',
      () => 'no answer',
    );
    const orphan = await waitUntilBlocked(lockerPid, 'the import to reach its last batch');
    await crash();
    expect(await pending).toBe('no answer');

    token = await start();
    await orphanGone(orphan);
    const afterCrash = await created();
    expect(afterCrash).toEqual({ rows: 0, events: 0 });
    expect((await one<{ n: number }>(`SELECT count(*)::int AS n FROM audit_event WHERE entity_type = 'Authority'`)).n).toBe(eventsBefore);
    expect(await one(`SELECT population, version FROM authority WHERE id = $1`, [existing.id])).toEqual({ population: existing.population, version: existing.version });

    const res = await upload(server!.base, token);
    expect(res.status).toBe(200);
    const report = (await res.json()) as { applied: boolean; summary: Record<string, number> };
    expect(report).toMatchObject({ applied: true, summary: { rows: IMPORT_ROWS + 1, create: IMPORT_ROWS, update: 1, error: 0 } });
    expect(await created()).toEqual({ rows: IMPORT_ROWS, events: IMPORT_ROWS });
    expect(await one(`SELECT population, version FROM authority WHERE id = $1`, [existing.id])).toEqual({ population: (existing.population ?? 0) + 7, version: existing.version + 1 });
    expect((await one<{ n: number }>(`SELECT count(*)::int AS n FROM audit_event WHERE entity_type = 'Authority'`)).n).toBe(eventsBefore + IMPORT_ROWS + 1);
    figures.push(`import apply of ${IMPORT_ROWS + 1} rows: 1 kill -9 after ${IMPORT_ROWS} rows written in 2 batches; after restart 0 rows and 0 audit events (none), retry ${IMPORT_ROWS} created + 1 updated with ${IMPORT_ROWS + 1} audit events; writes lost 0; ${Date.now() - started} ms`);
  }, 240_000);

});
