import { neutralizeFormula, spellOutGerman } from '@efa/domain';
import { centsToEuroString } from '../common/money';

/**
 * The pure part of the lists' export (CSV and XLSX): column definitions ->
 * typed cells, CSV text (German: semicolon, decimal comma, dd.mm.yyyy;
 * English: comma, decimal point, ISO dates; both UTF-8 with BOM), the
 * values an XLSX writer gets (real dates and numbers), column widths and
 * file names. No React, no data provider: the fetching is in fetch.ts, the
 * XLSX writer (a lazily loaded chunk) in xlsx.ts.
 */

/** How a column's value is written. */
export type ColumnKind =
  /** text as it is */
  | 'text'
  /** a number (CSV: decimal comma in German) */
  | 'number'
  /** cents as a string of digits (the API's Cents), written as euros with 2 decimals */
  | 'cents'
  /** a calendar date: `YYYY-MM-DD` (LocalDate) or an ISO timestamp (its local date) */
  | 'date'
  /** an ISO timestamp, written with the local time to the minute */
  | 'datetime'
  /** yes / no in the console's language */
  | 'boolean';

export type ExportLocale = 'de' | 'en';

/** Raw value a column reads from a record; arrays are joined with ", ". */
export type RawValue = string | number | boolean | null | undefined | readonly string[];

/** What a column's `value` function may use besides the record. */
export interface ExportContext {
  locale: ExportLocale;
  translate: (key: string, options?: Record<string, unknown>) => string;
  /** A resolved reference: the record of `key` (a reference of the resource's definition) with this id. */
  ref: (key: string, id: unknown) => Record<string, any> | undefined;
  /** Today, for derived values (days in stage). */
  now: Date;
  /** Extra lookups a resource's definition loaded (e.g. the services' stages). */
  lookups: Record<string, unknown>;
}

export interface ExportColumn<R = Record<string, any>> {
  /** Stable key (also the XLSX column key). */
  key: string;
  /** Message key of the header (usually `resources.<Type>.fields.<field>`). */
  header: string;
  kind?: ColumnKind;
  /** The raw value; default: `record[key]`. */
  value?: (record: R, ctx: ExportContext) => RawValue;
  /** XLSX number format for number columns (default: General). */
  numFmt?: string;
}

/** A typed cell: what both writers start from. */
export type Cell =
  | null
  | { kind: 'text'; value: string }
  | { kind: 'number'; value: number }
  /** exact decimal string of euros, e.g. "31234567.89" */
  | { kind: 'cents'; value: string }
  | { kind: 'date'; value: CalendarDate }
  | { kind: 'datetime'; value: CalendarDate & { hour: number; minute: number } }
  | { kind: 'boolean'; value: boolean };

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export interface TableColumn {
  key: string;
  header: string;
  kind: ColumnKind;
  numFmt?: string;
}

/** Header and typed rows of an export, independent of the file format. */
export interface ExportTable {
  columns: TableColumn[];
  rows: Cell[][];
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A `YYYY-MM-DD` string as that calendar day; a timestamp as the local calendar day (as the console shows it). */
export function toCalendarDate(raw: string | Date): CalendarDate | undefined {
  if (typeof raw === 'string') {
    const m = DATE_ONLY.exec(raw);
    if (m) return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  }
  const d = new Date(raw);
  if (Number.isNaN(d.getTime())) return undefined;
  return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() };
}

function toCalendarDateTime(raw: string): (CalendarDate & { hour: number; minute: number }) | undefined {
  const date = toCalendarDate(raw);
  if (!date) return undefined;
  if (DATE_ONLY.test(raw)) return { ...date, hour: 0, minute: 0 };
  const d = new Date(raw);
  return { ...date, hour: d.getHours(), minute: d.getMinutes() };
}

/** One raw value as a typed cell of the column's kind (null when empty or unreadable). */
export function toCell(raw: RawValue, kind: ColumnKind): Cell {
  if (raw === null || raw === undefined || raw === '') return null;
  if (Array.isArray(raw)) return raw.length ? { kind: 'text', value: raw.join(', ') } : null;
  switch (kind) {
    case 'number': {
      const n = typeof raw === 'number' ? raw : Number(raw);
      return Number.isFinite(n) ? { kind: 'number', value: n } : { kind: 'text', value: String(raw) };
    }
    case 'cents': {
      const text = String(raw);
      return /^-?\d+$/.test(text) ? { kind: 'cents', value: centsToEuroString(text) } : { kind: 'text', value: text };
    }
    case 'date': {
      const date = toCalendarDate(String(raw));
      return date ? { kind: 'date', value: date } : { kind: 'text', value: String(raw) };
    }
    case 'datetime': {
      const value = toCalendarDateTime(String(raw));
      return value ? { kind: 'datetime', value } : { kind: 'text', value: String(raw) };
    }
    case 'boolean':
      return { kind: 'boolean', value: raw === true || raw === 'true' };
    default:
      return { kind: 'text', value: String(raw) };
  }
}

