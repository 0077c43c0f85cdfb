// The public status lookup (issue 9) at national scale: 50 concurrent keep-alive clients
// (autocannon) against the built API, each request a different authority, for the JSON status,
// the JSON search, the HTML answer page and the HTML search result page. The API serves from its
// in-memory copy of public_status; the rate limit stays on (PUBLIC_RATE_LIMIT set above what the
// bench sends) and the bench checks that every request was counted in public_rate_limit.
//
// Database: a copy of efa_bench_national (CREATE DATABASE ... TEMPLATE, dropped afterwards) when
// it exists on the server, else the generated national dataset (bench/national.mjs, reused).
// Writes the section "Public status" of bench/RESULTS.md.
//
//   node bench/public.mjs            (npm run bench -- --only public)
//   BENCH_PUBLIC_SECONDS=10          seconds per case (default 10)
import os from 'node:os';
import autocannon from 'autocannon';
import pg from 'pg';
import { admin, machine, memoryText, reachable, startApi, withDb, writeSection } from './harness.mjs';
import { prepareDataset } from './national.mjs';

const serverUrl = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const SECONDS = Number(process.env.BENCH_PUBLIC_SECONDS ?? 10);
const CONNECTIONS = 50;
/** The issue's throughput target, offered as a fixed rate to read the latency at that load. */
const OFFERED_RATE = 1000;
const TEMPLATE = 'efa_bench_national';
/** Far above what one run sends from one address (about 30,000 requests a minute): counted, never refused. */
const RATE_LIMIT = 10_000_000;

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

async function database() {
  if (!(await reachable(serverUrl))) throw new Error(`the public status bench needs PostgreSQL (${serverUrl})`);
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  const [{ exists }] = (await c.query(`SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1) AS exists`, [TEMPLATE])).rows;
  await c.end();
  if (!exists) {
    const data = await prepareDataset({ serverUrl, scale: 'national', reuse: true });
    return { url: data.url, source: `the generated national dataset (bench/national.mjs)`, drop: async () => {} };
  }
  const name = `efa_bench_public_${process.pid}`;
  // CREATE DATABASE ... TEMPLATE fails while anybody is connected to the template: a few tries.
  for (let attempt = 1; ; attempt++) {
    try {
      await admin(serverUrl, `CREATE DATABASE ${name} TEMPLATE ${TEMPLATE}`);
      break;
    } catch (e) {
      if (attempt >= 10) throw e;
      process.stderr.write(`  template busy (${e.message}), retrying ...\n`);
      await new Promise((r) => setTimeout(r, 3000));
    }
  }
  return { url: withDb(serverUrl, name), source: `a copy of ${TEMPLATE}`, drop: () => admin(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/**
 * One case: CONNECTIONS clients for SECONDS, each request the next path of `paths`. Without `rate` the
 * clients send as fast as answers come (closed loop: the throughput ceiling, latency includes queueing
 * behind 50 in-flight requests); with `rate` they send `rate` requests per second in all (the latency at
 * that load).
 */
async function load(base, name, paths, rate) {
  let i = 0;
  const times = [];
  const statuses = {};
  const instance = autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: SECONDS,
    ...(rate ? { overallRate: rate } : {}),
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length] }) }],
  });
  instance.on('response', (_client, status, _bytes, responseTime) => {
    times.push(responseTime);
    statuses[status] = (statuses[status] ?? 0) + 1;
  });
  const result = await instance;
  times.sort((a, b) => a - b);
  return {
    name: rate ? `${name}, at ${rate.toLocaleString('en-US')} req/s offered` : `${name}, as fast as answered`,
    requests: times.length,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    rps: times.length / (result.duration || SECONDS),
    statuses,
    errors: result.errors + result.timeouts,
  };
}

