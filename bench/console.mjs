// The console's first load (part of npm run bench; alone: npm run build && node bench/console.mjs [--no-national]):
// 1. its initial JavaScript (apps/admin/scripts/bundle-size.mjs: what index.html loads eagerly, gzip), and
// 2. the dashboard's first paint in headless Chromium (playwright-core, CHROMIUM_PATH or /usr/bin/chromium),
//    signed in as the demo administrator, through the built API serving the built console:
//    first contentful paint (the boot screen) and "figures visible" (the dashboard's headline figures in the
//    page), for a first visit (empty cache) and a repeat visit (cached assets), median of RUNS page loads each;
//    on the seeded demo data and, when the database efa_bench_national exists (bench/national.mjs), on a copy
//    of it (CREATE DATABASE ... TEMPLATE; the copy is dropped afterwards).
// Replaces the "Console bundle" and "Console first paint" sections of bench/RESULTS.md.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { chromium } from 'playwright-core';
import { BUDGET_KB, formatReport, measureBundle } from '../apps/admin/scripts/bundle-size.mjs';
import { admin, machine, reachable, startApi, withDb, writeSection } from './harness.mjs';

const { values: args } = parseArgs({ options: { 'no-national': { type: 'boolean', default: false } } });
const RUNS = Number(process.env.BENCH_CONSOLE_RUNS ?? 5);
const TARGET_MS = 1500;
const serverUrl = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const NATIONAL_TEMPLATE = 'efa_bench_national';

/** Records in the page when the dashboard's headline figures appear (performance.now(), from navigation start). */
const MARK_FIGURES = () => {
  const done = () => document.querySelector('[data-testid="headline-authorities"]');
  const observer = new MutationObserver(() => {
    if (done() && !window.__efaFiguresAt) {
      window.__efaFiguresAt = performance.now();
      observer.disconnect();
    }
  });
  document.addEventListener('DOMContentLoaded', () => observer.observe(document.body, { childList: true, subtree: true }));
};

