import fs from 'node:fs';
import path from 'node:path';
import { chromiumAvailable } from '../support/browser.js';
import { consoleInBrowser } from '../support/console-browser.js';
import type { TestUserKey } from '../support/test-app.js';

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
  const ui = consoleInBrowser({ apiUser: 'STEERING_MEMBER', context: { viewport: { width: 1440, height: 1000 } } });
  const gql = ui.gql;
  beforeAll(() => fs.mkdirSync(ARTIFACTS, { recursive: true }));

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

  /** Opens the console's home page, signs in and waits for the dashboard's figures. */
  async function signIn(user: TestUserKey) {
    await ui.signIn('/', user, (url) => !url.hash.startsWith('#/login'));
    await ui.page.getByTestId('dashboard-headline').waitFor();
  }

  const headline = (figure: string) => ui.page.getByTestId(`headline-${figure}`);

  /** Waits until the headline shows these counts (the page recomputes after every change of scope). */
  async function expectHeadline(expected: Counts) {
    for (const figure of ['live', 'inRollout', 'paused', 'notStarted', 'authorities'] as const) {
      await ui.page.waitForFunction(
        ([id, text]) => document.querySelector(`[data-testid="${id}"]`)?.textContent === text,
        [`headline-${figure}`, de.format(expected[figure])] as const,
      );
    }
    expect(Number(await headline('shareLive').getAttribute('data-value'))).toBeCloseTo(expected.shareLive, 10);
  }

  it('is where a steering-group member lands, with the figures of the API, and recomputes them as of a date', async () => {
    await signIn('STEERING_MEMBER');
    expect(new URL(ui.page.url()).hash).toBe('#/');
    await ui.page.getByRole('heading', { name: /Aufenthaltstitel · Deutschland · Stand/ }).waitFor();
    await expectHeadline((await figures()).totals);
    await ui.page.getByTestId('golives-chart').locator('svg').first().waitFor();
    await ui.page.screenshot({ path: path.join(ARTIFACTS, 'dashboard.png') });

    await ui.page.getByTestId('dashboard-as-of').fill('2023-08-31');
    await ui.page.waitForURL((url) => url.hash.includes('asOf=2023-08-31'));
    const aug2023 = await figures({ asOf: '2023-08-31T21:59:59.999Z' });
    expect(aug2023.totals.live).toBe(100); // the seeded story: the 100th authority went live at the end of August 2023
    await expectHeadline(aug2023.totals);
    await ui.page.getByRole('heading', { name: /Stand 31\.08\.2023/ }).waitFor();
    await ui.page.getByText('Sie sehen den Stand vom 31.08.2023').waitFor();

    // the URL carries the view: opened afresh, it shows the same date
    await ui.page.reload();
    await expectHeadline(aug2023.totals);
    expect(await ui.page.getByTestId('dashboard-as-of').inputValue()).toBe('2023-08-31');

    await ui.page.getByTestId('dashboard-as-of').fill('2020-12-31');
    await expectHeadline((await figures({ asOf: '2020-12-31T22:59:59.999Z' })).totals);
    expect(await headline('live').textContent()).toBe('3');
  });

  it('narrows to a state when its tile is clicked, and back to Germany on a second click', async () => {
    await signIn('STEERING_MEMBER');
    const tile = ui.page.getByTestId('state-tiles').locator('[data-state="ST"]');
    expect(await tile.getAttribute('aria-label')).toMatch(/^Sachsen-Anhalt: .* live \(\d+ von \d+ Behörden\)$/);
    await tile.click();
    await ui.page.waitForURL((url) => url.hash.includes('state=ST'));
    await ui.page.getByRole('heading', { name: /Aufenthaltstitel · Sachsen-Anhalt · Stand/ }).waitFor();
    await expectHeadline((await figures({ stateId: await stateId('ST') })).totals);
    expect(await tile.getAttribute('aria-pressed')).toBe('true');

    await tile.click();
    await ui.page.waitForURL((url) => !url.hash.includes('state='));
    await expectHeadline((await figures()).totals);
  });

  it('opens the onboardings list behind a funnel stage, filtered, with as many onboardings as the funnel counts', async () => {
    await signIn('STEERING_MEMBER');
    const { funnel, serviceId } = await figures();
    const stage = [...funnel].sort((a, b) => b.count - a.count)[0];
    expect(stage.count).toBeGreaterThan(0);

    await ui.page.getByTestId('dashboard-funnel').locator(`[data-stage="${stage.stage}"] a`).click();
    await ui.page.waitForURL((url) => url.hash.startsWith('#/Onboarding?'));
    const filter = JSON.parse(new URLSearchParams(new URL(ui.page.url()).hash.split('?')[1]).get('filter')!);
    expect(filter).toEqual({ serviceId, stage: [stage.stage], status: ['ACTIVE', 'ON_HOLD'] });
    await ui.page.getByText(new RegExp(`^1–\\d+ von ${stage.count}$`)).waitFor();
  });

  it('starts a coordinator on their own state, switchable to all of Germany', async () => {
    await signIn('STATE_COORDINATOR');
    await ui.page.waitForURL((url) => url.hash.includes('state=BB'));
    await ui.page.getByRole('heading', { name: /Aufenthaltstitel · Brandenburg · Stand/ }).waitFor();
    await expectHeadline((await figures({ stateId: await stateId('BB') })).totals);
    const tile = ui.page.getByTestId('state-tiles').locator('[data-state="BB"]');
    expect(await tile.getAttribute('aria-pressed')).toBe('true');
    expect(await tile.getAttribute('aria-label')).toContain('(Ihr Land)');

    await ui.page.getByRole('button', { name: 'Ganz Deutschland anzeigen' }).click();
    await ui.page.waitForURL((url) => url.hash.includes('state=all'));
    await ui.page.getByRole('heading', { name: /Aufenthaltstitel · Deutschland · Stand/ }).waitFor();
    await expectHeadline((await figures()).totals);
  });

  it('shows the API\'s lead times and open obstacles for a past date, and opens the obstacles behind a number', async () => {
    await signIn('STEERING_MEMBER');
    // Mid-2026: the demo story has open obstacles (opened from June 2024 on) and lead times then.
    await ui.page.getByTestId('dashboard-as-of').fill('2026-06-30');
    await ui.page.getByRole('heading', { name: /Stand 30\.06\.2026/ }).waitFor();
    type Lead = { count: number; medianDays: number | null; p80Days: number | null };
    const { dashboard: api } = await gql<{
      dashboard: {
        serviceId: string;
        leadTimes: { overall: { toLive: Lead; stages: (Lead & { stage: string })[] }; states: (Lead & { stateCode: string; toLive: Lead })[] };
        obstacles: { total: number; byCategory: { category: string; severity: string; count: number }[]; oldest: { blockerId: string }[] };
      };
    }>(
      `query($asOf: DateTime) { dashboard(asOf: $asOf) { serviceId
        leadTimes { overall { toLive { count medianDays p80Days } stages { stage count medianDays p80Days } } states { stateCode toLive { count medianDays p80Days } } }
        obstacles(limit: 5) { total byCategory { category severity count } oldest { blockerId } } } }`,
      { asOf: '2026-06-30T21:59:59.999Z' },
    );
    const days = new Intl.NumberFormat('de-DE', { maximumFractionDigits: 1 });
    const shows = async (testId: string, value: number | null) => {
      await ui.page.waitForFunction(
        ([id, v]) => document.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-value') === v,
        [testId, value === null ? '' : String(value)] as const,
      );
      expect(await ui.page.getByTestId(testId).textContent()).toBe(value === null ? '–' : days.format(value));
    };

    // lead times: overall to live, and per stage
    expect(api.leadTimes.overall.toLive.count).toBeGreaterThan(0);
    await shows('lead-to-live-medianDays', api.leadTimes.overall.toLive.medianDays);
    await shows('lead-to-live-p80Days', api.leadTimes.overall.toLive.p80Days);
    expect(Number(await ui.page.getByTestId('lead-to-live-count').getAttribute('data-value'))).toBe(api.leadTimes.overall.toLive.count);
    for (const stage of api.leadTimes.overall.stages) {
      await shows(`lead-stage-${stage.stage}-median`, stage.medianDays);
      await shows(`lead-stage-${stage.stage}-p80`, stage.p80Days);
    }
    // per state: one row per state with its median
    await ui.page.getByRole('button', { name: 'Je Land' }).click();
    const byState = ui.page.getByTestId('lead-times-states');
    await byState.waitFor();
    for (const s of api.leadTimes.states) {
      const median = byState.locator(`tr[data-state="${s.stateCode}"] td`).first();
      expect(await median.textContent()).toBe(s.toLive.medianDays === null ? '–' : days.format(s.toLive.medianDays));
    }

    // obstacles: the total and each category × severity count
    expect(api.obstacles.total).toBeGreaterThan(0);
    expect(Number(await ui.page.getByTestId('obstacles-total').getAttribute('data-value'))).toBe(api.obstacles.total);
    for (const c of api.obstacles.byCategory) {
      const cell = ui.page.getByTestId(`obstacles-${c.category}-${c.severity}`);
      expect([c.category, c.severity, Number(await cell.getAttribute('data-value')), await cell.textContent()]).toEqual([c.category, c.severity, c.count, de.format(c.count)]);
    }
    expect(await ui.page.getByTestId('obstacles-oldest').locator('li').evaluateAll((items) => items.map((li) => li.getAttribute('data-blocker')))).toEqual(
      api.obstacles.oldest.map((o) => o.blockerId),
    );

    // click-through: a category × severity number opens the open obstacles of that kind (the list shows today's)
    const kind = [...api.obstacles.byCategory].sort((a, b) => b.count - a.count)[0];
    await ui.page.getByTestId(`obstacles-${kind.category}-${kind.severity}`).getByRole('link').click();
    await ui.page.waitForURL((url) => url.hash.startsWith('#/Blocker?'));
    const filter = JSON.parse(new URLSearchParams(new URL(ui.page.url()).hash.split('?')[1]).get('filter')!);
    expect(filter).toEqual({ open: true, serviceId: api.serviceId, category: [kind.category], severity: [kind.severity] });
    const { _allBlockersMeta } = await gql<{ _allBlockersMeta: { count: number } }>('query($f: BlockerFilter) { _allBlockersMeta(filter: $f) { count } }', { f: filter });
    await ui.page.getByText(new RegExp(`^1–\\d+ von ${_allBlockersMeta.count}$`)).waitFor();
  });

  it('recounts the stuck onboardings for another threshold, as the API counts them', async () => {
    await signIn('STEERING_MEMBER');
    await ui.page.getByTestId('dashboard-as-of').fill('2026-06-30');
    await ui.page.getByRole('heading', { name: /Stand 30\.06\.2026/ }).waitFor();
    const stuck = async (minDays: number) =>
      (
        await gql<{ dashboard: { stuckOnboardings: { total: number } } }>('query($asOf: DateTime, $d: Int!) { dashboard(asOf: $asOf) { stuckOnboardings(minDays: $d) { total } } }', {
          asOf: '2026-06-30T21:59:59.999Z',
          d: minDays,
        })
      ).dashboard.stuckOnboardings.total;
    const showsTotal = (total: number) =>
      ui.page.waitForFunction((v) => document.querySelector('[data-testid="stuck-total"]')?.getAttribute('data-value') === v, String(total));
    const [d90, d30] = [await stuck(90), await stuck(30)];
    await showsTotal(d90);
    expect(d30).toBeGreaterThan(d90);
    await ui.page.getByTestId('stuck-min-days').fill('30');
    await ui.page.getByTestId('stuck-min-days').press('Enter');
    await showsTotal(d30);
  });

  it('says so when the figures cannot be loaded, and offers to try again', async () => {
    await signIn('STEERING_MEMBER');
    await ui.page.goto(`${ui.base}/#/?service=00000000-0000-4000-8000-000000000000`);
    const alert = ui.page.getByRole('alert').filter({ hasText: 'Die Zahlen konnten nicht geladen werden' });
    await alert.waitFor();
    await alert.getByRole('button', { name: 'Erneut versuchen' }).waitFor();
  });
});