const db = await database();
const pool = new pg.Pool({ connectionString: db.url, max: 2 });
const env = { ...process.env, DATABASE_URL: db.url, NOTIFICATION_WORKER: 'false', PUBLIC_RATE_LIMIT: String(RATE_LIMIT), SEED: 'never' };
delete env.DATA_DIR;
let api;
const rows = [];
let counted = 0;
let counts;
let rss = 0;
/** The case's memory peak (kernel high-water mark over the whole case, not a sample at its end). */
let rssText = '';
const watched = async (run) => {
  const watch = api.watchMemory();
  const row = await run();
  const m = watch.stop();
  if (m.peakMb > rss) [rss, rssText] = [m.peakMb, memoryText(m)];
  row.rss = m.peakMb;
  return row;
};
try {
  process.stderr.write(`public status bench on ${db.source}\n`);
  api = await startApi(env);
  const origin = new URL((await api.get('/public/v1/services')).url).origin;
  counts = (await pool.query(`SELECT (SELECT count(*)::int FROM public_status) AS rows, (SELECT count(DISTINCT ozg_id)::int FROM public_status) AS services, (SELECT count(*)::int FROM authority) AS authorities`)).rows[0];
  // the busiest public service, and 2,000 of its authorities in random order
  const [{ ozg_id: ozg }] = (await pool.query(`SELECT ozg_id FROM public_status GROUP BY ozg_id ORDER BY count(*) FILTER (WHERE status <> 'NOT_PLANNED') DESC LIMIT 1`)).rows;
  const sample = (await pool.query(`SELECT ars, authority_name AS name FROM public_status WHERE ozg_id = $1 ORDER BY md5(ars) LIMIT 2000`, [ozg])).rows;
  const words = (name) => encodeURIComponent(name.replace(/^(Ausländerbehörde|Gemeinde) /, '').replace(/ \d+ \(synthetisch\)$/, ''));
  const cases = [
    ['JSON status (GET /public/v1/services/:ozgId/authorities/:ars)', sample.map((a) => `/public/v1/services/${ozg}/authorities/${a.ars}`)],
    ['JSON search (GET /public/v1/services/:ozgId/search?q=)', sample.map((a) => `/public/v1/services/${ozg}/search?q=${words(a.name)}`)],
    ['HTML answer page (GET /public/de/services/:ozgId/authorities/:ars)', sample.map((a) => `/public/de/services/${ozg}/authorities/${a.ars}`)],
    ['HTML search result page (GET /public/de/services/:ozgId?q=)', sample.map((a) => `/public/de/services/${ozg}?q=${words(a.name)}`)],
  ];
  // warm-up: every path once
  for (const [, paths] of cases) for (const p of paths.slice(0, 200)) await fetch(`${origin}${p}`).then((r) => r.arrayBuffer());
  for (const [name, paths] of cases) {
    process.stderr.write(`  ${name} ...\n`);
    rows.push(await watched(() => load(origin, name, paths)));
    // the lookups also at the target's rate: the latency a visitor sees at 1,000 req/s
    if (!name.includes('search')) rows.push(await watched(() => load(origin, name, paths, OFFERED_RATE)));
  }
  // every request was counted (the counters are merged about once a second)
  await new Promise((r) => setTimeout(r, 2500));
  counted = Number((await pool.query(`SELECT coalesce(sum(hits), 0)::bigint AS n FROM public_rate_limit`)).rows[0].n);
} finally {
  await pool.end();
  await api?.stop();
  await db.drop();
}

const sent = rows.reduce((n, r) => n + r.requests, 0);
const table = [
  '| request | requests | p50 ms | p95 ms | p99 ms | req/s | answers | API RSS peak MB |',
  '|---|---:|---:|---:|---:|---:|---|---:|',
  ...rows.map((r) => `| ${r.name} | ${r.requests} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.rps.toFixed(0)} | ${Object.entries(r.statuses).map(([s, n]) => `${n}× ${s}`).join(', ')}${r.errors ? `, ${r.errors} errors` : ''} | ${r.rss} |`),
].join('\n');
const body = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${machine('PostgreSQL')} (bench/public.mjs), load average ${os.loadavg()[0].toFixed(1)} at the end: ${db.source}, public_status ${counts?.rows?.toLocaleString('en-US')} rows (${counts?.services} services with an OZG-ID × ${counts?.authorities?.toLocaleString('en-US')} authorities).`,
  `${CONNECTIONS} concurrent keep-alive clients (autocannon, on the same machine), ${SECONDS} s per row, first as fast as answers come (the throughput ceiling), then the lookups at ${OFFERED_RATE.toLocaleString('en-US')} req/s offered (the latency at the target's load), each request another of 2,000 authorities of the busiest service; latency as the client saw it. The API answers from its in-memory copy of public_status (no database query per request). Peak RSS of the API ${rssText} (the kernel's high-water mark during the cases; per case in the last column).`,
  `Rate limit on (PUBLIC_RATE_LIMIT=${RATE_LIMIT} per minute and address, above what the bench sends): ${counted.toLocaleString('en-US')} requests counted in public_rate_limit for ${(sent).toLocaleString('en-US')} sent in the runs (the warm-up adds 800).`,
  '',
  table,
  '',
  'Target: p95 <= 20 ms and >= 1,000 req/s.',
].join('\n');
console.log(`\n${body}\n`);
writeSection('Public status', body);
if (counted < sent) {
  console.error(`the rate limit counted ${counted} of ${sent} requests`);
  process.exit(1);
}
