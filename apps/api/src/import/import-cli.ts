import fs from 'node:fs';
import { IMPORT_TARGETS, isDomainError, isImportTarget, mayCall, type ColumnMapping } from '@efa/domain';
import { actorOf } from '../account/account.service.js';
import { createApp } from '../app.factory.js';
import { SYSTEM_ACTOR, type Actor } from '../common/actor.js';
import { loadConfig } from '../config.js';
import { openDatabase } from '../database/bootstrap.js';
import { ImportService, type ImportReport } from './import.service.js';

export const IMPORT_USAGE = `  import FILE --target ${IMPORT_TARGETS.join('|')} [--mapping MAPPING.json] [--apply] [--skip-errors] [--as EMAIL] [--json]
            import a CSV or XLSX file; a dry run unless --apply (which writes nothing if any row has
            an error, unless --skip-errors); --as: the importing user (audit actor), default the system`;

/** A progress bar for stderr: `[########------------]  40%  12000 rows`. */
export function progressBar(fraction: number, rows: number, width = 30): string {
  const f = Math.max(0, Math.min(1, fraction));
  const done = Math.round(f * width);
  return `[${'#'.repeat(done)}${'-'.repeat(width - done)}] ${String(Math.round(f * 100)).padStart(3)}%  ${rows} rows`;
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

/** The report for a person: the summary, then every row that is not unchanged with its changes or issues. */
export function describeReport(report: ImportReport): string {
  const s = report.summary;
  const lines = [
    `${report.file.format}${report.file.encoding ? `, ${report.file.encoding}` : ''}${report.file.delimiter ? `, delimiter "${report.file.delimiter === '\t' ? '\\t' : report.file.delimiter}"` : ''}; mapping (${report.mappingSource}): ${Object.entries(report.mapping)
      .filter(([, f]) => f)
      .map(([c, f]) => `${c} → ${f}`)
      .join(', ')}${report.ignoredColumns.length ? `; ignored: ${report.ignoredColumns.join(', ')}` : ''}`,
  ];
  for (const r of report.rows) {
    if (r.action === 'UNCHANGED') continue;
    const detail = r.issues?.length
      ? r.issues.map((i) => `${i.column ? `column "${i.column}": ` : ''}${i.field} ${i.message}`).join('; ')
      : Object.entries(r.changes ?? {})
          .map(([f, c]) => `${f}: ${JSON.stringify(c.from)} → ${JSON.stringify(c.to)}`)
          .join(', ');
    lines.push(`row ${r.row} ${r.action} ${r.label}: ${detail}`);
  }
  lines.push(`${s.rows} rows: ${s.create} create, ${s.update} update, ${s.unchanged} unchanged, ${s.error} error, ${s.ambiguous} ambiguous, ${s.duplicate} duplicate`);
  lines.push(report.dryRun ? 'Dry run: nothing was written (add --apply to write).' : report.applied ? 'Applied.' : `Not applied: ${report.refusal}`);
  return lines.join('\n');
}

/** `cli.js import FILE --target <target> …`: runs the import in-process against the configured database. */
export async function runImportCli(args: string[]): Promise<void> {
  const file = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
  const target = option(args, 'target') ?? 'authorities';
  if (!file || !isImportTarget(target)) {
    console.error(`Usage: npm run import -- FILE --target ${IMPORT_TARGETS.join('|')} [options]\n${IMPORT_USAGE}`);
    process.exitCode = 2;
    return;
  }
  const mappingFile = option(args, 'mapping');
  let mapping: ColumnMapping | null = null;
  try {
    if (mappingFile) mapping = JSON.parse(fs.readFileSync(mappingFile, 'utf8'));
  } catch (e) {
    console.error(`Cannot read the mapping ${mappingFile}: ${(e as Error).message}`);
    process.exitCode = 2;
    return;
  }
  const size = fs.statSync(file).size;
  const config = loadConfig();
  const db = await openDatabase({ ...config, seed: 'never' });
  const app = await createApp(db.dataSource, db.kind, { logger: ['error'] });
  try {
    let actor: Actor = SYSTEM_ACTOR;
    const as = option(args, 'as');
    if (as) {
      const [user] = await db.dataSource.query(`SELECT id, email, display_name, role, state_id FROM app_user WHERE lower(email) = lower($1) AND active`, [as]);
      if (!user) throw new Error(`No active user has the e-mail address ${as}`);
      actor = actorOf({ id: user.id, email: user.email, displayName: user.display_name, role: user.role, stateId: user.state_id });
    }
    const tty = process.stderr.isTTY;
    let lastDecile = -1;
    const imports = app.get(ImportService);
    if (actor !== SYSTEM_ACTOR && mayCall(actor, imports.importerOf(target).accessOperation) !== 'ALLOWED') throw new Error(`The role ${actor.role} of ${actor.id} may not import ${target}`);
    const report = await imports.importFile(target, fs.createReadStream(file, { highWaterMark: 256 * 1024 }), {
      actor,
      dryRun: !args.includes('--apply'),
      skipErrors: args.includes('--skip-errors'),
      mapping,
      onProgress: ({ rows, bytes }) => {
        const fraction = size ? bytes / size : 1;
        if (tty) process.stderr.write(`\r${progressBar(fraction, rows)}`);
        else if (Math.floor(fraction * 10) > lastDecile) {
          lastDecile = Math.floor(fraction * 10);
          process.stderr.write(`${progressBar(fraction, rows)}\n`);
        }
      },
    });
    if (tty) process.stderr.write('\n');
    console.log(args.includes('--json') ? JSON.stringify(report, null, 2) : describeReport(report));
    const failed = report.rows.some((r) => r.action === 'ERROR' || r.action === 'AMBIGUOUS');
    if ((!report.dryRun && !report.applied) || (failed && !args.includes('--skip-errors'))) process.exitCode = 1;
  } catch (e) {
    console.error(isDomainError(e) ? `${e.message}${e.issues.length ? `: ${e.issues.map((i) => `${i.field} ${i.message}`).join('; ')}` : ''}` : e);
    process.exitCode = 2;
  } finally {
    await app.close();
  }
}
