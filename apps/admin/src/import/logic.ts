import {
  IMPORT_FIELDS,
  IMPORT_KEY_FIELDS,
  IMPORT_TARGETS,
  checkMapping,
  type ColumnMapping,
  type Delimiter,
  type DetectedEncoding,
  type FieldIssue,
  type ImportAction,
  type ImportRowReport,
  type ImportTarget,
} from '@efa/domain';

/**
 * The import page's pure part: the request URL, the streamed answer
 * (NDJSON lines), the mapping the user edits, the report's filters. The page
 * is generic over libs/domain's IMPORT_TARGETS and IMPORT_FIELDS, so a new
 * target appears without changes here.
 */

export type MappingSource = 'explicit' | 'saved' | 'suggested';

/** The report POST /import/:target answers (apps/api/src/import/import.service.ts ImportReport). */
export interface ImportReport {
  target: ImportTarget;
  dryRun: boolean;
  applied: boolean;
  refusal: string | null;
  file: { format: 'CSV' | 'XLSX'; encoding: DetectedEncoding | null; delimiter: Delimiter | null; headers: string[] };
  mapping: ColumnMapping;
  mappingSource: MappingSource;
  ignoredColumns: string[];
  summary: Record<'rows' | 'create' | 'update' | 'unchanged' | 'error' | 'ambiguous' | 'duplicate', number>;
  rows: ImportRowReport[];
  /** Rows counted in `summary` but not listed in `rows` (the API lists at most `maxRows`). */
  rowsOmitted?: number;
}

/** One line of the streamed answer (`Accept: application/x-ndjson`). */
export type StreamLine =
  | { type: 'progress'; rows: number; bytes: number }
  | ({ type: 'report' } & ImportReport)
  | { type: 'error'; status: number; errors?: unknown[] };

/** The actions in the order the report shows them, with the summary key of each. */
export const ACTIONS: ReadonlyArray<{ action: ImportAction; key: keyof ImportReport['summary'] }> = [
  { action: 'CREATE', key: 'create' },
  { action: 'UPDATE', key: 'update' },
  { action: 'UNCHANGED', key: 'unchanged' },
  { action: 'ERROR', key: 'error' },
  { action: 'AMBIGUOUS', key: 'ambiguous' },
  { action: 'DUPLICATE', key: 'duplicate' },
];

/** The targets the page offers (libs/domain). */
export const importTargets = (): readonly ImportTarget[] => IMPORT_TARGETS;

/** The field keys of a target, key fields first. */
export function fieldsOf(target: ImportTarget): string[] {
  const keys = IMPORT_KEY_FIELDS[target] ?? [];
  const all = (IMPORT_FIELDS[target] ?? []).map((f) => f.key);
  return [...keys.filter((k) => all.includes(k)), ...all.filter((k) => !keys.includes(k))];
}

export const isKeyField = (target: ImportTarget, field: string): boolean => (IMPORT_KEY_FIELDS[target] ?? []).includes(field);

/** The react-admin resource whose records a target writes (for links to them); none for targets the console has no list of. */
const TARGET_RESOURCES: Partial<Record<string, string>> = { authorities: 'Authority', contracts: 'ReuseContract', onboardings: 'Onboarding' };
export const resourceOf = (target: string): string | undefined => TARGET_RESOURCES[target];

/** POST URL of an import: a dry run unless `dryRun` is false; the mapping only when the user gave one. */
export function importUrl(target: ImportTarget, options: { dryRun: boolean; skipErrors?: boolean; mapping?: ColumnMapping | null }): string {
  const query = new URLSearchParams({ dryRun: String(options.dryRun) });
  if (options.skipErrors) query.set('skipErrors', 'true');
  if (options.mapping) query.set('mapping', JSON.stringify(options.mapping));
  return `/import/${encodeURIComponent(target)}?${query.toString()}`;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The content type to send a file with (the API tells the format from the bytes; this only keeps body parsers away). */
export function contentTypeOf(file: { name: string; type?: string }): string {
  if (/\.xlsx$/i.test(file.name)) return XLSX_TYPE;
  if (/\.(csv|txt|tsv)$/i.test(file.name)) return 'text/csv';
  return file.type && file.type !== 'application/json' && !file.type.startsWith('application/x-www-form') ? file.type : 'application/octet-stream';
}

/** Whether the page accepts a file by its name (CSV or XLSX; the API checks the content). */
export const isSpreadsheetName = (name: string): boolean => /\.(csv|txt|tsv|xlsx)$/i.test(name);

/**
 * Splits a streamed NDJSON answer into lines as its text arrives in pieces:
 * `push` returns the complete lines so far (a line cut off at the end of a
 * piece waits for the next one), `end` the rest. Blank lines are skipped; a
 * line that is not JSON throws, naming it.
 */
export function ndjsonLines() {
  let pending = '';
  const parse = (line: string): StreamLine => {
    try {
      return JSON.parse(line) as StreamLine;
    } catch {
      throw new Error(`The import answer has a line that is not JSON: ${line.slice(0, 80)}`);
    }
  };
  return {
    push(text: string): StreamLine[] {
      pending += text;
      const parts = pending.split('\n');
      pending = parts.pop() ?? '';
      return parts.filter((l) => l.trim() !== '').map(parse);
    },
    end(): StreamLine[] {
      const rest = pending.trim();
      pending = '';
      return rest ? [parse(rest)] : [];
    },
  };
}

/** Every header mapped (null = not imported), in the file's column order. */
export function completeMapping(headers: readonly string[], mapping: ColumnMapping): ColumnMapping {
  return Object.fromEntries(headers.map((h) => [h, mapping[h] || null]));
}

/** The mapping with one column set to a field ('' or null: not imported). */
export function withColumn(mapping: ColumnMapping, column: string, field: string | null): ColumnMapping {
  return { ...mapping, [column]: field || null };
}

/** Whether two mappings send the same columns to the same fields. */
export function sameMapping(a: ColumnMapping, b: ColumnMapping): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => (a[k] || null) === (b[k] || null));
}

