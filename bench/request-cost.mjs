// node bench/request-cost.mjs [--db <database>]: the API's CPU per request for a few request shapes
// (an authenticated `{ __typename }`, the console's getMany of states, the authority list page's list
// query, ..., the console's list pages as bench/interactive.mjs sends them), each sent N times by CONCURRENCY clients; CPU from /proc (independent of the machine's
// load). A cost model of the request pipeline: what every request pays, and what a query adds.
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { getIntrospectionQuery } from 'graphql';
import { prepareDataset } from './national.mjs';
import { ADMIN, client, consoleReads, consoleRequests } from './console-requests.mjs';
import { measure, startApi } from './harness.mjs';

const { values: args } = parseArgs({ options: { db: { type: 'string' }, only: { type: 'string' } } });
const serverUrl = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = args.db ?? process.env.BENCH_NATIONAL_DB ?? 'efa_bench_national';
const N = Number(process.env.BENCH_REQUESTS ?? 400);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);

const data = await prepareDataset({ serverUrl, scale: 'national', reuse: true, dbName });
const pool = new pg.Pool({ connectionString: data.url, max: 2 });
const env = { ...process.env, SEED: 'auto', DEMO_ACCOUNTS: 'true', DATABASE_URL: data.url };
delete env.DATA_DIR;
const api = await startApi(env);
try {
  const res = await fetch(`${api.base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }`, variables: { e: ADMIN.email, p: ADMIN.password } }) });
  const { token } = (await res.json()).data.signIn;
  const gql = client(api.base, token);
  const anon = client(api.base, null);
  const { __schema } = await gql(getIntrospectionQuery());
  const ra = consoleRequests(__schema);
  await ra.init();
  const [state] = (await pool.query(`SELECT s.id FROM state s JOIN authority a ON a.state_id = s.id GROUP BY s.id ORDER BY count(*) DESC LIMIT 1`)).rows;
  const states = (await pool.query(`SELECT id FROM state ORDER BY code LIMIT 3`)).rows.map((r) => r.id);
  const authorities = (await pool.query(`SELECT id FROM authority ORDER BY id LIMIT 25`)).rows.map((r) => r.id);
  const call = (r) => () => gql(r.query, r.variables);
  const shapes = [
    ['GET /health (HTTP + middleware only)', async () => (await fetch(`${api.base}/health`)).arrayBuffer()],
    ['anonymous { __typename }', () => anon('{ __typename }')],
    ['signed-in { __typename } (session check)', () => gql('{ __typename }')],
    ['getMany State (3 ids)', call(ra.call('GET_MANY', 'State', { ids: states }))],
    ['getMany Authority (25 ids)', call(ra.call('GET_MANY', 'Authority', { ids: authorities }))],
    ['Authority list + count (state + level + search)', call(ra.call('GET_LIST', 'Authority', { pagination: { page: 1, perPage: 25 }, sort: { field: 'population', order: 'DESC' }, filter: { stateId: state.id, level: 'MUNICIPALITY', q: 'berg' } }))],
    // The console's list pages (bench/console-requests.mjs), per page.
    ...(await consoleReads({ gql, ra, q: async (sql, params) => (await pool.query(sql, params)).rows })).cases.filter((c) => c.name.includes('list page')).map((c) => [c.name.replace(/ \(.*?:/, ' (').slice(0, 90), c.api]),
  ].filter(([name]) => !args.only || name.toLowerCase().includes(args.only.toLowerCase()));
  for (const [name, fn] of shapes) {
    await measure(fn, { iterations: 50, warmup: 5, concurrency: CONCURRENCY });
    const cpu0 = api.cpuMs();
    const stats = await measure(fn, { iterations: N, warmup: 0, concurrency: CONCURRENCY });
    process.stdout.write(`${name.padEnd(90)} CPU ${((api.cpuMs() - cpu0) / N).toFixed(2)} ms/op  (p50 ${stats.p50.toFixed(1)} ms)\n`);
  }
} finally {
  await pool.end();
  await api.stop();
}
