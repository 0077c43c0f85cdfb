// node bench/dashboard-compare.mjs --reference <dist dir of an older build> [--db <database>] [--services N] [--dates N]
// Every dashboard figure computed by the built service (apps/api/dist) and by the service of an older build
// (e.g. a copy of apps/api/dist taken before a change, placed inside the workspace so it finds node_modules),
// on the same database, for many scopes: the busiest services, national, per state and per wave, today and
// at past dates. Prints each difference and exits 1 if there is any. Read-only.
import 'reflect-metadata';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isDeepStrictEqual } from 'node:util';
import pg from 'pg';
import { dashboardFigures } from './harness.mjs';

const { values: args } = parseArgs({
  options: { reference: { type: 'string' }, db: { type: 'string', default: process.env.BENCH_NATIONAL_DB ?? 'efa_bench_national' }, services: { type: 'string', default: '4' }, dates: { type: 'string', default: '6' } },
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
await pool.end();
process.exit(differences ? 1 : 0);
