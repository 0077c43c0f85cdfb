import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { chromiumAvailable } from '../support/browser.js';
import { consoleInBrowser } from '../support/console-browser.js';

/** The console's edit, create and list views in headless Chromium, through the real API on a real database. */
const run = chromiumAvailable() ? describe : describe.skip;

run('console resources in the browser', () => {
  // Each test opens its pages signed in (openSignedIn: a browser context of its own per page).
  const ui = consoleInBrowser({ defaultPage: false });
  const { openSignedIn } = ui;

  /** Picks a value of a select input by its label. */
  async function choose(page: Page, label: string, option: string) {
    await page.getByRole('combobox', { name: label }).click();
    await page.getByRole('option', { name: option, exact: true }).click();
  }

  /** The id of the authority found by a search in the list (opens its show page). */
  async function openAuthority(page: Page, search: string, name: string): Promise<string> {
    await page.getByPlaceholder('Suchen').fill(search);
    await page.getByRole('cell', { name }).click();
    await page.waitForURL(/#\/Authority\/[^/]+\/show$/);
    return decodeURIComponent(/#\/Authority\/([^/]+)\/show$/.exec(page.url())![1]);
  }

  it('creates an authority: a bad ARS is shown at its field and the input kept, a good one is saved', async () => {
    const page = await openSignedIn('/Authority/create');
    await page.getByRole('textbox', { name: 'Name' }).fill('Ausländerbehörde Testkreis');
    await choose(page, 'Art', 'Ausländerbehörde');
    await choose(page, 'Verwaltungsebene', 'Landkreis');
    await page.getByRole('combobox', { name: 'Land', exact: true }).fill('Brandenburg');
    await page.getByRole('option', { name: 'Brandenburg' }).click();
    const ars = page.getByRole('textbox', { name: /Regionalschlüssel/ });

    await ars.fill('12345');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.getByText('muss aus genau 12 Ziffern bestehen').waitFor();
    expect(await ars.inputValue()).toBe('12345');

    // a Saxony-Anhalt key for a Brandenburg authority
    await ars.fill('150850000001');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.getByText(/beginnt mit 15 \(Sachsen-Anhalt\), die Behörde gehört aber zu Brandenburg/).waitFor();
    expect(page.url()).toMatch(/#\/Authority\/create$/);

    await ars.fill('120729999001');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.waitForURL(/#\/Authority\/[^/]+\/show$/);
    await page.locator('.RaShow-main').getByText('120729999001').waitFor();
    await page.locator('.RaShow-main').getByText('Ausländerbehörde Testkreis').first().waitFor();
  });

  it('offers a member of the steering committee no create, edit or delete buttons', async () => {
    const page = await openSignedIn('/Authority', 'STEERING_MEMBER');
    await page.getByRole('columnheader', { name: /Regionalschlüssel/ }).waitFor();
    await page.getByRole('button', { name: 'Exportieren' }).waitFor();
    await openAuthority(page, 'Harz', 'Ausländerbehörde Landkreis Harz');
    await page.locator('.RaShow-main').getByText('150850000000').waitFor();
    await page.waitForTimeout(500); // canAccess has answered
    for (const name of ['Erstellen', 'Bearbeiten', 'Löschen']) {
      expect(await page.getByRole('link', { name }).or(page.getByRole('button', { name })).count()).toBe(0);
    }
    await page.goto(`${ui.base}/#/ReuseContract`);
    await page.getByRole('columnheader', { name: 'Status' }).waitFor();
    await page.waitForTimeout(500);
    expect(await page.getByRole('link', { name: 'Erstellen' }).count()).toBe(0);
  });

  it('refuses a save on a stale version with a clear message and overwrites nothing', async () => {
    const first = await openSignedIn('/Authority');
    const id = await openAuthority(first, 'Teltow', 'Ausländerbehörde Landkreis Teltow-Fläming');
    const editPath = `/Authority/${encodeURIComponent(id)}`;
    const second = await openSignedIn(editPath);
    await first.goto(`${ui.base}/#${editPath}`);

    const notes = (page: Page) => page.getByRole('textbox', { name: 'Notizen' });
    await notes(first).fill('Änderung aus dem ersten Fenster');
    await notes(second).waitFor();
    await first.getByRole('button', { name: 'Speichern' }).click();
    await first.waitForURL(/\/show$/);
    await first.locator('.RaShow-main').getByText('Änderung aus dem ersten Fenster').waitFor();

    await notes(second).fill('Änderung aus dem zweiten Fenster');
    await second.getByRole('button', { name: 'Speichern' }).click();
    await second.getByText(/Jemand anderes hat diesen Datensatz geändert/).waitFor();
    expect(second.url()).toMatch(new RegExp(`${editPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));

    // nothing overwritten: the first change stands
    const [row] = await ui.db.dataSource.query(`SELECT notes FROM authority WHERE id = $1`, [id]);
    expect(row.notes).toBe('Änderung aus dem ersten Fenster');

    // reload shows the other change
    // the notification's action (the app bar's refresh icon is labelled "Neu laden" too)
    await second.getByText('Neu laden', { exact: true }).click();
    await second.waitForFunction(
      () => (document.querySelector('textarea[name="notes"]') as HTMLTextAreaElement | null)?.value === 'Änderung aus dem ersten Fenster',
    );
  });

  it('exports the filtered list as CSV', async () => {
    const page = await openSignedIn('/Authority');
    await page.getByRole('combobox', { name: 'Land', exact: true }).fill('Brandenburg');
    await page.getByRole('option', { name: 'Brandenburg' }).click();
    await page.waitForURL(/stateId/);
    await page.getByRole('cell', { name: 'Brandenburg' }).first().waitFor();
    await page.waitForFunction(() => !document.body.innerText.includes('Nordrhein-Westfalen'));
    await page.getByRole('button', { name: 'Exportieren' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^behoerden-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv).toContain('Teltow-Fläming');
    expect(csv).toContain('120720000000');
    expect(csv).not.toContain('Harz');
  });
});
