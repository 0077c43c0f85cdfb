// node bench/interactive.mjs [--db <database>] (run by `npm run bench -- --scale national`):
// the console's interactive operations through the real API over HTTP, by BENCH_CONCURRENCY (10)
// concurrent keep-alive clients on the national database, each against its floor: the same rows or
// figures by the best single SQL query directly through pg (writes: the same statements in one
// transaction), at the same concurrency. Also the API's cold start (spawn to GET /ready 200), its
// peak resident size under load and the console dashboard's first paint in headless Chromium.
// Writes the section "National scale, interactive operations" of bench/RESULTS.md.
//
// The requests are the console's own: ra-data-graphql-simple's queries are built by its buildQuery
// from the API's introspection with the parameters and sparse fields of apps/admin (list pages,
// board, onboarding page); the custom ones (timeline, wave advance, sign-in, dashboard) are copied
// from apps/admin.
//
// Environment: BENCH_NATIONAL_DB (database, default efa_bench_national; the bulk advance writes to
// it: fresh onboardings each iteration), BENCH_INTERACTIVE_ITERATIONS (operations per read, default
// 100; dashboards a quarter of it), BENCH_BULK_ITERATIONS (bulk advances of 500, default 4),
// BENCH_SIGNIN_ITERATIONS (default 40),
// BENCH_CONCURRENCY (default 10), BENCH_PAINT_RUNS (default 3), CHROMIUM_PATH (/usr/bin/chromium),
// BENCH_ONLY (comma list of reads, bulk, signin, paint: only those are measured, printed and
// bench/RESULTS.md is left as it is; e.g. BENCH_ONLY=bulk for the bulk advance alone),
// BENCH_READS or --reads <text> (only the reads whose name contains the text, case-insensitive, e.g.
// "stage board"; implies BENCH_ONLY=reads and leaves bench/RESULTS.md alone).
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { getIntrospectionQuery, print } from 'graphql';
import { prepareDataset } from './national.mjs';
import { ADMIN, ADVANCE_WAVE, SIGN_IN, client, consoleReads, consoleRequests } from './console-requests.mjs';
import { DASHBOARD, PAST, machine, measure, memoryText, ms, reachable, startApi, writeSection } from './harness.mjs';

const require = createRequire(import.meta.url);
const argon2 = require('argon2');

const { values: args } = parseArgs({ options: { db: { type: 'string' }, reads: { type: 'string' } } });
const READS = (args.reads ?? process.env.BENCH_READS ?? '').toLowerCase();
const serverUrl = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = args.db ?? process.env.BENCH_NATIONAL_DB ?? 'efa_bench_national';
const ITERATIONS = Number(process.env.BENCH_INTERACTIVE_ITERATIONS ?? 100);
const BULK_ITERATIONS = Number(process.env.BENCH_BULK_ITERATIONS ?? 4);
const SIGNIN_ITERATIONS = Number(process.env.BENCH_SIGNIN_ITERATIONS ?? 40);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);
const PAINT_RUNS = Number(process.env.BENCH_PAINT_RUNS ?? 3);
const ONLY = READS ? new Set(['reads']) : process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',').map((s) => s.trim())) : null;
const runs = (part) => !ONLY || ONLY.has(part);
const WARMUP = 10;
const BULK = 500;


/** One line per measured operation while the run goes on. */
const report = (r) =>
  process.stderr.write(`    API p50 ${ms(r.api.p50)} p95 ${ms(r.api.p95)} ms ${r.api.rps.toFixed(1)}/s, CPU ${r.api.cpuMs?.toFixed(1)} ms/op${r.floor ? `; floor p50 ${ms(r.floor.p50)} p95 ${ms(r.floor.p95)} ms` : ''}; load ${loadavg()}${r.memory ? `; RSS peak ${memoryText(r.memory)}` : ''}\n`);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const loadavg = () => os.loadavg().map((n) => n.toFixed(1)).join(' / ');

