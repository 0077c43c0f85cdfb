import type { Page } from 'playwright-core';
import { chromiumAvailable, saveScreenshot } from '../support/browser.js';
import { consoleInBrowser } from '../support/console-browser.js';
import type { TestUserKey } from '../support/test-app.js';

/** The stage board and the contract matrix of the built console, in headless Chromium, through the real API. */
const run = chromiumAvailable() ? describe : describe.skip;

interface OnboardingRow {
  id: string;
  stage: string;
  status: string;
  authority: { name: string };
}

run('stage board and contract matrix in the browser', () => {
  /** The app, the browser and GraphQL from outside it as the test administrator. */
  const ui = consoleInBrowser({ apiUser: 'ADMIN', context: { viewport: { width: 1600, height: 1000 } } });
  const gql = ui.gql;
  let page: Page;
  beforeEach(() => {
    ({ page } = ui);
  });

  const openSignedIn = (hashPath: string, user: TestUserKey = 'ADMIN') => ui.signIn(hashPath, user);

  async function aufenthaltstitelId(): Promise<string> {
    const { allServices } = await gql<{ allServices: { id: string; name: string }[] }>('{ allServices(perPage: 100) { id name } }');
    return allServices.find((s) => s.name === 'Aufenthaltstitel')!.id;
  }

  async function onboardings(filter: Record<string, unknown>): Promise<OnboardingRow[]> {
    const { allOnboardings } = await gql<{ allOnboardings: OnboardingRow[] }>(
      'query($f: OnboardingFilter) { allOnboardings(filter: $f, perPage: 1000) { id stage status authority { name } } }',
      { f: filter },
    );
    return allOnboardings;
  }

  async function stageOf(id: string): Promise<string> {
    return (await gql<{ Onboarding: { stage: string } }>('query($id: ID!) { Onboarding(id: $id) { stage } }', { id })).Onboarding.stage;
  }

  const card = (id: string) => page.locator(`[data-testid="board-card"][data-onboarding-id="${id}"]`);
  const column = (stage: string) => page.locator(`[data-stage="${stage}"]`);

  it('moves a card dragged to the next column with one advanceOnboarding', async () => {
    const serviceId = await aufenthaltstitelId();
    const candidates = await onboardings({ serviceId, status: ['ACTIVE'], stage: ['INTEREST'], hasBlockingBlocker: false });
    expect(candidates.length).toBeGreaterThan(0);
    const target = candidates[0];

    await openSignedIn('/board');
    await page.getByText('Stufen-Board').first().waitFor();
    await card(target.id).waitFor();
    expect(await column('INTEREST').locator(`[data-onboarding-id="${target.id}"]`).count()).toBe(1);

    const mutations: string[] = [];
    page.on('request', (request) => {
      const body = request.postData() ?? '';
      if (request.url().endsWith('/graphql') && body.includes('mutation')) mutations.push(body);
    });
    await card(target.id).dragTo(column('KICK_OFF'), { targetPosition: { x: 60, y: 16 } });

    await column('KICK_OFF').locator(`[data-onboarding-id="${target.id}"]`).waitFor();
    for (let i = 0; i < 50 && (await stageOf(target.id)) !== 'KICK_OFF'; i++) await page.waitForTimeout(100);
    expect(await stageOf(target.id)).toBe('KICK_OFF');
    expect(mutations).toHaveLength(1);
    expect(mutations[0]).toContain('advanceOnboarding');
    await page.getByText(`${target.authority.name} wurde nach Kick-off verschoben.`).waitFor();
  });

  it('moves a card with the keyboard only: its menu "Verschieben nach …" advances it with one mutation, and moves it back with a reason', async () => {
    const serviceId = await aufenthaltstitelId();
    const candidates = await onboardings({ serviceId, status: ['ACTIVE'], stage: ['INTEREST'], hasBlockingBlocker: false });
    const target = candidates[candidates.length - 1];

    await openSignedIn('/board');
    await card(target.id).waitFor();
    const mutations: string[] = [];
    page.on('request', (request) => {
      const body = request.postData() ?? '';
      if (request.url().endsWith('/graphql') && body.includes('mutation')) mutations.push(body);
    });

    // Focus the card's menu button (as Tab would reach it), open it with Enter, the first entry is the next stage.
    const menuButton = card(target.id).getByRole('button', { name: `${target.authority.name} verschieben …` });
    await menuButton.focus();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu');
    await menu.getByRole('menuitem', { name: 'Kick-off' }).waitFor();
    expect(await menu.getByRole('menuitem').allTextContents()).toEqual(['Kick-off', 'Vorbereitung', 'Anbindung', 'Test', 'Live']);
    await page.keyboard.press('Enter');
    await column('KICK_OFF').locator(`[data-onboarding-id="${target.id}"]`).waitFor();
    await page.getByText(`${target.authority.name} wurde nach Kick-off verschoben.`).waitFor();
    for (let i = 0; i < 50 && (await stageOf(target.id)) !== 'KICK_OFF'; i++) await page.waitForTimeout(100);
    expect(await stageOf(target.id)).toBe('KICK_OFF');
    expect(mutations).toHaveLength(1);
    expect(mutations[0]).toContain('advanceOnboarding');

    // Back to Interesse: the menu lists it first; the dialog asks for the reason; Tab reaches "Zurückstufen".
    await card(target.id).getByRole('button', { name: `${target.authority.name} verschieben …` }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menu').getByRole('menuitem', { name: 'Interesse' }).waitFor();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Begründung' }).waitFor();
    await page.keyboard.type('Kick-off-Termin verschoben');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await column('INTEREST').locator(`[data-onboarding-id="${target.id}"]`).waitFor();
    for (let i = 0; i < 50 && (await stageOf(target.id)) !== 'INTEREST'; i++) await page.waitForTimeout(100);
    expect(await stageOf(target.id)).toBe('INTEREST');
    expect(mutations).toHaveLength(2);
    expect(mutations[1]).toContain('moveOnboardingBack');
    await saveScreenshot(page, 'board');
  });

  it('snaps a refused move back and shows the reasons (open BLOCKING obstacle)', async () => {
    const serviceId = await aufenthaltstitelId();
    const blocked = (await onboardings({ serviceId, status: ['ACTIVE'], hasBlockingBlocker: true })).filter((o) => o.stage !== 'LIVE');
    expect(blocked.length).toBeGreaterThan(0);
    const target = blocked[0];
    const stages = ['INTEREST', 'KICK_OFF', 'PREPARATION', 'CONNECTION', 'TEST', 'LIVE'];
    const next = stages[stages.indexOf(target.stage) + 1];

    await openSignedIn('/board');
    await card(target.id).waitFor();
    await card(target.id).getByText('Blockiert').waitFor();
    await card(target.id).dragTo(column(next), { targetPosition: { x: 60, y: 16 } });

    const refusal = page.getByTestId('board-refusal');
    await refusal.waitFor();
    await refusal.getByText(`${target.authority.name} konnte nicht nach`, { exact: false }).waitFor();
    await refusal.getByText('Offenes blockierendes Hemmnis:', { exact: false }).first().waitFor();
    // Snapped back: still in its column, and unchanged in the API.
    await column(target.stage).locator(`[data-onboarding-id="${target.id}"]`).waitFor();
    expect(await column(next).locator(`[data-onboarding-id="${target.id}"]`).count()).toBe(0);
    expect(await stageOf(target.id)).toBe(target.stage);
  });

  it('offers no drag and no selection to a steering-group member', async () => {
    await openSignedIn('/board', 'STEERING_MEMBER');
    await page.getByTestId('board-card').first().waitFor();
    await page.getByText('Ihre Rolle darf das Board ansehen, aber keine Anbindungen verschieben.').waitFor();
    expect(await page.getByTestId('board-card').first().getAttribute('draggable')).toBe('false');
    expect(await page.getByTestId('board').getByRole('checkbox').count()).toBe(0);

    // A column longer than a page shows 50 cards, its whole count and "+ N weitere", which loads the next page.
    const { stageBoard } = await gql<{ stageBoard: { columns: { stage: string; total: number }[] } }>(
      'query($s: ID!) { stageBoard(serviceId: $s, perStage: 1) { columns { stage total } } }',
      { s: await aufenthaltstitelId() },
    );
    const longest = [...stageBoard.columns].sort((a, b) => b.total - a.total)[0];
    expect(longest.total).toBeGreaterThan(50);
    const col = column(longest.stage);
    expect(await col.getByTestId('board-column-total').textContent()).toBe(String(longest.total));
    expect(await col.getByTestId('board-card').count()).toBe(50);
    // The button itself, not a scroll: a real click scrolls it into view first, and reaching the column's
    // end loads the next page by itself (the button then changes under the click).
    const more = col.getByTestId('board-more');
    expect(await more.textContent()).toBe(`+ ${longest.total - 50} weitere`);
    await more.dispatchEvent('click');
    await col.getByTestId('board-card').nth(Math.min(longest.total, 100) - 1).waitFor();
    expect(await col.getByTestId('board-card').count()).toBe(Math.min(longest.total, 100));
  });

  it('shows the contract matrix with the Brandenburg and Sachsen-Anhalt cells, and opens a contract', async () => {
    await openSignedIn('/contracts-matrix');
    const matrix = page.getByTestId('contract-matrix');
    await matrix.waitFor();
    await matrix.getByRole('rowheader', { name: 'Brandenburg (BB)' }).waitFor();
    await matrix.getByRole('rowheader', { name: 'Sachsen-Anhalt (ST)' }).waitFor();
    const bb = matrix.locator('td[data-state="BB"][data-service="Aufenthaltstitel"]');
    const st = matrix.locator('td[data-state="ST"][data-service="Aufenthaltstitel"]');
    await bb.waitFor();
    await st.waitFor();
    await saveScreenshot(page, 'contract-matrix');

    const { allReuseContracts } = await gql<{ allReuseContracts: { id: string; status: string; state: { code: string }; service: { name: string } }[] }>(
      '{ allReuseContracts(perPage: 1000) { id status state { code } service { name } } }',
    );
    const labels: Record<string, string> = {
      NONE: 'Kein Vertrag',
      INTEREST_DECLARED: 'Interesse bekundet',
      NEGOTIATING: 'In Verhandlung',
      SIGNED: 'Unterzeichnet',
      TERMINATED: 'Beendet',
    };
    for (const [code, cell] of [['BB', bb], ['ST', st]] as const) {
      const contract = allReuseContracts.find((c) => c.state.code === code && c.service.name === 'Aufenthaltstitel');
      await cell.getByText(contract ? labels[contract.status] : 'Kein Vertrag', { exact: true }).waitFor();
    }
    const stContract = allReuseContracts.find((c) => c.state.code === 'ST' && c.service.name === 'Aufenthaltstitel');
    if (stContract) {
      await st.getByRole('link').click();
      await page.waitForURL((url) => url.hash === `#/ReuseContract/${stContract.id}/show`);
    }
  });
});
