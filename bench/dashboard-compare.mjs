// node bench/dashboard-compare.mjs --reference <dist dir of an older build> [--db <database>] [--services N] [--dates N] [--time N]
// Every dashboard figure computed by the built service (apps/api/dist) and by the service of an older build
// (e.g. a copy of apps/api/dist taken before a change, placed inside the workspace so it finds node_modules),
// on the same database, for many scopes: the busiest services, national, per state and per wave, today and
// at past dates. Prints each difference and exits 1 if there is any. Read-only.
// --time N: also times both (N rounds, the two services alternating, one request at a time, all figures through
// dashboardFigures) for the busiest service national and one state, today and as of 2023-08-31, and prints
// p50 / p95 per case as a Markdown table with the load average before and after.
import 'reflect-metadata';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isDeepStrictEqual } from 'node:util';
import pg from 'pg';
import { dashboardCases, dashboardFigures } from './harness.mjs';

const { values: args } = parseArgs({
  options: { reference: { type: 'string' }, time: { type: 'string', default: '0' }, db: { type: 'string', default: process.env.BENCH_NATIONAL_DB ?? 'efa_bench_national' }, services: { type: 'string', default: '4' }, dates: { type: 'string', default: '6' } },
});
if (!args.reference) throw new Error('--reference <dist dir of the older build> is needed');
const serverUrl = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const url = new URL(serverUrl);
url.pathname = `/${args.db}`;
const servicePath = 'src/dashboard/dashboard.service.js';
const { DashboardService: Current } = await import(path.resolve('apps/api/dist/apps/api', servicePath));
const { DashboardService: Reference } = await import(path.resolve(args.reference, 'apps/api', servicePath));
const pool = new pg.Pool({ connectionString: url.toString(), max: 4 });
// The database must not change while comparing: run it on a copy nobody writes to.
const db = { query: async (sql, params) => (await pool.query(sql, params)).rows };
const current = new Current(db);
const reference = new Reference(db);

const services = (await pool.query(`SELECT service_id AS id FROM onboarding GROUP BY service_id ORDER BY count(*) DESC, service_id LIMIT $1`, [Number(args.services)])).rows;
const states = (await pool.query(`SELECT id FROM state ORDER BY code`)).rows;
const [{ first, last }] = (await pool.query(`SELECT min(occurred_at) AS first, max(occurred_at) AS last FROM onboarding_transition`)).rows;
const n = Number(args.dates);
// Evenly spread moments over the log's span, at odd times of day, plus today (null) and a moment before any entry.
const dates = [null, new Date(first.getTime() - 86_400_000), ...Array.from({ length: n }, (_, i) => new Date(first.getTime() + ((i + 1) * (last.getTime() - first.getTime())) / (n + 1) + i * 3_600_017))];
let compared = 0;
let differences = 0;
for (const { id: serviceId } of services) {
  const waves = (await pool.query(`SELECT id FROM wave WHERE service_id = $1 ORDER BY id LIMIT 2`, [serviceId])).rows;
  const scopes = [{}, ...states.filter((_, i) => i % 5 === 0).map((s) => ({ stateId: s.id })), ...waves.map((w) => ({ waveId: w.id }))];
  for (const scope of scopes) {
    for (const asOf of dates) {
      // One fixed moment for both (today would otherwise differ by the milliseconds between the two calls).
      const a = { serviceId, ...scope, asOf: asOf ?? new Date() };
      const [mine, theirs] = await Promise.all([dashboardFigures(current, a), dashboardFigures(reference, a)]);
      compared++;
      if (!isDeepStrictEqual(JSON.parse(JSON.stringify(mine)), JSON.parse(JSON.stringify(theirs)))) {
        differences++;
        const names = ['totals', 'states', 'funnel', 'specialistSystems', 'goLivesPerMonth', 'goLivesPerWeek', 'leadTimes', 'stuckOnboardings', 'overdueMilestones', 'obstacles', 'contracts'];
        const which = names.filter((_, i) => JSON.stringify(mine[i]) !== JSON.stringify(theirs[i]));
        console.log(`DIFFERENT ${JSON.stringify(a)}: ${which.join(', ')}`);
      }
    }
  }
  process.stderr.write(`  service ${serviceId}: ${compared} dashboards compared so far\n`);
}
const changes = await Promise.all([current, reference].map((s) => s.changesBetween({ serviceId: services[0].id, asOf: dates.at(-1), stateId: null, waveId: null, obstacleStateId: null }, dates[3])));
compared++;
if (JSON.stringify(changes[0]) !== JSON.stringify(changes[1])) {
  differences++;
  console.log('DIFFERENT changesBetween');
}
console.log(`${compared} dashboards (all figures) compared on ${args.db}: ${differences} different.`);

const rounds = Number(args.time);
if (rounds > 0) {
  const busiest = services[0].id;
  const [{ id: stateId, code }] = (await pool.query(`SELECT s.id, s.code FROM state s JOIN authority a ON a.state_id = s.id GROUP BY s.id ORDER BY count(*) DESC LIMIT 1`)).rows;
  const cases = dashboardCases(busiest, stateId, code);
  const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];
  const load = () => (os.loadavg()[0]).toFixed(1);
  const loadBefore = load();
  const lines = ['| case | before p50 ms | before p95 ms | after p50 ms | after p95 ms |', '|---|---:|---:|---:|---:|'];
  for (const [name, a] of cases) {
    const times = { reference: [], current: [] };
    for (let i = 0; i < rounds + 1; i++) {
      for (const [key, service] of [['reference', reference], ['current', current]]) {
        const started = performance.now();
        await dashboardFigures(service, { ...a, asOf: a.asOf ?? null });
        if (i > 0) times[key].push(performance.now() - started); // round 0 warms the cache
      }
    }
    lines.push(`| ${name} | ${pct(times.reference, 50).toFixed(0)} | ${pct(times.reference, 95).toFixed(0)} | ${pct(times.current, 50).toFixed(0)} | ${pct(times.current, 95).toFixed(0)} |`);
    process.stderr.write(`${lines.at(-1)}\n`);
  }
  console.log(`\n${rounds} rounds per case, services alternating; load average (1 min) ${loadBefore} before, ${load()} after, on ${os.cpus().length} cores.\n\n${lines.join('\n')}`);
}
await pool.end();
process.exit(differences ? 1 : 0);
