// What every benchmark needs: the built API started on a free port, a GraphQL client, timing with
// percentiles, the machine's description and the sections of bench/RESULTS.md.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';

export const RESULTS = 'bench/RESULTS.md';

export const withDb = (url, db) => Object.assign(new URL(url), { pathname: `/${db}` }).toString();

export async function reachable(url) {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

export async function admin(serverUrl, sql) {
  const c = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 2000 });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

const freePort = () =>
  new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

/** Starts the built API (as `npm start` does) with `env`; resolves when it serves, with its start-up time. */
/** Starts the built API (BENCH_API_NODE_ARGS: extra node flags for it, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"; BENCH_API_MAIN: another build's main.js, e.g. a copy of the dist before a change, to compare). */
export async function startApi(env) {
  const port = await freePort();
  const started = performance.now();
  const api = spawn(process.execPath, [...(process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean), process.env.BENCH_API_MAIN ?? 'apps/api/dist/apps/api/src/main.js'], { env: { ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  await new Promise((resolve, reject) => {
    const on = (d) => {
      log += d;
      if (log.includes('Health:')) {
        // From here on the API writes a JSON line per request: drain it, don't collect it.
        api.stdout.off('data', on).resume();
        api.stderr.off('data', on).resume();
        resolve();
      }
    };
    api.stdout.on('data', on);
    api.stderr.on('data', on);
    api.on('exit', (code) => reject(new Error(`API exited with ${code}\n${log}`)));
  });
  const listeningMs = performance.now() - started;
  // Ready: GET /ready answers 200 (database reachable, migrations applied), polled every 20 ms.
  for (;;) {
    const res = await fetch(`http://127.0.0.1:${port}/ready`).catch(() => null);
    if (res) await res.arrayBuffer();
    if (res?.status === 200) break;
    if (performance.now() - started > 120_000) throw new Error(`API not ready after 120 s\n${log}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const readyMs = performance.now() - started;
  let token;
  const gql = async (query, variables) => {
    const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = await res.json();
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  return {
    gql,
    /** The API's address, e.g. for a browser (it serves the built console at /). */
    origin: `http://127.0.0.1:${port}`,
    /** GET a REST route of the API (e.g. a report), signed in like gql. */
    get: (route) => fetch(`http://127.0.0.1:${port}${route}`, { headers: token ? { authorization: `Bearer ${token}` } : {} }),
    /** Spawn to the "Health:" log line (listening). */
    startMs: listeningMs,
    /** Spawn to the first 200 of GET /ready (the cold start). */
    readyMs,
    port,
    base: `http://127.0.0.1:${port}`,
    pid: api.pid,
    /** Signs in as the demo administrator (the API runs with DEMO_ACCOUNTS=true); later requests carry the token. */
    async signIn() {
      ({ signIn: { token } } = await gql(`mutation { signIn(email: "admin@demo.invalid", password: "Demo-Verwaltung-2026") { token } }`));
    },
    /** Resident set size of the API process in MB (Linux), or null. */
    rssMb() {
      return procMemory(api.pid)?.rss ?? null;
    },
    /**
     * Watches the API's memory during one operation: see watchMemory. `stop()` answers the peak resident
     * size in MB (the kernel's own high-water mark, so no short peak between samples is missed) and,
     * from /metrics, what the process held at the sampled moment of most RSS (V8 heap, external, ...).
     */
    watchMemory(options) {
      return watchMemory(api.pid, `http://127.0.0.1:${port}/metrics`, options);
    },
    /** CPU time (user + system) the API process has used so far, in ms (Linux), or null: independent of the machine's load. */
    cpuMs() {
      try {
        const fields = fs.readFileSync(`/proc/${api.pid}/stat`, 'utf8').split(') ')[1].split(' ');
        return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
      } catch {
        return null;
      }
    },
    async stop() {
      api.kill('SIGTERM');
      await new Promise((r) => api.once('exit', r));
    },
  };
}

const MB = 1024 * 1024;

/** Memory of a process from /proc/<pid>/status in MB: rss (VmRSS), hwm (VmHWM, the peak), anon (RssAnon: heap, malloc), file (RssFile: code, mapped files). */
export function procMemory(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
    const mb = (field) => Math.round(kb(field) / 1024);
    return { rss: mb('VmRSS'), hwm: mb('VmHWM'), anon: mb('RssAnon'), file: mb('RssFile') };
  } catch {
    return null;
  }
}

/** The process figures of a Prometheus text answer (prom-client's default metrics) in MB. */
function heapFigures(text) {
  const get = (name) => {
    const m = new RegExp(`^${name} ([0-9.e+]+)`, 'm').exec(text);
    return m ? Math.round(Number(m[1]) / MB) : null;
  };
  const space = (s) => {
    const m = new RegExp(`^nodejs_heap_space_size_total_bytes\\{space="${s}"\\} ([0-9.e+]+)`, 'm').exec(text);
    return m ? Math.round(Number(m[1]) / MB) : null;
  };
  return { heapTotal: get('nodejs_heap_size_total_bytes'), heapUsed: get('nodejs_heap_size_used_bytes'), external: get('nodejs_external_memory_bytes'), newSpace: space('new'), oldSpace: space('old') };
}

/**
 * Watches a process's resident size during one operation. Where Linux allows it (our own child), the
 * kernel's peak (VmHWM) is reset at the start (`echo 5 > /proc/<pid>/clear_refs`) and read at the end:
 * exact, whatever the sampling timer misses while the bench's own event loop is busy. Otherwise the
 * peak of samples every 50 ms. With `metricsUrl` the API's /metrics is read every 500 ms
 * (BENCH_MEMORY_BREAKDOWN_MS; 0 = never, for the last 0.1 ms of CPU per operation); the figures
 * at the moment of most RSS tell where it is (V8 heap used/total, new space, external buffers; the rest
 * is native: malloc arenas, code, thread stacks).
 */
export function watchMemory(pid, metricsUrl, { breakdownEveryMs = Number(process.env.BENCH_MEMORY_BREAKDOWN_MS ?? 500) } = {}) {
  let exact = false;
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    exact = true;
  } catch {
    // not allowed (another user's process, old kernel): sampled peak only
  }
  let sampled = 0;
  let breakdown = null;
  const sample = () => (sampled = Math.max(sampled, procMemory(pid)?.rss ?? 0));
  const timer = setInterval(sample, 50);
  let reading = false;
  const heap = metricsUrl && breakdownEveryMs > 0
    ? setInterval(async () => {
        if (reading) return;
        reading = true;
        try {
          const res = await fetch(metricsUrl);
          const text = await res.text();
          const rss = procMemory(pid)?.rss ?? 0;
          if (res.ok && (!breakdown || rss >= breakdown.rss)) breakdown = { rss, ...heapFigures(text) };
        } catch {
          // the API is busy or gone: this sample is skipped
        } finally {
          reading = false;
        }
      }, breakdownEveryMs)
    : undefined;
  return {
    /** Ends the watch: { peakMb, exact (kernel high-water mark), sampledPeakMb, breakdown } */
    stop() {
      clearInterval(timer);
      clearInterval(heap);
      sample();
      const hwm = exact ? procMemory(pid)?.hwm : undefined;
      return { peakMb: Math.max(hwm ?? 0, sampled), exact: Boolean(hwm), sampledPeakMb: sampled, breakdown };
    },
  };
}

/** "432 MB (heap 180/260, new 32, external 12, native 150)": a watch's peak and where it was. */
export function memoryText({ peakMb, breakdown: b }) {
  if (!b || b.heapTotal === null) return `${peakMb} MB`;
  return `${peakMb} MB (at ${b.rss} MB: V8 heap used ${b.heapUsed} of ${b.heapTotal}, new space ${b.newSpace}, external ${b.external}, rest ${b.rss - b.heapTotal - b.external})`;
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Runs `fn` `iterations` times after `warmup` runs, by `concurrency` clients at once; latencies in ms. */
export async function measure(fn, { iterations, warmup, concurrency = 1 }) {
  for (let i = 0; i < warmup; i++) await fn();
  const times = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < iterations) {
        const t0 = performance.now();
        await fn();
        times.push(performance.now() - t0);
      }
    }),
  );
  const total = performance.now() - start;
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), rps: (iterations / total) * 1000 };
}

