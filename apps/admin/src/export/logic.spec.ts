import {
  buildTable,
  columnWidths,
  CSV_BOM,
  csvText,
  exportFileName,
  formatCsvDate,
  neutralizeFormula,
  quoteCsv,
  sheetName,
  slugOf,
  toCalendarDate,
  toCell,
  toCsv,
  xlsxDateFormat,
  xlsxValue,
  type ExportColumn,
  type ExportContext,
} from './logic';

const yesNo = { yes: 'Ja', no: 'Nein' };
const LABELS: Record<string, string> = { 'f.name': 'Name', 'f.state': 'Land', 'f.since': 'Seit', 'f.cost': 'Kosten (EUR)', 'f.n': 'Einwohner', 'f.ok': 'Aktiv', 'f.at': 'Geändert am' };
const ctx = (over: Partial<ExportContext> = {}): ExportContext => ({
  locale: 'de',
  translate: (key, options) => LABELS[key] ?? String(options?._ ?? key),
  ref: (key, id) => (key === 'state' && id === 's1' ? { name: 'Brandenburg' } : undefined),
  now: new Date(2026, 11, 2),
  lookups: {},
  ...over,
});

type Row = Record<string, any>;
const columns: ExportColumn<Row>[] = [
  { key: 'name', header: 'f.name' },
  { key: 'state', header: 'f.state', value: (r, c) => c.ref('state', r.stateId)?.name },
  { key: 'since', header: 'f.since', kind: 'date' },
  { key: 'cost', header: 'f.cost', kind: 'cents' },
  { key: 'n', header: 'f.n', kind: 'number' },
  { key: 'ok', header: 'f.ok', kind: 'boolean' },
];
const records: Row[] = [
  { name: 'Landkreis Teltow-Fläming', stateId: 's1', since: '2023-08-31', cost: '3123456789', n: 169_000, ok: true },
  { name: 'Amt "Süd"; Nord', stateId: 'other', since: null, cost: null, n: 12.5, ok: false },
];

describe('buildTable', () => {
  it('translates the headers and types the cells: references by name, missing ones empty', () => {
    const table = buildTable(columns, records, ctx());
    expect(table.columns.map((c) => c.header)).toEqual(['Name', 'Land', 'Seit', 'Kosten (EUR)', 'Einwohner', 'Aktiv']);
    expect(table.rows[0]).toEqual([
      { kind: 'text', value: 'Landkreis Teltow-Fläming' },
      { kind: 'text', value: 'Brandenburg' },
      { kind: 'date', value: { year: 2023, month: 8, day: 31 } },
      { kind: 'cents', value: '31234567.89' },
      { kind: 'number', value: 169000 },
      { kind: 'boolean', value: true },
    ]);
    expect(table.rows[1][1]).toBeNull();
    expect(table.rows[1][2]).toBeNull();
    expect(table.rows[1][3]).toBeNull();
  });

  it('falls back to the column key for a header without a label', () => {
    expect(buildTable([{ key: 'x', header: 'unknown.key' }], [], ctx()).columns[0].header).toBe('x');
  });
});

