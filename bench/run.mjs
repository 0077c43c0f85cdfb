// npm run bench: key operations through the real API over HTTP against the
// same rows fetched by the best single SQL query directly through pg (the floor).
// Prints a Markdown table (p50, p95, throughput, API/floor ratio) and writes bench/RESULTS.md.
// Database: BENCH_DATABASE_URL / DATABASE_URL / the local server (a fresh database
// efa_bench_<pid> is created and dropped); without a reachable server, embedded PGlite.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 200);
const WARMUP = 20;
const serverUrl = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const withDb = (url, db) => Object.assign(new URL(url), { pathname: `/${db}` }).toString();

async function reachable(url) {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

async function admin(sql) {
  const c = new pg.Client({ connectionString: serverUrl });
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

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function measure(fn) {
  for (let i = 0; i < WARMUP; i++) await fn();
  const times = [];
  const start = performance.now();
  for (let i = 0; i < ITERATIONS; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  const total = performance.now() - start;
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), rps: (ITERATIONS / total) * 1000 };
}

/** Advance then move back one onboarding: two workflow writes (guards, versioned update, transition log, audit). */
async function workflowCase(gql, pool) {
  const { allOnboardings } = await gql(`{ allOnboardings(perPage: 1, filter: { stage: ["KICK_OFF"], status: [ACTIVE], hasBlockingBlocker: false }) { id version } }`);
  let { id, version } = allOnboardings[0];
  let floorVersion;
  return {
    name: 'Advance + move back one onboarding (2 workflow writes)',
    api: async () => {
      const a = await gql(`mutation($id: ID!, $v: Int!) { advanceOnboarding(id: $id, version: $v, comment: "bench") { version } }`, { id, v: version });
      const b = await gql(`mutation($id: ID!, $v: Int!) { moveOnboardingBack(id: $id, version: $v, toStage: "KICK_OFF", reason: "bench") { version } }`, { id, v: a.advanceOnboarding.version });
      version = b.moveOnboardingBack.version;
    },
    floor: pool && (async () => {
      floorVersion ??= version;
      for (const [from, to, kind] of [['KICK_OFF', 'PREPARATION', 'ADVANCE'], ['PREPARATION', 'KICK_OFF', 'MOVE_BACK']]) {
        const c = await pool.connect();
        try {
          await c.query('BEGIN');
          const r = await c.query(`UPDATE onboarding SET stage = $3, stage_entered_at = now(), version = version + 1, updated_at = now() WHERE id = $1 AND version = $2`, [id, floorVersion, to]);
          if (r.rowCount !== 1) throw new Error('floor lost the version');
          floorVersion++;
          await c.query(`INSERT INTO onboarding_transition (onboarding_id, kind, from_stage, to_stage, from_status, to_status, actor, comment) VALUES ($1, $2, $3, $4, 'ACTIVE', 'ACTIVE', 'bench', 'bench')`, [id, kind, from, to]);
          await c.query(`INSERT INTO audit_event (actor, entity_type, entity_id, action, changes) VALUES ('bench', 'Onboarding', $1, $2, $3)`, [id, kind, JSON.stringify({ stage: { from, to } })]);
          await c.query('COMMIT');
        } finally {
          c.release();
        }
      }
    }),
  };
}

async function main() {
  const usePostgres = await reachable(serverUrl);
  const dbName = `efa_bench_${process.pid}`;
  let dataDir;
  const env = { ...process.env, SEED: 'auto', DEMO_ACCOUNTS: 'true' };
  delete env.DATABASE_URL;
  if (usePostgres) {
    await admin(`CREATE DATABASE ${dbName}`);
    env.DATABASE_URL = withDb(serverUrl, dbName);
  } else {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'efa-bench-'));
    env.DATA_DIR = dataDir;
    console.log('PostgreSQL not reachable: benchmarking on embedded PGlite (floor measured through the API process is not available).');
  }
  const port = await freePort();
  env.PORT = String(port);
  const api = spawn(process.execPath, ['apps/api/dist/apps/api/src/main.js'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  await new Promise((resolve, reject) => {
    const on = (d) => {
      log += d;
      if (log.includes('Health:')) resolve();
    };
    api.stdout.on('data', on);
    api.stderr.on('data', on);
    api.on('exit', (code) => reject(new Error(`API exited with ${code}\n${log}`)));
  });

  const rows = [];
  try {
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
    // The benchmark database gets the demo accounts (DEMO_ACCOUNTS=true); every operation runs signed in.
    ({ signIn: { token } } = await gql(`mutation { signIn(email: "admin@demo.invalid", password: "Demo-Verwaltung-2026") { token } }`));
    const pool = usePostgres ? new pg.Pool({ connectionString: env.DATABASE_URL, max: 2 }) : null;

    const cases = [
      {
        name: 'All authorities with their states (list of 401)',
        api: async () => {
          const d = await gql(`{ allAuthorities(perPage: 500, sortField: "name") { id name ars population state { id code name } } }`);
          if (d.allAuthorities.length !== 401) throw new Error('expected 401 rows');
        },
        floor: pool && (async () => {
          const r = await pool.query(`SELECT a.id, a.name, a.ars, a.population, s.id AS state_id, s.code, s.name AS state_name FROM authority a JOIN state s ON s.id = a.state_id ORDER BY a.name, a.id LIMIT 500`);
          if (r.rows.length !== 401) throw new Error('expected 401 rows');
        }),
      },
      {
        name: 'Authority list page: 25 rows, filter by state, sort by population, with count',
        api: async () => {
          await gql(`query($f: AuthorityFilter) { allAuthorities(perPage: 25, sortField: "population", sortOrder: "DESC", filter: $f) { id name ars population state { code } specialistSystem { product } } _allAuthoritiesMeta(filter: $f) { count } }`, { f: { q: 'a' } });
        },
        floor: pool && (async () => {
          await pool.query(`SELECT a.id, a.name, a.ars, a.population, s.code, ss.product, count(*) OVER () AS total FROM authority a JOIN state s ON s.id = a.state_id LEFT JOIN specialist_system ss ON ss.id = a.specialist_system_id WHERE a.name ILIKE '%a%' OR a.ars ILIKE 'a%' ORDER BY a.population DESC NULLS FIRST, a.id LIMIT 25`);
        }),
      },
      {
        name: 'Onboarding list page: 25 in PREPARATION..TEST, with authority, service and milestones, with count',
        api: async () => {
          await gql(`query($f: OnboardingFilter) { allOnboardings(perPage: 25, sortField: "stageEnteredAt", sortOrder: "ASC", filter: $f) { id stage status stageEnteredAt plannedGoLive authority { name } service { name } milestones { key status dueDate } } _allOnboardingsMeta(filter: $f) { count } }`, {
            f: { stage: ['PREPARATION', 'CONNECTION', 'TEST'] },
          });
        },
        floor: pool && (async () => {
          await pool.query(`SELECT o.id, o.stage, o.status, o.stage_entered_at, o.planned_go_live, a.name, s.name AS service,
              (SELECT json_agg(json_build_object('key', m.key, 'status', m.status, 'due', m.due_date) ORDER BY m.position) FROM milestone m WHERE m.onboarding_id = o.id) AS milestones,
              count(*) OVER () AS total
            FROM onboarding o JOIN authority a ON a.id = o.authority_id JOIN service s ON s.id = o.service_id
            WHERE o.stage IN ('PREPARATION', 'CONNECTION', 'TEST') ORDER BY o.stage_entered_at, o.id LIMIT 25`);
        }),
      },
      await workflowCase(gql, pool),
      {
        name: 'Dashboard (all figures) as of end of August 2023',
        api: async () => {
          await gql(`{ dashboard(asOf: "2023-08-31T21:59:59Z") { totals { live } states { live } funnel { count } specialistSystems { live } goLivesPerMonth { cumulative }
            goLivesPerWeek { cumulative planned } leadTimes { overall { toLive { medianDays p80Days } stages { medianDays } } states { toLive { medianDays } } specialistSystems { toLive { medianDays } } }
            stuckOnboardings(minDays: 90) { total items { days } } overdueMilestones { total items { daysOverdue } } obstacles { total byCategory { count } oldest { daysOpen } }
            contracts { counts { count } states { status reuseVariant } } } }`);
        },
        floor: null,
      },
      {
        name: 'Monthly report XLSX as of 31.08.2023 (GET /reports/monthly.xlsx)',
        api: async () => {
          const res = await fetch(`http://127.0.0.1:${port}/reports/monthly.xlsx?asOf=2023-08-31&since=2023-07-31`, { headers: { authorization: `Bearer ${token}` } });
          if (res.status !== 200) throw new Error(`report: HTTP ${res.status} ${await res.text()}`);
          await res.arrayBuffer();
        },
        floor: null,
      },
    ];

    for (const c of cases) {
      const apiStats = await measure(c.api);
      const floorStats = c.floor ? await measure(c.floor) : null;
      rows.push({ name: c.name, api: apiStats, floor: floorStats });
    }
    await pool?.end();
  } finally {
    api.kill('SIGTERM');
    await new Promise((r) => api.once('exit', r));
    if (usePostgres) await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }

  const f = (n) => n.toFixed(2);
  const table = [
    '| operation | API p50 ms | API p95 ms | API req/s | floor p50 ms | floor p95 ms | ratio p50 | ratio p95 |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) =>
      `| ${r.name} | ${f(r.api.p50)} | ${f(r.api.p95)} | ${r.api.rps.toFixed(0)} | ${r.floor ? f(r.floor.p50) : 'n/a'} | ${r.floor ? f(r.floor.p95) : 'n/a'} | ${r.floor ? f(r.api.p50 / r.floor.p50) : 'n/a'} | ${r.floor ? f(r.api.p95 / r.floor.p95) : 'n/a'} |`,
    ),
  ].join('\n');
  const machine = `${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${usePostgres ? 'PostgreSQL' : 'PGlite'}`;
  const report = `# Benchmark results\n\nMeasured ${new Date().toISOString().slice(0, 10)} on ${machine}.\n${ITERATIONS} sequential requests per operation after ${WARMUP} warm-up requests; the floor is the same rows read by one SQL query (for writes: the same statements in one transaction) through pg.\n\n${table}\n`;
  console.log(`\n${report}`);
  fs.writeFileSync('bench/RESULTS.md', report);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