/** What is wrong with the mapping before it is sent: the domain's own check (no key column, a field twice). */
export const mappingIssues = (mapping: ColumnMapping, headers: readonly string[], target: ImportTarget): FieldIssue[] => checkMapping(mapping, headers, target);

/** Whether an API error is about the mapping (the suggestion found no key column, a given mapping names unknown columns). */
export const isMappingIssue = (issue: { field?: string }): boolean => issue.field === 'mapping' || Boolean(issue.field?.startsWith('mapping.'));

/**
 * The file's header row as the API sends it with a refusal for want of a mapping (the error's
 * extensions `headers`, for CSV and XLSX alike): the columns the user maps. Null when the errors
 * carry none.
 */
export function refusedHeaders(errors: readonly unknown[]): string[] | null {
  for (const e of errors) {
    const headers = (e as { extensions?: { headers?: unknown } } | null)?.extensions?.headers;
    if (Array.isArray(headers) && headers.length > 0 && headers.every((h) => typeof h === 'string')) return headers as string[];
  }
  return null;
}

/** The rows of the report with these actions (all when none is chosen), and matching a search in label, row number, columns and values. */
export function filterRows(rows: readonly ImportRowReport[], actions: readonly ImportAction[], search = ''): ImportRowReport[] {
  const q = search.trim().toLowerCase();
  return rows.filter((r) => {
    if (actions.length > 0 && !actions.includes(r.action)) return false;
    if (!q) return true;
    const text = [String(r.row), r.label, ...(r.issues ?? []).map((i) => `${i.column ?? ''} ${i.message}`), ...(r.candidates ?? []).map((c) => `${c.name} ${c.ars}`), ...Object.values(r.changes ?? {}).map((c) => `${String(c.from)} ${String(c.to)}`)];
    return text.join(' ').toLowerCase().includes(q);
  });
}

/** How many rows would stop an apply (errors and ambiguous matches). */
export const blockingRows = (report: ImportReport): number => report.summary.error + report.summary.ambiguous;

/** Whether the apply may be started: something to create or change, and no blocking rows unless the user chose to skip them. */
export function mayApply(report: ImportReport, skipErrors: boolean): boolean {
  return report.summary.create + report.summary.update > 0 && (blockingRows(report) === 0 || skipErrors);
}

/** The ids of the records an applied import created or changed, by action. */
export function importedIds(report: ImportReport): { created: string[]; updated: string[] } {
  const of = (action: ImportAction) => report.rows.filter((r) => r.action === action && r.id).map((r) => r.id!);
  return { created: of('CREATE'), updated: of('UPDATE') };
}

/** react-admin's list URL of these records (`/Authority?filter={"ids":[…]}`). */
export function recordsListPath(resource: string, ids: readonly string[]): string {
  return `/${resource}?${new URLSearchParams({ filter: JSON.stringify({ ids }), page: '1' }).toString()}`;
}

/** A value of a change as text: blank for none, numbers and text as they are. */
export function valueText(value: unknown, format: (n: number) => string = String): string {
  if (value === null || value === undefined || value === '') return '–';
  if (typeof value === 'number') return format(value);
  return String(value);
}

/** A file size as people read it (1,2 MB in German). */
export function formatBytes(bytes: number, intlLocale: string): string {
  const units = ['B', 'kB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${new Intl.NumberFormat(intlLocale, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`;
}

/** The i18n key of a detected delimiter. */
export const delimiterKey = (d: Delimiter): 'semicolon' | 'comma' | 'tab' => (d === ';' ? 'semicolon' : d === ',' ? 'comma' : 'tab');

/** The i18n key of a detected encoding. */
export const encodingKey = (e: DetectedEncoding): 'utf8' | 'utf8_bom' | 'windows1252' => (e === 'UTF-8' ? 'utf8' : e === 'UTF-8 with BOM' ? 'utf8_bom' : 'windows1252');
