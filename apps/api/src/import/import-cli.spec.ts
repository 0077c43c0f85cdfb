import { describeReport, progressBar } from './import-cli.js';
import type { ImportReport } from './import.service.js';

describe('import CLI output', () => {
  it('draws the progress bar', () => {
    expect(progressBar(0.4, 12000, 10)).toBe('[####------]  40%  12000 rows');
    expect(progressBar(1.7, 5, 4)).toBe('[####] 100%  5 rows');
  });

  it('describes the report: file, mapping, the rows that are not unchanged, the summary and whether it was written', () => {
    const report: ImportReport = {
      target: 'authorities',
      dryRun: false,
      applied: false,
      refusal: '1 row(s) have errors or ambiguous matches; nothing was written.',
      file: { format: 'CSV', encoding: 'Windows-1252', delimiter: ';', headers: ['ARS', 'Behörde', 'Einwohner', 'Telefon'] },
      mapping: { ARS: 'ars', Behörde: 'name', Einwohner: 'population', Telefon: null },
      mappingSource: 'suggested',
      ignoredColumns: ['Telefon'],
      summary: { rows: 3, create: 0, update: 1, unchanged: 1, error: 1, ambiguous: 0, duplicate: 0 },
      rowsOmitted: 0,
      rows: [
        { row: 2, action: 'UPDATE', label: '150850000000 Landkreis Harz', changes: { population: { from: 214446, to: 220000 } } },
        { row: 3, action: 'UNCHANGED', label: '120540000000 Stadt Potsdam' },
        { row: 4, action: 'ERROR', label: 'X', issues: [{ column: 'Einwohner', field: 'population', code: 'IMPORT_NOT_A_NUMBER', params: { input: 'zwölf' }, message: 'must be a number like 1.234,5 or 1234.5, got "zwölf"' }] },
      ],
    };
    expect(describeReport(report).split('\n')).toEqual([
      'CSV, Windows-1252, delimiter ";"; mapping (suggested): ARS → ars, Behörde → name, Einwohner → population; ignored: Telefon',
      'row 2 UPDATE 150850000000 Landkreis Harz: population: 214446 → 220000',
      'row 4 ERROR X: column "Einwohner": population must be a number like 1.234,5 or 1234.5, got "zwölf"',
      '3 rows: 0 create, 1 update, 1 unchanged, 1 error, 0 ambiguous, 0 duplicate',
      'Not applied: 1 row(s) have errors or ambiguous matches; nothing was written.',
    ]);
  });
});
