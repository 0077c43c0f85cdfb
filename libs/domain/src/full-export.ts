/**
 * The full export of all data and its restore: which data never leaves the
 * database, the order tables load in, and the manifest that describes an export.
 * Pure; the API reads and writes the tables.
 */
import { DomainError, ErrorCode } from './errors.js';

export const FULL_EXPORT_FORMAT = 1;

/**
 * Tables whose rows never leave the database: sessions (a session id is a bearer credential),
 * sign-in attempts (addresses, only useful for rate limiting), the migration bookkeeping
 * (the manifest carries the schema version instead) and the public status tables (derived).
 */
export const EXPORT_EXCLUDED_TABLES: readonly string[] = [
  'user_session',
  'sign_in_attempt',
  'migrations',
  // derived or transient: the public status is rebuilt from the restored rows by its triggers;
  // its change log and version and the public rate-limit counters mean nothing in another database
  'public_status',
  'public_status_change',
  'public_status_version',
  'public_rate_limit',
];

/** Rows that never leave: the session signing key (whoever holds it can forge sessions). */
export const EXPORT_EXCLUDED_ROWS: Readonly<Record<string, { column: string; values: readonly string[] }>> = {
  app_setting: { column: 'key', values: ['session_secret'] },
};

/** Columns left out unless asked for: password hashes (an offline guessing target). */
export const EXPORT_SECRET_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  app_user: ['password_hash'],
};

export interface ManifestTable {
  name: string;
  file: string;
  columns: string[];
  rows: number;
}

export interface ExportManifest {
  format: number;
  /** Name of the last applied migration of the exported database. */
  schemaVersion: string;
  exportedAt: string;
  passwordHashes: boolean;
  /** In dependency order: a table comes after every table it references. */
  tables: ManifestTable[];
  excluded: string[];
}

/**
 * Orders tables so that each comes after the tables it references (self-references ignored).
 * Ties keep alphabetical order, so the order is stable. A cycle is an error naming its tables.
 */
export function dependencyOrder(tables: readonly string[], references: ReadonlyArray<{ from: string; to: string }>): string[] {
  const pending = new Set(tables);
  const needs = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const { from, to } of references) if (from !== to && pending.has(from) && pending.has(to)) needs.get(from)!.add(to);
  const order: string[] = [];
  while (pending.size) {
    const ready = [...pending].filter((t) => [...needs.get(t)!].every((d) => !pending.has(d))).sort();
    if (!ready.length) throw new Error(`Foreign keys form a cycle between ${[...pending].sort().join(', ')}`);
    for (const t of ready) {
      order.push(t);
      pending.delete(t);
    }
  }
  return order;
}

const invalid = (message: string) => new DomainError(ErrorCode.VALIDATION, message);

/** Checks a manifest read from an export against the target database's schema version and tables. */
export function checkManifest(value: unknown, target: { schemaVersion: string; tables: readonly string[] }): ExportManifest {
  const m = value as Partial<ExportManifest> | null;
  if (!m || typeof m !== 'object') throw invalid('manifest.json: not a JSON object');
  if (m.format !== FULL_EXPORT_FORMAT) throw invalid(`manifest.json: format ${String(m.format)} is not supported (expected ${FULL_EXPORT_FORMAT})`);
  if (m.schemaVersion !== target.schemaVersion) {
    throw invalid(`manifest.json: the export has schema version ${String(m.schemaVersion)}, the target database ${target.schemaVersion}; migrate both to the same version first`);
  }
  if (!Array.isArray(m.tables)) throw invalid('manifest.json: tables is missing');
  for (const t of m.tables) {
    if (!t || typeof t.name !== 'string' || typeof t.file !== 'string' || !Array.isArray(t.columns) || !Number.isInteger(t.rows)) {
      throw invalid(`manifest.json: a table entry lacks name, file, columns or rows: ${JSON.stringify(t)}`);
    }
    if (!target.tables.includes(t.name)) throw invalid(`manifest.json: table ${t.name} does not exist in the target database`);
    if (t.file !== `${t.name}.jsonl`) throw invalid(`manifest.json: table ${t.name} has the unexpected file name ${t.file}`);
  }
  return m as ExportManifest;
}
