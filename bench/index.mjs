/**
 * `npm run bench [-- --scale small|national] [--reuse] [--db <database>] [--only dashboard,interactive,export,import,console,soak,public]`:
 * runs the benchmarks one after another, each in its own process so that one's memory and
 * connections do not skew the next. Arguments other than --only go to the API benchmark
 * (bench/run.mjs); the export/restore, import and soak benchmarks run on the seeded size and are
 * skipped at --scale national unless named in --only. At --scale national the interactive operations
 * (bench/interactive.mjs: the console's reads and writes at 10 clients against their SQL floors, cold
 * start, memory, first paint) run after the dashboard, on --db (default efa_bench_national). The
 * console benchmark (bundle size, dashboard first paint in Chromium, on the seeded and, if present,
 * the national data) runs in both. The soak (mixed readers and writers for 5 minutes, then the
 * invariants) runs on the seeded size. The public status benchmark (bench/public.mjs) always runs on
 * national-scale data (a copy of efa_bench_national, or the generated dataset).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: { scale: { type: 'string' }, reuse: { type: 'boolean', default: false }, only: { type: 'string' }, db: { type: 'string' } },
});
const all = ['dashboard', 'interactive', 'export', 'import', 'console', 'soak', 'public'];
const only = args.only ? args.only.split(',').map((s) => s.trim()) : args.scale === 'national' ? ['dashboard', 'interactive', 'console', 'public'] : all;
const unknown = only.filter((name) => !all.includes(name));
if (unknown.length) {
  console.error(`--only: unknown benchmark ${unknown.join(', ')} (known: ${all.join(', ')})`);
  process.exit(2);
}
const runArgs = [...(args.scale ? ['--scale', args.scale] : []), ...(args.reuse ? ['--reuse'] : []), ...(args.db ? ['--db', args.db] : [])];
const scripts = {
  dashboard: ['run.mjs', runArgs],
  interactive: ['interactive.mjs', args.db ? ['--db', args.db] : []],
  export: ['export.mjs', []],
  import: ['import.mjs', []],
  console: ['console.mjs', []],
  soak: ['soak.mjs', []],
  public: ['public.mjs', []],
};
for (const name of only) {
  const [script, extra] = scripts[name];
  const result = spawnSync(process.execPath, [path.join(here, script), ...extra], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
