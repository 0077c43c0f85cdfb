// node bench/ab-cpu.mjs --db <database> --base <main.js of another build> [--only <text>]: the API CPU per
// console list page (bench/console-requests.mjs) of two builds, started side by side and measured in
// alternating rounds (BENCH_ROUNDS, default 6, of BENCH_REQUESTS, default 60, operations by
// BENCH_CONCURRENCY clients), so that both see the same machine load: on a shared machine the CPU time
// per operation of one run varies by ±50% with the load, a paired comparison far less. Keep the other
// build inside apps/api/ (e.g. cp -r apps/api/dist apps/api/dist-base before the change) so that it
// finds apps/api/node_modules; don't commit it.
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { getIntrospectionQuery } from 'graphql';
import { prepareDataset } from './national.mjs';
import { ADMIN, client, consoleReads, consoleRequests } from './console-requests.mjs';
import { measure, startApi } from './harness.mjs';

const { values: args } = parseArgs({ options: { db: { type: 'string' }, base: { type: 'string' }, only: { type: 'string', default: 'list page' } } });
if (!args.base) throw new Error('--base <path to the other build\'s apps/api/src/main.js> is required');
const serverUrl = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = args.db ?? process.env.BENCH_NATIONAL_DB ?? 'efa_bench_national';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);
const N = Number(process.env.BENCH_REQUESTS ?? 60);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);

const data = await prepareDataset({ serverUrl, scale: 'national', reuse: true, dbName });
const pool = new pg.Pool({ connectionString: data.url, max: 2 });
const env = { ...process.env, SEED: 'auto', DEMO_ACCOUNTS: 'true', DATABASE_URL: data.url };
delete env.DATA_DIR;
delete env.BENCH_API_MAIN;
const builds = [];
try {
  for (const [label, main] of [['base', args.base], ['this', undefined]]) {
    if (main) process.env.BENCH_API_MAIN = main;
    else delete process.env.BENCH_API_MAIN;
    const api = await startApi(env);
    const res = await fetch(`${api.base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }`, variables: { e: ADMIN.email, p: ADMIN.password } }) });
    const gql = client(api.base, (await res.json()).data.signIn.token);
    const ra = consoleRequests((await gql(getIntrospectionQuery())).__schema);
    await ra.init();
    const { cases } = await consoleReads({ gql, ra, q: async (sql, params) => (await pool.query(sql, params)).rows });
    builds.push({ label, api, cases: cases.filter((c) => c.name.toLowerCase().includes(args.only.toLowerCase())) });
  }
  for (let c = 0; c < builds[0].cases.length; c++) {
    const cpu = { base: 0, this: 0 };
    for (const b of builds) await measure(b.cases[c].api, { iterations: 20, warmup: 5, concurrency: CONCURRENCY });
    for (let r = 0; r < ROUNDS; r++) {
      for (const b of r % 2 ? [...builds].reverse() : builds) {
        const before = b.api.cpuMs();
        await measure(b.cases[c].api, { iterations: N, warmup: 0, concurrency: CONCURRENCY });
        cpu[b.label] += b.api.cpuMs() - before;
      }
    }
    const per = (label) => cpu[label] / (ROUNDS * N);
    process.stdout.write(`${builds[0].cases[c].name.slice(0, 100).padEnd(100)} base ${per('base').toFixed(2)} ms/op, this ${per('this').toFixed(2)} ms/op (${((per('this') / per('base') - 1) * 100).toFixed(0)}%)\n`);
  }
} finally {
  await pool.end();
  for (const b of builds) await b.api.stop();
}
