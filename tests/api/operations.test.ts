import type { NestExpressApplication } from '@nestjs/platform-express';
import pg from 'pg';
import request from 'supertest';
import { createApp } from '../../apps/api/src/app.factory.js';
import { createLogger } from '../../apps/api/src/observability/log.js';
import { Observability } from '../../apps/api/src/observability/observability.js';
import { createTestDatabase, TEST_PASSWORD, TEST_USERS, type TestDatabase } from '../support/test-app.js';

/** /health, /ready, /metrics, request ids and the JSON request log, through the real app. */
const METRICS_TOKEN = 'metrics-token-for-the-test-0123456789';
const lines: Array<Record<string, any>> = [];
let raw = '';
let db: TestDatabase;
let app: NestExpressApplication;
let token: string;

const http = () => request(app.getHttpServer());
const gql = (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  http()
    .post('/graphql')
    .set({ 'content-type': 'application/json', ...headers })
    .send({ query, variables });
const signedIn = () => ({ authorization: `Bearer ${token}` });
/** The request line of a request id (written when the answer is done). */
const lineOf = (requestId: string) => lines.find((l) => l.msg === 'request' && l.requestId === requestId);

beforeAll(async () => {
  db = await createTestDatabase();
  const log = createLogger({
    level: 'debug',
    format: 'json',
    destination: {
      write(line: string) {
        raw += line;
        lines.push(JSON.parse(line));
      },
    },
  });
  app = await createApp(db.dataSource, db.kind, { log, closeOnShutdown: false, metricsToken: METRICS_TOKEN, readyTimeoutMs: 2000 });
  const res = await gql(`mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }`, { e: TEST_USERS.ADMIN.email, p: TEST_PASSWORD });
  token = res.body.data.signIn.token;
});

afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe('/health (liveness)', () => {
  it('answers 200 without asking the database', async () => {
    db.counter.reset();
    const res = await http().get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', api: 'ok', database: 'ok', databaseKind: db.kind });
    expect(db.counter.count).toBe(0);
  });
});

describe('/ready (readiness)', () => {
  it('answers 200 when the database answers and every migration is applied', async () => {
    const res = await http().get('/ready');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ready', database: 'ok', migrations: { pending: [], latest: db.dataSource.migrations.at(-1)!.name } });
  });

  it('answers 503 naming the pending migrations when the database lacks one, and stays ready for a newer schema', async () => {
    const [last] = await db.dataSource.query(`SELECT id, timestamp, name FROM migrations ORDER BY id DESC LIMIT 1`);
    await db.dataSource.query(`DELETE FROM migrations WHERE id = $1`, [last.id]);
    try {
      const res = await http().get('/ready');
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ status: 'unavailable', reason: `migrations pending: ${last.name}`, migrations: { pending: [last.name] } });
    } finally {
      await db.dataSource.query(`INSERT INTO migrations (id, timestamp, name) VALUES ($1, $2, $3)`, [last.id, last.timestamp, last.name]);
    }
    // A newer version migrated the database (rolling upgrade): this one stays ready and says so.
    await db.dataSource.query(`INSERT INTO migrations (timestamp, name) VALUES (9999999999999, 'FromTheFuture9999999999999')`);
    try {
      const res = await http().get('/ready');
      expect(res.status).toBe(200);
      expect(res.body.migrations.newerThanThisVersion).toEqual(['FromTheFuture9999999999999']);
    } finally {
      await db.dataSource.query(`DELETE FROM migrations WHERE name = 'FromTheFuture9999999999999'`);
    }
  });

  it('answers 503 while the instance shuts down, and answers close their connections', async () => {
    const lifecycle = app.get(Observability).lifecycle;
    lifecycle.draining = true;
    try {
      const res = await http().get('/ready');
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ status: 'unavailable', reason: 'shutting down' });
      expect(res.headers.connection).toBe('close');
    } finally {
      lifecycle.draining = false;
    }
  });
});

