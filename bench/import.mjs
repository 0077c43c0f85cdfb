// Spreadsheet import throughput (part of npm run bench): generates CSVs of BENCH_IMPORT_ROWS
// rows (default 50,000; German Excel style: semicolon, thousands dots) and times, through the
// service of POST /import/:target (ImportService.importFile, in-process, the built API): the dry
// run of a mixed file (every seeded authority once with a changed population, the rest new
// municipalities), the apply of a file of new rows, and the re-import of that file (all
// unchanged); with the peak resident memory and the event-loop delay while each runs.
// Writes its section of bench/RESULTS.md.
// Database: BENCH_DATABASE_URL / DATABASE_URL / the local server (a fresh database is created and
// dropped); without a reachable server, embedded PGlite in a temporary folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { admin, machine, withDb, writeSection } from './harness.mjs';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 50_000);
/** Rows of the mixed file the former path (a savepoint and a write per row, also on a dry run) is timed on, for a comparison under the same load. */
const FORMER_ROWS = Number(process.env.BENCH_IMPORT_FORMER_ROWS ?? 5_000);
const serverUrl = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const dist = '../apps/api/dist/apps/api/src';

const german = (n) => n.toLocaleString('de-DE');

async function writeFile(file, write) {
  const out = fs.createWriteStream(file);
  write(out);
  await new Promise((resolve) => out.end(resolve));
}

async function counts(dataSource) {
  const [row] = await dataSource.query(`SELECT (SELECT count(*)::int FROM authority) AS authorities, (SELECT count(*)::int FROM audit_event WHERE entity_type = 'Authority') AS events`);
  return row;
}

