import { chromiumAvailable, saveScreenshot } from '../support/browser.js';
import { consoleInBrowser, SESSION_COOKIE } from '../support/console-browser.js';
import { TEST_PASSWORD, TEST_USERS, type TestUserKey } from '../support/test-app.js';

/** The built console in headless Chromium, through the real API on a real database. */
const run = chromiumAvailable() ? describe : describe.skip;

run('console in the browser', () => {
  const ui = consoleInBrowser({ apiUser: 'ADMIN' });
  /** This test's page (a fresh German browser context per test; uncaught page errors fail the test). */
  let page: typeof ui.page;
  let base: string;
  beforeEach(() => {
    page = ui.page;
    base = ui.base;
  });

  /** The login page's fields (German). */
  const emailField = () => page.getByRole('textbox', { name: 'E-Mail-Adresse' });
  const passwordField = () => page.getByRole('textbox', { name: 'Passwort', exact: true });

  /** Fills in and sends the login form, on the login page the console shows. */
  async function submitLogin(email: string, password: string) {
    await emailField().fill(email);
    await passwordField().fill(password);
    await page.getByRole('button', { name: 'Anmelden' }).click();
  }

  /** Opens a page of the console; without a session it shows the login page; signs in there (the form) and lands on the page. */
  async function signInThroughForm(hashPath: string, user: TestUserKey = 'ADMIN') {
    await page.goto(`${base}/#${hashPath}`);
    await page.waitForURL(/#\/login$/);
    await submitLogin(TEST_USERS[user].email, TEST_PASSWORD);
    await page.waitForURL((url) => url.hash === `#${hashPath}`);
  }

  /** Opens a page of the console signed in, for tests that are not about the login form (the user's session as cookie). */
  const openSignedIn = (hashPath: string, user: TestUserKey = 'ADMIN') => ui.signIn(hashPath, user);

  /** Opens the app bar's user menu (react-admin labels its button "Profil"). */
  async function openUserMenu() {
    await page.getByRole('button', { name: 'Profil' }).click();
    return page.getByRole('menu');
  }

  /** The session cookie of the browser context. */
  async function sessionCookie(): Promise<string | undefined> {
    return (await page.context().cookies(base)).find((c) => c.name === SESSION_COOKIE)?.value;
  }

  /** Sends a GraphQL operation from outside the browser, with the given session cookie. */
  async function gqlWithCookie(cookie: string, query: string) {
    const res = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `${SESSION_COOKIE}=${cookie}` },
      body: JSON.stringify({ query }),
    });
    return (await res.json()) as { data?: Record<string, unknown> | null; errors?: Array<{ extensions?: { code?: string } }> };
  }

  /** The login page is showing (not a blank page): its form is there. */
  async function expectLoginPage() {
    await page.waitForURL(/#\/login$/);
    await emailField().waitFor();
    await page.getByRole('button', { name: 'Anmelden' }).waitFor();
  }

  it('opens in German, lists the authorities and finds one by search', async () => {
    await openSignedIn('/Authority');
    await page.getByRole('heading', { name: 'Behörden' }).or(page.getByText('Behörden').first()).waitFor();
    await page.getByRole('columnheader', { name: /Regionalschlüssel/ }).waitFor();
    await page.getByPlaceholder('Suchen').fill('Teltow');
    await page.getByRole('cell', { name: 'Ausländerbehörde Landkreis Teltow-Fläming' }).waitFor();
    await page.getByRole('cell', { name: '120720000000' }).waitFor();
    await page.getByRole('cell', { name: 'Brandenburg' }).waitFor();
    expect(await page.getByRole('row').count()).toBe(2); // header + one match
    await saveScreenshot(page, 'authority-list');
  });

  it('switches to English, and keeps it on the login page after signing out', async () => {
    await openSignedIn('/State');
    await page.getByRole('cell', { name: 'Brandenburg' }).waitFor();
    await page.getByRole('button', { name: /Deutsch/i }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.getByText('Specialist systems').first().waitFor();
    await page.getByText('Königstein key (%)').waitFor();
    expect(await page.getByText('Fachverfahren').count()).toBe(0);

    await page.getByRole('button', { name: 'Profile' }).click();
    await page.getByRole('menu').getByText('Administration').waitFor();
    await page.getByRole('menuitem', { name: 'Logout' }).click();
    await page.waitForURL(/#\/login$/);
    await page.getByRole('textbox', { name: 'E-mail address' }).waitFor();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
  });

  it('shows an authority with its state and specialist system', async () => {
    await openSignedIn('/Authority');
    await page.getByPlaceholder('Suchen').fill('Harz');
    await page.getByRole('cell', { name: 'Ausländerbehörde Landkreis Harz' }).click();
    await page.waitForURL(/#\/Authority\/[0-9a-f-]{36}\/show$/);
    const show = page.locator('.RaShow-main');
    await show.getByText('150850000000').waitFor();
    await show.getByRole('link', { name: 'Sachsen-Anhalt' }).waitFor();
    await saveScreenshot(page, 'authority');
  });

  it('refuses a wrong password with a message and stays on the login page', async () => {
    await page.goto(`${base}/#/State`);
    await expectLoginPage();
    await saveScreenshot(page, 'sign-in');
    await submitLogin(TEST_USERS.ADMIN.email, 'not-the-password');
    await page.getByText('E-Mail-Adresse oder Passwort ist falsch.').waitFor();
    expect(page.url()).toMatch(/#\/login$/);
    await expect(emailField().inputValue()).resolves.toBe(TEST_USERS.ADMIN.email);
    expect(await sessionCookie()).toBeUndefined();
    expect(await page.getByRole('button', { name: 'Profil' }).count()).toBe(0);
  });

  it('asks to wait after too many failed sign-ins (RATE_LIMITED)', async () => {
    const email = TEST_USERS.ROLLOUT_MANAGER.email; // no other test here signs in with it
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }', variables: { e: email, p: `wrong-${i}` } }),
      });
      expect(((await res.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
    await page.goto(`${base}/#/login`);
    await submitLogin(email, TEST_PASSWORD);
    await page.getByText('Zu viele fehlgeschlagene Anmeldeversuche. Bitte warten Sie einige Minuten und versuchen Sie es dann erneut.').waitFor();
    expect(page.url()).toMatch(/#\/login$/);
  });

  it('signs in as a member of the steering committee and shows name and role', async () => {
    await signInThroughForm('/State', 'STEERING_MEMBER');
    await page.getByRole('cell', { name: 'Brandenburg' }).waitFor();
    await page.getByRole('button', { name: 'Profil' }).getByText('Test STEERING_MEMBER').waitFor();
    const menu = await openUserMenu();
    await menu.getByText('Angemeldet als').waitFor();
    await menu.getByText('Test STEERING_MEMBER').waitFor();
    await menu.getByText(TEST_USERS.STEERING_MEMBER.email).waitFor();
    await menu.getByText('Steuerungskreis').waitFor();
    await menu.getByRole('menuitem', { name: 'Abmelden' }).waitFor();
  });

  it('signs out to the login page and ends the session on the server', async () => {
    await signInThroughForm('/Service');
    await page.getByRole('columnheader', { name: 'Themenfeld' }).waitFor();
    const cookie = await sessionCookie();
    expect(cookie).toBeTruthy();

    const menu = await openUserMenu();
    await menu.getByRole('menuitem', { name: 'Abmelden' }).click();
    await expectLoginPage();
    expect(await sessionCookie()).toBeUndefined();
    const me = await gqlWithCookie(cookie!, '{ me { id } }');
    expect(me.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    // the session is gone for the console too: a page of it leads to the login page again
    await page.goto(`${base}/#/State`);
    await expectLoginPage();
  });

  it('after signing out, signs in as another role without reloading and works with that role', async () => {
    await openSignedIn('/State');
    await page.getByRole('cell', { name: 'Brandenburg' }).waitFor();
    await (await openUserMenu()).getByRole('menuitem', { name: 'Abmelden' }).click();
    await expectLoginPage();

    await submitLogin(TEST_USERS.STATE_COORDINATOR.email, TEST_PASSWORD);
    // lands on the home page, the dashboard, narrowed to the coordinator's own state
    await page.waitForURL((url) => url.hash.startsWith('#/?') && url.hash.includes('state=BB'));
    await page.getByRole('heading', { name: /· Brandenburg · Stand/ }).waitFor();
    await page.getByRole('menuitem', { name: 'Behörden' }).click();
    await page.waitForURL(/#\/Authority$/);
    await page.getByRole('columnheader', { name: /Regionalschlüssel/ }).waitFor();
    await page.getByPlaceholder('Suchen').fill('Teltow');
    await page.getByRole('cell', { name: 'Ausländerbehörde Landkreis Teltow-Fläming' }).waitFor();
    const menu = await openUserMenu();
    await menu.getByText('Test STATE_COORDINATOR BB').waitFor();
    await menu.getByText('Landeskoordination · Brandenburg').waitFor();
    expect(await menu.getByText('Administration').count()).toBe(0);
  });

  it('leads back to the login page on the next action when the session was ended elsewhere', async () => {
    await openSignedIn('/State');
    await page.getByRole('cell', { name: 'Brandenburg' }).waitFor();
    const cookie = await sessionCookie();
    const signedOut = await gqlWithCookie(cookie!, 'mutation { signOut }');
    expect(signedOut.data?.signOut).toBe(true);

    await page.getByRole('menuitem', { name: 'Behörden' }).click();
    await expectLoginPage();
    await page.getByText('Ihre Sitzung ist beendet, bitte melden Sie sich erneut an.').waitFor();

    // signing in again continues where the user was going
    await submitLogin(TEST_USERS.ADMIN.email, TEST_PASSWORD);
    await page.waitForURL(/#\/Authority$/);
    await page.getByRole('columnheader', { name: /Regionalschlüssel/ }).waitFor();
  });

  it('leads back to the login page on the next action when the session cookie is gone', async () => {
    await openSignedIn('/Authority');
    await page.getByRole('columnheader', { name: /Regionalschlüssel/ }).waitFor();
    await page.context().clearCookies();

    await page.getByRole('menuitem', { name: 'Leistungen' }).click();
    await expectLoginPage();
    expect(await page.getByRole('button', { name: 'Profil' }).count()).toBe(0);
  });
});
