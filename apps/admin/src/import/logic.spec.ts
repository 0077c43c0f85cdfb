import type { ImportRowReport } from '@efa/domain';
import {
  completeMapping,
  contentTypeOf,
  fieldsOf,
  filterRows,
  formatBytes,
  importUrl,
  importedIds,
  isMappingIssue,
  mappingIssues,
  refusedHeaders,
  mayApply,
  ndjsonLines,
  recordsListPath,
  sameMapping,
  withColumn,
  type ImportReport,
} from './logic';

const report = (summary: Partial<ImportReport['summary']>, rows: ImportRowReport[] = []): ImportReport => ({
  target: 'authorities',
  dryRun: true,
  applied: false,
  refusal: null,
  file: { format: 'CSV', encoding: 'UTF-8', delimiter: ';', headers: [] },
  mapping: {},
  mappingSource: 'suggested',
  ignoredColumns: [],
  summary: { rows: 0, create: 0, update: 0, unchanged: 0, error: 0, ambiguous: 0, duplicate: 0, ...summary },
  rows,
});

describe('import page logic', () => {
  it('splits the streamed answer into JSON lines however the pieces are cut', () => {
    const lines = ndjsonLines();
    expect(lines.push('{"type":"progress","rows":250,"by')).toEqual([]);
    expect(lines.push('tes":1000}\n{"type":"progress","rows":500,"bytes":2000}\n\n{"type":"rep')).toEqual([
      { type: 'progress', rows: 250, bytes: 1000 },
      { type: 'progress', rows: 500, bytes: 2000 },
    ]);
    expect(lines.push('ort","applied":true}')).toEqual([]);
    expect(lines.end()).toEqual([{ type: 'report', applied: true }]);
    expect(lines.end()).toEqual([]);
    expect(() => ndjsonLines().push('<html>\n')).toThrow(/not JSON: <html>/);
  });

  it('builds the request: a dry run by default, the mapping only when given, a content type no body parser takes', () => {
    expect(importUrl('authorities', { dryRun: true })).toBe('/import/authorities?dryRun=true');
    const url = new URL(importUrl('authorities', { dryRun: false, skipErrors: true, mapping: { Schlüssel: 'ars', Telefon: null } }), 'http://x');
    expect(url.searchParams.get('dryRun')).toBe('false');
    expect(url.searchParams.get('skipErrors')).toBe('true');
    expect(JSON.parse(url.searchParams.get('mapping')!)).toEqual({ Schlüssel: 'ars', Telefon: null });
    expect(contentTypeOf({ name: 'a.CSV', type: 'application/vnd.ms-excel' })).toBe('text/csv');
    expect(contentTypeOf({ name: 'a.xlsx', type: '' })).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(contentTypeOf({ name: 'export', type: 'application/json' })).toBe('application/octet-stream');
  });

  it('keeps the mapping state: every column, one changed, compared by what they map', () => {
    const headers = ['ARS', 'Name', 'Telefon'];
    const mapping = completeMapping(headers, { ARS: 'ars', Name: 'name', Extra: 'notes' });
    expect(mapping).toEqual({ ARS: 'ars', Name: 'name', Telefon: null });
    const changed = withColumn(mapping, 'Telefon', 'notes');
    expect(changed).toEqual({ ARS: 'ars', Name: 'name', Telefon: 'notes' });
    expect(mapping.Telefon).toBeNull();
    expect(sameMapping(mapping, { ARS: 'ars', Name: 'name' })).toBe(true);
    expect(sameMapping(mapping, changed)).toBe(false);
    expect(withColumn(changed, 'Telefon', '')).toEqual(mapping);
  });

  it('checks the mapping with the domain rule: a key field is required, no field twice', () => {
    const headers = ['Einwohner', 'Ort', 'Kreis'];
    expect(mappingIssues({ Einwohner: 'population', Ort: null, Kreis: null }, headers, 'authorities')).toMatchObject([{ field: 'mapping', code: 'IMPORT_NO_KEY_COLUMN' }]);
    expect(mappingIssues({ Einwohner: 'population', Ort: 'name', Kreis: 'name' }, headers, 'authorities')).toMatchObject([{ field: 'mapping.Kreis', code: 'IMPORT_FIELD_TWICE' }]);
    expect(mappingIssues({ Einwohner: 'population', Ort: 'name', Kreis: null }, headers, 'authorities')).toEqual([]);
    expect(fieldsOf('authorities').slice(0, 2)).toEqual(['ars', 'name']);
    expect(isMappingIssue({ field: 'mapping.Kreis' })).toBe(true);
    expect(isMappingIssue({ field: 'file' })).toBe(false);
  });

  it('takes the columns to map from the headers the API sends with a refusal for want of a mapping (CSV and XLSX alike)', () => {
    const refusal = { message: 'mapping: …', extensions: { code: 'VALIDATION', issues: [{ field: 'mapping', code: 'NO_KEY_COLUMN' }], headers: ['Schlüssel', 'Amt'] } };
    expect(refusedHeaders([refusal])).toEqual(['Schlüssel', 'Amt']);
    expect(refusedHeaders([{ message: 'x', extensions: { code: 'VALIDATION' } }])).toBeNull();
    expect(refusedHeaders([{ extensions: { headers: [1, 2] } }])).toBeNull();
    expect(refusedHeaders([null, 'x'])).toBeNull();
    expect(refusedHeaders([])).toBeNull();
  });

  it('filters the report by action and by text; an apply needs changes and, with error rows, skipping them', () => {
    const rows: ImportRowReport[] = [
      { row: 2, action: 'UPDATE', id: 'a', label: '150850000000 Landkreis Harz', changes: { population: { from: 214446, to: 220000 } } },
      { row: 3, action: 'ERROR', label: 'Landkreis Teltow-Fläming', issues: [{ column: 'Einwohner', field: 'population', code: 'IMPORT_NOT_A_NUMBER', params: { input: 'zwölf' }, message: 'must be a number' }] },
      { row: 4, action: 'AMBIGUOUS', label: 'Kassel', candidates: [{ id: 'k1', name: 'Ausländerbehörde Stadt Kassel', ars: '064110000000' }] },
      { row: 5, action: 'CREATE', id: 'b', label: 'Neu' },
    ];
    expect(filterRows(rows, []).map((r) => r.row)).toEqual([2, 3, 4, 5]);
    expect(filterRows(rows, ['ERROR', 'AMBIGUOUS']).map((r) => r.row)).toEqual([3, 4]);
    expect(filterRows(rows, [], 'einwohner').map((r) => r.row)).toEqual([3]);
    expect(filterRows(rows, [], 'stadt kassel').map((r) => r.row)).toEqual([4]);
    expect(filterRows(rows, ['UPDATE'], '220000').map((r) => r.row)).toEqual([2]);

    const withErrors = report({ rows: 4, update: 1, create: 1, error: 1, ambiguous: 1 }, rows);
    expect(mayApply(withErrors, false)).toBe(false);
    expect(mayApply(withErrors, true)).toBe(true);
    expect(mayApply(report({ rows: 3, unchanged: 3 }), true)).toBe(false);
    expect(importedIds(withErrors)).toEqual({ created: ['b'], updated: ['a'] });
    expect(decodeURIComponent(recordsListPath('Authority', ['a', 'b']))).toBe('/Authority?filter={"ids":["a","b"]}&page=1');
  });

  it('writes file sizes as people read them', () => {
    expect(formatBytes(512, 'de-DE')).toBe('512 B');
    expect(formatBytes(1_234_567, 'de-DE')).toBe('1,2 MB');
    expect(formatBytes(1_234_567, 'en-GB')).toBe('1.2 MB');
  });
});
