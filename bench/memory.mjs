// Where the API's resident memory goes, operation by operation, on national data: the built API
// started as `npm start` does (with the process's environment, so MALLOC_ARENA_MAX, NODE_OPTIONS
// and BENCH_API_NODE_ARGS can be compared), then idle, the console's reads at 10 clients, the
// dashboards, concurrent sign-ins and the public status at 50 clients. Per phase the peak resident
// size (the kernel's high-water mark) and, at the moment of most RSS, the V8 heap and external
// buffers from /metrics. Prints a table; writes nothing.
//
//   node bench/memory.mjs --db efa_nat_<you> [--only reads,dashboard,signin,public] [--seconds 10]
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { DASHBOARD, measure, memoryText, procMemory, reachable, startApi, withDb } from './harness.mjs';
import { ADMIN, SIGN_IN, client, consoleReads, consoleRequests } from './console-requests.mjs';
import { getIntrospectionQuery } from 'graphql';

const { values: args } = parseArgs({ options: { db: { type: 'string' }, only: { type: 'string' }, seconds: { type: 'string' }, iterations: { type: 'string' } } });
const serverUrl = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
if (!args.db) throw new Error('--db <a copy of efa_bench_national> is required');
const url = withDb(serverUrl, args.db);
if (!(await reachable(url))) throw new Error(`cannot reach ${url}`);
const ONLY = args.only ? new Set(args.only.split(',')) : null;
const runs = (p) => !ONLY || ONLY.has(p);
const SECONDS = Number(args.seconds ?? 10);
const ITERATIONS = Number(args.iterations ?? 60);
const CONCURRENCY = 10;

const env = { ...process.env, SEED: 'auto', DEMO_ACCOUNTS: 'true', DATABASE_URL: url, NOTIFICATION_WORKER: 'false', PUBLIC_RATE_LIMIT: '10000000' };
delete env.DATA_DIR;
const api = await startApi(env);
const pool = new pg.Pool({ connectionString: url, max: 2 });
const q = async (sql, params) => (await pool.query(sql, params)).rows;
const results = [];
/** One phase: `fn` answers how many requests it sent; the API's CPU per request tells what a setting costs. */
const phase = async (name, fn) => {
  process.stderr.write(`  ${name} ...\n`);
  const watch = api.watchMemory();
  const cpu0 = api.cpuMs();
  const requests = await fn();
  const cpuPerRequest = requests ? (api.cpuMs() - cpu0) / requests : null;
  const m = watch.stop();
  const after = procMemory(api.pid);
  results.push({ name, m, after, requests, cpuPerRequest });
  process.stderr.write(`    peak ${memoryText(m)}; after ${after?.rss} MB; ${requests ?? '-'} requests, API CPU ${cpuPerRequest?.toFixed(2) ?? '-'} ms each\n`);
};
/** `n` requests by 10 clients; a failed one (e.g. the pool timing out on a busy machine) is counted, not fatal. */
let failed = 0;
const clients = async (n, fn) => {
  await measure(() => fn().catch(() => failed++), { iterations: n, warmup: 2, concurrency: CONCURRENCY });
  return n + 2;
};
try {
  const anon = client(api.base, null);
  const { signIn } = await anon(`mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { token } }`, ADMIN);
  const gql = client(api.base, signIn.token);
  await phase('idle (2 s after start and sign-in)', () => new Promise((r) => setTimeout(() => r(0), 2000)));
  if (runs('reads')) {
    const { __schema } = await gql(getIntrospectionQuery());
    const ra = consoleRequests(__schema);
    await ra.init();
    const { cases } = await consoleReads({ gql, ra, q });
    for (const c of cases) await phase(`read: ${c.name.slice(0, 70)}`, () => clients(ITERATIONS, c.api));
  }
  if (runs('dashboard')) await phase('dashboard, default (all figures), 10 clients', () => clients(20, () => gql(DASHBOARD, {})));
  if (runs('signin')) await phase('sign-in (argon2id), 10 clients', () => clients(40, () => anon(SIGN_IN, ADMIN)));
  if (runs('public')) {
    const [{ ozg_id: ozg }] = await q(`SELECT ozg_id FROM public_status GROUP BY ozg_id ORDER BY count(*) FILTER (WHERE status <> 'NOT_PLANNED') DESC LIMIT 1`);
    const sample = await q(`SELECT ars, authority_name AS name FROM public_status WHERE ozg_id = $1 ORDER BY md5(ars) LIMIT 2000`, [ozg]);
    const words = (name) => encodeURIComponent(name.replace(/^(Ausländerbehörde|Gemeinde) /, '').replace(/ \d+ \(synthetisch\)$/, ''));
    const cases = [
      ['public JSON status', sample.map((a) => `/public/v1/services/${ozg}/authorities/${a.ars}`)],
      ['public JSON search', sample.map((a) => `/public/v1/services/${ozg}/search?q=${words(a.name)}`)],
      ['public HTML answer page', sample.map((a) => `/public/de/services/${ozg}/authorities/${a.ars}`)],
      ['public HTML search page', sample.map((a) => `/public/de/services/${ozg}?q=${words(a.name)}`)],
    ];
    for (const [name, paths] of cases) {
      let i = 0;
      let n = 0;
      await phase(`${name}, 50 clients, ${SECONDS} s`, async () => {
        const inst = autocannon({ url: api.base, connections: 50, duration: SECONDS, requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length] }) }] });
        inst.on('response', () => n++);
        await inst;
        return n;
      });
    }
  }
} finally {
  await pool.end();
  await api.stop();
}
console.log(`| phase | requests | API CPU ms/request | peak RSS MB (where, at the sample of most RSS) | RSS after MB |\n|---|---:|---:|---|---:|`);
for (const r of results) console.log(`| ${r.name} | ${r.requests ?? ''} | ${r.cpuPerRequest?.toFixed(2) ?? ''} | ${memoryText(r.m)}${r.m.exact ? '' : ' (sampled)'} | ${r.after?.rss ?? 'n/a'} |`);
if (failed) console.log(`\n${failed} requests failed (counted, not fatal).`);
