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
      try {
        const kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${api.pid}/status`, 'utf8'))[1]);
        return Math.round(kb / 1024);
      } catch {
        return null;
      }
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
