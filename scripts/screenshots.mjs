// Screenshots of the main console pages for the README: node scripts/screenshots.mjs [base URL] [names…]
// (names: only these, e.g. `dashboard`). Needs a running demo (npm start) and Debian's chromium.
import { chromium } from 'playwright-core';

const base = process.argv[2] ?? 'http://localhost:3000';
const only = new Set(process.argv.slice(3));
const wanted = (name) => only.size === 0 || only.has(name);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await (await browser.newContext({ viewport: { width: 1400, height: 860 }, locale: 'de-DE' })).newPage();
const shot = async (name) => page.screenshot({ path: `docs/screenshots/${name}.png` });
const step = async (name, run) => {
  if (wanted(name)) await run();
};

await page.goto(`${base}/#/login`);
await page.getByText('Demo-Zugänge').waitFor();
await step('sign-in', () => shot('sign-in'));
await page.getByLabel(/E-Mail/).fill('admin@demo.invalid');
await page.locator('input[type="password"]').fill('Demo-Verwaltung-2026');
await page.getByRole('button', { name: /Anmelden/ }).click();
await page.waitForURL((u) => !u.hash.includes('login'));

await step('dashboard', async () => {
  // the home page; a date, so that the picture does not change with every demo day
  await page.goto(`${base}/#/?asOf=2023-08-31`);
  await page.getByTestId('golives-chart').locator('svg').first().waitFor({ timeout: 30_000 });
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: 'docs/screenshots/dashboard.png', fullPage: true });
});

await step('authorities', async () => {
  await page.goto(`${base}/#/Authority?perPage=10`);
  await page.getByRole('cell', { name: /Ausländerbehörde/ }).first().waitFor();
  await shot('authorities');
});

await step('board', async () => {
  await page.goto(`${base}/#/board`);
  await page.getByText('Teltow-Fläming').first().waitFor({ timeout: 30_000 });
  await shot('board');
});

await step('contract-matrix', async () => {
  await page.goto(`${base}/#/contracts-matrix`);
  await page.getByText('Sachsen-Anhalt').first().waitFor();
  await page.waitForLoadState('networkidle');
  await shot('contract-matrix');
});

await step('onboarding', async () => {
  await page.goto(`${base}/#/Onboarding?filter=${encodeURIComponent(JSON.stringify({ q: 'Harz' }))}`);
  await page.getByRole('cell', { name: 'Ausländerbehörde Landkreis Harz' }).click();
  await page.waitForURL(/Onboarding\/.+\/show/);
  await page.getByText('Go-Live in Produktion (PRO)').first().waitFor({ timeout: 30_000 });
  await shot('onboarding');
});

await browser.close();
console.log('docs/screenshots/*.png written');
