import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { chromiumAvailable, saveScreenshot } from '../support/browser.js';
import { consoleInBrowser } from '../support/console-browser.js';
import { TEST_USERS } from '../support/test-app.js';

/**
 * The console's import page in headless Chromium (German), through the real API on the file's own
 * database: upload, the suggested mapping, one column changed, the dry run's report per row, the
 * apply refused until error rows are skipped, the apply, and the records it changed.
 */
const run = chromiumAvailable() ? describe : describe.skip;

const FIXTURE = path.resolve('tests/fixtures/import/authorities-de-semicolon.csv');

run('import in the browser', () => {
  const ui = consoleInBrowser({ apiUser: 'ROLLOUT_MANAGER', context: { viewport: { width: 1400, height: 1000 } } });
  const query = (sql: string, params?: unknown[]) => ui.db.dataSource.query(sql, params);
  const authority = async (ars: string) =>
    (await query(`SELECT id, population, notes, version FROM authority WHERE ars = $1`, [ars]))[0] as { id: string; population: number; notes: string | null; version: number };

  /** The value the select of a column holds ('' = not imported). */
  const mappedField = (column: string) => ui.page.locator(`tr[data-column="${column}"] input`).inputValue();
  const chip = (action: string) => ui.page.getByTestId(`summary-${action}`);
  const row = (n: number) => ui.page.getByTestId('import-report').locator(`tr[data-row="${n}"]`);

  async function upload() {
    await ui.page.getByRole('button', { name: 'Datei auswählen' }).waitFor();
    await ui.page.getByTestId('import-file-input').setInputFiles(FIXTURE);
    await ui.page.getByTestId('import-file-name').getByText('authorities-de-semicolon.csv').waitFor();
    await ui.page.getByRole('button', { name: 'Datei prüfen' }).click();
    await ui.page.getByTestId('mapping-table').waitFor();
  }

  it('uploads a German CSV, maps, dry-runs, refuses the apply until error rows are skipped, applies; the same file again is unchanged', async () => {
    const harz = await authority('150850000000');
    const flensburg = await authority('010010000000');
    await ui.signIn('/import', 'ROLLOUT_MANAGER');
    await ui.page.getByRole('menuitem', { name: 'Import' }).waitFor();
    await upload();

    // 2. the mapping suggested from the German headers; "Stand" is no field
    expect(await ui.page.getByTestId('mapping-source').getAttribute('data-source')).toBe('suggested');
    await ui.page.getByText('Vorgeschlagen anhand der Spaltennamen').waitFor();
    expect(await mappedField('ARS')).toBe('ars');
    expect(await mappedField('Name')).toBe('name');
    expect(await mappedField('Land')).toBe('state');
    expect(await mappedField('Einwohner')).toBe('population');
    expect(await mappedField('Stand')).toBe('');
    expect(await mappedField('Bemerkung')).toBe('notes');
    // mapping the key columns away is refused at once, naming what is needed
    await ui.page.getByRole('combobox', { name: 'Feld für die Spalte „ARS“' }).click();
    await ui.page.getByRole('option', { name: 'nicht importieren' }).click();
    await ui.page.getByRole('combobox', { name: 'Feld für die Spalte „Name“' }).click();
    await ui.page.getByRole('option', { name: 'nicht importieren' }).click();
    expect(await ui.page.getByRole('button', { name: 'Probelauf starten' }).isDisabled()).toBe(true);
    await ui.page.getByRole('combobox', { name: 'Feld für die Spalte „ARS“' }).click();
    await ui.page.getByRole('option', { name: 'ARS (Regionalschlüssel) (Schlüssel)' }).click();
    await ui.page.getByRole('combobox', { name: 'Feld für die Spalte „Name“' }).click();
    await ui.page.getByRole('option', { name: 'Name (Schlüssel)' }).click();
    // one column changed by the user: the remarks are not imported
    await ui.page.getByRole('combobox', { name: 'Feld für die Spalte „Bemerkung“' }).click();
    await ui.page.getByRole('option', { name: 'nicht importieren' }).click();
    expect(await mappedField('Bemerkung')).toBe('');

    // 3. the dry run: summary, the file as read, a report per row
    await ui.page.getByRole('button', { name: 'Probelauf starten' }).click();
    await ui.page.getByTestId('import-report').waitFor();
    const facts = (await ui.page.getByTestId('import-file-facts').textContent())!;
    expect(facts).toContain('Zeichenkodierung: UTF-8 mit BOM');
    expect(facts).toContain('Trennzeichen: Semikolon (;)');
    expect(facts).toContain('Zuordnung: von Ihnen festgelegt');
    expect(facts).toContain('Nicht importierte Spalten: Stand, Bemerkung');
    const counts = Object.fromEntries(
      await Promise.all(['CREATE', 'UPDATE', 'UNCHANGED', 'ERROR', 'AMBIGUOUS', 'DUPLICATE'].map(async (a) => [a, Number(await chip(a).getAttribute('data-count'))])),
    );
    expect(counts).toEqual({ CREATE: 0, UPDATE: 2, UNCHANGED: 0, ERROR: 1, AMBIGUOUS: 1, DUPLICATE: 1 });
    expect(await chip('UPDATE').textContent()).toBe('geändert: 2');
    expect(await chip('AMBIGUOUS').textContent()).toBe('mehrdeutig: 1');
    // the update shows the field's change (the remarks are left out now), the error its column and reason in German
    expect(await row(2).getAttribute('data-action')).toBe('UPDATE');
    expect((await row(2).textContent())!).toContain('Einwohnerzahl: 214.446 → 220.000');
    expect((await row(2).textContent())!).not.toContain('angebundene');
    expect(await row(3).getAttribute('data-action')).toBe('ERROR');
    expect(await row(3).getByTestId('row-issues').textContent()).toBe('Spalte „Einwohner“: muss eine Zahl wie 1.234,5 sein, ist „zwölf“');
    // the ambiguous name lists its candidates instead of guessing
    expect(await row(4).getAttribute('data-action')).toBe('AMBIGUOUS');
    const candidates = (await row(4).getByTestId('row-candidates').textContent())!;
    expect(candidates).toContain('Ausländerbehörde Landkreis Kassel');
    expect(candidates).toContain('Ausländerbehörde Stadt Kassel');
    expect(await row(5).getAttribute('data-action')).toBe('DUPLICATE');
    await saveScreenshot(ui.page, 'import-dry-run');
    // the chips filter the table
    await chip('ERROR').click();
    await ui.page.waitForFunction(() => document.querySelectorAll('[data-testid="import-report"] tbody tr[data-row]').length === 1);
    await chip('ERROR').click();
    await ui.page.waitForFunction(() => document.querySelectorAll('[data-testid="import-report"] tbody tr[data-row]').length === 5);

    // nothing written by the dry run
    expect((await authority('150850000000')).population).toBe(harz.population);

    // 4. apply: refused while rows have errors, unless they are skipped
    const applyButton = ui.page.getByRole('button', { name: 'Übernehmen …' });
    expect(await applyButton.isDisabled()).toBe(true);
    await ui.page.getByText('2 Zeilen haben Fehler oder sind mehrdeutig').waitFor();
    await ui.page.getByRole('checkbox', { name: 'Fehlerhafte Zeilen überspringen' }).check();
    await applyButton.click();
    const dialog = ui.page.getByRole('dialog', { name: 'Import übernehmen?' });
    expect((await dialog.textContent())!).toContain('0 neu anlegen, 2 ändern; 0 bleiben unverändert.');
    expect((await dialog.textContent())!).toContain('2 fehlerhafte oder mehrdeutige Zeilen und 1 doppelte Zeilen werden übersprungen.');
    await dialog.getByRole('button', { name: 'Jetzt übernehmen' }).click();
    await ui.page.getByTestId('import-result').getByText('Übernommen: 0 angelegt, 2 geändert, 0 unverändert.').waitFor();

    // the records changed, as the importing user, and only the mapped fields
    const harzAfter = await authority('150850000000');
    expect(harzAfter).toMatchObject({ population: 220000, notes: harz.notes, version: harz.version + 1 });
    expect((await authority('010010000000')).population).toBe(90000);
    const { Authority } = await ui.gql<{ Authority: { population: number } }>('query($id: ID!) { Authority(id: $id) { population } }', { id: flensburg.id });
    expect(Authority.population).toBe(90000);
    const [event] = await query(`SELECT actor, changes FROM audit_event WHERE entity_id = $1 ORDER BY occurred_at DESC LIMIT 1`, [harz.id]);
    expect(event.actor).toBe(TEST_USERS.ROLLOUT_MANAGER.email);
    expect(Object.keys(event.changes)).toEqual(['population']);
    // links to the changed records
    await ui.page.getByRole('link', { name: 'Geänderte Datensätze anzeigen (2)' }).click();
    await ui.page.waitForURL(/#\/Authority\?/);
    await ui.page.getByTestId('import-report').waitFor({ state: 'detached' });
    await ui.page.getByRole('cell', { name: 'Ausländerbehörde Landkreis Harz', exact: true }).waitFor();
    await ui.page.getByRole('cell', { name: /^Ausländerbehörde .*Flensburg/ }).waitFor();
    expect(await ui.page.getByRole('cell', { name: /^Ausländerbehörde / }).count()).toBe(2);

    // the same file again: the saved mapping, every good row unchanged
    await ui.page.getByRole('menuitem', { name: 'Import' }).click();
    await upload();
    expect(await ui.page.getByTestId('mapping-source').getAttribute('data-source')).toBe('saved');
    expect(await mappedField('Bemerkung')).toBe('');
    await ui.page.getByRole('button', { name: 'Probelauf starten' }).click();
    await ui.page.getByTestId('import-report').waitFor();
    expect(Number(await chip('UNCHANGED').getAttribute('data-count'))).toBe(2);
    expect(Number(await chip('UPDATE').getAttribute('data-count'))).toBe(0);
    expect(Number(await chip('CREATE').getAttribute('data-count'))).toBe(0);
    await ui.page.getByText('Keine Zeile würde etwas ändern.').waitFor();
    expect(await ui.page.getByRole('button', { name: 'Übernehmen …' }).isDisabled()).toBe(true);
  }, 180_000);

  it('shows the upload while a larger file streams in', async () => {
    const rows = Array.from({ length: 6000 }, (_, i) => `;Gemeinde Nummer ${i} im Land Brandenburg;BB;viele\n`).join('');
    const file = path.join(fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'efa-import-')), 'gross.csv');
    fs.writeFileSync(file, `ARS;Name;Land;Einwohner\n${rows}`);
    await ui.signIn('/import', 'ROLLOUT_MANAGER');
    // a slow line (100 kB/s up), so that the upload takes a few seconds and the API reads the rows as they come
    const cdp = await ui.page.context().newCDPSession(ui.page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 100 * 1024 });
    await ui.page.getByTestId('import-file-input').setInputFiles(file);
    expect(fs.statSync(file).size).toBeGreaterThan(200 * 1024);
    // Every state the progress bar is rendered in, recorded as the DOM changes (not by polling: the
    // last state before the report can be on screen for only a few milliseconds).
    await ui.page.evaluate(() => {
      const states: string[] = [];
      (window as unknown as { progressStates: string[] }).progressStates = states;
      new MutationObserver(() => {
        const bar = document.querySelector('[data-testid="import-progress"]');
        const state = bar ? `${bar.getAttribute('data-rows')}|${bar.textContent}` : '';
        if (state && states[states.length - 1] !== state) states.push(state);
      }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    await ui.page.getByRole('button', { name: 'Datei prüfen' }).click();
    await ui.page.getByTestId('mapping-table').waitFor();
    const states = await ui.page.evaluate(() => (window as unknown as { progressStates: string[] }).progressStates);
    // the upload advances in steps while the file is sent ...
    const uploading = states.filter((s) => /^0\|[\d,]+ kB von [\d,]+ kB hochgeladen · 0 Zeilen gelesen$/.test(s));
    expect(uploading.length).toBeGreaterThanOrEqual(5);
    // The rows the API has read come with its streamed progress lines, but Chromium hands an XHR its
    // answer only once the upload is complete (HTTP/1.1), and then the report follows within
    // milliseconds: the rows state is rendered at most briefly, sometimes not at all (React batches it
    // with the report). Where it was rendered, it names the rows; the lines themselves are tested where
    // they are made and read (tests/api/import-stream.test.ts, apps/admin/src/import/logic.spec.ts).
    for (const [rows, text] of states.map((s) => s.split('|')).filter(([rows]) => Number(rows) > 0)) {
      expect(text).toMatch(new RegExp(`^[\\d,]+ kB von 304,9 kB hochgeladen · ${new Intl.NumberFormat('de-DE').format(Number(rows)).replace('.', '\\.')} Zeilen gelesen$`));
    }
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }, 120_000);

  it('lets the user map by hand a file whose headers the API does not recognise, and saves that mapping', async () => {
    await ui.signIn('/import', 'ADMIN');
    await ui.page.getByTestId('import-file-input').setInputFiles({ name: 'liste.csv', mimeType: 'text/csv', buffer: Buffer.from('Schlüssel;Amt;Köpfe\n120540000000;Stadt Potsdam;180.000\n') });
    await ui.page.getByRole('button', { name: 'Datei prüfen' }).click();
    await ui.page.getByTestId('mapping-table').waitFor();
    expect(await ui.page.getByTestId('mapping-source').getAttribute('data-source')).toBe('none');
    for (const column of ['Schlüssel', 'Amt', 'Köpfe']) expect(await mappedField(column)).toBe('');
    expect(await ui.page.getByRole('button', { name: 'Probelauf starten' }).isDisabled()).toBe(true);
    const choose = async (column: string, option: string) => {
      await ui.page.getByRole('combobox', { name: `Feld für die Spalte „${column}“` }).click();
      await ui.page.getByRole('option', { name: option }).click();
    };
    await choose('Schlüssel', 'ARS (Regionalschlüssel) (Schlüssel)');
    await choose('Amt', 'Name (Schlüssel)');
    await choose('Köpfe', 'Einwohnerzahl');
    await ui.page.getByRole('button', { name: 'Probelauf starten' }).click();
    await ui.page.getByTestId('import-report').waitFor();
    expect(await row(2).getAttribute('data-action')).toBe('UPDATE');
    expect((await row(2).textContent())!).toContain('Einwohnerzahl: 178.089 → 180.000');
    const [saved] = await query(`SELECT mapping FROM import_mapping WHERE target = 'authorities' AND owner IN ($1, (SELECT id::text FROM app_user WHERE email = $1))`, [TEST_USERS.ADMIN.email]);
    expect(saved.mapping).toEqual({ Schlüssel: 'ars', Amt: 'name', Köpfe: 'population' });
  });

  it('offers the columns of an XLSX workbook whose headers the API does not recognise (the API answers them with its refusal)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Tabelle1');
    ws.addRow(['Spalte A', 'Spalte B', 'Spalte C']);
    ws.addRow(['120540000000', 'Stadt Potsdam', 181000]);
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    await ui.signIn('/import', 'ADMIN');
    await ui.page.getByTestId('import-file-input').setInputFiles({ name: 'liste.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
    await ui.page.getByRole('button', { name: 'Datei prüfen' }).click();
    await ui.page.getByTestId('mapping-table').waitFor();
    expect(await ui.page.getByTestId('mapping-source').getAttribute('data-source')).toBe('none');
    for (const column of ['Spalte A', 'Spalte B', 'Spalte C']) expect(await mappedField(column)).toBe('');
    const choose = async (column: string, option: string) => {
      await ui.page.getByRole('combobox', { name: `Feld für die Spalte „${column}“` }).click();
      await ui.page.getByRole('option', { name: option }).click();
    };
    await choose('Spalte A', 'ARS (Regionalschlüssel) (Schlüssel)');
    await choose('Spalte B', 'Name (Schlüssel)');
    await choose('Spalte C', 'Einwohnerzahl');
    await ui.page.getByRole('button', { name: 'Probelauf starten' }).click();
    await ui.page.getByTestId('import-report').waitFor();
    expect(await row(2).getAttribute('data-action')).toBe('UPDATE');
    expect((await row(2).textContent())!).toContain('181.000');
  });

  it('offers a steering-group member neither the menu entry nor the page', async () => {
    await ui.signIn('/', 'STEERING_MEMBER', (url) => !url.hash.startsWith('#/login'));
    await ui.page.getByRole('menuitem', { name: 'Übersicht' }).waitFor();
    expect(await ui.page.getByRole('menuitem', { name: 'Import' }).count()).toBe(0);
    await ui.page.goto(`${ui.base}/#/import`);
    await ui.page.getByText('Sie haben nicht die erforderlichen Berechtigungen').waitFor();
    expect(await ui.page.getByTestId('import-file-input').count()).toBe(0);
  });
});