async function main() {
  if (!(await reachable(serverUrl))) throw new Error(`the interactive bench needs PostgreSQL (${serverUrl})`);
  const data = await prepareDataset({ serverUrl, scale: 'national', reuse: true, dbName });
  const pool = new pg.Pool({ connectionString: data.url, max: CONCURRENCY });
  const q = async (sql, params) => (await pool.query(sql, params)).rows;
  const env = { ...process.env, SEED: 'auto', DEMO_ACCOUNTS: 'true', DATABASE_URL: data.url };
  delete env.DATA_DIR;

  process.stderr.write(`Interactive operations on ${dbName}: ${CONCURRENCY} clients, ${ITERATIONS} requests per read; load average ${loadavg()}\n`);
  const api = await startApi(env);
  const rows = [];
  let rssPeak = 0;
  let rssIdle = 0;
  const rssBy = {};
  const paint = [];
  let loadAtStart = loadavg();
  try {
    const anon = client(api.base, null);
    const { signIn } = await (async () => {
      const res = await fetch(`${api.base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }`, variables: { e: ADMIN.email, p: ADMIN.password } }) });
      return (await res.json()).data;
    })();
    const gql = client(api.base, signIn.token);
    const { __schema } = await gql(getIntrospectionQuery());
    const ra = consoleRequests(__schema);
    await ra.init();
    rssIdle = api.rssMb() ?? 0;

    const { subjects, cases } = await consoleReads({ gql, ra, q });
    const { service } = subjects;
    cases.push({ name: 'Dashboard, busiest service, national, today (all figures)', kind: 'dashboard', api: () => gql(DASHBOARD, { serviceId: service.id }), floor: null });
    cases.push({ name: `Dashboard, busiest service, national, as of ${PAST.slice(0, 10)} (all figures)`, kind: 'dashboard', api: () => gql(DASHBOARD, { serviceId: service.id, asOf: PAST }), floor: null });
    cases.push({ name: 'Dashboard, default (console start page: no arguments, today)', kind: 'dashboard', api: () => gql(DASHBOARD, {}), floor: null });

    if (READS) cases.splice(0, cases.length, ...cases.filter((c) => c.name.toLowerCase().includes(READS)));
    // Reads: the API at CONCURRENCY clients with RSS sampled, then the floor at the same concurrency.
    for (const c of runs('reads') ? cases : []) {
      process.stderr.write(`  ${c.name} ...\n`);
      const sample = await c.api();
      const watch = api.watchMemory();
      const iterations = c.kind === 'dashboard' ? Math.max(CONCURRENCY, Math.round(ITERATIONS / 4)) : ITERATIONS;
      const load = loadavg();
      // A failed request (e.g. the API's pool timing out on an overloaded machine) is counted, not fatal.
      const failures = { n: 0, first: null };
      const counted = async () => {
        try {
          await c.api();
        } catch (e) {
          failures.n++;
          failures.first ??= String(e.message ?? e).slice(0, 240);
        }
      };
      const cpu0 = api.cpuMs();
      const apiStats = await measure(counted, { iterations, warmup: WARMUP, concurrency: CONCURRENCY });
      apiStats.failures = failures;
      // The API process's own CPU per operation (warm-up included in the span, so divided by all runs).
      apiStats.cpuMs = (api.cpuMs() - cpu0) / (iterations + WARMUP);
      const memory = watch.stop();
      const peak = memory.peakMb;
      rssBy[c.name] = peak;
      rssPeak = Math.max(rssPeak, peak);
      const floorStats = c.floor ? await measure(c.floor, { iterations, warmup: WARMUP, concurrency: CONCURRENCY }) : null;
      rows.push({ ...c, api: apiStats, floor: floorStats, iterations, load, rss: peak, memory, rowsOut: sample?.rows?.length, total: sample?.total, bytes: sample?.bytes });
      report(rows.at(-1));
    }

    extras: {
    // Bulk advance of 500: fresh onboardings every iteration (ACTIVE, in KICK_OFF, no open blocking obstacle,
    // required milestones of KICK_OFF done, so the guards let them pass), API and floor on disjoint sets.
    if (runs('bulk')) {
    process.stderr.write(`  bulk advance of ${BULK} ...\n`);
    const candidates = (
      await q(
        `SELECT o.id FROM onboarding o
         WHERE o.status = 'ACTIVE' AND o.stage = 'KICK_OFF'
           AND NOT EXISTS (SELECT 1 FROM blocker b WHERE b.onboarding_id = o.id AND b.resolved_at IS NULL AND b.severity = 'BLOCKING')
           AND NOT EXISTS (SELECT 1 FROM milestone m WHERE m.onboarding_id = o.id AND m.stage = 'KICK_OFF' AND m.required AND m.status = 'OPEN')
         ORDER BY o.id LIMIT $1`,
        [BULK * (BULK_ITERATIONS + 1) * 2],
      )
    ).map((r) => r.id);
    const sets = Array.from({ length: Math.floor(candidates.length / BULK) }, (_, i) => candidates.slice(i * BULK, (i + 1) * BULK));
    if (sets.length < 2 * (BULK_ITERATIONS + 1)) throw new Error(`only ${candidates.length} onboardings can advance from KICK_OFF; need ${2 * (BULK_ITERATIONS + 1) * BULK}`);
    let moved = 0;
    const watch = api.watchMemory();
    const bulkLoad = loadavg();
    const bulkCpu0 = api.cpuMs();
    const bulkApi = await measure(
      async () => {
        const { data } = await gql(ADVANCE_WAVE, { ids: sets.shift(), comment: 'bench: Welle' });
        moved += data.filter((r) => r.moved).length;
      },
      { iterations: BULK_ITERATIONS, warmup: 1, concurrency: 1 },
    );
    const memory = watch.stop();
    const peak = memory.peakMb;
    bulkApi.cpuMs = (api.cpuMs() - bulkCpu0) / (BULK_ITERATIONS + 1);
    rssBy.bulk = peak;
    rssPeak = Math.max(rssPeak, peak);
    const bulkFloor = await measure(
      async () => {
        const ids = sets.shift();
        const c = await pool.connect();
        try {
          await c.query('BEGIN');
          // The same writes as the API's per onboarding, set-based: version-checked update, transition log, audit event.
          const { rows: done } = await c.query(
            `WITH moved AS (UPDATE onboarding o SET stage = 'PREPARATION', stage_entered_at = now(), version = version + 1, updated_at = now()
                            WHERE o.id = ANY($1::uuid[]) AND o.stage = 'KICK_OFF' AND o.status = 'ACTIVE' RETURNING o.id, o.version),
                  logged AS (INSERT INTO onboarding_transition (onboarding_id, kind, from_stage, to_stage, from_status, to_status, actor, comment)
                             SELECT id, 'ADVANCE', 'KICK_OFF', 'PREPARATION', 'ACTIVE', 'ACTIVE', 'bench', 'bench: Welle' FROM moved)
             INSERT INTO audit_event (actor, entity_type, entity_id, action, changes, comment)
             SELECT 'bench', 'Onboarding', id, 'ADVANCE', '[{"field":"stage","from":"KICK_OFF","to":"PREPARATION"}]'::jsonb, 'bench: Welle' FROM moved RETURNING entity_id`,
            [ids],
          );
          if (done.length !== ids.length) throw new Error(`floor moved ${done.length} of ${ids.length}`);
          await c.query('COMMIT');
        } finally {
          c.release();
        }
      },
      { iterations: BULK_ITERATIONS, warmup: 1, concurrency: 1 },
    );
    report({ name: 'bulk', api: bulkApi, floor: bulkFloor, memory });
    rows.push({ name: `Bulk advance of ${BULK} onboardings (wave, KICK_OFF -> PREPARATION; ${moved} of ${BULK * (BULK_ITERATIONS + 1)} moved, warm-up included)`, kind: 'write', api: bulkApi, floor: bulkFloor, iterations: BULK_ITERATIONS, load: bulkLoad, rss: peak });
    }

    // Sign-in: the console's mutation; the floor is the same statements plus the password check (argon2id) in this process.
    if (runs('signin')) {
    process.stderr.write('  sign-in ...\n');
    const [user] = await q(`SELECT id, password_hash FROM app_user WHERE lower(email) = $1`, [ADMIN.email]);
    const watch = api.watchMemory();
    const signLoad = loadavg();
    const signCpu0 = api.cpuMs();
    const signApi = await measure(() => anon(SIGN_IN, ADMIN), { iterations: SIGNIN_ITERATIONS, warmup: 2, concurrency: CONCURRENCY });
    signApi.cpuMs = (api.cpuMs() - signCpu0) / (SIGNIN_ITERATIONS + 2);
    const memory = watch.stop();
    const peak = memory.peakMb;
    rssBy.signIn = peak;
    rssPeak = Math.max(rssPeak, peak);
    const signFloor = await measure(
      async () => {
        const [r] = await q(`SELECT u.*, (SELECT count(*) FROM sign_in_attempt WHERE NOT succeeded AND lower(email) = $1 AND occurred_at > now() - interval '15 minutes') AS failures FROM app_user u WHERE lower(u.email) = $1`, [ADMIN.email]);
        if (!(await argon2.verify(r.password_hash, ADMIN.password))) throw new Error('floor: password');
        await q(
          `WITH a AS (INSERT INTO sign_in_attempt (email, address, succeeded) VALUES ($1, '127.0.0.1', true)),
                s AS (INSERT INTO user_session (user_id, expires_at, method, address, user_agent) VALUES ($2, now() + interval '8 hours', 'PASSWORD', '127.0.0.1', 'bench') RETURNING id),
                u AS (UPDATE app_user SET last_sign_in_at = now() WHERE id = $2)
           INSERT INTO audit_event (actor, entity_type, entity_id, action, comment) SELECT $1, 'User', $2, 'SIGN_IN', 'PASSWORD from 127.0.0.1' FROM s RETURNING id`,
          [ADMIN.email, user.id],
        );
      },
      { iterations: SIGNIN_ITERATIONS, warmup: 2, concurrency: CONCURRENCY },
    );
    report({ name: 'sign-in', api: signApi, floor: signFloor, memory });
    rows.push({ name: 'Sign-in (password, argon2id)', kind: 'write', api: signApi, floor: signFloor, iterations: SIGNIN_ITERATIONS, load: signLoad, rss: peak });
    }

    // First paint of the console's dashboard in headless Chromium, signed in.
    for (let i = 0; i < (runs('paint') ? PAINT_RUNS : 0); i++) {
      paint.push(await firstPaint(api.base).catch((e) => ({ error: String(e.message ?? e).split('\n')[0] })));
      process.stderr.write(`  first paint ${JSON.stringify(paint.at(-1))}\n`);
    }
    }
  } finally {
    await pool.end();
    await api.stop();
  }

  const table = [
    `| operation | clients | requests | load avg 1/5/15 | API p50 ms | API p95 ms | API req/s | floor p50 ms | floor p95 ms | floor req/s | ratio p50 | ratio p95 | API CPU ms/op | API RSS peak MB | failed |`,
    '|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => {
      const conc = r.kind === 'write' && r.name.startsWith('Bulk') ? 1 : CONCURRENCY;
      const f = r.floor;
      return `| ${r.name} | ${conc} | ${r.iterations} | ${r.load} | ${ms(r.api.p50)} | ${ms(r.api.p95)} | ${r.api.rps.toFixed(1)} | ${f ? ms(f.p50) : 'n/a'} | ${f ? ms(f.p95) : 'n/a'} | ${f ? f.rps.toFixed(1) : 'n/a'} | ${f ? (r.api.p50 / f.p50).toFixed(2) : 'n/a'} | ${f ? (r.api.p95 / f.p95).toFixed(2) : 'n/a'} | ${r.api.cpuMs?.toFixed(1) ?? 'n/a'} | ${r.rss} | ${r.api.failures?.n ?? 0} |`;
    }),
  ].join('\n');
  const target = (r) => (r.kind === 'list' || r.kind === 'read' ? 100 : r.kind === 'dashboard' ? 300 : null);
  const verdicts = rows
    .filter((r) => target(r))
    .map((r) => {
      const t = target(r);
      const ratio = r.floor ? r.api.p95 / r.floor.p95 : null;
      const ok = r.api.p95 <= t && (r.kind !== 'list' || (ratio !== null && ratio <= 3));
      return `- ${ok ? 'met' : 'MISSED'}: ${r.name}: p95 ${ms(r.api.p95)} ms (target ${t} ms)${r.kind === 'list' ? `, ratio p95 ${ratio.toFixed(2)} (target 3)` : ''}`;
    });
  const failed = rows.filter((r) => r.api.failures?.n).map((r) => `- ${r.name}: ${r.api.failures.n} of ${r.iterations + WARMUP} failed, first: ${r.api.failures.first}`);
  const paintErrors = paint.filter((p) => p.error).map((p) => p.error);
  paint.splice(0, paint.length, ...paint.filter((p) => !p.error));
  const paintLine = (paintErrors.length ? `Console first paint: ${paintErrors.length} load(s) failed (${paintErrors[0]}).\n` : '') + (paint.length
    ? `Console dashboard in headless Chromium (${process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'}), signed in as the administrator, default service, ${paint.length} loads, each in a fresh browser (empty cache): first paint ${paint.map((p) => Math.round(p.fp)).join(' / ')} ms, first contentful paint ${paint.map((p) => Math.round(p.fcp)).join(' / ')} ms, dashboard figures visible ${paint.map((p) => Math.round(p.figures)).join(' / ')} ms (navigation start to the headline's "live" figure; target first paint <= 1,500 ms), JavaScript transferred ${paint.map((p) => Math.round(p.jsKb)).join(' / ')} kB.`
    : 'Console first paint: not measured.');
  const body = [
    `Measured ${new Date().toISOString().replace('T', ' ').slice(0, 16)} UTC on ${machine('PostgreSQL 15')}, the API, PostgreSQL and the clients on the same machine; load average (1/5/15 min) ${loadAtStart} at the start, per row below (the bench's own processes count in it). Run by \`npm run bench -- --scale national\` (\`bench/interactive.mjs\`) on ${dbName} (${data.counts.authority.toLocaleString('en-US')} authorities, ${data.counts.onboarding.toLocaleString('en-US')} onboardings, ${data.counts.milestone.toLocaleString('en-US')} milestones, ${data.counts.onboarding_transition.toLocaleString('en-US')} transitions, ${data.counts.audit_event.toLocaleString('en-US')} audit events).`,
    '',
    `API cold start (process spawn to the first 200 of GET /ready on the national database): ${Math.round(api.readyMs)} ms (listening after ${Math.round(api.startMs)} ms). Resident size: ${rssIdle} MB idle after start, peak ${rssPeak} MB under load (per operation in the last column: the kernel's high-water mark VmHWM, reset before each operation; target 300 MB).`,
    '',
    `Every request is the console's own (ra-data-graphql-simple's queries built from the API's introspection with apps/admin's parameters and sparse fields; a page is its list query, then its reference queries side by side), sent by ${CONCURRENCY} concurrent keep-alive clients after ${WARMUP} warm-up operations; one "operation" is the whole page. The floor is the same rows or figures by one SQL query directly through pg at the same concurrency (writes: the same statements in one transaction; sign-in: the same statements and the argon2id check). Dashboards have no floor here (dash10's section "National scale" compares them with their own SQL).`,
    '',
    table,
    '',
    ...(failed.length ? ['Failed requests (counted in the timings with the time until the error):', '', ...failed, ''] : []),
    paintLine,
    '',
    'Targets (issue 10):',
    '',
    ...verdicts,
    `- ${rssPeak <= 300 ? 'met' : 'MISSED'}: API resident size under load ${rssPeak} MB (target 300 MB)`,
    ...(paint.length ? [`- ${median(paint.map((p) => p.fp)) <= 1500 ? 'met' : 'MISSED'}: dashboard first paint ${Math.round(median(paint.map((p) => p.fp)))} ms median (target 1,500 ms)`] : []),
  ].join('\n');
  console.log(`\n${body}`);
  if (ONLY) process.stderr.write(`BENCH_ONLY=${[...ONLY].join(',')}: bench/RESULTS.md left as it is\n`);
  else writeSection('National scale, interactive operations', body);
}

/** Loads the console's dashboard signed in (fresh browser context), returns first paint, FCP and time to the figures (ms from navigation start). */
async function firstPaint(base) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const context = await browser.newContext({ locale: 'de-DE' });
    // Sign in through the API (sets the session cookie in the context), then load the start page measured.
    const res = await context.request.post(`${base}/graphql`, { data: { query: SIGN_IN, variables: ADMIN } });
    if (!res.ok()) throw new Error(`sign-in for the paint: HTTP ${res.status()}`);
    const page = await context.newPage();
    let jsBytes = 0;
    page.on('response', async (r) => {
      if (r.url().endsWith('.js')) jsBytes += Number((await r.allHeaders())['content-length'] ?? 0);
    });
    await page.goto(`${base}/#/`, { waitUntil: 'commit' });
    await page.locator('[data-testid="headline-live"]').first().waitFor({ state: 'visible', timeout: 120_000 });
    const figures = await page.evaluate(() => performance.now());
    const paints = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('paint').map((e) => [e.name, e.startTime])));
    await context.close();
    return { fp: paints['first-paint'] ?? NaN, fcp: paints['first-contentful-paint'] ?? NaN, figures, jsKb: jsBytes / 1024 };
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
