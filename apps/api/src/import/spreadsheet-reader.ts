import { Readable } from 'node:stream';
import { DomainError, detectDelimiter, detectEncoding, issueAt, type Delimiter, type DetectedEncoding, type RawValue } from '@efa/domain';
import { parse, type CsvError } from 'csv-parse';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

export interface SpreadsheetInfo {
  format: 'CSV' | 'XLSX';
  /** The detected encoding of a CSV file (null for XLSX, which is always UTF-8 inside). */
  encoding: DetectedEncoding | null;
  delimiter: Delimiter | null;
  headers: string[];
}

/** A data row: its line in the spreadsheet (the header row is 1 in a CSV file, its own row number in a workbook) and its cells by header. */
export interface SheetRow {
  line: number;
  cells: Record<string, RawValue>;
}

export interface OpenedSpreadsheet {
  info: SpreadsheetInfo;
  rows: AsyncGenerator<SheetRow>;
  /** Bytes read from the input so far (for progress). */
  bytesRead(): number;
}

/** How much of the file is looked at to tell the format, the encoding and the delimiter. */
const SAMPLE_BYTES = 64 * 1024;
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;

const fileError = (code: Parameters<typeof issueAt>[1], params: Record<string, string | number> = {}) => DomainError.validation([issueAt('file', code, params)]);

/**
 * Opens a spreadsheet from a byte stream without reading it whole: looks at
 * the first 64 kB to tell XLSX (a zip) from CSV, and for CSV the encoding
 * (UTF-8 with or without BOM, else Windows-1252) and the delimiter (semicolon,
 * comma or tab); then streams the rows (csv-parse, or exceljs's streaming
 * WorkbookReader on the first worksheet). The first non-empty row is the header.
 */
