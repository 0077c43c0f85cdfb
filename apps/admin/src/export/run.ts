import { fetchAllRows, resolveReferences, type ExportDefinition, type ListSource, type Progress } from './fetch';
import { buildTable, exportFileName, sheetName, toCsv, type ExportLocale, type ExportTable } from './logic';

export type ExportFormat = 'csv' | 'xlsx';

export interface ExportRequest {
  source: ListSource;
  resource: string;
  definition: ExportDefinition;
  /** The list's current filter and sort. */
  filter: Record<string, unknown>;
  sort: { field: string; order: string };
  format: ExportFormat;
  locale: ExportLocale;
  translate: (key: string, options?: Record<string, unknown>) => string;
  now?: Date;
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
}

export interface ExportResult {
  blob: Blob;
  fileName: string;
  rows: number;
}

/** Fetches the rows and their references and builds the table (header in the console's language). */
export async function collectTable(request: ExportRequest): Promise<ExportTable> {
  const { source, resource, definition, signal, onProgress } = request;
  const rows = await fetchAllRows(source, resource, { filter: request.filter, sort: request.sort, fields: definition.fields }, { signal, onProgress });
  const references = await resolveReferences(source, rows, definition.references ?? [], { signal, onProgress });
  const lookups = definition.lookups ? await definition.lookups(source) : {};
  return buildTable(definition.columns, rows, {
    locale: request.locale,
    translate: request.translate,
    now: request.now ?? new Date(),
    lookups,
    ref: (key, id) => (id === null || id === undefined ? undefined : references.get(key)?.get(String(id))),
  });
}

/**
 * One export: all rows matching the list's filter and sort as a CSV or XLSX
 * file. The XLSX writer (exceljs) is imported only here, so it is a chunk of
 * its own that the browser loads at the first XLSX export.
 */
export async function runExport(request: ExportRequest): Promise<ExportResult> {
  const table = await collectTable(request);
  request.onProgress?.({ phase: 'file', loaded: table.rows.length, total: table.rows.length });
  const listName = request.translate(request.definition.title, { smart_count: 2 });
  const yesNo = { yes: request.translate('ra.boolean.true'), no: request.translate('ra.boolean.false') };
  const now = request.now ?? new Date();
  const fileName = exportFileName(listName, request.format, now);
  if (request.format === 'csv') {
    return { blob: new Blob([toCsv(table, request.locale, yesNo)], { type: 'text/csv;charset=utf-8' }), fileName, rows: table.rows.length };
  }
  const { writeXlsx } = await import('./xlsx');
  const blob = await writeXlsx(table, { sheetName: sheetName(listName), locale: request.locale, yesNo });
  return { blob, fileName, rows: table.rows.length };
}

/** Hands a file to the browser's download. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
