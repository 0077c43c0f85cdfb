// Spreadsheet import throughput (part of npm run bench): generates a CSV of BENCH_IMPORT_ROWS
// rows (default 50,000; German Excel style: semicolon, thousands dots) — every seeded authority
// once with a changed population, the rest new municipalities — and times the dry run of
// POST /import/authorities's service (ImportService, in-process, the built API), with the peak
// resident memory and the longest event-loop delay while it runs. Writes its section of bench/RESULTS.md.
// Database: BENCH_DATABASE_URL / DATABASE_URL / the local server (a fresh database is created and
// dropped); without a reachable server, embedded PGlite in a temporary folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { admin, machine, withDb, writeSection } from './harness.mjs';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 50_000);
const serverUrl = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const dist = '../apps/api/dist/apps/api/src';

const german = (n) => n.toLocaleString('de-DE');

async function main() {
  const { openDatabase } = await import(`${dist}/database/bootstrap.js`);
  const { createApp } = await import(`${dist}/app.factory.js`);
  const { ImportService } = await import(`${dist}/import/import.service.js`);
  const { SYSTEM_ACTOR } = await import(`${dist}/common/actor.js`);

  const dbName = `efa_bench_import_${process.pid}`;
  let usePostgres = true;
  try {
    await admin(serverUrl, `CREATE DATABASE ${dbName}`);
  } catch {
    usePostgres = false;
  }
  const dataDir = usePostgres ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'efa-bench-import-'));
  const file = path.join(os.tmpdir(), `efa-bench-import-${process.pid}.csv`);
  const db = await openDatabase({ databaseUrl: usePostgres ? withDb(serverUrl, dbName) : undefined, dataDir, seed: 'always', logQueries: false });
  const app = await createApp(db.dataSource, db.kind, { logger: ['error'] });
  try {
    const existing = await db.dataSource.query(`SELECT a.ars, a.name, s.code, a.population FROM authority a JOIN state s ON s.id = a.state_id ORDER BY a.ars`);
    const out = fs.createWriteStream(file);
    out.write('Regionalschlüssel;Behörde;Bundesland;Ebene;Einwohner\n');
    for (const a of existing.slice(0, ROWS)) out.write(`${a.ars};${a.name};${a.code};;${german((a.population ?? 0) + 1)}\n`);
    const prefixes = [...new Set(existing.map((a) => a.ars.slice(0, 2)))];
    for (let i = existing.length; i < ROWS; i++) {
      const prefix = prefixes[i % prefixes.length];
      out.write(`${prefix}9${String(i).padStart(9, '0')};Gemeinde Bench ${i};;kreisangehörige Gemeinde;${german(1000 + (i % 90_000))}\n`);
    }
    await new Promise((resolve) => out.end(resolve));
    const bytes = fs.statSync(file).size;

    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const t0 = performance.now();
    const report = await app.get(ImportService).importFile('authorities', fs.createReadStream(file, { highWaterMark: 256 * 1024 }), { actor: SYSTEM_ACTOR, dryRun: true });
    const seconds = (performance.now() - t0) / 1000;
    loop.disable();
    clearInterval(sampler);
    const s = report.summary;
    const result = [
      `Measured ${new Date().toISOString().slice(0, 10)} on ${machine(usePostgres ? 'PostgreSQL' : 'PGlite')} (bench/import.mjs).`,
      `Dry run of a ${ROWS.toLocaleString('en')}-row CSV (${(bytes / 2 ** 20).toFixed(1)} MiB, semicolon, German numbers): every row validated and written inside the rolled-back transaction, as an apply would.`,
      '',
      '| rows | create | update | seconds | rows/s | peak RSS MiB | event-loop delay p99 ms | max ms |',
      '|---:|---:|---:|---:|---:|---:|---:|---:|',
      `| ${s.rows} | ${s.create} | ${s.update} | ${seconds.toFixed(1)} | ${(s.rows / seconds).toFixed(0)} | ${(peakRss / 2 ** 20).toFixed(0)} | ${(loop.percentile(99) / 1e6).toFixed(1)} | ${(loop.max / 1e6).toFixed(1)} |`,
      '',
    ].join('\n');
    console.log(result);
    if (s.error || s.ambiguous) console.error(`unexpected error rows: ${JSON.stringify(report.rows.find((r) => r.action === 'ERROR' || r.action === 'AMBIGUOUS'))}`);
    writeSection('Spreadsheet import (dry run)', result);
  } finally {
    await app.close();
    fs.rmSync(file, { force: true });
    if (usePostgres) await admin(serverUrl, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
