import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { chromiumAvailable, saveScreenshot } from '../support/browser.js';
import { consoleInBrowser } from '../support/console-browser.js';

/**
 * The public status page ("Kann ich den Antrag bei meiner Behörde online stellen?") in Chromium:
 * search as you type (JavaScript), the same lookup with JavaScript off (form submit, server
 * rendered), English, and axe-core (WCAG 2.1 A/AA and best practices) without violations.
 */
const run = chromiumAvailable() ? describe : describe.skip;
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const OZG = '10255';

/** "Ausländerbehörde Landkreis Göttingen" → "kreis goettingen": the prefix shortened, umlauts spelled out. */
const typedForm = (name: string) =>
  `kreis ${name.replace(/^.*Landkreis /, '').replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss').toLowerCase()}`;

run('public status page', () => {
  const ui = consoleInBrowser();
  /** A live district authority of the service, as public_status holds it. */
  let live: { ars: string; name: string; live_since: string };

  beforeAll(async () => {
    [live] = await ui.db.dataSource.query(
      `SELECT ars, authority_name AS name, to_char(live_since, 'DD.MM.YYYY') AS live_since FROM public_status
        WHERE ozg_id = $1 AND status = 'LIVE' AND authority_name LIKE '%Landkreis %' AND live_since IS NOT NULL ORDER BY ars LIMIT 1`,
      [OZG],
    );
    expect(live).toBeDefined();
  });

  const resultFor = (page: Page, name: string) => page.locator('#results li').filter({ has: page.getByRole('heading', { name, exact: true }) });

  it('finds an authority as the name is typed (JavaScript) and opens its answer', async () => {
    const page = ui.page;
    await page.goto(`${ui.base}/public/de/services/${OZG}`);
    await page.locator('form.search[data-enhanced="ready"]').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    await page.getByRole('searchbox', { name: 'Kreis, Stadt oder Behörde' }).pressSequentially(typedForm(live.name), { delay: 20 });
    const hit = resultFor(page, live.name);
    await hit.waitFor();
    expect(await hit.locator('.status').textContent()).toBe(`Online verfügbar seit ${live.live_since}`);
    expect(page.url()).toContain('?q=');
    await saveScreenshot(page, 'public-search-js');
    await hit.getByRole('link', { name: live.name }).click();
    await page.waitForURL(new RegExp(`/public/de/services/${OZG}/authorities/${live.ars}$`));
    await page.getByRole('heading', { level: 2, name: live.name }).waitFor();
  });

  it('answers the same lookup without JavaScript: the form submits and the server renders the results', async () => {
    const context = await ui.page.context().browser()!.newContext({ javaScriptEnabled: false, locale: 'de-DE' });
    try {
      const page = await context.newPage();
      await page.goto(`${ui.base}/public/de/services/${OZG}`);
      await page.getByRole('searchbox', { name: 'Kreis, Stadt oder Behörde' }).fill(typedForm(live.name));
      await page.getByRole('button', { name: 'Suchen' }).click();
      await page.waitForURL(/\?q=kreis/);
      const hit = resultFor(page, live.name);
      expect(await hit.locator('.status').textContent()).toBe(`Online verfügbar seit ${live.live_since}`);
      expect(await page.locator('#result-count').textContent()).toMatch(/Behörden? gefunden für „kreis /);
      // the national figure and the per-state overview are on the page too
      expect(await page.locator('#national-figure').textContent()).toMatch(/^[\d.]+ von [\d.]+ Behörden bieten diesen Onlinedienst an/);
      expect(await page.locator('#states tbody tr').count()).toBeGreaterThan(0);
    } finally {
      await context.close();
    }
  });

  it('speaks English at /public/en, and switches language on the same page', async () => {
    const page = ui.page;
    await page.goto(`${ui.base}/public/en/services/${OZG}?q=${encodeURIComponent(typedForm(live.name))}`);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    const hit = resultFor(page, live.name);
    expect(await hit.locator('.status').textContent()).toMatch(/^Available online since \d{1,2} [A-Z][a-z]+ \d{4}$/);
    await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'Deutsch' }).click();
    await page.waitForURL(/\/public\/de\/services\/10255\?q=/);
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
  });

  it('has no axe-core violations on the index, a service page and a result page', async () => {
    const page = ui.page;
    const urls = ['/public/de', `/public/de/services/${OZG}`, `/public/de/services/${OZG}?q=${encodeURIComponent(typedForm(live.name))}`, `/public/en/services/${OZG}/authorities/${live.ars}`];
    for (const url of urls) {
      await page.goto(`${ui.base}${url}`);
      // evaluated through the DevTools protocol: the page's CSP (scripts from its own origin only) stays as it is
      await page.evaluate(AXE_SOURCE);
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: unknown }> }> }> } }).axe;
        const result = await axe.run(document, { resultTypes: ['violations'] });
        return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => JSON.stringify(n.target)) }));
      });
      expect({ url, violations }).toEqual({ url, violations: [] });
    }
  });
});
