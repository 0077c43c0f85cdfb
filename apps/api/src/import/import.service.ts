import { Injectable } from '@nestjs/common';
import {
  DomainError,
  Role,
  checkMapping,
  columnsByRecordField,
  isDomainError,
  isErrorAction,
  issueAt,
  rowFingerprint,
  rowIssue,
  suggestMapping,
  type ColumnMapping,
  type FieldIssue,
  type ImportAction,
  type ImportRowReport,
  type ImportTarget,
  type RowIssue,
} from '@efa/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { AuthorityImporter } from './authority.importer.js';
import { JiraImporter } from './jira.importer.js';
import { OnboardingImporter } from './onboarding.importer.js';
import { ContactImporter } from './contact.importer.js';
import { ContractImporter } from './contract.importer.js';
import { isRefused, type ImportContext, type TargetImporter, type WritePlan } from './importer.js';
import type { Actor } from '../common/actor.js';
import { fromDatabaseError } from '../common/graphql-errors.js';
import { openSpreadsheet, type SpreadsheetInfo } from './spreadsheet-reader.js';

export type MappingSource = 'explicit' | 'saved' | 'suggested';

export interface ImportOptions {
  actor: Actor;
  /** true (the default): report what would happen and change nothing. */
  dryRun: boolean;
  /** Apply the good rows even if others have errors (else a file with any error row changes nothing). */
  skipErrors?: boolean;
  /** Header → field; none: the user's saved mapping for the target if it fits the file, else the suggestion from the headers. */
  mapping?: ColumnMapping | null;
  /** The target's settings (e.g. the Jira mapping); none: the user's saved ones if they still fit, else the suggestion. */
  settings?: unknown;
  /** Called every few hundred rows and at the end. */
  onProgress?: (progress: { rows: number; bytes: number }) => void;
  /** List at most this many rows in the report (the first ones of the file); the summary still counts every row. Default: all. */
  maxRows?: number;
}

export interface ImportReport {
  target: ImportTarget;
  dryRun: boolean;
  /** Whether the changes were written (never on a dry run; not when error rows stopped it). */
  applied: boolean;
  /** Why nothing was written, when an apply was refused. */
  refusal: string | null;
  file: SpreadsheetInfo;
  mapping: ColumnMapping;
  mappingSource: MappingSource;
  /** Columns mapped to no field (e.g. phone numbers, which belong to contacts). */
  ignoredColumns: string[];
  /** The target's settings in force (the Jira mapping) and where they come from; absent for targets without. */
  settings?: unknown;
  settingsSource?: MappingSource;
  summary: Record<'rows' | 'create' | 'update' | 'unchanged' | 'error' | 'ambiguous' | 'duplicate', number>;
  rows: ImportRowReport[];
  /** Rows of the file not listed in `rows` (beyond `maxRows`); they are counted in `summary`. */
  rowsOmitted: number;
  /** What the target tells about the whole file (e.g. the stage each Jira status became). */
  details?: Record<string, unknown>;
}

/** Thrown inside the transaction to roll it back with the report in hand. */
class RollBack {
  constructor(readonly report: ImportReport) {}
}

const PROGRESS_EVERY = 250;
/** Rows written per batch by a target with `writeBatch`. */
const BATCH_ROWS = 500;

/** Lets other requests run: the rows of a buffered chunk arrive without I/O in between. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
/** How long the loop may run without letting other requests in. */
const YIELD_AFTER_MS = 10;

/**
 * Spreadsheet import, the generic row loop for every target (IMPORT_TARGETS;
 * each target's fields, reader, matcher and writer are a TargetImporter, see
 * importer.ts). Dry run and apply are the same pass over the streamed rows
 * inside one transaction. A row that creates or changes a record is written
 * through the target's writer (the resource's CrudService: domain validation,
 * coordinator's state, audit event with the importing user) under a
 * savepoint — or, for a target that validates in memory, not at all on a dry
 * run and in batches of BATCH_ROWS on an apply (a failed batch is rolled back
 * and written row by row to name the failing rows). A dry run and a refused
 * apply roll the transaction back; an apply commits it only when no row has
 * an error (or the caller skips error rows, whose writes were rolled back).
 */