export const ms = (n) => n.toFixed(2);

/** The table of API timings against their floors. */
export function floorTable(rows) {
  return [
    '| operation | API p50 ms | API p95 ms | API req/s | floor p50 ms | floor p95 ms | ratio p50 | ratio p95 |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) =>
      `| ${r.name} | ${ms(r.api.p50)} | ${ms(r.api.p95)} | ${r.api.rps.toFixed(0)} | ${r.floor ? ms(r.floor.p50) : 'n/a'} | ${r.floor ? ms(r.floor.p95) : 'n/a'} | ${r.floor ? ms(r.api.p50 / r.floor.p50) : 'n/a'} | ${r.floor ? ms(r.api.p95 / r.floor.p95) : 'n/a'} |`,
    ),
  ].join('\n');
}

export function machine(database) {
  return `${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${database}`;
}

/** Replaces (or appends) the section `## title` of bench/RESULTS.md, keeping the others. */
export function writeSection(title, body) {
  const text = fs.existsSync(RESULTS) ? fs.readFileSync(RESULTS, 'utf8') : '# Benchmark results\n';
  const sections = text.split(/^(?=## )/m);
  const head = sections[0].startsWith('## ') ? '# Benchmark results\n\n' : sections.shift();
  const section = `## ${title}\n\n${body.trim()}\n\n`;
  const at = sections.findIndex((s) => s.startsWith(`## ${title}\n`));
  if (at >= 0) sections[at] = section;
  else sections.push(section);
  fs.writeFileSync(RESULTS, `${head.trimEnd()}\n\n${sections.join('').trimEnd()}\n`);
}

/** Every figure of one dashboard through DashboardService directly (as the GraphQL fields ask for them: side by side). */
export async function dashboardFigures(service, args) {
  const { scope } = await service.head(args, null);
  return Promise.all([
    service.totals(scope),
    service.states(scope),
    service.funnel(scope),
    service.specialistSystems(scope),
    service.goLivesPerMonth(scope),
    service.goLivesPerWeek(scope),
    service.leadTimes(scope),
    service.stuckOnboardings(scope, 90, 50),
    service.overdueMilestones(scope, 50),
    service.obstacles(scope, 50),
    service.contracts(scope),
  ]);
}

/** Every figure of the dashboard: the console's panels (apps/admin/src/dashboard) and the figures resolved on demand. */
export const DASHBOARD = `query($serviceId: ID, $asOf: DateTime, $stateId: ID) {
  dashboard(serviceId: $serviceId, asOf: $asOf, stateId: $stateId) {
    serviceId serviceName asOf
    totals { authorities live inRollout paused cancelled notStarted shareLive }
    states { stateId stateCode stateName authorities live inRollout paused cancelled notStarted shareLive }
    funnel { stage position count paused }
    specialistSystems { specialistSystemId name live inRollout blocked }
    goLivesPerMonth { month goLives cumulative planned }
    goLivesPerWeek { week weekStart goLives cumulative planned }
    leadTimes { overall { toLive { count medianDays p80Days } stages { stage medianDays p80Days } } states { stateCode toLive { medianDays } } specialistSystems { name toLive { medianDays } } }
    stuckOnboardings(minDays: 90) { total items { authorityName stage days } }
    overdueMilestones { total items { authorityName key dueDate daysOverdue } }
    obstacles { total byCategory { category severity count } oldest { title daysOpen } }
    contracts { counts { status count } states { stateCode status reuseVariant } }
  }
}`;
export const PAST = '2023-08-31T21:59:59Z';

/** The dashboard cases measured by bench/dashboard-cpu.mjs and bench/dashboard-compare.mjs --time: [label, arguments]. */
export function dashboardCases(busiest, stateId, code) {
  const past = new Date(PAST);
  return [
    ['busiest service national, today', { serviceId: busiest }],
    ['busiest service national, as of 2023-08-31', { serviceId: busiest, asOf: past }],
    [`one state (${code}), today`, { serviceId: busiest, stateId }],
    [`one state (${code}), as of 2023-08-31`, { serviceId: busiest, stateId, asOf: past }],
    ['no arguments (default service, today)', {}],
  ];
}
