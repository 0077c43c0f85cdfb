import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { createApp } from '../../apps/api/src/app.factory.js';
import { launchChromium } from './browser.js';
import { createTestDatabase, TEST_PASSWORD, TEST_USERS, type TestDatabase, type TestUserKey } from './test-app.js';

/** What a browser test of the console works with (valid inside the test's hooks and tests). */
export interface ConsoleInBrowser {
  /** The app's origin, e.g. http://127.0.0.1:40123. */
  readonly base: string;
  /** This test's page (a fresh browser context per test, German). */
  readonly page: Page;
  /** GraphQL from outside the browser, as the user the suite signed in with. */
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** Fills in and sends the console's (German) login form on the page shown. */
  submitLogin(user: TestUserKey): Promise<void>;
}

/**
 * Registers the hooks of a console browser test: its own database, the real
 * API serving the built console, Chromium, a new German browser context per
 * test that must end without uncaught page errors, and a bearer token for
 * GraphQL from outside the browser as `apiUser`.
 */
export function consoleInBrowser(options: { apiUser: TestUserKey; context?: BrowserContextOptions }): ConsoleInBrowser {
  let db: TestDatabase;
  let app: Awaited<ReturnType<typeof createApp>>;
  let browser: Browser;
  let base = '';
  let page: Page;
  let token = '';
  let pageErrors: Error[] = [];

  async function gql<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: T; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data as T;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await createApp(db.dataSource, db.kind, { logger: ['error'], closeOnShutdown: false, adminDist: path.resolve('apps/admin/dist') });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    token = (
      await gql<{ signIn: { token: string } }>('mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }', {
        e: TEST_USERS[options.apiUser].email,
        p: TEST_PASSWORD,
      })
    ).signIn.token;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await db?.close();
  });
  beforeEach(async () => {
    page = await (await browser.newContext({ locale: 'de-DE', ...options.context })).newPage();
    pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error));
  });
  afterEach(async () => {
    await page?.context().close();
    expect(pageErrors).toEqual([]);
  });

  return {
    get base() {
      return base;
    },
    get page() {
      return page;
    },
    gql,
    async submitLogin(user) {
      await page.getByRole('textbox', { name: 'E-Mail-Adresse' }).fill(TEST_USERS[user].email);
      await page.getByRole('textbox', { name: 'Passwort', exact: true }).fill(TEST_PASSWORD);
      await page.getByRole('button', { name: 'Anmelden' }).click();
    },
  };
}
