import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createApp } from '../../apps/api/src/app.factory.js';
import { chromiumAvailable, launchChromium } from '../support/browser.js';
import { createTestDatabase, TEST_PASSWORD, TEST_USERS, type TestDatabase, type TestUserKey } from '../support/test-app.js';

/** The console's dashboard (home page) in headless Chromium, through the real API; its figures are checked against the API's `dashboard`. */
const run = chromiumAvailable() ? describe : describe.skip;

/** Screenshots for people to look at (git-ignored). */
const ARTIFACTS = path.resolve('tests/e2e/artifacts');

interface Counts {
  authorities: number;
  live: number;
  inRollout: number;
  paused: number;
  notStarted: number;
  shareLive: number;
}

interface Figures {
  serviceId: string;
  totals: Counts;
  funnel: { stage: string; count: number }[];
}

const de = new Intl.NumberFormat('de-DE');

run('dashboard in the browser', () => {
  let db: TestDatabase;
  let app: Awaited<ReturnType<typeof createApp>>;
  let browser: Browser;
  let base: string;
  let page: Page;
  let token: string;
  let pageErrors: Error[];

  /** GraphQL from outside the browser, as the steering-group member. */
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

  const figures = async (variables: { asOf?: string; stateId?: string } = {}): Promise<Figures> =>
    (
      await gql<{ dashboard: Figures }>(
        `query($asOf: DateTime, $stateId: ID) { dashboard(asOf: $asOf, stateId: $stateId) {
          serviceId totals { authorities live inRollout paused notStarted shareLive } funnel { stage count } } }`,
        variables,
      )
    ).dashboard;

  async function stateId(code: string): Promise<string> {
    const { allStates } = await gql<{ allStates: { id: string; code: string }[] }>('{ allStates(perPage: 100) { id code } }');
    return allStates.find((s) => s.code === code)!.id;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await createApp(db.dataSource, db.kind, { logger: ['error'], closeOnShutdown: false, adminDist: path.resolve('apps/admin/dist') });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    token = '';
    token = (
      await gql<{ signIn: { token: string } }>('mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }', {
        e: TEST_USERS.STEERING_MEMBER.email,
        p: TEST_PASSWORD,
      })
    ).signIn.token;
    browser = await launchChromium();
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await db?.close();
  });
  beforeEach(async () => {
    page = await (await browser.newContext({ locale: 'de-DE', viewport: { width: 1440, height: 1000 } })).newPage();
    pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error));
  });
  afterEach(async () => {
    await page?.context().close();
    expect(pageErrors).toEqual([]);
  });

  /** Opens the console's home page, signs in and waits for the dashboard's figures. */
  async function signIn(user: TestUserKey) {
    await page.goto(`${base}/`);
    await page.waitForURL(/#\/login$/);
    await page.getByRole('textbox', { name: 'E-Mail-Adresse' }).fill(TEST_USERS[user].email);
    await page.getByRole('textbox', { name: 'Passwort', exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByTestId('dashboard-headline').waitFor();
  }

  const headline = (figure: string) => page.getByTestId(`headline-${figure}`);

  /** Waits until the headline shows these counts (the page recomputes after every change of scope). */
  async function expectHeadline(expected: Counts) {
    for (const figure of ['live', 'inRollout', 'paused', 'notStarted', 'authorities'] as const) {
      await page.waitForFunction(
        ([id, text]) => document.querySelector(`[data-testid="${id}"]`)?.textContent === text,
        [`headline-${figure}`, de.format(expected[figure])] as const,
      );
    }
    expect(Number(await headline('shareLive').getAttribute('data-value'))).toBeCloseTo(expected.shareLive, 10);
  }

  it('is where a steering-group member lands, with the figures of the API, and recomputes them as of a date', async () => {
    await signIn('STEERING_MEMBER');
    expect(new URL(page.url()).hash).toBe('#/');
    await page.getByRole('heading', { name: /Aufenthaltstitel · Deutschland · Stand/ }).waitFor();
    await expectHeadline((await figures()).totals);
    await page.getByTestId('golives-chart').locator('svg').first().waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard.png') });

    await page.getByTestId('dashboard-as-of').fill('2023-08-31');
    await page.waitForURL((url) => url.hash.includes('asOf=2023-08-31'));
    const aug2023 = await figures({ asOf: '2023-08-31T21:59:59.999Z' });
    expect(aug2023.totals.live).toBe(100); // the seeded story: the 100th authority went live at the end of August 2023
    await expectHeadline(aug2023.totals);
    await page.getByRole('heading', { name: /Stand 31\.08\.2023/ }).waitFor();
    await page.getByText('Sie sehen den Stand vom 31.08.2023').waitFor();

    // the URL carries the view: opened afresh, it shows the same date
    await page.reload();
    await expectHeadline(aug2023.totals);
    expect(await page.getByTestId('dashboard-as-of').inputValue()).toBe('2023-08-31');

    await page.getByTestId('dashboard-as-of').fill('2020-12-31');
    await expectHeadline((await figures({ asOf: '2020-12-31T22:59:59.999Z' })).totals);
    expect(await headline('live').textContent()).toBe('3');
  });

  it('narrows to a state when its tile is clicked, and back to Germany on a second click', async () => {
    await signIn('STEERING_MEMBER');
    const tile = page.getByTestId('state-tiles').locator('[data-state="ST"]');
    expect(await tile.getAttribute('aria-label')).toMatch(/^Sachsen-Anhalt: .* live \(\d+ von \d+ Behörden\)$/);
    await tile.click();
    await page.waitForURL((url) => url.hash.includes('state=ST'));
    await page.getByRole('heading', { name: /Aufenthaltstitel · Sachsen-Anhalt · Stand/ }).waitFor();
    await expectHeadline((await figures({ stateId: await stateId('ST') })).totals);
    expect(await tile.getAttribute('aria-pressed')).toBe('true');

    await tile.click();
    await page.waitForURL((url) => !url.hash.includes('state='));
    await expectHeadline((await figures()).totals);
  });

  it('opens the onboardings list behind a funnel stage, filtered, with as many onboardings as the funnel counts', async () => {
    await signIn('STEERING_MEMBER');
    const { funnel, serviceId } = await figures();
    const stage = [...funnel].sort((a, b) => b.count - a.count)[0];
    expect(stage.count).toBeGreaterThan(0);

    await page.getByTestId('dashboard-funnel').locator(`[data-stage="${stage.stage}"] a`).click();
    await page.waitForURL((url) => url.hash.startsWith('#/Onboarding?'));
    const filter = JSON.parse(new URLSearchParams(new URL(page.url()).hash.split('?')[1]).get('filter')!);
    expect(filter).toEqual({ serviceId, stage: [stage.stage], status: ['ACTIVE', 'ON_HOLD'] });
    await page.getByText(new RegExp(`^1–\\d+ von ${stage.count}$`)).waitFor();
  });

  it('starts a coordinator on their own state, switchable to all of Germany', async () => {
    await signIn('STATE_COORDINATOR');
    await page.waitForURL((url) => url.hash.includes('state=BB'));
    await page.getByRole('heading', { name: /Aufenthaltstitel · Brandenburg · Stand/ }).waitFor();
    await expectHeadline((await figures({ stateId: await stateId('BB') })).totals);
    const tile = page.getByTestId('state-tiles').locator('[data-state="BB"]');
    expect(await tile.getAttribute('aria-pressed')).toBe('true');
    expect(await tile.getAttribute('aria-label')).toContain('(Ihr Land)');

    await page.getByRole('button', { name: 'Ganz Deutschland anzeigen' }).click();
    await page.waitForURL((url) => url.hash.includes('state=all'));
    await page.getByRole('heading', { name: /Aufenthaltstitel · Deutschland · Stand/ }).waitFor();
    await expectHeadline((await figures()).totals);
  });

  it('says so when the figures cannot be loaded, and offers to try again', async () => {
    await signIn('STEERING_MEMBER');
    await page.goto(`${base}/#/?service=00000000-0000-4000-8000-000000000000`);
    const alert = page.getByRole('alert').filter({ hasText: 'Die Zahlen konnten nicht geladen werden' });
    await alert.waitFor();
    await alert.getByRole('button', { name: 'Erneut versuchen' }).waitFor();
  });
});