/**
 * A refusal for want of a (valid) mapping carries the file's header row as `headers` (the error's
 * extensions), so that a client can offer the columns to map without reading the file itself (XLSX).
 */
function withHeaders(error: DomainError, headers: string[]): DomainError {
  Object.assign(error.details, { headers });
  return error;
}

@Injectable()
export class ImportService {
  private readonly importers: ReadonlyMap<ImportTarget, TargetImporter>;

  constructor(
    private readonly dataSource: DataSource,
    authorities: AuthorityImporter,
    onboardings: OnboardingImporter,
    jira: JiraImporter,
    contracts: ContractImporter,
    contacts: ContactImporter,
  ) {
    const all: TargetImporter[] = [authorities, onboardings, jira, contracts, contacts];
    this.importers = new Map(all.map((i) => [i.target, i]));
  }

  /** The importer of a target (its access rule, for the controller and the CLI). */
  importerOf(target: ImportTarget): TargetImporter {
    const importer = this.importers.get(target);
    if (!importer) throw DomainError.notFound('import target', target);
    return importer;
  }

  async importFile(target: ImportTarget, input: AsyncIterable<Buffer | Uint8Array | string>, options: ImportOptions): Promise<ImportReport> {
    const importer = this.importerOf(target);
    const sheet = await openSpreadsheet(input);
    const { headers } = sheet.info;
    const { mapping, source } = await this.resolveMapping(target, headers, options);
    const { settings, source: settingsSource } = await this.resolveSettings(importer, target, options);
    const columns = columnsByRecordField(mapping, target);
    const columnOf = (field: string) => columns.get(field) ?? null;
    const report: ImportReport = {
      target,
      dryRun: options.dryRun,
      applied: false,
      refusal: null,
      file: sheet.info,
      mapping,
      mappingSource: source,
      ignoredColumns: headers.filter((h) => !mapping[h]),
      ...(importer.resolveSettings ? { settings, settingsSource } : {}),
      summary: { rows: 0, create: 0, update: 0, unchanged: 0, error: 0, ambiguous: 0, duplicate: 0 },
      rows: [],
      rowsOmitted: 0,
    };
    const states: Array<{ id: string; code: string; name: string }> = await this.dataSource.query(`SELECT id, code, name FROM state`);
    const context: ImportContext = {
      actor: options.actor,
      mapping,
      columnOf,
      coordinatorState: options.actor.role === Role.STATE_COORDINATOR ? (options.actor.stateId ?? '') : null,
      states,
      dryRun: options.dryRun,
      settings,
    };
    const issuesOf = (e: unknown): RowIssue[] => {
      const err = isDomainError(e) ? e : fromDatabaseError(e);
      if (!err) throw e;
      if (err.issues.length) return err.issues.map((i: FieldIssue) => ({ column: columnOf(i.field), field: i.field, code: i.code ?? err.code, params: i.params ?? {}, message: i.message }));
      const refusals = err.details.refusals as Array<{ code: string; params: Record<string, string | number>; message: string }> | undefined;
      if (refusals?.length) return refusals.map((r) => ({ column: null, field: 'row', code: r.code, params: r.params, message: r.message }));
      return [{ column: null, field: 'row', code: err.code, params: {}, message: err.message }];
    };

    const run = async (em: EntityManager) => {
      const rows = await importer.open(em, context);
      const inMemory = rows.validatesInMemory === true;
      /** A dry run of a target that validates in memory writes nothing; otherwise rows are written (and a dry run rolls them back). */
      const writes = !options.dryRun || !inMemory;
      const batched = writes && inMemory && rows.writeBatch !== undefined;
      const seenFingerprint = new Map<string, number>();
      const seenRecord = new Map<string, number>();
      const maxRows = options.maxRows ?? Number.POSITIVE_INFINITY;
      type Pending = { entry: ImportRowReport; plan: WritePlan<unknown> };
      let pending: Pending[] = [];

      const finish = (entry: ImportRowReport, action: ImportAction, extra: Partial<ImportRowReport> = {}) => {
        Object.assign(entry, { action }, extra);
        report.summary[action.toLowerCase() as keyof ImportReport['summary']]++;
      };
      const done = (entry: ImportRowReport, plan: WritePlan<unknown>, id: string | undefined) =>
        finish(entry, plan.action, { ...(id ? { id } : {}), ...(plan.action === 'UNCHANGED' ? {} : { changes: plan.changes }) });
      const writeOne = async ({ entry, plan }: Pending) => {
        await em.query('SAVEPOINT import_row');
        try {
          const id = await rows.write(em, plan);
          await em.query('RELEASE SAVEPOINT import_row');
          done(entry, plan, id);
        } catch (e) {
          await em.query('ROLLBACK TO SAVEPOINT import_row');
          finish(entry, 'ERROR', { issues: issuesOf(e) });
        }
      };
      const flush = async () => {
        if (!pending.length) return;
        const batch = pending;
        pending = [];
        await em.query('SAVEPOINT import_batch');
        try {
          const ids = await rows.writeBatch!(em, batch.map((p) => p.plan));
          await em.query('RELEASE SAVEPOINT import_batch');
          batch.forEach((p, i) => done(p.entry, p.plan, ids[i]));
        } catch (e) {
          await em.query('ROLLBACK TO SAVEPOINT import_batch');
          issuesOf(e); // rethrows what is no domain or database error
          // Something the plans could not foresee (a concurrent change, a constraint): row by row, to name the rows.
          for (const p of batch) await writeOne(p);
        }
      };

      let ranSince = performance.now();
      for await (const { line, cells } of sheet.rows) {
        report.summary.rows++;
        if (report.summary.rows % PROGRESS_EVERY === 0) options.onProgress?.({ rows: report.summary.rows, bytes: sheet.bytesRead() });
        if (performance.now() - ranSince >= YIELD_AFTER_MS) {
          await yieldToEventLoop();
          ranSince = performance.now();
        }
        const read = rows.read(cells, line);
        const entry: ImportRowReport = { row: line, action: 'ERROR', label: read.label };
        if (report.rows.length < maxRows) report.rows.push(entry);
        else report.rowsOmitted++;

        const fingerprint = rowFingerprint(cells, mapping);
        const firstSeen = seenFingerprint.get(fingerprint);
        if (firstSeen !== undefined) {
          finish(entry, 'DUPLICATE', { duplicateOf: firstSeen, issues: [rowIssue(null, 'row', 'IMPORT_DUPLICATE_ROW', { row: firstSeen })] });
          continue;
        }
        seenFingerprint.set(fingerprint, line);
        if (read.issues.length) {
          finish(entry, 'ERROR', { issues: read.issues });
          continue;
        }
        const plan = rows.match(read.values, line);
        if (isRefused(plan)) {
          finish(entry, plan.action, { issues: plan.issues, ...(plan.candidates ? { candidates: plan.candidates } : {}) });
          continue;
        }
        const earlier = seenRecord.get(plan.recordKey);
        if (earlier !== undefined) {
          finish(entry, 'ERROR', { duplicateOf: earlier, issues: [rowIssue(null, 'row', 'IMPORT_CONFLICTING_ROW', { row: earlier })] });
          continue;
        }
        seenRecord.set(plan.recordKey, line);
        rows.accept?.(plan, line);
        if (plan.action === 'UNCHANGED' || !writes) done(entry, plan, plan.id);
        else if (batched) {
          pending.push({ entry, plan });
          if (pending.length >= BATCH_ROWS) await flush();
        } else await writeOne({ entry, plan });
      }
      await flush();
      options.onProgress?.({ rows: report.summary.rows, bytes: sheet.bytesRead() });
      if (rows.details) report.details = rows.details();
      if (report.summary.rows === 0) throw DomainError.validation([issueAt('file', 'IMPORT_NO_DATA_ROWS')]);
      const errors = report.summary.error + report.summary.ambiguous;
      if (options.dryRun) throw new RollBack(report);
      if (errors > 0 && !options.skipErrors) {
        report.refusal = `${errors} row(s) have errors or ambiguous matches; nothing was written. Correct them, or apply with skipErrors to write the other rows.`;
        throw new RollBack(report);
      }
      report.applied = true;
    };

    try {
      await this.dataSource.transaction(run);
    } catch (e) {
      if (!(e instanceof RollBack)) throw e;
    }
    if (source === 'explicit') await this.saveMapping(options.actor, target, mapping);
    if (settingsSource === 'explicit') await this.saveSettings(options.actor, target, settings);
    return report;
  }

