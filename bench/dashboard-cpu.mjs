// node bench/dashboard-cpu.mjs [--reference <dist dir of an older build>] [--db <database>] [--rounds N]
// PostgreSQL CPU time per dashboard request (all figures, through DashboardService's own SQL), measured
// independently of the machine's load: every statement runs on a pg client whose server process's
// CPU time (/proc/<backend pid>/schedstat, nanoseconds on the CPU) is read before and after, so other
// work on the machine does not count (PostgreSQL must run on this machine). Prints per case the median
// CPU ms of the whole request and of each statement, for the built service and, with --reference, an
// older build (a copy of apps/api/dist inside the workspace), plus the wall-clock median for reference.
// Plans with parallel workers would hide the workers' CPU: run with max_parallel_workers_per_gather
// as configured (the dashboard's plans use none; docs/explain/dashboard.md).
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { dashboardCases, dashboardFigures } from './harness.mjs';

const { values: args } = parseArgs({
  options: { reference: { type: 'string' }, db: { type: 'string', default: process.env.BENCH_NATIONAL_DB ?? 'efa_bench_national' }, rounds: { type: 'string', default: '5' } },
});
const serverUrl = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const url = new URL(serverUrl);
url.pathname = `/${args.db}`;
const servicePath = 'src/dashboard/dashboard.service.js';
const builds = [['after', path.resolve('apps/api/dist/apps/api', servicePath)]];
if (args.reference) builds.unshift(['before', path.resolve(args.reference, 'apps/api', servicePath)]);

// A few clients of our own (the service runs its statements side by side), each with its backend's pid.
const clients = [];
for (let i = 0; i < 6; i++) {
  const c = new pg.Client({ connectionString: url.toString() });
  await c.connect();
  const { rows } = await c.query('SELECT pg_backend_pid() AS pid');
  clients.push({ c, pid: rows[0].pid, busy: false });
}
const cpuNs = (pid) => Number(fs.readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]);
let log = [];
const db = {
  query: async (sql, params) => {
    const slot = clients.find((s) => !s.busy);
    if (!slot) throw new Error('more statements at once than clients');
    slot.busy = true;
    try {
      const before = cpuNs(slot.pid);
      const { rows } = await slot.c.query(sql, params);
      log.push({ sql, ms: (cpuNs(slot.pid) - before) / 1e6 });
      return rows;
    } finally {
      slot.busy = false;
    }
  },
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const { rows: [{ id: busiest }] } = await clients[0].c.query(`SELECT service_id AS id FROM onboarding GROUP BY service_id ORDER BY count(*) DESC, service_id LIMIT 1`);
const { rows: [{ id: stateId, code }] } = await clients[0].c.query(`SELECT s.id, s.code FROM state s JOIN authority a ON a.state_id = s.id GROUP BY s.id ORDER BY count(*) DESC LIMIT 1`);
const cases = dashboardCases(busiest, stateId, code);
const label = (sql) => {
  const s = sql.replace(/\s+/g, ' ');
  if (/FROM service WHERE|FROM wave WHERE|FROM service sv/.test(s)) return 'head';
  if (/samples AS|stays AS/.test(s)) return 'lead times';
  if (/WITH (open_)?due AS/.test(s)) return 'overdue';
  if (/live_moves t/.test(s) && !/GROUPING SETS \(\(s\.id/.test(s)) return 'go-lives';
  if (/snap/.test(s)) return 'snapshot';
  return 'plain';
};
const services = {};
for (const [name, file] of builds) services[name] = new (await import(file)).DashboardService(db);
const lines = [`| case | build | PG CPU ms/request (median) | per statement (median CPU ms) | wall ms (median) |`, '|---|---|---:|---|---:|'];
const loadBefore = os.loadavg()[0].toFixed(1);
for (const [caseName, a] of cases) {
  const results = Object.fromEntries(builds.map(([b]) => [b, { total: [], wall: [], parts: {} }]));
  for (let i = 0; i < Number(args.rounds) + 1; i++) {
    for (const [b] of builds) {
      log = [];
      const started = performance.now();
      await dashboardFigures(services[b], { ...a, asOf: a.asOf ?? null });
      const wall = performance.now() - started;
      if (i === 0) continue; // warms the cache
      const r = results[b];
      r.total.push(log.reduce((sum, l) => sum + l.ms, 0));
      r.wall.push(wall);
      const parts = {};
      for (const l of log) parts[label(l.sql)] = (parts[label(l.sql)] ?? 0) + l.ms;
      for (const [k, v] of Object.entries(parts)) (r.parts[k] ??= []).push(v);
    }
  }
  for (const [b] of builds) {
    const r = results[b];
    const parts = Object.entries(r.parts).map(([k, v]) => `${k} ${median(v).toFixed(1)}`).join(', ');
    lines.push(`| ${caseName} | ${b} | ${median(r.total).toFixed(1)} | ${parts} | ${median(r.wall).toFixed(0)} |`);
    process.stderr.write(`${lines.at(-1)}\n`);
  }
}
console.log(`\n${args.rounds} rounds per case after a warm-up round, builds alternating, on ${args.db}; load average (1 min) ${loadBefore} before, ${os.loadavg()[0].toFixed(1)} after, on ${os.cpus().length} cores.\n\n${lines.join('\n')}`);
for (const { c } of clients) await c.end();