export async function openSpreadsheet(input: AsyncIterable<Buffer | Uint8Array | string>, options: { maxBytes?: number } = {}): Promise<OpenedSpreadsheet> {
  const maxBytes = options.maxBytes ?? MAX_IMPORT_BYTES;
  const source = input[Symbol.asyncIterator]();
  let bytes = 0;
  const take = async (): Promise<Buffer | null> => {
    const next = await source.next();
    if (next.done) return null;
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : Buffer.from(next.value);
    bytes += chunk.length;
    if (bytes > maxBytes) throw fileError('IMPORT_TOO_LARGE', { max: maxBytes });
    return chunk;
  };
  const head: Buffer[] = [];
  let headLength = 0;
  for (let chunk = headLength < SAMPLE_BYTES ? await take() : null; chunk; chunk = headLength < SAMPLE_BYTES ? await take() : null) {
    head.push(chunk);
    headLength += chunk.length;
  }
  const sample = Buffer.concat(head);
  if (sample.toString('latin1').trim() === '' || sample.toString('utf8').replace(/^\uFEFF/, '').trim() === '') throw fileError('IMPORT_EMPTY_FILE');
  const stream = Readable.from(
    (async function* () {
      yield sample;
      for (let chunk = await take(); chunk; chunk = await take()) yield chunk;
    })(),
    { objectMode: false },
  );
  const bytesRead = () => bytes;
  if (sample.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return openXlsx(stream, bytesRead);
  return openCsv(stream, sample, bytesRead);
}

function uniqueHeaders(raw: unknown[]): string[] {
  const seen = new Map<string, number>();
  return raw.map((h, i) => {
    const name = String(h ?? '').trim() || `Spalte ${i + 1}`;
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${name} (${n})`;
  });
}

const isBlankRow = (values: unknown[]) => values.every((v) => v === null || v === undefined || String(v).trim() === '');

async function openCsv(stream: Readable, sample: Buffer, bytesRead: () => number): Promise<OpenedSpreadsheet> {
  const encoding = detectEncoding(sample.subarray(0, SAMPLE_BYTES));
  const iconvName = encoding === 'Windows-1252' ? 'win1252' : 'utf8';
  const firstLine = iconv.decode(sample, iconvName).replace(/^\uFEFF/, '').split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const delimiter = detectDelimiter(firstLine);
  const parser = stream.pipe(iconv.decodeStream(iconvName)).pipe(parse({ delimiter, bom: true, relax_column_count: true, skip_empty_lines: true, trim: true }));
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
  const csvError = (e: unknown, line: number): never => {
    const err = e as CsvError;
    if (err?.code && String(err.code).startsWith('CSV_')) throw DomainError.validation([issueAt(`row ${line}`, 'NOT_ACCEPTABLE', { detail: err.message })]);
    throw e;
  };
  let headerRecord: string[] | undefined;
  let line = 0;
  try {
    for (let r = await records.next(); !r.done; r = await records.next()) {
      line++;
      if (!isBlankRow(r.value)) {
        headerRecord = r.value;
        break;
      }
    }
  } catch (e) {
    csvError(e, line + 1);
  }
  if (!headerRecord) throw fileError('IMPORT_EMPTY_FILE');
  const headers = uniqueHeaders(headerRecord);
  const checkText = (values: string[], at: number) => {
    if (encoding !== 'Windows-1252' && values.some((v) => v.includes('\uFFFD'))) throw fileError('IMPORT_BROKEN_UTF_ENCODING', { row: at });
  };
  checkText(headerRecord, line);
  async function* rows(): AsyncGenerator<SheetRow> {
    for (;;) {
      let r: IteratorResult<string[]>;
      try {
        r = await records.next();
      } catch (e) {
        return csvError(e, line + 1);
      }
      if (r.done) return;
      line++;
      checkText(r.value, line);
      if (isBlankRow(r.value)) continue;
      const cells: Record<string, RawValue> = {};
      headers.forEach((h, i) => (cells[h] = r.value[i]));
      yield { line, cells };
    }
  }
  return { info: { format: 'CSV', encoding, delimiter, headers }, rows: rows(), bytesRead };
}

/** A cell of exceljs as a plain value: rich text and hyperlinks as their text, formulas as their result. */
function cellValue(v: unknown): RawValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  const o = v as { richText?: Array<{ text: string }>; text?: unknown; result?: unknown; error?: string };
  if (o.richText) return o.richText.map((t) => t.text).join('');
  if (o.text !== undefined) return cellValue(o.text);
  if (o.result !== undefined) return cellValue(o.result);
  if (o.error) return o.error;
  return String(v);
}

async function openXlsx(stream: Readable, bytesRead: () => number): Promise<OpenedSpreadsheet> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
  const sheets = reader[Symbol.asyncIterator]() as AsyncIterator<AsyncIterable<ExcelJS.Row>>;
  let sheetRows: AsyncIterator<ExcelJS.Row>;
  try {
    const sheet = await sheets.next();
    if (sheet.done) throw fileError('IMPORT_EMPTY_FILE');
    sheetRows = sheet.value[Symbol.asyncIterator]();
  } catch (e) {
    if (e instanceof DomainError) throw e;
    throw fileError('IMPORT_NOT_A_SPREADSHEET');
  }
  const valuesOf = (row: ExcelJS.Row): RawValue[] => (Array.isArray(row.values) ? row.values.slice(1).map(cellValue) : []);
  // A workbook broken further in (a cut-off upload, a damaged zip) is the file's fault, not the server's.
  const nextRow = async (): Promise<IteratorResult<ExcelJS.Row>> => {
    try {
      return await sheetRows.next();
    } catch {
      throw fileError('IMPORT_NOT_A_SPREADSHEET');
    }
  };
  let header: ExcelJS.Row | undefined;
  for (let r = await nextRow(); !r.done; r = await nextRow()) {
    if (!isBlankRow(valuesOf(r.value))) {
      header = r.value;
      break;
    }
  }
  if (!header) throw fileError('IMPORT_EMPTY_FILE');
  const headers = uniqueHeaders(valuesOf(header).map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v)));
  async function* rows(): AsyncGenerator<SheetRow> {
    for (let r = await nextRow(); !r.done; r = await nextRow()) {
      const values = valuesOf(r.value);
      if (isBlankRow(values)) continue;
      const cells: Record<string, RawValue> = {};
      headers.forEach((h, i) => (cells[h] = typeof values[i] === 'string' ? (values[i] as string).trim() : values[i]));
      yield { line: r.value.number, cells };
    }
    // The first worksheet is the data; later ones are read through so the stream ends.
    for (let s = await sheets.next(); !s.done; s = await sheets.next()) for await (const _row of s.value) void _row;
  }
  return { info: { format: 'XLSX', encoding: null, delimiter: null, headers }, rows: rows(), bytesRead };
}
