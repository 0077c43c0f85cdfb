/**
 * `npm run bench [-- --scale small|national] [--reuse] [--only dashboard,export,import]`:
 * runs the benchmarks one after another, each in its own process so that one's memory and
 * connections do not skew the next. Arguments other than --only go to the API benchmark
 * (bench/run.mjs); the export/restore and import benchmarks run on the seeded size and are
 * skipped at --scale national unless named in --only. The public status benchmark (bench/public.mjs)
 * always runs on national-scale data (a copy of efa_bench_national, or the generated dataset).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: { scale: { type: 'string' }, reuse: { type: 'boolean', default: false }, only: { type: 'string' } },
});
const all = ['dashboard', 'export', 'import', 'public'];
const only = args.only ? args.only.split(',').map((s) => s.trim()) : args.scale === 'national' ? ['dashboard', 'public'] : all;
const unknown = only.filter((name) => !all.includes(name));
if (unknown.length) {
  console.error(`--only: unknown benchmark ${unknown.join(', ')} (known: ${all.join(', ')})`);
  process.exit(2);
}
const runArgs = [...(args.scale ? ['--scale', args.scale] : []), ...(args.reuse ? ['--reuse'] : [])];
const scripts = { dashboard: ['run.mjs', runArgs], export: ['export.mjs', []], import: ['import.mjs', []], public: ['public.mjs', []] };
for (const name of only) {
  const [script, extra] = scripts[name];
  const result = spawnSync(process.execPath, [path.join(here, script), ...extra], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
