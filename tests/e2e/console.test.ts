import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createApp } from '../../apps/api/src/app.factory.js';
import { chromiumAvailable, launchChromium } from '../support/browser.js';
import { createTestDatabase, type TestDatabase } from '../support/test-app.js';

/** The built console in headless Chromium, through the real API on a real database. */
const run = chromiumAvailable() ? describe : describe.skip;

run('console in the browser', () => {
  let db: TestDatabase;
  let app: Awaited<ReturnType<typeof createApp>>;
  let browser: Browser;
  let base: string;
  let page: Page;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await createApp(db.dataSource, db.kind, { logger: ['error'], closeOnShutdown: false, adminDist: path.resolve('apps/admin/dist') });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await db?.close();
  });
  beforeEach(async () => {
    page = await (await browser.newContext({ locale: 'de-DE' })).newPage();
  });
  afterEach(async () => page?.context().close());

  it('opens in German, lists the authorities and finds one by search', async () => {
    await page.goto(`${base}/#/Authority`);
    await page.getByRole('heading', { name: 'Behörden' }).or(page.getByText('Behörden').first()).waitFor();
    await page.getByRole('columnheader', { name: /Regionalschlüssel/ }).waitFor();
    await page.getByPlaceholder('Suchen').fill('Teltow');
    await page.getByRole('cell', { name: 'Ausländerbehörde Landkreis Teltow-Fläming' }).waitFor();
    await page.getByRole('cell', { name: '120720000000' }).waitFor();
    await page.getByRole('cell', { name: 'Brandenburg' }).waitFor();
    expect(await page.getByRole('row').count()).toBe(2); // header + one match
  });

  it('switches to English', async () => {
    await page.goto(`${base}/#/State`);
    await page.getByRole('cell', { name: 'Brandenburg' }).waitFor();
    await page.getByRole('button', { name: /Deutsch/i }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByText('Specialist systems').first().waitFor();
    await page.getByText('Königstein key (%)').waitFor();
    expect(await page.getByText('Fachverfahren').count()).toBe(0);
  });

  it('shows an authority with its state and specialist system', async () => {
    await page.goto(`${base}/#/Authority`);
    await page.getByPlaceholder('Suchen').fill('Harz');
    await page.getByRole('cell', { name: 'Ausländerbehörde Landkreis Harz' }).click();
    await page.waitForURL(/#\/Authority\/[0-9a-f-]{36}\/show$/);
    const show = page.locator('.RaShow-main');
    await show.getByText('150850000000').waitFor();
    await show.getByRole('link', { name: 'Sachsen-Anhalt' }).waitFor();
  });
});
