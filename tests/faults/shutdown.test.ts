import pg from 'pg';
import { createDatabase, dropDatabase } from '../support/postgres.js';
import { gqlWithin, refused, startServer, waitFor, within, type ServerProcess } from '../support/server-process.js';
import { TEST_PASSWORD, TEST_USERS } from '../support/users.js';

/**
 * Graceful shutdown of the built server (SIGTERM): a request in flight finishes with its answer,
 * new connections are refused at once, the pool closes and the process exits 0 within
 * SHUTDOWN_TIMEOUT_MS; a request still running at the deadline is cut off and the exit code is 1.
 *
 * The slow request is made slow deterministically: the test holds a row lock on an authority in
 * the server's database, so `updateAuthority` of that row waits inside PostgreSQL until the test
 * commits.
 */
const onPostgres = process.env.EFA_TEST_DB === 'postgres';
if (!onPostgres) console.warn('[shutdown test] needs the PostgreSQL test server (TEST_DATABASE_URL); skipped on the PGlite fallback');
const describeOnPostgres = onPostgres ? describe : describe.skip;

describeOnPostgres('graceful shutdown (SIGTERM)', () => {
  const name = `${process.env.EFA_TEST_RUN_ID}_shutdown_${Math.random().toString(36).slice(2, 8)}`;
  let url: string;
  let server: ServerProcess | undefined;
  let locker: pg.Client | undefined;

  beforeAll(async () => {
    url = await createDatabase(name, process.env.EFA_TEST_TEMPLATE);
  });
  afterEach(async () => {
    server?.kill();
    await locker?.end().catch(() => undefined);
    locker = undefined;
  });
  afterAll(async () => {
    await dropDatabase(name);
  });

  /** Starts the server, signs in, and holds a lock on one authority; returns what the test needs. */
  async function setUp(shutdownTimeoutMs: number) {
    server = await startServer({ DATABASE_URL: url, SEED: 'never', SHUTDOWN_TIMEOUT_MS: String(shutdownTimeoutMs) });
    await server.ready;
    const signIn = await gqlWithin(server.base, `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }`, { e: TEST_USERS.ADMIN.email, p: TEST_PASSWORD });
    const token = signIn.body.data!.signIn.token as string;
    const list = await gqlWithin(server.base, `{ allAuthorities(perPage: 1, sortField: "ars") { id version } }`, {}, { token });
    const { id, version } = list.body.data!.allAuthorities[0];
    locker = new pg.Client({ connectionString: url });
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('SELECT id FROM authority WHERE id = $1 FOR UPDATE', [id]);
    return { token, id, version };
  }

  /** Sends the update that will wait for the lock, and waits until PostgreSQL shows it waiting. */
  async function slowUpdate(token: string, id: string, version: number, notes: string) {
    const pending = gqlWithin(server!.base, `mutation($id: ID!, $v: Int!, $notes: String) { updateAuthority(id: $id, version: $v, notes: $notes) { id version notes } }`, { id, v: version, notes }, { token, timeoutMs: 30_000 }).then(
      (r) => ({ ok: true as const, ...r }),
      (e: Error) => ({ ok: false as const, error: e }),
    );
    await waitFor(
      'the update to wait for the row lock',
      async () => (await locker!.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'`, [name])).rows[0].n > 0,
      10_000,
    );
    // Wrapped: returning the promise itself from an async function would wait for it.
    return { pending };
  }

  it('finishes the request in flight, refuses new connections, closes the pool and exits 0', async () => {
    const { token, id, version } = await setUp(20_000);
    const { pending } = await slowUpdate(token, id, version, 'written during shutdown');

    const signalled = Date.now();
    server!.child.kill('SIGTERM');
    // The port closes at once: no new connections.
    await waitFor('the port to refuse connections', () => refused(server!.port), 5_000);
    expect(server!.child.exitCode).toBeNull(); // still finishing the request in flight

    await locker!.query('COMMIT');
    const answer = await pending;
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data!.updateAuthority).toMatchObject({ id, version: version + 1, notes: 'written during shutdown' });

    const { code } = await within(server!.exited, 10_000, 'the server to exit');
    expect(code).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(20_000);
    expect(server!.output()).toContain('stopped: every request finished, database pool closed');
    // The pool is closed: no session of the server is left on its database (only the test's own).
    const others = async () => (await locker!.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [name])).rows[0].n as number;
    await waitFor("the server's sessions to end", async () => (await others()) === 0, 5_000);
    // The write is there.
    const row = await locker!.query('SELECT notes FROM authority WHERE id = $1', [id]);
    expect(row.rows[0].notes).toBe('written during shutdown');
  }, 120_000);

  it('cuts off a request still running at SHUTDOWN_TIMEOUT_MS and exits 1 within the bound', async () => {
    const { token, id, version } = await setUp(1_000);
    const { pending } = await slowUpdate(token, id, version, 'cut off by the shutdown');

    const signalled = Date.now();
    server!.child.kill('SIGTERM');
    const { code } = await within(server!.exited, 10_000, 'the server to exit');
    expect(code).toBe(1);
    expect(Date.now() - signalled).toBeLessThan(1_000 + 5_000);
    expect(server!.output()).toContain('requests still running after SHUTDOWN_TIMEOUT_MS');
    // The client saw its connection end, not an answer.
    const answer = await pending;
    expect(answer.ok).toBe(false);
    // Nothing half-written: the update rolled back with the server's session.
    await locker!.query('COMMIT');
    const row = await locker!.query('SELECT version FROM authority WHERE id = $1', [id]);
    expect(row.rows[0].version).toBe(version);
  }, 120_000);
});
