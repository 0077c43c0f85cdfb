import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createApp } from '../../apps/api/src/app.factory.js';
import { launchChromium } from './browser.js';
import { createTestDatabase, TEST_PASSWORD, TEST_USERS, type TestDatabase, type TestUserKey } from './test-app.js';

export interface ConsoleSession {
  /** The test file's own database (seeded), for checking what the console wrote. */
  readonly db: TestDatabase;
  /** A new browser context (own cookies, German, downloads allowed), signed in as `user`, on the console page `hashPath`. */
  openSignedIn(hashPath: string, user?: TestUserKey): Promise<Page>;
}

/**
 * The built console in headless Chromium through the real API on a
 * database of its own, for one describe block: registers its hooks
 * (start once, close the pages after each test and fail it on uncaught page
 * errors, stop at the end) and returns the session to use in the tests.
 */
export function useConsoleSession(): ConsoleSession {
  let db: TestDatabase;
  let app: Awaited<ReturnType<typeof createApp>>;
  let browser: Browser;
  let base: string;
  let pages: Page[] = [];
  let pageErrors: Error[] = [];

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
  beforeEach(() => {
    pages = [];
    pageErrors = [];
  });
  afterEach(async () => {
    for (const p of pages) await p.context().close();
    expect(pageErrors).toEqual([]);
  });

  return {
    get db() {
      return db;
    },
    async openSignedIn(hashPath, user = 'ADMIN') {
      const page = await (await browser.newContext({ locale: 'de-DE', acceptDownloads: true })).newPage();
      pages.push(page);
      page.on('pageerror', (error) => pageErrors.push(error));
      await page.goto(`${base}/#${hashPath}`);
      await page.waitForURL(/#\/login$/);
      await page.getByRole('textbox', { name: 'E-Mail-Adresse' }).fill(TEST_USERS[user].email);
      await page.getByRole('textbox', { name: 'Passwort', exact: true }).fill(TEST_PASSWORD);
      await page.getByRole('button', { name: 'Anmelden' }).click();
      await page.waitForURL((url) => url.hash === `#${hashPath}`);
      return page;
    },
  };
}
