import { Injectable } from '@nestjs/common';
import {
  AuthorityIndex,
  DomainError,
  Role,
  checkMapping,
  changesOf,
  isDomainError,
  isErrorAction,
  issueAt,
  readAuthorityRow,
  rowFingerprint,
  rowIssue,
  sameAuthorityName,
  stateByArsPrefix,
  suggestMapping,
  type AuthorityImportValues,
  type ColumnMapping,
  type FieldIssue,
  type ImportAction,
  type ImportRowReport,
  type ImportTarget,
  type RowIssue,
} from '@efa/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { Authority } from '../authority/authority.entity.js';
import { AuthorityService } from '../authority/authority.service.js';
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
  /** Called every few hundred rows and at the end. */
  onProgress?: (progress: { rows: number; bytes: number }) => void;
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
  summary: Record<'rows' | 'create' | 'update' | 'unchanged' | 'error' | 'ambiguous' | 'duplicate', number>;
  rows: ImportRowReport[];
}

/** Thrown inside the transaction to roll it back with the report in hand. */
class RollBack {
  constructor(readonly report: ImportReport) {}
}

const PROGRESS_EVERY = 250;

/** Which field of the authority the row's field key writes. */
const RECORD_FIELD: Record<string, string> = { state: 'stateId', specialistSystem: 'specialistSystemId' };

/**
 * Spreadsheet import of authorities: dry run and apply are the same pass over
 * the streamed rows inside one transaction, each row written through
 * AuthorityService (domain validation, coordinator's state, audit event with
 * the importing user) under a savepoint. A dry run and a refused apply roll
 * the transaction back; an apply commits it only when no row has an error
 * (or the caller skips error rows, whose savepoints were rolled back).
 */
