import { jest } from '@jest/globals';
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
  /** This test's page (a fresh German browser context per test, downloads allowed). */
  readonly page: Page;
  /** The test file's own database (seeded), for checking what the console wrote. */
  readonly db: TestDatabase;
  /** GraphQL from outside the browser, as the user the suite signed in with (`apiUser`). */
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** Fills in and sends the console's (German) login form on `page`. */
  submitLogin(user: TestUserKey, on?: Page): Promise<void>;
  /**
   * Opens the console page `hashPath` on this test's `page`, signs in as `user` on the login page it
   * is sent to, and waits until it is back (by default on `hashPath`; `landed` for pages that
   * redirect, e.g. a coordinator's dashboard).
   */
  signIn(hashPath: string, user?: TestUserKey, landed?: (url: URL) => boolean): Promise<Page>;
  /** The same in a new browser context of its own (own cookies; closed after the test): a second user side by side. */
  openSignedIn(hashPath: string, user?: TestUserKey): Promise<Page>;
}

/**
 * Registers the hooks of a console browser test (one per test file or describe block): its own
 * database, the real API serving the built console, Chromium, a new German browser context per
 * test (downloads allowed) that must end without uncaught page errors, and a bearer token for
 * GraphQL from outside the browser as `apiUser`.
 */
/** Time budget of one browser test (jest's default of 60 s is too tight for a walk on a loaded 2-core machine). */
export const BROWSER_TEST_TIMEOUT_MS = 180_000;

export function consoleInBrowser(options: { apiUser?: TestUserKey; context?: BrowserContextOptions } = {}): ConsoleInBrowser {
  const apiUser = options.apiUser ?? 'ADMIN';
  // A browser walk signs in and loads the console in fresh contexts; on two cores shared with another
  // test worker (CI) one test can take over a minute. Bounded, not open-ended.
  jest.setTimeout(BROWSER_TEST_TIMEOUT_MS);
  let db: TestDatabase;
  let app: Awaited<ReturnType<typeof createApp>>;
  let browser: Browser;
  let base = '';
  let page: Page;
  let pages: Page[] = [];
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

  async function newPage(): Promise<Page> {
    const opened = await (await browser.newContext({ locale: 'de-DE', acceptDownloads: true, ...options.context })).newPage();
    pages.push(opened);
    opened.on('pageerror', (error) => pageErrors.push(error));
    return opened;
  }

  async function submitLogin(user: TestUserKey, on: Page = page) {
    await on.getByRole('textbox', { name: 'E-Mail-Adresse' }).fill(TEST_USERS[user].email);
    await on.getByRole('textbox', { name: 'Passwort', exact: true }).fill(TEST_PASSWORD);
    await on.getByRole('button', { name: 'Anmelden' }).click();
  }

  async function signInOn(on: Page, hashPath: string, user: TestUserKey, landed: (url: URL) => boolean = (url) => url.hash === `#${hashPath}`) {
    await on.goto(`${base}/#${hashPath}`);
    await on.waitForURL(/#\/login$/);
    await submitLogin(user, on);
    await on.waitForURL(landed);
    return on;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await createApp(db.dataSource, db.kind, { logger: ['error'], closeOnShutdown: false, adminDist: path.resolve('apps/admin/dist') });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    token = (
      await gql<{ signIn: { token: string } }>('mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }', {
        e: TEST_USERS[apiUser].email,
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
    pages = [];
    pageErrors = [];
    page = await newPage();
  });
  afterEach(async () => {
    for (const p of pages) await p.context().close();
    expect(pageErrors).toEqual([]);
  });

  return {
    get base() {
      return base;
    },
    get page() {
      return page;
    },
    get db() {
      return db;
    },
    gql,
    submitLogin,
    signIn: (hashPath, user = 'ADMIN', landed) => signInOn(page, hashPath, user, landed),
    openSignedIn: async (hashPath, user = 'ADMIN') => signInOn(await newPage(), hashPath, user),
  };
}
