import pg from 'pg';
import { ownPostgresUnavailable, startOwnPostgres, type OwnPostgres } from '../support/own-postgres.js';
import { gqlWithin, startServer, waitFor, within, type ServerProcess } from '../support/server-process.js';

/**
 * Database outage while clients write. The built server runs on a PostgreSQL cluster of the test's
 * own (initdb, own port); writers create authorities through GraphQL without pause while the test
 * kills the database server (pg_ctl stop -m immediate) and starts it again. Required:
 * - during the outage every request is answered, within a bound, with the coded error UNAVAILABLE
 *   ("temporarily unavailable"): no crash, no hang; /health stays 200, /ready says 503;
 * - after the restart requests succeed again without restarting the API;
 * - every acknowledged write is in the database, and no write is half there (every authority row
 *   has its audit event, which the same transaction writes).
 * Under CI=true a cluster that cannot be started is a failure, never a skip.
 */
const CI = process.env.CI === 'true' || process.env.CI === '1';
const problem = ownPostgresUnavailable();
if (problem && !CI) console.warn(`[db outage test] skipped: ${problem}`);
const describeIfPossible = problem && !CI ? describe.skip : describe;

const CREATE = `mutation($name: String!, $ars: String!, $stateId: ID!) {
  createAuthority(name: $name, kind: MUNICIPALITY, level: MUNICIPALITY, stateId: $stateId, ars: $ars) { id ars }
}`;
const ANSWER_BOUND_MS = 10_000;

interface Outcome {
  ars: string;
  at: number;
  ms: number;
  kind: 'acknowledged' | 'unavailable' | 'other' | 'no answer';
  id?: string;
  detail?: string;
}