@Injectable()
export class ImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly authorities: AuthorityService,
  ) {}

  async importAuthorities(input: AsyncIterable<Buffer | Uint8Array | string>, options: ImportOptions): Promise<ImportReport> {
    const target: ImportTarget = 'authorities';
    const sheet = await openSpreadsheet(input);
    const { headers } = sheet.info;
    const { mapping, source } = await this.resolveMapping(target, headers, options);
    const fieldToColumn = new Map(Object.entries(mapping).filter(([, f]) => f).map(([c, f]) => [RECORD_FIELD[f!] ?? f!, c]));
    const report: ImportReport = {
      target,
      dryRun: options.dryRun,
      applied: false,
      refusal: null,
      file: sheet.info,
      mapping,
      mappingSource: source,
      ignoredColumns: headers.filter((h) => !mapping[h]),
      summary: { rows: 0, create: 0, update: 0, unchanged: 0, error: 0, ambiguous: 0, duplicate: 0 },
      rows: [],
    };
    const [states, specialistSystems] = await Promise.all([
      this.dataSource.query(`SELECT id, code, name FROM state`) as Promise<Array<{ id: string; code: string; name: string }>>,
      this.dataSource.query(`SELECT id, vendor, product FROM specialist_system`) as Promise<Array<{ id: string; vendor: string; product: string }>>,
    ]);
    const stateName = new Map(states.map((s) => [s.id, s.name]));
    const coordinatorState = options.actor.role === Role.STATE_COORDINATOR ? (options.actor.stateId ?? '') : null;

    const run = async (em: EntityManager) => {
      const existing = new Map((await em.find(Authority)).map((a) => [a.id, a]));
      const index = new AuthorityIndex(existing.values());
      const seenFingerprint = new Map<string, number>();
      const seenRecord = new Map<string, number>();
      const issuesOf = (e: unknown): RowIssue[] => {
        const err = isDomainError(e) ? e : fromDatabaseError(e);
        if (!err) throw e;
        if (err.issues.length) return err.issues.map((i: FieldIssue) => ({ column: fieldToColumn.get(i.field) ?? null, field: i.field, code: i.code ?? err.code, params: i.params ?? {}, message: i.message }));
        return [{ column: null, field: 'row', code: err.code, params: {}, message: err.message }];
      };

      for await (const { line, cells } of sheet.rows) {
        report.summary.rows++;
        const { values, defaults, issues } = readAuthorityRow(cells, mapping, { states, specialistSystems });
        const label = [values.ars, values.name].filter(Boolean).join(' ') || `row ${line}`;
        const entry: ImportRowReport = { row: line, action: 'ERROR', label };
        report.rows.push(entry);
        const finish = (action: ImportAction, extra: Partial<ImportRowReport> = {}) => {
          Object.assign(entry, { action, ...extra });
          report.summary[action.toLowerCase() as keyof ImportReport['summary']]++;
        };
        if (report.summary.rows % PROGRESS_EVERY === 0) options.onProgress?.({ rows: report.summary.rows, bytes: sheet.bytesRead() });

        const fingerprint = rowFingerprint(cells, mapping);
        const firstSeen = seenFingerprint.get(fingerprint);
        if (firstSeen !== undefined) {
          finish('DUPLICATE', { duplicateOf: firstSeen, issues: [rowIssue(null, 'row', 'IMPORT_DUPLICATE_ROW', { row: firstSeen })] });
          continue;
        }
        seenFingerprint.set(fingerprint, line);
        if (issues.length) {
          finish('ERROR', { issues });
          continue;
        }
        const match = index.match({ ars: values.ars, name: values.name, stateId: values.stateId });
        if (match.kind === 'AMBIGUOUS') {
          const candidates = match.candidates.map((c) => ({ id: c.id, name: c.name, ars: c.ars }));
          finish('AMBIGUOUS', { candidates, issues: [rowIssue(fieldToColumn.get('name') ?? null, 'name', 'IMPORT_AMBIGUOUS_MATCH', { candidates: candidates.map((c) => `${c.name} (${c.ars})`).join(', ') })] });
          continue;
        }
        const current = match.kind === 'NONE' ? null : existing.get(match.candidate.id)!;
        if (!current && !values.ars) {
          finish('ERROR', { issues: [rowIssue(fieldToColumn.get('name') ?? null, 'ars', 'IMPORT_NO_MATCH')] });
          continue;
        }
        const recordKey = current?.id ?? `ars:${values.ars}`;
        const earlier = seenRecord.get(recordKey);
        if (earlier !== undefined) {
          finish('ERROR', { duplicateOf: earlier, issues: [rowIssue(null, 'row', 'IMPORT_CONFLICTING_ROW', { row: earlier })] });
          continue;
        }
        seenRecord.set(recordKey, line);
        // The name is a key as much as a value: a different spelling of the same name renames nothing.
        if (current && values.name && sameAuthorityName(current.name, values.name)) delete values.name;
        const record: AuthorityImportValues = current ? values : { ...defaults, ...values };
        if (coordinatorState !== null) {
          const outside = [current?.stateId, record.stateId].find((s) => s && s !== coordinatorState);
          if (outside || (!current && !record.stateId)) {
            const state = stateName.get(outside ?? '') ?? stateByArsPrefix(values.ars?.slice(0, 2) ?? '')?.name ?? '?';
            finish('ERROR', { issues: [rowIssue(fieldToColumn.get(outside === record.stateId ? 'stateId' : 'ars') ?? null, 'stateId', 'IMPORT_OTHER_STATE', { state })] });
            continue;
          }
        }
        const changes = current ? changesOf(current as unknown as Record<string, unknown>, values as Record<string, unknown>) : null;
        if (current && Object.keys(changes!).length === 0) {
          finish('UNCHANGED', { id: current.id });
          continue;
        }
        await em.query('SAVEPOINT import_row');
        try {
          if (current) {
            // No later row writes this record again (seenRecord), so the stored copy need not be refreshed.
            await this.authorities.applyChange(em, current, values as Partial<Authority>, options.actor, 'UPDATE');
            finish('UPDATE', { id: current.id, changes: changes! });
          } else {
            const saved = await this.authorities.insert(em, record as Partial<Authority>, options.actor);
            index.add({ id: saved.id, ars: saved.ars, name: saved.name, stateId: saved.stateId, level: saved.level });
            finish('CREATE', { id: saved.id, changes: changesOf({}, { ...record }) });
          }
          await em.query('RELEASE SAVEPOINT import_row');
        } catch (e) {
          await em.query('ROLLBACK TO SAVEPOINT import_row');
          finish('ERROR', { issues: issuesOf(e) });
        }
      }
      options.onProgress?.({ rows: report.summary.rows, bytes: sheet.bytesRead() });
      if (report.summary.rows === 0) throw DomainError.validation([issueAt('file', 'IMPORT_NO_DATA_ROWS')]);
      const errors = report.rows.filter((r) => isErrorAction(r.action)).length;
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
    return report;
  }

  /** The mapping to use: the given one (checked), else the saved one if it fits the file, else the suggestion. */
  private async resolveMapping(target: ImportTarget, headers: string[], options: ImportOptions): Promise<{ mapping: ColumnMapping; source: MappingSource }> {
    const complete = (m: ColumnMapping) => Object.fromEntries(headers.map((h) => [h, m[h] ?? null]));
    if (options.mapping) {
      const issues = checkMapping(options.mapping, headers, target);
      if (issues.length) throw DomainError.validation(issues);
      return { mapping: complete(options.mapping), source: 'explicit' };
    }
    const saved = await this.savedMapping(options.actor, target);
    if (saved && checkMapping(saved, headers, target).length === 0) return { mapping: complete(saved), source: 'saved' };
    const suggested = suggestMapping(headers, target);
    const issues = checkMapping(suggested, headers, target);
    if (issues.length) throw DomainError.validation(issues.map((i) => ({ ...i, message: `${i.message} (columns: ${headers.join(', ')}); give a mapping` })));
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