  /** The target's settings: the given ones (checked), else the saved ones if they still resolve, else the suggestion. */
  private async resolveSettings(importer: TargetImporter, target: ImportTarget, options: ImportOptions): Promise<{ settings: unknown; source: MappingSource | undefined }> {
    if (!importer.resolveSettings) return { settings: null, source: undefined };
    if (options.settings !== undefined && options.settings !== null) {
      const given = importer.resolveSettings(options.settings);
      if (given.issues.length) throw DomainError.validation(given.issues);
      return { settings: given.settings, source: 'explicit' };
    }
    const [row] = await this.dataSource.query(`SELECT settings FROM import_mapping WHERE owner = $1 AND target = $2`, [options.actor.id, target]);
    if (row?.settings) {
      const saved = importer.resolveSettings(row.settings);
      if (!saved.issues.length) return { settings: saved.settings, source: 'saved' };
    }
    return { settings: importer.resolveSettings(null).settings, source: 'suggested' };
  }

  private async saveSettings(actor: Actor, target: ImportTarget, settings: unknown): Promise<void> {
    // A user who gave settings but no column mapping keeps an empty mapping, which never fits a file (the suggestion is used).
    await this.dataSource.query(
      `INSERT INTO import_mapping (owner, target, mapping, settings) VALUES ($1, $2, '{}'::jsonb, $3::jsonb)
       ON CONFLICT (owner, target) DO UPDATE SET settings = EXCLUDED.settings, updated_at = now()`,
      [actor.id, target, JSON.stringify(settings)],
    );
  }

