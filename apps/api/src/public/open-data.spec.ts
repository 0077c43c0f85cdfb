import { parse } from 'csv-parse/sync';
import { dataPackage, statusCsvChunks, statusJsonChunks, type OpenDataRow } from './open-data.js';

const row = (over: Partial<OpenDataRow>): OpenDataRow => ({
  ozgId: '99123456',
  serviceName: 'Aufenthaltstitel',
  ars: '120720000000',
  authorityName: 'Landkreis Teltow-Fläming',
  stateCode: 'BB',
  stateName: 'Brandenburg',
  status: 'LIVE',
  liveSince: '2020-12-01',
  applyUrl: 'https://apply.example/tf',
  plannedQuarter: null,
  updatedAt: '2026-12-02T10:00:00.000Z',
  ...over,
});

const FORMULAS = ['=HYPERLINK("https://evil.example","x")', '+49 331 123', '-1+1', '@SUM(A1)', '\tTab', '\rCR, quoted'];
const rows = [row({}), ...FORMULAS.map((name, i) => row({ ars: `12072000000${i}`, authorityName: name, serviceName: name }))];

describe('status.csv: formula injection', () => {
  const csv = [...statusCsvChunks(rows)].join('');
  const records: Record<string, string>[] = parse(csv, { columns: true });

  it('text starting with =, +, -, @, tab or CR gets a leading apostrophe (as in the console export)', () => {
    expect(records.slice(1).map((r) => r.authorityName)).toEqual(FORMULAS.map((f) => `'${f}`));
    expect(records.slice(1).map((r) => r.serviceName)).toEqual(FORMULAS.map((f) => `'${f}`));
    expect(csv).toContain(`,"'=HYPERLINK(""https://evil.example"",""x"")",`);
  });

  it('other values as they are: names with a hyphen inside, dates, URLs, empty fields', () => {
    expect(records[0]).toMatchObject({ authorityName: 'Landkreis Teltow-Fläming', liveSince: '2020-12-01', applyUrl: 'https://apply.example/tf', plannedQuarter: '', updatedAt: '2026-12-02T10:00:00.000Z' });
  });

  it('status.json carries the values unchanged', () => {
    const json = JSON.parse([...statusJsonChunks(rows, '2026-12-02T10:00:00.000Z')].join(''));
    expect(json.records.slice(1).map((r: OpenDataRow) => r.authorityName)).toEqual(FORMULAS);
  });

  it('the data package documents the convention', () => {
    const [csvResource] = dataPackage('2026-12-02T10:00:00.000Z').resources as Array<{ path: string; description: string }>;
    expect(csvResource.path).toBe('status.csv');
    expect(csvResource.description).toMatch(/apostrophe/);
  });
});
