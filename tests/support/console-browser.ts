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
  /** This test's page (a fresh German browser context per test, downloads allowed). Not with `defaultPage: false`. */
  readonly page: Page;
  /** The test file's own database (seeded), for checking what the console wrote. */
  readonly db: TestDatabase;
  /** GraphQL from outside the browser, as the user the suite signed in with (`apiUser`). */
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** Fills in and sends the console's (German) login form on `page`. */
  submitLogin(user: TestUserKey, on?: Page): Promise<void>;
  /**
   * Opens the console page `hashPath` on this test's `page` signed in as `user`, and waits until the
   * console shows it (by default on `hashPath`; `landed` for pages that redirect, e.g. a
   * coordinator's dashboard). By default the session is the user's API session, set as the
   * console's session cookie before the page loads (`signInVia: 'session'`); with
   * `signInVia: 'form'` (or E2E_SIGN_IN=form) it signs in on the login page the console sends it to.
   */
  signIn(hashPath: string, user?: TestUserKey, landed?: (url: URL) => boolean): Promise<Page>;
  /** The same in a new browser context of its own (own cookies; closed after the test): a second user side by side. */
  openSignedIn(hashPath: string, user?: TestUserKey): Promise<Page>;
  /** A new page in a new browser context of its own (German, downloads allowed; closed after the test), not signed in. */
  newPage(): Promise<Page>;
}

/** Time budget of one browser test (jest's default of 60 s is too tight for a walk on a loaded 2-core machine). */
export const BROWSER_TEST_TIMEOUT_MS = 180_000;

/** The API's session cookie (apps/api/src/account/session-tokens.ts). */
export const SESSION_COOKIE = 'efa_session';

export interface ConsoleInBrowserOptions {
  /** Whom `gql` acts as (default ADMIN). */
  apiUser?: TestUserKey;
  /** Options of every browser context (viewport, locale, ...). */
  context?: BrowserContextOptions;
  /**
   * How `signIn` and `openSignedIn` sign in: 'session' (default) signs in once per user and test file
   * through the API and hands the session to each new browser context as its cookie, so a test loads
   * the console once, signed in; 'form' fills in the login form each time. Tests about signing in use
   * `submitLogin` (always the form). E2E_SIGN_IN=form switches every file to the form.
   */
  signInVia?: 'session' | 'form';
  /** false: no page is opened before each test (the file only uses `openSignedIn`/`newPage`); `page` is then not available. */
  defaultPage?: boolean;
}

/**
 * Registers the hooks of a console browser test (one per test file or describe block): its own
 * database, the real API serving the built console, Chromium (started while the database and the
 * app are made), a new German browser context per test (downloads allowed) that must end without
 * uncaught page errors, and a bearer token for GraphQL from outside the browser as `apiUser`.
 */
export function consoleInBrowser(options: ConsoleInBrowserOptions = {}): ConsoleInBrowser {
  const apiUser = options.apiUser ?? 'ADMIN';
  const viaForm = (options.signInVia ?? (process.env.E2E_SIGN_IN === 'form' ? 'form' : 'session')) === 'form';
  // A browser walk loads the console in fresh contexts; on two cores shared with another test worker
  // (CI) one test can take over a minute. Bounded, not open-ended.
  jest.setTimeout(BROWSER_TEST_TIMEOUT_MS);
  let db: TestDatabase;
  let app: Awaited<ReturnType<typeof createApp>>;
  let browser: Browser;
  let base = '';
  let page: Page | undefined;
  let pages: Page[] = [];
  let token = '';
  let pageErrors: Error[] = [];
  /** The browser sessions of this file, one per user (API sign-ins; checked before each reuse). */
  const sessions = new Map<TestUserKey, string>();

  async function post<T>(query: string, variables: Record<string, unknown>, bearer?: string): Promise<{ data?: T; errors?: unknown[] }> {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as { data?: T; errors?: unknown[] };
  }

  async function gql<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const body = await post<T>(query, variables, token);
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data as T;
  }

  async function apiSignIn(user: TestUserKey): Promise<string> {
    const body = await post<{ signIn: { token: string } }>('mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }', {
      e: TEST_USERS[user].email,
      p: TEST_PASSWORD,
    });
    if (!body.data?.signIn) throw new Error(`test sign-in as ${user} failed: ${JSON.stringify(body.errors)}`);
    return body.data.signIn.token;
  }

  /** A live session of the user: the file's one, unless a test ended it (signed out in the console), then a new one. */
  async function sessionOf(user: TestUserKey): Promise<string> {
    const known = sessions.get(user);
    if (known && (await post<{ me: { email: string } }>('{ me { email } }', {}, known)).data?.me?.email === TEST_USERS[user].email) return known;
    const fresh = await apiSignIn(user);
    sessions.set(user, fresh);
    return fresh;
  }

  async function newPage(): Promise<Page> {
    const opened = await (await browser.newContext({ locale: 'de-DE', acceptDownloads: true, ...options.context })).newPage();
    pages.push(opened);
    opened.on('pageerror', (error) => pageErrors.push(error));
    return opened;
  }

  async function submitLogin(user: TestUserKey, on: Page | undefined = page) {
    if (!on) throw new Error('submitLogin: no page (consoleInBrowser({ defaultPage: false })); pass the page');
    await on.getByRole('textbox', { name: 'E-Mail-Adresse' }).fill(TEST_USERS[user].email);
    await on.getByRole('textbox', { name: 'Passwort', exact: true }).fill(TEST_PASSWORD);
    await on.getByRole('button', { name: 'Anmelden' }).click();
  }

  async function signInOn(on: Page, hashPath: string, user: TestUserKey, landed: (url: URL) => boolean = (url) => url.hash === `#${hashPath}`) {
    if (viaForm) {
      await on.goto(`${base}/#${hashPath}`);
      await on.waitForURL(/#\/login$/);
      await submitLogin(user, on);
    } else {
      const session = await sessionOf(user);
      await on.context().addCookies([{ name: SESSION_COOKIE, value: session, url: base, httpOnly: true, sameSite: 'Strict' }]);
      await on.goto(`${base}/#${hashPath}`);
    }
    await on.waitForURL(landed);
    // The console's layout (app bar and menu) is there: it has booted with the session (the login page has none).
    await on.locator('.RaLayout-appFrame').first().waitFor();
    return on;
  }

  beforeAll(async () => {
    // Chromium starts while the database is cloned and the app is built (both mostly wait on others).
    const launching = launchChromium();
    launching.catch(() => undefined);
    try {
      db = await createTestDatabase();
      app = await createApp(db.dataSource, db.kind, { logger: ['error'], closeOnShutdown: false, adminDist: path.resolve('apps/admin/dist') });
      await app.listen(0, '127.0.0.1');
      base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
      token = await apiSignIn(apiUser);
    } finally {
      browser = await launching;
    }
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await db?.close();
  });
  beforeEach(async () => {
    pages = [];
    pageErrors = [];
    page = options.defaultPage === false ? undefined : await newPage();
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
      if (!page) throw new Error('consoleInBrowser({ defaultPage: false }) opens no page per test: use openSignedIn or newPage');
      return page;
    },
    get db() {
      return db;
    },
    gql,
    submitLogin,
    signIn: (hashPath, user = 'ADMIN', landed) => {
      if (!page) throw new Error('consoleInBrowser({ defaultPage: false }) opens no page per test: use openSignedIn');
      return signInOn(page, hashPath, user, landed);
    },
    openSignedIn: async (hashPath, user = 'ADMIN') => signInOn(await newPage(), hashPath, user),
    newPage,
  };
}