/** Records -> header (translated) and typed rows, by the columns' definitions. */
export function buildTable<R>(columns: readonly ExportColumn<R>[], records: readonly R[], ctx: ExportContext): ExportTable {
  return {
    columns: columns.map((c) => ({ key: c.key, header: ctx.translate(c.header, { _: c.key }), kind: c.kind ?? 'text', ...(c.numFmt ? { numFmt: c.numFmt } : {}) })),
    rows: records.map((record) =>
      columns.map((c) => toCell(c.value ? c.value(record, ctx) : ((record as Record<string, unknown>)[c.key] as RawValue), c.kind ?? 'text')),
    ),
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A date as the CSV of the language writes it: German `dd.mm.yyyy`, English ISO `yyyy-mm-dd`. */
export function formatCsvDate(d: CalendarDate, locale: ExportLocale): string {
  return locale === 'de' ? `${pad(d.day)}.${pad(d.month)}.${pad(d.year, 4)}` : `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;
}

/** A number without grouping, with the language's decimal separator (Excel reads it back as a number). */
export function formatCsvNumber(value: number | string, locale: ExportLocale): string {
  const text = typeof value === 'number' ? numberText(value) : value;
  return locale === 'de' ? text.replace('.', ',') : text;
}

/** Plain decimal notation (no exponent, no grouping). */
function numberText(value: number): string {
  if (Number.isInteger(value)) return value.toFixed(0);
  return String(value).includes('e') ? value.toFixed(10).replace(/0+$/, '').replace(/\.$/, '') : String(value);
}

/** A cell as CSV text (unquoted). */
export function csvText(cell: Cell, locale: ExportLocale, yesNo: { yes: string; no: string }): string {
  if (cell === null) return '';
  switch (cell.kind) {
    case 'number':
    case 'cents':
      return formatCsvNumber(cell.value, locale);
    case 'date':
      return formatCsvDate(cell.value, locale);
    case 'datetime':
      return `${formatCsvDate(cell.value, locale)} ${pad(cell.value.hour)}:${pad(cell.value.minute)}`;
    case 'boolean':
      return cell.value ? yesNo.yes : yesNo.no;
    default:
      return neutralizeFormula(cell.value);
  }
}

/** The formula guard (libs/domain, shared with the public open-data CSV): text cells only. */
export { neutralizeFormula };

/** Quotes a CSV field when it holds the delimiter, a quote or a line break (RFC 4180). */
export function quoteCsv(text: string, delimiter: string): string {
  return text.includes(delimiter) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const CSV_BOM = '\uFEFF';

/** The CSV delimiter of the language: German Excel expects a semicolon (the comma is its decimal separator). */
export function csvDelimiter(locale: ExportLocale): string {
  return locale === 'de' ? ';' : ',';
}

/**
 * The table as CSV: UTF-8 byte order mark (so Excel reads umlauts right),
 * header row, CRLF line ends, the language's delimiter and formats.
 */
export function toCsv(table: ExportTable, locale: ExportLocale, yesNo: { yes: string; no: string }): string {
  const delimiter = csvDelimiter(locale);
  const line = (fields: string[]) => fields.map((f) => quoteCsv(f, delimiter)).join(delimiter);
  const lines = [line(table.columns.map((c) => c.header)), ...table.rows.map((row) => line(row.map((cell) => csvText(cell, locale, yesNo))))];
  return `${CSV_BOM}${lines.join('\r\n')}\r\n`;
}

/** XLSX number formats of dates by language (the spreadsheet shows them in the reader's locale anyway). */
export function xlsxDateFormat(kind: 'date' | 'datetime', locale: ExportLocale): string {
  const date = locale === 'de' ? 'dd.mm.yyyy' : 'yyyy-mm-dd';
  return kind === 'date' ? date : `${date} hh:mm`;
}

export const EURO_FORMAT = '#,##0.00';

/** A cell as the XLSX writer takes it: dates as Date (UTC midnight of the day: no time-zone shift), numbers as numbers. */
export function xlsxValue(cell: Cell, yesNo: { yes: string; no: string }): string | number | Date | null {
  if (cell === null) return null;
  switch (cell.kind) {
    case 'number':
      return cell.value;
    case 'cents':
      return Number(cell.value);
    case 'date':
      return new Date(Date.UTC(cell.value.year, cell.value.month - 1, cell.value.day));
    case 'datetime':
      return new Date(Date.UTC(cell.value.year, cell.value.month - 1, cell.value.day, cell.value.hour, cell.value.minute));
    case 'boolean':
      return cell.value ? yesNo.yes : yesNo.no;
    default:
      return cell.value;
  }
}

/** Column widths in characters: the longest of header and (the first 2,000) values, between 8 and 60. */
export function columnWidths(table: ExportTable, locale: ExportLocale, yesNo: { yes: string; no: string }): number[] {
  const sample = table.rows.slice(0, 2000);
  return table.columns.map((column, i) => {
    let longest = column.header.length;
    for (const row of sample) longest = Math.max(longest, csvText(row[i], locale, yesNo).length);
    return Math.min(60, Math.max(8, longest + 2));
  });
}

/** A file name part from a resource's plural name: lower case ASCII, umlauts spelt out ("Behörden" -> "behoerden"; libs/domain spellOutGerman), other accents dropped. */
export function slugOf(name: string): string {
  return spellOutGerman(name)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** `behoerden-2026-12-02.xlsx`: the list's name and today's local date. */
export function exportFileName(listName: string, format: 'csv' | 'xlsx', today: Date): string {
  const date = `${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}`;
  return `${slugOf(listName) || 'export'}-${date}.${format}`;
}

/** A worksheet name Excel accepts: at most 31 characters, none of \ / ? * [ ] :. */
export function sheetName(name: string): string {
  return name.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'Export';
}
