// Screenshots of the main console pages for the README: node scripts/screenshots.mjs [base URL]
// Needs a running demo (npm start) and Debian's chromium.
import { chromium } from 'playwright-core';

const base = process.argv[2] ?? 'http://localhost:3000';
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await (await browser.newContext({ viewport: { width: 1400, height: 860 }, locale: 'de-DE' })).newPage();
const shot = async (name) => page.screenshot({ path: `docs/screenshots/${name}.png` });

await page.goto(`${base}/#/login`);
await page.getByText('Demo-Zugänge').waitFor();
await shot('sign-in');
await page.getByLabel(/E-Mail/).fill('admin@demo.invalid');
await page.locator('input[type="password"]').fill('Demo-Verwaltung-2026');
await page.getByRole('button', { name: /Anmelden/ }).click();
await page.waitForURL((u) => !u.hash.includes('login'));

await page.goto(`${base}/#/Authority?perPage=10`);
await page.getByRole('cell', { name: /Ausländerbehörde/ }).first().waitFor();
await shot('authorities');

await page.goto(`${base}/#/board`);
await page.getByText('Teltow-Fläming').first().waitFor({ timeout: 30_000 });
await shot('board');

await page.goto(`${base}/#/contracts-matrix`);
await page.getByText('Sachsen-Anhalt').first().waitFor();
await page.waitForLoadState('networkidle');
await shot('contract-matrix');

await page.goto(`${base}/#/Onboarding?filter=${encodeURIComponent(JSON.stringify({ q: 'Harz' }))}`);
await page.getByRole('cell', { name: 'Ausländerbehörde Landkreis Harz' }).click();
await page.waitForURL(/Onboarding\/.+\/show/);
await page.getByText('Go-Live in Produktion (PRO)').first().waitFor({ timeout: 30_000 });
await shot('onboarding');

await browser.close();
console.log('docs/screenshots/*.png written');