async function pageLoad(context, origin) {
  const page = await context.newPage();
  try {
    await page.addInitScript(MARK_FIGURES);
    const started = performance.now();
    await page.goto(`${origin}/`, { waitUntil: 'commit' });
    await page.waitForFunction(() => window.__efaFiguresAt !== undefined, undefined, { timeout: 180_000 });
    const wall = performance.now() - started;
    return await page.evaluate((wallMs) => {
      const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null;
      const js = performance.getEntriesByType('resource').filter((r) => r.name.endsWith('.js'));
      return {
        fcp,
        figures: window.__efaFiguresAt,
        wall: wallMs,
        requests: js.length,
        transferred: js.reduce((sum, r) => sum + (r.transferSize || 0), 0),
      };
    }, wall);
  } finally {
    await page.close();
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** RUNS first visits (a fresh browser context each) and RUNS repeat visits (one context, warmed once). */
async function firstPaint(browser, origin) {
  const signIn = async (context) => {
    const res = await context.request.post(`${origin}/graphql`, {
      data: { query: 'mutation { signIn(email: "admin@demo.invalid", password: "Demo-Verwaltung-2026") { expiresAt } }' },
    });
    if (!res.ok() || (await res.json()).errors) throw new Error(`sign-in failed: ${await res.text()}`);
  };
  const cold = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext();
    await signIn(context);
    cold.push(await pageLoad(context, origin));
    await context.close();
  }
  const warm = [];
  const context = await browser.newContext();
  await signIn(context);
  await pageLoad(context, origin);
  for (let i = 0; i < RUNS; i++) warm.push(await pageLoad(context, origin));
  await context.close();
  const summary = (runs) => ({
    fcp: median(runs.map((r) => r.fcp)),
    figures: median(runs.map((r) => r.figures)),
    worst: Math.max(...runs.map((r) => r.figures)),
    requests: median(runs.map((r) => r.requests)),
    kb: median(runs.map((r) => r.transferred)) / 1000,
  });
  return { cold: summary(cold), warm: summary(warm) };
}

async function onDatabase(label, url, browser) {
  const env = { ...process.env, SEED: 'auto', DEMO_ACCOUNTS: 'true', DATABASE_URL: url };
  delete env.DATA_DIR;
  const api = await startApi(env);
  try {
    const origin = api.origin;
    process.stderr.write(`  console first paint on ${label} (${RUNS} + ${RUNS} page loads) ...\n`);
    return { label, startMs: api.startMs, ...(await firstPaint(browser, origin)) };
  } finally {
    await api.stop();
  }
}

/** CREATE DATABASE ... TEMPLATE fails while someone is connected to the template: try a few times. */
async function copyNational(name) {
  for (let attempt = 1; ; attempt++) {
    try {
      await admin(serverUrl, `CREATE DATABASE ${name} TEMPLATE ${NATIONAL_TEMPLATE}`);
      return;
    } catch (error) {
      if (attempt >= 10 || !/being accessed by other users/.test(String(error))) throw error;
      await new Promise((r) => setTimeout(r, 3000));
    }
  }
}

async function main() {
  const bundle = measureBundle('apps/admin/dist');
  console.log(formatReport(bundle));
  const date = new Date().toISOString().slice(0, 10);
  writeSection(
    'Console bundle',
    [
      `Measured ${date} by bench/console.mjs (apps/admin/scripts/bundle-size.mjs; \`node apps/admin/scripts/bundle-size.mjs\` prints it after \`npm run build\`, tests/console/bundle-size.test.ts enforces it).`,
      `Initial JavaScript, what index.html loads eagerly (module script, modulepreload links of the shell and the dashboard, their static imports), gzip level 9: **${(bundle.initial.gzip / 1000).toFixed(1)} kB** in ${bundle.initial.chunks.length} chunks (${(bundle.initial.bytes / 1000).toFixed(1)} kB minified); budget ${BUDGET_KB} kB. Everything else loads per route: ${bundle.lazy.chunks.length} lazy chunks, ${(bundle.lazy.gzip / 1000).toFixed(1)} kB gzip in all.`,
      '',
      '| initial chunk | gzip kB |',
      '|---|---:|',
      ...bundle.initial.chunks.slice(0, 12).map((c) => `| ${c.file.replace(/-[\w-]{8}\.js$/, '.js')} | ${(c.gzip / 1000).toFixed(1)} |`),
      `| (${Math.max(0, bundle.initial.chunks.length - 12)} smaller) | ${(bundle.initial.chunks.slice(12).reduce((s, c) => s + c.gzip, 0) / 1000).toFixed(1)} |`,
    ].join('\n'),
  );

  if (!(await reachable(serverUrl))) throw new Error(`the console benchmark needs PostgreSQL (${serverUrl})`);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const results = [];
  const created = [];
  try {
    const seeded = `efa_console_bench_${process.pid}`;
    await admin(serverUrl, `CREATE DATABASE ${seeded}`);
    created.push(seeded);
    results.push(await onDatabase('seeded demo data', withDb(serverUrl, seeded), browser));
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    const exists = (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [NATIONAL_TEMPLATE])).rowCount > 0;
    await c.end();
    if (exists && !args['no-national']) {
      const copy = `efa_nat_console_bench_${process.pid}`;
      await copyNational(copy);
      created.push(copy);
      results.push(await onDatabase('national data (copy of efa_bench_national)', withDb(serverUrl, copy), browser));
    } else {
      process.stderr.write(`  ${NATIONAL_TEMPLATE} not found (or --no-national): first paint on the seeded data only\n`);
    }
  } finally {
    await browser.close();
    for (const name of created) await admin(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
  const f = (n) => (n === null || n === undefined ? 'n/a' : Math.round(n).toString());
  const table = [
    '| data | visit | first contentful paint ms | figures visible ms (median) | figures visible ms (worst) | JS requests | JS transferred kB |',
    '|---|---|---:|---:|---:|---:|---:|',
    ...results.flatMap((r) => [
      `| ${r.label} | first (empty cache) | ${f(r.cold.fcp)} | ${f(r.cold.figures)} | ${f(r.cold.worst)} | ${r.cold.requests} | ${r.cold.kb.toFixed(0)} |`,
      `| ${r.label} | repeat (cached assets) | ${f(r.warm.fcp)} | ${f(r.warm.figures)} | ${f(r.warm.worst)} | ${r.warm.requests} | ${r.warm.kb.toFixed(0)} |`,
    ]),
  ].join('\n');
  const body = [
    `Measured ${date} on ${machine('PostgreSQL')}, the API, PostgreSQL and the browser on the same machine (load average ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')} at the end), by bench/console.mjs: headless Chromium (${CHROMIUM}) on the same machine as the API, no network throttling; signed in as the demo administrator; ${RUNS} page loads of \`/\` per row, median.`,
    '"First contentful paint" is the boot screen; "figures visible" is when the dashboard\'s headline figures are in the page (from navigation start). Target (issue 10): figures visible within ' +
      `${TARGET_MS} ms. API cold start: ${results.map((r) => `${Math.round(r.startMs)} ms (${r.label})`).join(', ')}.`,
    '',
    table,
  ].join('\n');
  console.log(`\n${body}`);
  writeSection('Console first paint', body);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
