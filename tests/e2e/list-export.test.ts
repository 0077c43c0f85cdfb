import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { chromiumAvailable } from '../support/browser.js';
import { consoleInBrowser } from '../support/console-browser.js';

/**
 * The lists' export (Exportieren -> CSV / Excel) in headless Chromium through the real API on a real
 * database: every row matching the list's filter (compared with the API's count), German or English
 * headers and formats, references by name, enums and stages by their labels, real dates in XLSX.
 */
const run = chromiumAvailable() ? describe : describe.skip;

/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF) -> rows of fields. */
function parseCsv(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field), rows.push(row), (row = []), (field = ''), i++;
    } else field += c;
  }
  if (field !== '' || row.length) row.push(field), rows.push(row);
  return rows;
}

run('list export in the browser', () => {
  const ui = consoleInBrowser({ apiUser: 'ADMIN', defaultPage: false });
  const { openSignedIn } = ui;

  /** Clicks Exportieren, picks the format and returns the download's name and bytes. */
  async function exportList(page: Page, format: 'CSV' | 'Excel (XLSX)', button = 'Exportieren'): Promise<{ name: string; bytes: Buffer }> {
    await page.getByRole('button', { name: button }).click();
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByRole('menuitem', { name: format }).click()]);
    return { name: download.suggestedFilename(), bytes: await readFile((await download.path())!) };
  }

  async function filterByState(page: Page, label: string, state: string) {
    await page.getByRole('combobox', { name: label, exact: true }).fill(state);
    await page.getByRole('option', { name: state }).click();
    await page.waitForURL(/stateId/);
    await page.getByRole('cell', { name: state }).first().waitFor();
  }

  const stateId = async (code: string) =>
    (await ui.gql<{ allStates: Array<{ id: string; code: string }> }>('{ allStates(perPage: 20) { id code } }')).allStates.find((s) => s.code === code)!.id;

  it('exports the authorities of one state as XLSX: German headers, exactly the filtered rows in list order, real dates', async () => {
    const page = await openSignedIn('/Authority');
    await filterByState(page, 'Land', 'Brandenburg');
    await page.waitForFunction(() => !document.body.innerText.includes('Nordrhein-Westfalen'));
    const { name, bytes } = await exportList(page, 'Excel (XLSX)');
    expect(name).toMatch(/^behoerden-\d{4}-\d{2}-\d{2}\.xlsx$/);

    const bb = await stateId('BB');
    const api = await ui.gql<{ _allAuthoritiesMeta: { count: number }; allAuthorities: Array<{ ars: string; name: string }> }>(
      'query($s: ID!) { _allAuthoritiesMeta(filter: { stateId: $s }) { count } allAuthorities(filter: { stateId: $s }, perPage: 1000, sortField: "name", sortOrder: "ASC") { ars name } }',
      { s: bb },
    );
    expect(api._allAuthoritiesMeta.count).toBeGreaterThan(10);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('Behörden');
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(['Name', 'Art', 'Verwaltungsebene', 'Land', 'Regionalschlüssel (ARS)', 'Einwohnerzahl', 'Fachverfahren', 'Website', 'E-Mail', 'Notizen', 'Geändert am']);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    expect(sheet.getColumn(1).width).toBeGreaterThan(20);

    expect(sheet.rowCount - 1).toBe(api._allAuthoritiesMeta.count);
    const column = (i: number) => Array.from({ length: sheet.rowCount - 1 }, (_, r) => sheet.getRow(r + 2).getCell(i).value);
    // the list's rows in the list's order (by name), ARS as text
    expect(column(5)).toEqual(api.allAuthorities.map((a) => a.ars));
    expect(new Set(column(4))).toEqual(new Set(['Brandenburg']));
    expect(column(2)).toContain('Ausländerbehörde');
    expect(column(3)).toEqual(expect.arrayContaining(['Landkreis', 'Kreisfreie Stadt']));
    // references by name, numbers as numbers, dates as real date cells
    expect(column(7).filter(Boolean).length).toBeGreaterThan(0);
    expect(column(7).every((v) => v === null || (typeof v === 'string' && !/^[0-9a-f-]{36}$/.test(v)))).toBe(true);
    expect(column(6).every((v) => typeof v === 'number')).toBe(true);
    const updated = sheet.getRow(2).getCell(11);
    expect(updated.type).toBe(ExcelJS.ValueType.Date);
    expect(updated.value).toBeInstanceOf(Date);
    expect(Math.abs((updated.value as Date).getTime() - Date.now())).toBeLessThan(3 * 86_400_000);
    expect(updated.numFmt).toBe('dd.mm.yyyy hh:mm');
  }, 120_000);

  it('exports the onboardings of one stage as CSV for German Excel: BOM, semicolons, German headers, stage names', async () => {
    const { allOnboardings } = await ui.gql<{ allOnboardings: Array<{ stage: string; serviceId: string }> }>('{ allOnboardings(perPage: 1000) { stage serviceId } }');
    const counts = new Map<string, number>();
    for (const o of allOnboardings) counts.set(o.stage, (counts.get(o.stage) ?? 0) + 1);
    const [stage] = [...counts.entries()].filter(([, n]) => n < allOnboardings.length).sort((a, b) => b[1] - a[1])[0];
    const { allServiceStages } = await ui.gql<{ allServiceStages: Array<{ key: string; nameDe: string; serviceId: string }> }>(
      '{ allServiceStages(perPage: 1000) { key nameDe serviceId } }',
    );
    const stageNames = new Set(allServiceStages.filter((s) => s.key === stage && allOnboardings.some((o) => o.serviceId === s.serviceId)).map((s) => s.nameDe));
    const { _allOnboardingsMeta } = await ui.gql<{ _allOnboardingsMeta: { count: number } }>('query($s: [String!]) { _allOnboardingsMeta(filter: { stage: $s }) { count } }', {
      s: [stage],
    });

    const page = await openSignedIn('/Onboarding');
    await page.goto(`${ui.base}/#/Onboarding?filter=${encodeURIComponent(JSON.stringify({ stage: [stage] }))}`);
    await page.getByRole('columnheader', { name: /^Nach Phase / }).waitFor();
    await page.getByRole('cell', { name: [...stageNames][0] }).first().waitFor();
    const { name, bytes } = await exportList(page, 'CSV');
    expect(name).toMatch(/^anbindungen-\d{4}-\d{2}-\d{2}\.csv$/);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    const rows = parseCsv(text, ';');
    const header = rows[0];
    expect(header.slice(0, 6)).toEqual(['Behörde', 'Regionalschlüssel (ARS)', 'Land', 'Leistung', 'Phase', 'Status']);
    expect(header).toContain('In der Phase seit');
    const body = rows.slice(1);
    expect(body).toHaveLength(_allOnboardingsMeta.count);
    const col = (title: string) => body.map((r) => r[header.indexOf(title)]);
    expect(new Set(col('Phase'))).toEqual(stageNames);
    expect(col('Status').every((s) => ['Aktiv', 'Pausiert', 'Abgebrochen'].includes(s))).toBe(true);
    expect(col('In der Phase seit').every((d) => /^\d{2}\.\d{2}\.\d{4}$/.test(d))).toBe(true);
    expect(col('Regionalschlüssel (ARS)').every((a) => /^\d{12}$/.test(a))).toBe(true);
    expect(col('Leistung').every((s) => s.length > 0 && !/^[0-9a-f-]{36}$/.test(s))).toBe(true);
    expect(col('Tage in der Phase').every((d) => /^\d+$/.test(d))).toBe(true);
  }, 120_000);

  it('speaks English in English: headers, comma, ISO dates, file name', async () => {
    const page = await openSignedIn('/Authority');
    await page.getByRole('button', { name: /Deutsch/i }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByRole('columnheader', { name: /regional key/i }).waitFor();
    await filterByState(page, 'State', 'Brandenburg');
    const { name, bytes } = await exportList(page, 'CSV', 'Export');
    expect(name).toMatch(/^authorities-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = parseCsv(bytes.toString('utf8').replace(/^\uFEFF/, ''), ',');
    expect(rows[0]).toEqual(['Name', 'Kind', 'Administrative level', 'State', 'Regional key (ARS)', 'Population', 'Specialist system', 'Website', 'Email', 'Notes', 'Updated at']);
    const body = rows.slice(1);
    expect(body.length).toBeGreaterThan(10);
    expect(body.every((r) => r[3] === 'Brandenburg')).toBe(true);
    expect(body.map((r) => r[1])).toContain('Foreigners authority');
    expect(body.every((r) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(r[10]))).toBe(true);
  }, 120_000);

  it("leaves other states' internal fields empty in a coordinator's export", async () => {
    const onboardings: Array<{ id: string; code: string; ars: string }> = await ui.db.dataSource.query(
      `SELECT o.id, s.code, a.ars FROM onboarding o JOIN authority a ON a.id = o.authority_id JOIN state s ON s.id = a.state_id ORDER BY a.ars`,
    );
    const own = onboardings.find((o) => o.code === 'BB')!;
    const other = onboardings.find((o) => o.code !== 'BB')!;
    await ui.db.dataSource.query(`UPDATE onboarding SET notes = 'Interne Notiz ' || $2 WHERE id = $1`, [own.id, own.code]);
    await ui.db.dataSource.query(`UPDATE onboarding SET notes = 'Interne Notiz ' || $2 WHERE id = $1`, [other.id, other.code]);

    const page = await openSignedIn('/Onboarding', 'STATE_COORDINATOR');
    await page.getByRole('columnheader', { name: /^Nach Phase / }).waitFor();
    const { bytes } = await exportList(page, 'CSV');
    const rows = parseCsv(bytes.toString('utf8').slice(1), ';');
    const header = rows[0];
    const byArs = (ars: string) => rows.find((r) => r[header.indexOf('Regionalschlüssel (ARS)')] === ars)!;
    expect(byArs(own.ars)[header.indexOf('Notizen')]).toBe('Interne Notiz BB');
    expect(byArs(other.ars)).toBeDefined();
    expect(byArs(other.ars)[header.indexOf('Notizen')]).toBe('');
    expect(bytes.toString('utf8')).not.toContain(`Interne Notiz ${other.code}`);
  }, 120_000);

  it('exports a national-size list (11,000 more authorities) completely, page by page', async () => {
    await ui.db.dataSource.query(
      `INSERT INTO authority (name, kind, level, state_id, ars, population)
       SELECT 'Exporttest-Behörde ' || n, 'MUNICIPALITY', 'MUNICIPALITY', (SELECT id FROM state WHERE code = 'NW'), '05999' || lpad(n::text, 7, '0'), n
       FROM generate_series(1, 11000) AS n`,
    );
    const { _allAuthoritiesMeta } = await ui.gql<{ _allAuthoritiesMeta: { count: number } }>('{ _allAuthoritiesMeta { count } }');
    expect(_allAuthoritiesMeta.count).toBeGreaterThan(11_000);
    const page = await openSignedIn('/Authority');
    await page.getByRole('columnheader', { name: /Regionalschlüssel/ }).waitFor();
    const { bytes } = await exportList(page, 'CSV');
    const rows = parseCsv(bytes.toString('utf8').slice(1), ';');
    expect(rows.length - 1).toBe(_allAuthoritiesMeta.count);
    const ars = rows.slice(1).map((r) => r[4]);
    expect(new Set(ars).size).toBe(ars.length);
  }, 180_000);
});
