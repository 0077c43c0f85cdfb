// Full export and restore of the seeded database (part of npm run bench; alone: npm run build && node bench/export.mjs).
// Seeds a fresh database, exports it RUNS times into a directory and imports each export into a fresh
// migrated empty database, in process through the built API's FullExportService, and replaces the
// "Full export and restore" section of bench/RESULTS.md.
// Database: BENCH_DATABASE_URL / DATABASE_URL / the local server (databases efa_bench_export_<pid>_* are
// created and dropped); without a reachable server, in-memory PGlite.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { admin, machine as machineOf, withDb, writeSection } from './harness.mjs';

const RUNS = Number(process.env.BENCH_EXPORT_RUNS ?? 3);
const serverUrl = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const dist = (p) => pathToFileURL(path.resolve('apps/api/dist/apps/api/src', p)).href;

async function main() {
  const { createDataSource } = await import(dist('database/data-source.js'));
  const { seedDatabase } = await import(dist('seed/seed.js'));
  const { FullExportService, directorySink } = await import(dist('export/full-export.service.js'));
  const usePostgres = await admin(serverUrl, 'SELECT 1').then(() => true, () => false);
  const created = [];
  const open = async (migrate) => {
    let url;
    if (usePostgres) {
      const name = `efa_bench_export_${process.pid}_${created.length}`;
      await admin(serverUrl, `CREATE DATABASE ${name}`);
      created.push(name);
      url = withDb(serverUrl, name);
    }
    const db = await createDataSource(url ? { url } : { dataDir: 'memory://' });
    await db.dataSource.initialize();
    if (migrate) await db.dataSource.runMigrations({ transaction: 'each' });
    return db.dataSource;
  };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'efa-bench-export-'));
  const exports = [];
  const imports = [];
  let manifest;
  try {
    const source = await open(true);
    await seedDatabase(source);
    for (let i = 0; i < RUNS; i++) {
      const dir = path.join(tmp, `run${i}`);
      const t0 = performance.now();
      manifest = await new FullExportService(source).exportTo(directorySink(dir));
      exports.push(performance.now() - t0);
      const target = await open(true);
      const t1 = performance.now();
      await new FullExportService(target).importFrom(dir);
      imports.push(performance.now() - t1);
      await target.destroy();
    }
    await source.destroy();
  } finally {
    for (const name of created) await admin(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
  const dir0 = path.join(tmp, 'run0');
  const bytes = fs.readdirSync(dir0).reduce((sum, f) => sum + fs.statSync(path.join(dir0, f)).size, 0);
  fs.rmSync(tmp, { recursive: true, force: true });
  const rows = manifest.tables.reduce((sum, t) => sum + t.rows, 0);
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const line = (name, xs) => `| ${name} | ${median(xs).toFixed(0)} | ${Math.min(...xs).toFixed(0)} | ${Math.round(rows / (median(xs) / 1000))} |`;
  const biggest = [...manifest.tables].sort((a, b) => b.rows - a.rows).slice(0, 4).map((t) => `${t.name} ${t.rows}`).join(', ');
  const machine = machineOf(usePostgres ? 'PostgreSQL' : 'PGlite');
  const section = [
    '## Full export and restore',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} on ${machine} (bench/export.mjs): the seeded database, ${manifest.tables.length} tables, ${rows} rows (${biggest}), ${(bytes / 2 ** 20).toFixed(1)} MiB of JSON lines; ${RUNS} runs, in process (FullExportService), each import into a fresh migrated database.`,
    '',
    '| step | median ms | best ms | rows/s |',
    '|---|---:|---:|---:|',
    line('export (directory of JSON lines)', exports),
    line('import (one transaction, checks and constraints)', imports),
    '',
  ].join('\n');
  console.log(`\n${section}`);
  writeSection('Full export and restore', section.replace(/^## .*\n/, ''));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