describeIfPossible('database outage while clients write', () => {
  let cluster: OwnPostgres | undefined;
  let server: ServerProcess | undefined;

  afterAll(async () => {
    server?.kill();
    cluster?.destroy();
  });

  it('answers UNAVAILABLE during the outage, recovers by itself, keeps every acknowledged write and no half write', async () => {
    cluster = await startOwnPostgres();
    const admin = new pg.Client({ connectionString: cluster.url() });
    await admin.connect();
    await admin.query('CREATE DATABASE efa');
    await admin.end();

    server = await startServer({
      DATABASE_URL: cluster.url('efa'),
      SEED: 'auto',
      DEMO_ACCOUNTS: 'false',
      ADMIN_EMAIL: 'outage@test.invalid',
      ADMIN_PASSWORD: 'Stromausfall-Probe-2026',
      DB_CONNECT_TIMEOUT_MS: '2000',
    });
    await server.ready;
    const base = server.base;
    const signIn = await gqlWithin(base, `mutation { signIn(email: "outage@test.invalid", password: "Stromausfall-Probe-2026") { token } }`);
    const token = signIn.body.data!.signIn.token as string;
    const states = await gqlWithin(base, `{ allStates(perPage: 16) { id code } }`, {}, { token });
    const bb = (states.body.data!.allStates as Array<{ id: string; code: string }>).find((s) => s.code === 'BB')!.id;

    // Writers: one request after the other each, each answer classified.
    const outcomes: Outcome[] = [];
    let next = 0;
    let writing = true;
    const writer = async () => {
      while (writing) {
        const ars = `1299${String(++next).padStart(8, '0')}`;
        const at = Date.now();
        try {
          const r = await gqlWithin(base, CREATE, { name: `Ausfalltest ${ars}`, ars, stateId: bb }, { token, timeoutMs: ANSWER_BOUND_MS });
          const error = r.body.errors?.[0];
          if (!error && r.body.data?.createAuthority?.id) outcomes.push({ ars, at, ms: r.ms, kind: 'acknowledged', id: r.body.data.createAuthority.id });
          else if (error?.extensions?.code === 'UNAVAILABLE') outcomes.push({ ars, at, ms: r.ms, kind: 'unavailable', detail: `${r.status} ${error.message}` });
          else outcomes.push({ ars, at, ms: r.ms, kind: 'other', detail: `${r.status} ${JSON.stringify(r.body)}` });
          if (error) await new Promise((resolve) => setTimeout(resolve, 25)); // no busy loop against a refusing server
        } catch (e) {
          outcomes.push({ ars, at, ms: Date.now() - at, kind: 'no answer', detail: String((e as Error).cause ?? e) });
        }
      }
    };
    const count = (kind: Outcome['kind'], after = 0) => outcomes.filter((o) => o.kind === kind && o.at >= after).length;
    const writers = [writer(), writer(), writer(), writer()];

    try {
      await waitFor('writes to be acknowledged before the outage', () => count('acknowledged') >= 12, 60_000);

      // The outage: the database server is killed (no clean session end).
      await cluster.stop('immediate');
      const down = Date.now();
      await waitFor('UNAVAILABLE answers during the outage', () => count('unavailable', down) >= 8, 30_000);
      const health = await fetch(`${base}/health`, { signal: AbortSignal.timeout(5_000) });
      expect(health.status).toBe(200);
      const ready = await fetch(`${base}/ready`, { signal: AbortSignal.timeout(5_000) });
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ status: 'unavailable', reason: 'database unreachable' });

      // Back: no restart of the API.
      await cluster.start();
      const up = Date.now();
      await waitFor('writes to be acknowledged again after the restart', () => count('acknowledged', up) >= 12, 60_000);
      await waitFor('/ready to answer 200 again', async () => (await fetch(`${base}/ready`, { signal: AbortSignal.timeout(5_000) })).status === 200, 10_000, 200);
    } finally {
      writing = false;
      await within(Promise.all(writers), 2 * ANSWER_BOUND_MS, 'the writers to finish');
    }

    // Never a crash, never a hang, never another error.
    expect(server.child.exitCode).toBeNull();
    const unanswered = outcomes.filter((o) => o.kind === 'no answer' || o.kind === 'other');
    expect(unanswered).toEqual([]);
    const unavailable = outcomes.filter((o) => o.kind === 'unavailable');
    expect(unavailable.length).toBeGreaterThanOrEqual(8);
    for (const o of unavailable) expect(o.detail).toMatch(/^(200|503) .*temporarily unavailable/);
    expect(Math.max(...outcomes.map((o) => o.ms))).toBeLessThan(ANSWER_BOUND_MS);

    // Every acknowledged write is there; no write is half there.
    const db = new pg.Client({ connectionString: cluster.url('efa') });
    await db.connect();
    try {
      const rows = (
        await db.query(
          `SELECT a.id, a.ars, count(e.id)::int AS events
             FROM authority a LEFT JOIN audit_event e ON e.entity_id = a.id AND e.action = 'CREATE'
            WHERE a.ars LIKE '1299%' GROUP BY a.id, a.ars`,
        )
      ).rows as Array<{ id: string; ars: string; events: number }>;
      const stored = new Map(rows.map((r) => [r.id, r]));
      const acknowledged = outcomes.filter((o) => o.kind === 'acknowledged');
      const missing = acknowledged.filter((o) => !stored.has(o.id!));
      expect(missing).toEqual([]);
      const halfWritten = rows.filter((r) => r.events < 1);
      expect(halfWritten).toEqual([]);
      // Rows only come from requests that were sent; an UNAVAILABLE answer may belong to a commit the
      // server made just before it died (the answer was lost), but never to a row without its event.
      const sent = new Set(outcomes.map((o) => o.ars));
      expect(rows.filter((r) => !sent.has(r.ars))).toEqual([]);
      console.log(
        `[db outage] ${outcomes.length} requests: ${acknowledged.length} acknowledged, ${unavailable.length} UNAVAILABLE ` +
          `(slowest answer ${Math.max(...unavailable.map((o) => o.ms))} ms, HTTP ${[...new Set(unavailable.map((o) => o.detail!.split(' ')[0]))].join('/')}), ${rows.length} rows, ` +
          `${rows.length - acknowledged.length} committed without acknowledgement`,
      );
    } finally {
      await db.end();
    }
  }, 240_000);
});
