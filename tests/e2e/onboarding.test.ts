import type { Locator } from 'playwright-core';
import { chromiumAvailable, saveScreenshot } from '../support/browser.js';
import { consoleInBrowser } from '../support/console-browser.js';

/**
 * The README's walk-through in headless Chromium: a rollout manager walks an
 * authority from INTEREST to LIVE on the onboarding page of the built console,
 * through the real API on a real database.
 */
const run = chromiumAvailable() ? describe : describe.skip;

interface MilestoneRow {
  id: string;
  nameDe: string;
  stage: string;
  required: boolean;
  status: string;
}

const STAGES = ['INTEREST', 'KICK_OFF', 'PREPARATION', 'CONNECTION', 'TEST', 'LIVE'] as const;
const STAGE_DE: Record<string, string> = {
  INTEREST: 'Interesse',
  KICK_OFF: 'Kick-off',
  PREPARATION: 'Vorbereitung',
  CONNECTION: 'Anbindung',
  TEST: 'Test',
  LIVE: 'Live',
};

run('onboarding walk-through in the browser', () => {
  const ui = consoleInBrowser({ apiUser: 'ADMIN', context: { viewport: { width: 1400, height: 1000 } } });
  const gql = ui.gql;

  /** An active onboarding of Aufenthaltstitel in INTEREST, without blocking obstacle, of a state whose contract is signed (not the lead state). */
  async function onboardingToWalk(): Promise<{ id: string; authority: string }> {
    const data = await gql<{
      allServices: { id: string; name: string; leadState: { id: string } | null }[];
      allReuseContracts: { status: string; stateId: string; serviceId: string }[];
    }>('{ allServices(perPage: 100) { id name leadState { id } } allReuseContracts(perPage: 1000) { status stateId serviceId } }');
    const service = data.allServices.find((s) => s.name === 'Aufenthaltstitel')!;
    const signedStates = data.allReuseContracts
      .filter((c) => c.serviceId === service.id && c.status === 'SIGNED' && c.stateId !== service.leadState?.id)
      .map((c) => c.stateId);
    for (const stateId of signedStates) {
      const { allOnboardings } = await gql<{ allOnboardings: { id: string; authority: { name: string } }[] }>(
        'query($f: OnboardingFilter) { allOnboardings(filter: $f, perPage: 5, sortField: "createdAt") { id authority { name } } }',
        { f: { serviceId: service.id, stateId, stage: ['INTEREST'], status: ['ACTIVE'], hasBlockingBlocker: false } },
      );
      if (allOnboardings.length > 0) return { id: allOnboardings[0].id, authority: allOnboardings[0].authority.name };
    }
    throw new Error('the seed has no onboarding in INTEREST of a state with a signed contract');
  }

  async function milestonesOf(onboardingId: string): Promise<MilestoneRow[]> {
    const { allMilestones } = await gql<{ allMilestones: MilestoneRow[] }>(
      'query($f: MilestoneFilter) { allMilestones(filter: $f, perPage: 100, sortField: "position") { id nameDe stage required status } }',
      { f: { onboardingId } },
    );
    return allMilestones;
  }

  const signInAsRolloutManager = (hashPath: string) => ui.signIn(hashPath, 'ROLLOUT_MANAGER');

  const checklistItem = (name: string): Locator => ui.page.getByTestId('milestone-checklist').getByRole('listitem').filter({ hasText: name });
  const activeStage = () => ui.page.getByTestId('stage-stepper').locator('.MuiStepLabel-label.Mui-active');
  const confirm = () => ui.page.getByRole('dialog').getByRole('button', { name: 'Bestätigen' });

  /** Ticks a milestone in the checklist: done (optionally with an evidence link) or not applicable with a reason; waits until the list shows it. */
  async function tick(m: MilestoneRow, how: { evidenceUrl?: string; notApplicable?: string } = {}) {
    const item = checklistItem(m.nameDe);
    await item.getByRole('button', { name: how.notApplicable ? 'Entfällt' : 'Erledigt' }).click();
    const dialog = ui.page.getByRole('dialog');
    if (how.notApplicable) await dialog.getByRole('textbox', { name: 'Begründung' }).fill(how.notApplicable);
    if (how.evidenceUrl) await dialog.getByRole('textbox', { name: 'Link zum Nachweis (optional)' }).fill(how.evidenceUrl);
    await confirm().click();
    await item.getByRole('button', { name: 'Wieder öffnen' }).waitFor();
  }

  async function advanceTo(stage: string) {
    await ui.page.getByTestId('workflow-buttons').getByRole('button', { name: 'Weiterschalten' }).click();
    await ui.page.getByRole('dialog').getByText(`In „${STAGE_DE[stage]}“ weiterschalten`).waitFor();
    await ui.page.getByRole('dialog').getByRole('textbox', { name: 'Kommentar (optional)' }).fill(`Weiter nach ${STAGE_DE[stage]}`);
    await confirm().click();
    await activeStage().filter({ hasText: new RegExp(`^${STAGE_DE[stage]}$`) }).waitFor();
  }

  // Some sixty clicks through a real browser, each waiting for the API: a budget of its own beyond the default minute.
  it('walks an authority from INTEREST to LIVE: milestones stage by stage, Weiterschalten after each; LIVE refused until the last one is done', async () => {
    const target = await onboardingToWalk();
    // The seed may have settled some milestones of an early onboarding already; the walk ticks the open ones.
    const milestones = (await milestonesOf(target.id)).filter((m) => m.status === 'OPEN');

    await signInAsRolloutManager(`/Onboarding/${encodeURIComponent(target.id)}/show`);
    await ui.page.getByText(target.authority).first().waitFor();
    await activeStage().filter({ hasText: /^Interesse$/ }).waitFor();

    const notApplicable = milestones.find((m) => m.stage === 'PREPARATION' && m.required)!;
    const withEvidence = milestones.find((m) => m.stage === 'CONNECTION' && m.required)!;
    const last = milestones.find((m) => m.stage === 'TEST' && m.required)!;
    for (const stage of STAGES.slice(0, -1)) {
      for (const m of milestones.filter((x) => x.stage === stage && x !== last)) {
        if (m === notApplicable) await tick(m, { notApplicable: 'Eintrag pflegt das Land zentral' });
        else if (m === withEvidence) await tick(m, { evidenceUrl: 'https://wiki.example.org/efa/dvdv-zertifikat' });
        else await tick(m);
      }
      if (stage === 'TEST') break;
      await advanceTo(STAGES[STAGES.indexOf(stage) + 1]);
    }
    await saveScreenshot(ui.page, 'onboarding-test-stage');

    // In TEST, with the test application still open: advancing to LIVE is refused, and the page says what is missing.
    const advance = ui.page.getByTestId('workflow-buttons').getByRole('button', { name: 'Weiterschalten' });
    expect(await advance.isDisabled()).toBe(true);
    const reasons = ui.page.getByTestId('advance-reasons');
    await reasons.getByText(`Pflicht-Meilenstein nicht erledigt: ${last.nameDe} (Test)`).waitFor();
    expect(await reasons.textContent()).not.toContain('required milestone');

    await tick(last);
    await reasons.waitFor({ state: 'detached' });
    await advanceTo('LIVE');

    // The stepper, the transition log and the API agree: LIVE.
    expect(await ui.page.getByTestId('stage-stepper').locator('.MuiStepLabel-label.Mui-completed').allTextContents()).toEqual(
      STAGES.slice(0, -1).map((s) => STAGE_DE[s]),
    );
    const log = ui.page.getByTestId('transition-log');
    for (const stage of STAGES.slice(1)) {
      await log.getByRole('row').filter({ hasText: `Weiter nach ${STAGE_DE[stage]}` }).getByText('Weitergeschaltet').waitFor();
    }
    const { Onboarding } = await gql<{ Onboarding: { stage: string; status: string; liveAt: string | null; transitions: { kind: string; toStage: string; actor: string }[] } }>(
      'query($id: ID!) { Onboarding(id: $id) { stage status liveAt transitions { kind toStage actor } } }',
      { id: target.id },
    );
    expect(Onboarding.stage).toBe('LIVE');
    expect(Onboarding.status).toBe('ACTIVE');
    expect(Onboarding.liveAt).not.toBeNull();
    expect(Onboarding.transitions.filter((t) => t.kind === 'ADVANCE').map((t) => t.toStage)).toEqual(STAGES.slice(1));
    const after = await milestonesOf(target.id);
    expect(after.find((m) => m.id === notApplicable.id)!.status).toBe('NOT_APPLICABLE');
    expect(after.find((m) => m.id === withEvidence.id)!.status).toBe('DONE');
    await saveScreenshot(ui.page, 'onboarding');
  }, 180_000);

  it('creates an onboarding from the authority page; a second one of the same service is refused at the service field', async () => {
    const { allOnboardings } = await gql<{ allOnboardings: { authority: { id: string; name: string }; service: { name: string } }[] }>(
      '{ allOnboardings(perPage: 1, filter: { q: "Teltow-Fläming" }) { authority { id name } service { name } } }',
    );
    const existing = allOnboardings.find((o) => o.service.name === 'Aufenthaltstitel')!;
    const { allServices } = await gql<{ allServices: { id: string; name: string }[] }>('{ allServices(perPage: 100) { id name } }');
    const { allOnboardings: own } = await gql<{ allOnboardings: { serviceId: string }[] }>(
      'query($a: ID) { allOnboardings(perPage: 100, filter: { authorityId: $a }) { serviceId } }',
      { a: existing.authority.id },
    );
    const free = allServices.find((s) => !own.some((o) => o.serviceId === s.id))!;

    await signInAsRolloutManager(`/Authority/${encodeURIComponent(existing.authority.id)}/show/onboardings`);
    await ui.page.getByRole('link', { name: 'Anbindung anlegen' }).click();
    await ui.page.waitForURL(/#\/Onboarding\/create/);
    // The authority is filled in (once its name has loaded).
    await ui.page.getByRole('combobox', { name: 'Behörde' }).and(ui.page.locator(`input[value="${existing.authority.name}"]`)).waitFor();

    // The same service again: the API's CONFLICT is shown at the service field, the input kept.
    await ui.page.getByRole('combobox', { name: 'Leistung' }).click();
    await ui.page.getByRole('option', { name: 'Aufenthaltstitel', exact: true }).click();
    await ui.page.getByRole('button', { name: 'Speichern' }).click();
    await ui.page.getByText('diese Behörde hat bereits eine Anbindung für diese Leistung').waitFor();
    expect(ui.page.url()).toMatch(/#\/Onboarding\/create/);
    await saveScreenshot(ui.page, 'onboarding-create-conflict');

    await ui.page.getByRole('combobox', { name: 'Leistung' }).click();
    await ui.page.getByRole('option', { name: free.name, exact: true }).click();
    await ui.page.getByRole('textbox', { name: 'Verantwortlich' }).fill('Rollout-Team (Test)');
    await ui.page.getByRole('button', { name: 'Speichern' }).click();
    await ui.page.waitForURL(/#\/Onboarding\/[^/]+\/show$/);
    await activeStage().waitFor();
    const id = decodeURIComponent(/#\/Onboarding\/([^/]+)\/show$/.exec(ui.page.url())![1]);
    const { Onboarding } = await gql<{ Onboarding: { authorityId: string; serviceId: string; owner: string; status: string } }>(
      'query($id: ID!) { Onboarding(id: $id) { authorityId serviceId owner status } }',
      { id },
    );
    expect(Onboarding).toEqual({ authorityId: existing.authority.id, serviceId: free.id, owner: 'Rollout-Team (Test)', status: 'ACTIVE' });
  });

  it('offers the create view from the onboarding list', async () => {
    await signInAsRolloutManager('/Onboarding');
    await ui.page.getByRole('link', { name: 'Erstellen' }).click();
    await ui.page.waitForURL(/#\/Onboarding\/create/);
    await ui.page.getByRole('combobox', { name: 'Behörde' }).waitFor();
    await saveScreenshot(ui.page, 'onboarding-list-create');
  });
});