  /** The mapping to use: the given one (checked), else the saved one if it fits the file, else the suggestion. */
  private async resolveMapping(target: ImportTarget, headers: string[], options: ImportOptions): Promise<{ mapping: ColumnMapping; source: MappingSource }> {
    const complete = (m: ColumnMapping) => Object.fromEntries(headers.map((h) => [h, m[h] ?? null]));
    if (options.mapping) {
      const issues = checkMapping(options.mapping, headers, target);
      if (issues.length) throw withHeaders(DomainError.validation(issues), headers);
      return { mapping: complete(options.mapping), source: 'explicit' };
    }
    const saved = await this.savedMapping(options.actor, target);
    if (saved && checkMapping(saved, headers, target).length === 0) return { mapping: complete(saved), source: 'saved' };
    const suggested = suggestMapping(headers, target);
    const issues = checkMapping(suggested, headers, target);
    if (issues.length) throw withHeaders(DomainError.validation(issues.map((i) => ({ ...i, message: `${i.message} (columns: ${headers.join(', ')}); give a mapping` }))), headers);
    return { mapping: suggested, source: 'suggested' };
  }

  async savedMapping(actor: Actor, target: ImportTarget): Promise<ColumnMapping | null> {
    const rows = await this.dataSource.query(`SELECT mapping FROM import_mapping WHERE owner = $1 AND target = $2`, [actor.id, target]);
    return rows[0]?.mapping ?? null;
  }

  private async saveMapping(actor: Actor, target: ImportTarget, mapping: ColumnMapping): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO import_mapping (owner, target, mapping) VALUES ($1, $2, $3::jsonb)
       ON CONFLICT (owner, target) DO UPDATE SET mapping = EXCLUDED.mapping, updated_at = now()`,
      [actor.id, target, JSON.stringify(mapping)],
    );
  }
}
