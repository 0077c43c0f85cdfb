import { stateByArsPrefix, type ColumnMapping, type FieldChanges, type ImportTarget, type RawValue, type RowIssue } from '@efa/domain';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';

/**
 * The extension point of the spreadsheet import: one `TargetImporter` per
 * target. The generic loop in ImportService does everything else once for
 * all targets: streaming the file, resolving and saving the mapping, the
 * transaction (dry run and refused apply roll back), duplicate rows, "two
 * rows write the same record", the savepoint per written row, mapping
 * write errors back to their columns, the summary, the report and progress.
 *
 * To add a target (e.g. onboarding status):
 * 1. libs/domain/src/import.ts: its name in IMPORT_TARGETS, its fields with
 *    German/English header synonyms in IMPORT_FIELDS, its key fields in
 *    IMPORT_KEY_FIELDS, and a pure row reader (cells → values + coded
 *    issues naming the column), unit-tested there.
 * 2. Here: a class implementing TargetImporter (an @Injectable taking the
 *    resource's CrudService), added to `importers` in ImportService's
 *    constructor and to the providers of AppModule.
 *    - `open` loads once per import, inside the import's transaction, what
 *      reading and matching need (lookups, the existing records as indexes);
 *    - `read` turns a row's cells into values, a label and cell issues;
 *    - `match` says what the row would do (CREATE / UPDATE with its field
 *      changes / UNCHANGED / ERROR / AMBIGUOUS) against the existing records,
 *      including the coordinator's own-state rule (`coordinatorIssue`);
 *    - `accept` (optional) remembers an accepted plan for later rows;
 *    - `write` writes one planned CREATE/UPDATE through the resource's
 *      CrudService (domain validation, audit event with the importing user),
 *      throwing DomainError on refusal (the loop rolls back to the row's
 *      savepoint and reports the issues at their columns).
 *    That is enough: the loop then writes every row under a savepoint, also
 *    on a dry run (rolled back), so the report is exact. For speed, a target
 *    can add `validatesInMemory` (match checks everything the write would; a
 *    dry run then writes nothing) and `writeBatch` (batched apply).
 */
export interface TargetImporter<V = unknown, R = unknown> {
  readonly target: ImportTarget;
  /** The GraphQL operation whose OPERATION_ACCESS rule says who may import this target (REST and CLI alike). */
  readonly accessOperation: string;
  open(em: EntityManager, context: ImportContext): Promise<TargetImport<V, R>>;
}

export interface ImportContext {
  actor: Actor;
  /** The mapping in force (every header of the file → field or null). */
  mapping: ColumnMapping;
  /** The column a record field (or import field) comes from under the mapping, for naming it in issues. */
  columnOf(field: string): string | null;
  /** A state coordinator's own state (the only one they may import into); null for the other roles. */
  coordinatorState: string | null;
  /** id, code and name of the 16 states, read once. */
  states: ReadonlyArray<{ id: string; code: string; name: string }>;
  /** Whether the caller applies (false: a dry run). A target may skip work only a write needs. */
  dryRun: boolean;
}

export interface RowRead<V> {
  values: V;
  /** What the row names, for the report (e.g. "120720000000 Landkreis Teltow-Fläming"). */
  label: string;
  /** Cells that cannot be read; the row is an ERROR with them and is not matched. */
  issues: RowIssue[];
}

/** What a row would do to the stored records. */
export type RowPlan<R> = WritePlan<R> | RefusedPlan;

export interface WritePlan<R> {
  action: 'CREATE' | 'UPDATE' | 'UNCHANGED';
  /** The record's id (UPDATE, UNCHANGED) — or a key of the record to create — so that two rows writing one record are told apart. */
  recordKey: string;
  id?: string;
  changes: FieldChanges;
  /** Whatever the writer needs (the loaded record, the values to write). */
  write: R;
}

export interface RefusedPlan {
  action: 'ERROR' | 'AMBIGUOUS';
  issues: RowIssue[];
  candidates?: Array<{ id: string; name: string; ars: string }>;
}

export const isRefused = <R>(plan: RowPlan<R>): plan is RefusedPlan => plan.action === 'ERROR' || plan.action === 'AMBIGUOUS';

export interface TargetImport<V, R> {
  /**
   * Optional, the fast path: `match` already checks everything the write would
   * check (the resource's domain validation, references, the coordinator's
   * rights, the constraints it can foresee), in memory. Then a dry run writes
   * nothing at all (no savepoint, no query per row) and reports the plans as
   * they are. Without it a dry run writes every row under a savepoint and rolls
   * back, which is exact for any target but costs several round trips a row.
   */
  readonly validatesInMemory?: boolean;
  read(cells: Record<string, RawValue>, line: number): RowRead<V>;
  match(values: V, line: number): RowPlan<R>;
  /**
   * Optional: the loop accepted the plan (no other row writes that record), on
   * a dry run as on an apply; a target that lets later rows see this one
   * (a record it would create, a value it would set) remembers it here.
   */
  accept?(plan: WritePlan<R>, line: number): void;
  /** Writes one CREATE or UPDATE plan (with its audit event); answers the record's id. */
  write(em: EntityManager, plan: WritePlan<R>): Promise<string>;
  /**
   * Optional, with `validatesInMemory`: writes many plans at once (multi-row
   * statements and batched audit events, e.g. CrudService.writeMany); answers
   * their ids in order. The loop runs each batch under a savepoint; when it
   * fails, the loop rolls it back and writes its rows one by one with `write`
   * to report the failing rows.
   */
  writeBatch?(em: EntityManager, plans: Array<WritePlan<R>>): Promise<string[]>;
}

/**
 * The coordinator's own-state rule for a row: null when the caller may write
 * every state involved, else the issue (IMPORT_OTHER_STATE naming the state)
 * at the column of the field that names the other state. `states` lists the
 * state the record has now and the one it would have, each with the field
 * that says so; a record that would have no state at all is outside too.
 */
export function coordinatorIssue(
  context: ImportContext,
  states: Array<{ stateId: string | null | undefined; field: string }>,
  fallback?: { ars?: string | null },
): { column: string | null; field: string; state: string } | null {
  const own = context.coordinatorState;
  if (own === null) return null;
  const outside = states.find((s) => s.stateId && s.stateId !== own) ?? (states.every((s) => !s.stateId) ? states[states.length - 1] : undefined);
  if (!outside) return null;
  const state = context.states.find((s) => s.id === outside.stateId)?.name ?? stateByArsPrefix(fallback?.ars?.slice(0, 2) ?? '')?.name ?? '?';
  return { column: context.columnOf(outside.field), field: 'stateId', state };
}