describe('request ids', () => {
  it('echoes a given X-Request-Id, replaces a malformed one and makes one when none is given', async () => {
    expect((await http().get('/health').set('x-request-id', 'lb-4711.abc')).headers['x-request-id']).toBe('lb-4711.abc');
    const malformed = (await http().get('/health').set('x-request-id', 'evil\tid with spaces')).headers['x-request-id'];
    expect(malformed).toMatch(/^[0-9a-f-]{36}$/);
    expect((await http().get('/health')).headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('puts the request id into every GraphQL error, so that people can report it', async () => {
    const res = await gql(`mutation { deleteAuthority(id: "00000000-0000-0000-0000-000000000000") { id } }`, {}, { ...signedIn(), 'x-request-id': 'report-me-1' });
    expect(res.body.errors[0].extensions).toMatchObject({ code: 'NOT_FOUND', requestId: 'report-me-1' });
    const invalid = await gql(`{ noSuchField }`, {}, { ...signedIn(), 'x-request-id': 'report-me-2' });
    expect(invalid.body.errors[0].extensions).toMatchObject({ code: 'VALIDATION', requestId: 'report-me-2' });
    const refused = await gql(`{ allStates { id } }`, {}, { 'x-request-id': 'report-me-3' });
    expect(refused.body.errors[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', requestId: 'report-me-3' });
  });
});

describe('JSON request log', () => {
  it('writes one line per request: id, method, path, operation, status, duration, user, error codes', async () => {
    await gql(`query StatesForTheLog { allStates(perPage: 2) { code } }`, {}, { ...signedIn(), 'x-request-id': 'log-ok' });
    const ok = lineOf('log-ok')!;
    expect(ok).toMatchObject({ level: 'info', method: 'POST', path: '/graphql', operation: 'StatesForTheLog', operationType: 'query', status: 200 });
    expect(typeof ok.durationMs).toBe('number');
    expect(ok.userId).toMatch(/^[0-9a-f-]{36}$/);
    expect(ok.errors).toBeUndefined();
    expect(typeof ok.time).toBe('string');
    expect(lines.filter((l) => l.requestId === 'log-ok' && l.msg === 'request')).toHaveLength(1);

    const { body } = await http().get('/reports/monthly.html?service=x&token=secret-in-query').set('x-request-id', 'log-rest');
    expect(body).toBeDefined();
    const rest = lineOf('log-rest')!;
    expect(rest).toMatchObject({ method: 'GET', path: '/reports/monthly.html' });
    expect(JSON.stringify(rest)).not.toContain('secret-in-query');
  });

  it('logs domain errors with their code and no stack trace', async () => {
    await gql(`mutation { updateAuthority(id: "00000000-0000-0000-0000-000000000000", version: 1, name: "x") { id } }`, {}, { ...signedIn(), 'x-request-id': 'log-domain-error' });
    const line = lineOf('log-domain-error')!;
    expect(line).toMatchObject({ level: 'info', operation: 'updateAuthority', operationType: 'mutation', status: 200, errors: ['NOT_FOUND'] });
    const ofRequest = lines.filter((l) => l.requestId === 'log-domain-error');
    expect(JSON.stringify(ofRequest)).not.toMatch(/stack|\s+at\s/);
  });

  it('never writes passwords or tokens', async () => {
    const password = 'Wrong-But-Secret-Password-42';
    await gql(`mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }`, { e: TEST_USERS.ADMIN.email, p: password }, { 'x-request-id': 'log-sign-in' });
    expect(lineOf('log-sign-in')).toMatchObject({ operation: 'signIn', errors: ['UNAUTHENTICATED'] });
    const good = await gql(`mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }`, { e: TEST_USERS.ROLLOUT_MANAGER.email, p: TEST_PASSWORD });
    expect(raw).not.toContain(password);
    expect(raw).not.toContain(TEST_PASSWORD);
    expect(raw).not.toContain(good.body.data.signIn.token);
    expect(raw).not.toContain(token);
  });
});

describe('/metrics (Prometheus)', () => {
  it('is refused without METRICS_TOKEN and with a wrong one', async () => {
    expect((await http().get('/metrics')).status).toBe(401);
    expect((await http().get('/metrics').set('authorization', 'Bearer wrong')).status).toBe(401);
  });

  it('counts and times requests per GraphQL operation and REST route, and shows the pool and the process', async () => {
    await gql(`query MetricsProbe { allStates(perPage: 1) { code } }`, {}, signedIn());
    await gql(`query MetricsProbe { allStates(perPage: 1) { code } }`, {}, signedIn());
    await gql(`{ _allAuthoritiesMeta { count } }`, {}, signedIn());
    await http().get('/health');
    const res = await http().get('/metrics').set('authorization', `Bearer ${METRICS_TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const text = res.text;
    expect(text).toContain('efa_graphql_requests_total{operation="MetricsProbe",type="query",outcome="ok"} 2');
    expect(text).toContain('efa_graphql_requests_total{operation="_allAuthoritiesMeta",type="query",outcome="ok"} 1');
    expect(text).toMatch(/efa_graphql_request_duration_seconds_count\{operation="MetricsProbe",type="query"\} 2/);
    expect(text).toMatch(/efa_graphql_request_duration_seconds_bucket\{le="0.5",operation="MetricsProbe",type="query"\} \d/);
    expect(text).toMatch(/efa_graphql_requests_total\{operation="updateAuthority",type="mutation",outcome="NOT_FOUND"\} \d/);
    expect(text).toMatch(/efa_http_requests_total\{method="GET",route="\/health",status="200"\} \d/);
    expect(text).toMatch(/efa_http_request_duration_seconds_count\{method="GET",route="\/reports\/monthly.html"\} \d/);
    expect(text).toMatch(/efa_db_pool_connections\{state="total"\} \d/);
    expect(text).toMatch(/efa_db_pool_connections\{state="waiting"\} 0/);
    expect(text).toMatch(/efa_db_pool_max \d+/);
    expect(text).toMatch(/process_cpu_user_seconds_total \d/);
    expect(text).toMatch(/nodejs_eventloop_lag_seconds \d/);
  });
});

describe('database session settings', () => {
  it('PostgreSQL connections run with JIT off unless DB_JIT says otherwise (DB_JIT=server leaves the server setting)', async () => {
    if (db.kind !== 'postgres') return; // PGlite has no JIT; CI runs this on PostgreSQL
    const [{ jit }] = await db.dataSource.query('SHOW jit');
    expect(jit).toBe('off');
    const { createDataSource } = await import('../../apps/api/src/database/data-source.js');
    const url = (db.dataSource.options as { url: string }).url;
    // What a connection without startup options gets: the server's (or role's) setting.
    const plain = new pg.Client({ connectionString: url });
    await plain.connect();
    const serverJit = (await plain.query('SHOW jit')).rows[0].jit;
    await plain.end();
    for (const [setting, expected] of [['on', 'on'], ['server', serverJit]] as const) {
      const other = await createDataSource({ url, pool: { jit: setting } });
      await other.dataSource.initialize();
      try {
        expect((await other.dataSource.query('SHOW jit'))[0].jit).toBe(expected);
      } finally {
        await other.dataSource.destroy();
      }
    }
  });
});