describe('cells', () => {
  it('reads LocalDate strings as that day and timestamps as the local day', () => {
    expect(toCalendarDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    const local = new Date(2024, 0, 31, 23, 30);
    expect(toCalendarDate(local.toISOString())).toEqual({ year: 2024, month: 1, day: 31 });
    expect(toCell('2024-01-31T22:30:00.000Z', 'date')).toEqual({ kind: 'date', value: toCalendarDate('2024-01-31T22:30:00.000Z') });
  });

  it('keeps unreadable values as text and joins lists', () => {
    expect(toCell('soon', 'date')).toEqual({ kind: 'text', value: 'soon' });
    expect(toCell('12,5', 'number')).toEqual({ kind: 'text', value: '12,5' });
    expect(toCell(['2.4', '2.5'], 'text')).toEqual({ kind: 'text', value: '2.4, 2.5' });
    expect(toCell([], 'text')).toBeNull();
  });

  it('writes cents exactly as euros, also beyond the double precision of a float', () => {
    expect(toCell('5', 'cents')).toEqual({ kind: 'cents', value: '0.05' });
    expect(toCell('-120', 'cents')).toEqual({ kind: 'cents', value: '-1.20' });
    expect(csvText(toCell('900719925474099312', 'cents'), 'de', yesNo)).toBe('9007199254740993,12');
  });
});

describe('CSV', () => {
  it('German: BOM, semicolons, decimal comma, dd.mm.yyyy, quoting, CRLF', () => {
    const csv = toCsv(buildTable(columns, records, ctx()), 'de', yesNo);
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'Name;Land;Seit;Kosten (EUR);Einwohner;Aktiv',
      'Landkreis Teltow-Fläming;Brandenburg;31.08.2023;31234567,89;169000;Ja',
      '"Amt ""Süd""; Nord";;;;12,5;Nein',
      '',
    ]);
  });

  it('English: commas, decimal point, ISO dates', () => {
    const csv = toCsv(buildTable(columns, records, ctx({ locale: 'en' })), 'en', { yes: 'Yes', no: 'No' });
    expect(csv.slice(1).split('\r\n').slice(1, 3)).toEqual([
      'Landkreis Teltow-Fläming,Brandenburg,2023-08-31,31234567.89,169000,Yes',
      '"Amt ""Süd""; Nord",,,,12.5,No',
    ]);
  });

  it('quotes delimiters, quotes and line breaks only where needed', () => {
    expect(quoteCsv('a;b', ';')).toBe('"a;b"');
    expect(quoteCsv('a,b', ';')).toBe('a,b');
    expect(quoteCsv('line\nbreak', ',')).toBe('"line\nbreak"');
    expect(quoteCsv('say "hi"', ',')).toBe('"say ""hi"""');
  });

  it('never lets a text cell start a formula', () => {
    expect(neutralizeFormula('=HYPERLINK("x")')).toBe('\'=HYPERLINK("x")');
    expect(neutralizeFormula('+49 331 123')).toBe("'+49 331 123");
    expect(neutralizeFormula('@user')).toBe("'@user");
    expect(neutralizeFormula('Teltow-Fläming')).toBe('Teltow-Fläming');
    // numbers are numbers, not text: a negative amount stays as it is
    expect(csvText({ kind: 'number', value: -3.5 }, 'de', yesNo)).toBe('-3,5');
  });

  it('writes date-times with the local time to the minute', () => {
    const at = new Date(2026, 11, 2, 9, 5).toISOString();
    expect(csvText(toCell(at, 'datetime'), 'de', yesNo)).toBe('02.12.2026 09:05');
    expect(csvText(toCell(at, 'datetime'), 'en', yesNo)).toBe('2026-12-02 09:05');
    expect(formatCsvDate({ year: 987, month: 1, day: 2 }, 'de')).toBe('02.01.0987');
  });
});

describe('XLSX values', () => {
  it('dates are Date values at UTC midnight of the day (no time-zone shift in the serial number)', () => {
    expect(xlsxValue(toCell('2023-08-31', 'date'), yesNo)).toEqual(new Date(Date.UTC(2023, 7, 31)));
    expect(xlsxValue(toCell('3123456789', 'cents'), yesNo)).toBe(31234567.89);
    expect(xlsxValue(toCell(true, 'boolean'), yesNo)).toBe('Ja');
    expect(xlsxValue(null, yesNo)).toBeNull();
    expect(xlsxDateFormat('date', 'de')).toBe('dd.mm.yyyy');
    expect(xlsxDateFormat('datetime', 'en')).toBe('yyyy-mm-dd hh:mm');
  });

  it('sizes columns by their longest value, within limits', () => {
    const table = buildTable(columns, records, ctx());
    const widths = columnWidths(table, 'de', yesNo);
    expect(widths[0]).toBe('Landkreis Teltow-Fläming'.length + 2);
    expect(widths[5]).toBe(8);
    expect(columnWidths({ columns: [{ key: 'x', header: 'x', kind: 'text' }], rows: [[{ kind: 'text', value: 'y'.repeat(500) }]] }, 'de', yesNo)).toEqual([60]);
  });
});

describe('names', () => {
  it('file names spell out umlauts and carry the local date', () => {
    expect(slugOf('Behörden')).toBe('behoerden');
    expect(slugOf('Nachnutzungsverträge')).toBe('nachnutzungsvertraege');
    expect(slugOf('Reuse contracts')).toBe('reuse-contracts');
    expect(exportFileName('Behörden', 'xlsx', new Date(2026, 11, 2, 23, 59))).toBe('behoerden-2026-12-02.xlsx');
    expect(exportFileName('Authorities', 'csv', new Date(2026, 0, 5))).toBe('authorities-2026-01-05.csv');
  });

  it('sheet names Excel accepts', () => {
    expect(sheetName('Kosten/Jahr [2026]: Übersicht mit sehr langem Namen')).toHaveLength(31);
    expect(sheetName('a/b')).toBe('a b');
  });
});
