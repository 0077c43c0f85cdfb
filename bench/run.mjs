// npm run bench: key operations through the real API over HTTP against the
// same rows fetched by the best single SQL query directly through pg (the floor).
// Prints a Markdown table (p50, p95, throughput, API/floor ratio) and writes its section of bench/RESULTS.md.
// Database: BENCH_DATABASE_URL / DATABASE_URL / the local server (a fresh database
// efa_bench_<pid> is created and dropped); without a reachable server, embedded PGlite.
//
// npm run bench -- --scale small|national [--reuse]: the dashboard on a generated database
// (bench/national.mjs; --reuse keeps an existing complete one; BENCH_NATIONAL_DB names the national database, default efa_bench_national) -> section "National scale" / "Small scale".
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { prepareDataset, busiestService } from './national.mjs';
import { admin, DASHBOARD, dashboardFigures, floorTable, machine, measure, PAST, reachable, startApi, withDb, writeSection } from './harness.mjs';

const { values: args } = parseArgs({ options: { scale: { type: 'string' }, reuse: { type: 'boolean', default: false }, db: { type: 'string' } } });
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 200);
const WARMUP = 20;
const serverUrl = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

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
    await admin(serverUrl, `CREATE DATABASE ${dbName}`);
    env.DATABASE_URL = withDb(serverUrl, dbName);
  } else {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'efa-bench-'));
    env.DATA_DIR = dataDir;
    console.log('PostgreSQL not reachable: benchmarking on embedded PGlite (floor measured through the API process is not available).');
  }
  const api = await startApi(env);
  const { gql } = api;

  const rows = [];
  try {
    // The benchmark database gets the demo accounts (DEMO_ACCOUNTS=true); every operation runs signed in.
    await api.signIn();
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
          const res = await api.get('/reports/monthly.xlsx?asOf=2023-08-31&since=2023-07-31');
          if (res.status !== 200) throw new Error(`report: HTTP ${res.status} ${await res.text()}`);
          await res.arrayBuffer();
        },
        floor: null,
      },
    ];

    for (const c of cases) {
      const apiStats = await measure(c.api, { iterations: ITERATIONS, warmup: WARMUP });
      const floorStats = c.floor ? await measure(c.floor, { iterations: ITERATIONS, warmup: WARMUP }) : null;
      rows.push({ name: c.name, api: apiStats, floor: floorStats });
    }
    await pool?.end();
  } finally {
    await api.stop();
    if (usePostgres) await admin(serverUrl, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }

  const body = `Measured ${new Date().toISOString().slice(0, 10)} on ${machine(usePostgres ? 'PostgreSQL' : 'PGlite')}.\n${ITERATIONS} sequential requests per operation after ${WARMUP} warm-up requests; the floor is the same rows read by one SQL query (for writes: the same statements in one transaction) through pg.\n\n${floorTable(rows)}`;
  console.log(`\n${body}`);
  writeSection('Seeded size', body);
}



/** The dashboard through the API at a generated scale, against the service's own SQL run directly through pg. */
async function dashboardAtScale(scale, reuse) {
  if (!(await reachable(serverUrl))) throw new Error(`--scale needs PostgreSQL (${serverUrl})`);
  const data = await prepareDataset({ serverUrl, scale, reuse, ...(args.db || (process.env.BENCH_NATIONAL_DB && scale === 'national') ? { dbName: args.db || process.env.BENCH_NATIONAL_DB } : {}) });
  const iterations = Number(process.env.BENCH_ITERATIONS ?? 50);
  const warmup = 5;
  const concurrency = 4;
  const env = { ...process.env, SEED: 'auto', DEMO_ACCOUNTS: 'true', DATABASE_URL: data.url };
  delete env.DATA_DIR;
  const api = await startApi(env);
  // The floor: the dashboard service's own statements, run through pg without HTTP, GraphQL and Nest.
  const { DashboardService } = await import('../apps/api/dist/apps/api/src/dashboard/dashboard.service.js');
  // As many connections as the API's pool: one request's figure statements run at the same time.
  const pool = new pg.Pool({ connectionString: data.url, max: 10 });
  const floorService = new DashboardService({ query: async (sql, params) => (await pool.query(sql, params)).rows });
  const rows = [];
  let rss = 0;
  try {
    await api.signIn();
    const service = await busiestService(data.url);
    const [{ id: stateId, code }] = (await pool.query(`SELECT s.id, s.code FROM state s JOIN authority a ON a.state_id = s.id GROUP BY s.id ORDER BY count(*) DESC LIMIT 1`)).rows;
    const cases = [
      { name: `national, today (busiest service, ${service.n} onboardings)`, args: { serviceId: service.id } },
      { name: `national, as of ${PAST.slice(0, 10)}`, args: { serviceId: service.id, asOf: PAST } },
      { name: `one state (${code}), today`, args: { serviceId: service.id, stateId } },
      { name: `one state (${code}), as of ${PAST.slice(0, 10)}`, args: { serviceId: service.id, stateId, asOf: PAST } },
      { name: 'no arguments (default service, today)', args: {} },
    ];
    for (const c of cases) {
      process.stderr.write(`  dashboard ${c.name} ...\n`);
      const call = () => api.gql(DASHBOARD, c.args);
      const floorCall = () => dashboardFigures(floorService, { ...c.args, asOf: c.args.asOf ? new Date(c.args.asOf) : null });
      const apiStats = await measure(call, { iterations, warmup });
      const loaded = await measure(call, { iterations, warmup: 0, concurrency });
      const floorStats = await measure(floorCall, { iterations, warmup });
      rss = Math.max(rss, api.rssMb() ?? 0);
      rows.push({ name: `Dashboard (all figures), ${c.name}`, api: apiStats, loaded, floor: floorStats });
    }
  } finally {
    await pool.end();
    await api.stop();
  }
  const counts = Object.entries(data.counts).map(([t, n]) => `| ${t} | ${n.toLocaleString('en-US')} |`).join('\n');
  const loadedTable = ['| operation | p50 ms | p95 ms | req/s |', '|---|---:|---:|---:|', ...rows.map((r) => `| ${r.name} | ${r.loaded.p50.toFixed(2)} | ${r.loaded.p95.toFixed(2)} | ${r.loaded.rps.toFixed(0)} |`)].join('\n');
  const body = [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${machine('PostgreSQL 15')}, the API, PostgreSQL and the client on the same machine (load average ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')} at the end).`,
    `Database ${data.dbName} generated by \`bench/national.mjs\` (scale ${scale}) in ${data.seconds} s${data.reused ? ' (reused with --reuse)' : ''}; API cold start ${Math.round(api.startMs)} ms, resident size after the run ${rss} MB.`,
    '',
    '| table | rows |',
    '|---|---:|',
    counts,
    '',
    `${iterations} sequential requests per case after ${warmup} warm-up requests. The floor is the dashboard service's own SQL statements run directly through pg (no HTTP, GraphQL or Nest). Target (issue 6): p95 under 300 ms.`,
    '',
    floorTable(rows),
    '',
    `The same requests by ${concurrency} concurrent clients:`,
    '',
    loadedTable,
  ].join('\n');
  console.log(`\n${body}`);
  writeSection(scale === 'national' ? 'National scale' : `Scale ${scale}`, body);
}

(args.scale ? dashboardAtScale(args.scale, args.reuse || Boolean(args.db)) : main()).catch((e) => {
  console.error(e);
  process.exit(1);
});
