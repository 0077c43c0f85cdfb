import ExcelJS from 'exceljs';
import { chromiumAvailable } from '../support/browser.js';
import { consoleInBrowser } from '../support/console-browser.js';

/** The monthly report from the dashboard ("Monatsbericht"): the XLSX download and the print view, checked against the API's dashboard for that date. */
const run = chromiumAvailable() ? describe : describe.skip;

const de = new Intl.NumberFormat('de-DE');

run('monthly report from the dashboard', () => {
  const ui = consoleInBrowser({ apiUser: 'STEERING_MEMBER', context: { viewport: { width: 1440, height: 1000 } } });

  /** The end of 31.08.2023 in Berlin: what the dashboard means by "Stand 31.08.2023". */
  const liveAt = async (asOf: string) => (await ui.gql<{ dashboard: { totals: { live: number } } }>('query($asOf: DateTime) { dashboard(asOf: $asOf) { totals { live } } }', { asOf })).dashboard.totals.live;

  it('downloads the XLSX of the dashboard\'s date and opens the print view, both with the live figure of the API', async () => {
    const page = await ui.signIn('/?asOf=2023-08-31', 'STEERING_MEMBER');
    await page.getByTestId('dashboard-headline').waitFor();
    const live = await liveAt('2023-08-31T21:59:59.999Z');

    await page.getByRole('button', { name: 'Monatsbericht' }).click();
    const dialog = page.getByRole('dialog', { name: 'Monatsbericht für die Steuerungsgruppe' });
    await dialog.waitFor();
    expect(await dialog.getByTestId('monthly-report-since').inputValue()).toBe('2023-07-31');
    await dialog.getByText('Stand 31.08.2023', { exact: false }).waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('link', { name: 'Excel herunterladen' }).click()]);
    expect(download.suggestedFilename()).toBe('monatsbericht-2023-08-31.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await download.path())!);
    const sheet = wb.getWorksheet('Kennzahlen')!;
    expect(sheet.getRow(1).getCell(2).value).toBe('Stand 31.08.2023');
    expect(sheet.getRow(1).getCell(3).value).toBe('Vorbericht 31.07.2023');
    const liveRow = sheet.getRows(2, sheet.rowCount - 1)!.find((r) => r.getCell(1).value === 'Live')!;
    expect(liveRow.getCell(2).value).toBe(live);

    const [print] = await Promise.all([page.context().waitForEvent('page'), dialog.getByRole('link', { name: 'Druckansicht' }).click()]);
    await print.waitForLoadState();
    expect(new URL(print.url()).pathname).toBe('/reports/monthly.html');
    await print.getByRole('heading', { name: 'Monatsbericht Nachnutzung: Aufenthaltstitel' }).waitFor();
    await print.getByText('Stand 31.08.2023 · Veränderungen seit 31.07.2023', { exact: false }).waitFor();
    const printedLive = print.locator('#headline tr', { has: print.getByRole('cell', { name: 'Live', exact: true }) }).locator('td').nth(1);
    expect(await printedLive.textContent()).toBe(de.format(live));
  });
});