async function main() {
  const { openDatabase } = await import(`${dist}/database/bootstrap.js`);
  const { createApp } = await import(`${dist}/app.factory.js`);
  const { ImportService } = await import(`${dist}/import/import.service.js`);
  const { AuthorityImporter } = await import(`${dist}/import/authority.importer.js`);
  const { SYSTEM_ACTOR } = await import(`${dist}/common/actor.js`);

  const dbName = `efa_bench_import_${process.pid}`;
  let usePostgres = true;
  try {
    await admin(serverUrl, `CREATE DATABASE ${dbName}`);
  } catch {
    usePostgres = false;
  }
  const dataDir = usePostgres ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'efa-bench-import-'));
  const files = {
    mixed: path.join(os.tmpdir(), `efa-bench-import-${process.pid}-mixed.csv`),
    fresh: path.join(os.tmpdir(), `efa-bench-import-${process.pid}-new.csv`),
    former: path.join(os.tmpdir(), `efa-bench-import-${process.pid}-former.csv`),
  };
  const db = await openDatabase({ databaseUrl: usePostgres ? withDb(serverUrl, dbName) : undefined, dataDir, seed: 'always', logQueries: false });
  const app = await createApp(db.dataSource, db.kind, { logger: ['error'] });
  try {
    const existing = await db.dataSource.query(`SELECT a.ars, a.name, s.code, a.population FROM authority a JOIN state s ON s.id = a.state_id ORDER BY a.ars`);
    const prefixes = [...new Set(existing.map((a) => a.ars.slice(0, 2)))];
    const header = 'Regionalschlüssel;Behörde;Bundesland;Ebene;Einwohner\n';
    const newRow = (i, region) => `${prefixes[i % prefixes.length]}${region}${String(i).padStart(9, '0')};Gemeinde Bench ${i};;kreisangehörige Gemeinde;${german(1000 + (i % 90_000))}\n`;
    // mixed: every seeded authority once with a changed population, the rest new municipalities (as before)
    await writeFile(files.mixed, (out) => {
      out.write(header);
      for (const a of existing.slice(0, ROWS)) out.write(`${a.ars};${a.name};${a.code};;${german((a.population ?? 0) + 1)}\n`);
      for (let i = existing.length; i < ROWS; i++) out.write(newRow(i, '9'));
    });
    // new: ROWS new municipalities, for the apply
    await writeFile(files.fresh, (out) => {
      out.write(header);
      for (let i = 0; i < ROWS; i++) out.write(newRow(i, '8'));
    });
    const imports = app.get(ImportService);
    const measured = [];
    const measure = async (what, file, dryRun) => {
      let peakRss = process.memoryUsage().rss;
      const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
      const loop = monitorEventLoopDelay({ resolution: 10 });
      loop.enable();
      const load = os.loadavg()[0];
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const report = await imports.importFile('authorities', fs.createReadStream(file, { highWaterMark: 256 * 1024 }), { actor: SYSTEM_ACTOR, dryRun });
      const seconds = (performance.now() - t0) / 1000;
      const cpu = process.cpuUsage(c0);
      const cpuSeconds = (cpu.user + cpu.system) / 1e6;
      loop.disable();
      clearInterval(sampler);
      const s = report.summary;
      if (s.error || s.ambiguous) console.error(`unexpected error rows: ${JSON.stringify(report.rows.find((r) => r.action === 'ERROR' || r.action === 'AMBIGUOUS'))}`);
      if (!dryRun && !report.applied) throw new Error(`the apply was refused: ${report.refusal}`);
      const mib = (fs.statSync(file).size / 2 ** 20).toFixed(1);
      measured.push(`| ${what} | ${mib} | ${s.rows} | ${s.create} | ${s.update} | ${s.unchanged} | ${seconds.toFixed(1)} | ${(s.rows / seconds).toFixed(0)} | ${cpuSeconds.toFixed(1)} | ${load.toFixed(1)} | ${(peakRss / 2 ** 20).toFixed(0)} | ${(loop.percentile(99) / 1e6).toFixed(1)} | ${(loop.max / 1e6).toFixed(1)} |`);
      console.log(measured.at(-1));
      return report;
    };
    await measure('dry run, mixed file', files.mixed, true);
    // The former path, for comparison at the same moment: the target without its fast path (validatesInMemory,
    // writeBatch), so that the loop writes every row under a savepoint through AuthorityService and rolls back.
    await writeFile(files.former, (out) => out.write(fs.readFileSync(files.mixed, 'utf8').split('\n').slice(0, FORMER_ROWS + 1).join('\n') + '\n'));
    const importer = app.get(AuthorityImporter);
    const open = importer.open.bind(importer);
    importer.open = async (...args) => ({ ...(await open(...args)), validatesInMemory: false, writeBatch: undefined });
    await measure(`dry run, first ${FORMER_ROWS.toLocaleString('en')} rows of the mixed file, former path (savepoint and write per row)`, files.former, true);
    importer.open = open;
    const before = await counts(db.dataSource);
    await measure('apply, new rows', files.fresh, false);
    const after = await counts(db.dataSource);
    if (after.authorities - before.authorities !== ROWS || after.events - before.events !== ROWS) throw new Error(`the apply wrote ${after.authorities - before.authorities} authorities and ${after.events - before.events} audit events, not ${ROWS}`);
    await measure('re-import of the applied file (dry run)', files.fresh, true);

    const result = [
      `Measured ${new Date().toISOString().slice(0, 10)} on ${machine(usePostgres ? 'PostgreSQL' : 'PGlite')} (bench/import.mjs), through ImportService.importFile in process.`,
      `Files of ${ROWS.toLocaleString('en')} rows (CSV, semicolon, German numbers): "mixed" has every seeded authority once with a changed population and new municipalities for the rest; "new rows" has only new municipalities.`,
      'A dry run validates every row in memory against the indexes read at the start (no savepoint, no query per row) and reports what an apply would do; an apply writes batches of 500 rows (one multi-row INSERT, one UPDATE, one INSERT of their audit events per batch, each batch under a savepoint). The re-import of the applied file finds every row unchanged.',
      '',
      '| run | MiB | rows | create | update | unchanged | seconds | rows/s | CPU s (API process) | load average | peak RSS MiB | event-loop delay p99 ms | max ms |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
      ...measured,
      '',
      'The "former path" run is the same loop with the target\'s fast path switched off, as the import worked before: every row written under a savepoint through AuthorityService (about 6 round trips a row) and rolled back, also on a dry run; timed on a slice at the same moment, so both see the same load. Recorded before the change (2026-12-02, less load): dry run of the whole mixed file 228.6 s, 219 rows/s, peak RSS 333 MiB.',
      '"CPU s" is the API process\'s own CPU time (user + system) for the run, the figure least affected by other work on the machine; "load average" the 1-minute load when the run started (the machine is shared: above its 2 cores, wall-clock times stretch accordingly).',
      '',
    ].join('\n');
    console.log(result);
    writeSection('Spreadsheet import (dry run)', result); // the section's name since it measured only the dry run; kept so that one section stays
  } finally {
    await app.close();
    for (const file of Object.values(files)) fs.rmSync(file, { force: true });
    if (usePostgres) await admin(serverUrl, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
