import type { Page } from 'playwright-core';
import { chromiumAvailable, saveScreenshot } from '../support/browser.js';
import { consoleInBrowser } from '../support/console-browser.js';

/**
 * Rollout waves and connection guides in the built console (headless Chromium, real API):
 * create a wave in the form, assign onboardings from the list, filter the board by the wave, read
 * the wave page's progress; edit a guide section, see it next to its milestone on the onboarding
 * page (rendered Markdown, raw HTML inert), and see the edit in the history.
 */
const run = chromiumAvailable() ? describe : describe.skip;

run('rollout waves and connection guides in the browser', () => {
  const ui = consoleInBrowser({ apiUser: 'ADMIN', context: { viewport: { width: 1500, height: 1000 } } });
  const gql = ui.gql;
  let page: Page;
  beforeEach(() => {
    ({ page } = ui);
  });

  async function aufenthaltstitelId(): Promise<string> {
    const { allServices } = await gql<{ allServices: { id: string; name: string }[] }>('{ allServices(perPage: 100) { id name } }');
    return allServices.find((s) => s.name === 'Aufenthaltstitel')!.id;
  }
  const isoDay = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const until = async (check: () => Promise<boolean>) => {
    for (let i = 0; i < 100 && !(await check()); i++) await page.waitForTimeout(100);
    expect(await check()).toBe(true);
  };

  it('creates a wave, assigns onboardings from the list, filters the board by it and shows its progress', async () => {
    const serviceId = await aufenthaltstitelId();
    const { allOnboardings } = await gql<{ allOnboardings: { id: string; stage: string; authority: { name: string } }[] }>(
      'query($f: OnboardingFilter) { allOnboardings(filter: $f, perPage: 3, sortField: "authorityId") { id stage authority { name } } }',
      { f: { serviceId, inWave: false, status: ['ACTIVE'], stage: ['KICK_OFF', 'CONNECTION', 'TEST'] } },
    );
    expect(allOnboardings).toHaveLength(3);

    // Create the wave in the form.
    await ui.signIn('/Wave/create');
    await page.getByLabel('Onlinedienst').click();
    await page.getByRole('option', { name: 'Aufenthaltstitel', exact: true }).click();
    await page.getByLabel('Name').fill('Welle Test – Browser');
    await page.getByLabel('Beginn').fill(isoDay(-30));
    await page.getByLabel('Ziel-Go-Live').fill(isoDay(60));
    await page.getByLabel('Organisationen (eine pro Zeile)').fill('Land Brandenburg\nKommunaler IT-Dienstleister');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.waitForURL(/#\/Wave\/[0-9a-f-]+\/show/);
    const waveId = /#\/Wave\/([0-9a-f-]+)\/show/.exec(page.url())![1];
    const { Wave } = await gql<{ Wave: { name: string; organisations: string[]; targetGoLive: string } }>('query($id: ID!) { Wave(id: $id) { name organisations targetGoLive } }', { id: waveId });
    expect(Wave).toEqual({ name: 'Welle Test – Browser', organisations: ['Land Brandenburg', 'Kommunaler IT-Dienstleister'], targetGoLive: isoDay(60) });

    // Assign the three onboardings with the list's bulk action (one assignToWave).
    const filter = encodeURIComponent(JSON.stringify({ ids: allOnboardings.map((o) => o.id) }));
    await page.goto(`${ui.base}/#/Onboarding?filter=${filter}&page=1`);
    await page.getByText(allOnboardings[0].authority.name).first().waitFor();
    const mutations: string[] = [];
    page.on('request', (request) => {
      const body = request.postData() ?? '';
      if (request.url().endsWith('/graphql') && body.includes('mutation')) mutations.push(body);
    });
    await page.getByRole('checkbox', { name: /alle auswählen/i }).first().check();
    await page.getByTestId('assign-to-wave').click();
    await page.getByTestId('assign-wave-select').locator('..').click();
    await page.getByRole('option', { name: 'Welle Test – Browser' }).click();
    await page.getByRole('button', { name: 'Zuordnen' }).click();
    await page.getByText('3 Onboardings zugeordnet').waitFor();
    expect(mutations.filter((m) => m.includes('assignToWave'))).toHaveLength(1);
    const inWave = async () => (await gql<{ allOnboardings: { id: string }[] }>('query($w: ID) { allOnboardings(filter: { waveId: $w }) { id } }', { w: waveId })).allOnboardings.length;
    await until(async () => (await inWave()) === 3);

    // The board narrowed to the wave shows exactly its three cards.
    await page.goto(`${ui.base}/#/board?service=${serviceId}&wave=${waveId}`);
    for (const o of allOnboardings) await page.locator(`[data-testid="board-card"][data-onboarding-id="${o.id}"]`).waitFor();
    await until(async () => (await page.locator('[data-testid="board-card"]').count()) === 3);
    await page.getByText('3 Anbindungen', { exact: true }).first().waitFor();

    // The wave page: progress against the target date, counts per stage, its onboardings, organisations.
    await page.goto(`${ui.base}/#/Wave/${waveId}/show`);
    await page.getByTestId('wave-progress-bar').waitFor();
    const expectedPct = Math.round((30 / 90) * 100);
    await page.getByTestId('wave-progress-text').getByText(`Plan heute: ${expectedPct} %`).waitFor();
    const stages = allOnboardings.map((o) => o.stage);
    for (const stage of new Set(stages)) {
      const n = stages.filter((s) => s === stage).length;
      await page.locator(`[data-testid="wave-stage-counts"] [data-stage="${stage}"]`).getByText(`: ${n}`).waitFor();
    }
    await page.getByText('Noch 60 Tage bis zum Zieltermin').waitFor();
    for (const o of allOnboardings) await page.getByTestId('wave-onboardings').getByText(o.authority.name).waitFor();
    await page.getByTestId('wave-members').getByText('Kommunaler IT-Dienstleister').waitFor();
    await saveScreenshot(page, 'wave');

    // The wave's meetings ("Termine"): one created through GraphQL is listed; the button opens the
    // meeting form with the wave preselected.
    const start = new Date(Date.now() + 7 * 86_400_000);
    await gql('mutation($w: ID!, $s: DateTime!, $e: DateTime!) { createMeeting(kind: KICK_OFF, title: "Kick-off Welle Browser", startsAt: $s, endsAt: $e, waveId: $w) { id } }', {
      w: waveId,
      s: start.toISOString(),
      e: new Date(start.getTime() + 3_600_000).toISOString(),
    });
    await page.reload();
    await page.getByTestId('wave-meetings').getByText('Kick-off Welle Browser').waitFor();
    await page.getByTestId('wave-new-meeting').click();
    await page.waitForURL(/#\/Meeting\/create/);
    const waveInput = page.getByLabel('Welle', { exact: true });
    for (let i = 0; i < 100 && (await waveInput.inputValue()) !== 'Welle Test – Browser'; i++) await page.waitForTimeout(100);
    expect(await waveInput.inputValue()).toBe('Welle Test – Browser');
  }, 180_000);

  it('edits a guide section, shows it next to its milestone on the onboarding page (HTML inert) and keeps the edit in the history', async () => {
    const serviceId = await aufenthaltstitelId();
    const { connectionGuide } = await gql<{ connectionGuide: { sections: { id: string; title: string; milestoneKey: string }[] } }>(
      'query($s: ID!) { connectionGuide(serviceId: $s) { sections { id title milestoneKey } } }',
      { s: serviceId },
    );
    const section = connectionGuide.sections.find((s) => s.milestoneKey === 'DVDV_ENTRY')!;

    await ui.signIn(`/GuideSection/${section.id}`);
    const body = page.getByLabel('Text (Markdown)');
    await body.waitFor();
    await body.fill(
      '## DVDV-Eintrag\n\nDie **DVDV-Pflegestelle** des Landes trägt die Behörde ein.\n\n<script>window.__guideXss = 1</script>\n<img src="x" onerror="window.__guideXss = 2">\n\n[Link](javascript:window.__guideXss=3)',
    );
    await page.getByTestId('guide-preview').getByText('DVDV-Pflegestelle').waitFor();
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.waitForURL(/#\/GuideSection(\?|$)/);
    const { guideSectionVersions } = await gql<{ guideSectionVersions: { revision: number; author: string; body: string }[] }>(
      'query($id: ID!) { guideSectionVersions(sectionId: $id) { revision author body } }',
      { id: section.id },
    );
    expect(guideSectionVersions.map((v) => [v.revision, v.author])).toEqual([
      [2, 'admin@test.invalid'],
      [1, 'system'],
    ]);

    // The onboarding page: "Leitfaden" next to the DVDV milestone, folded until opened.
    const { allOnboardings } = await gql<{ allOnboardings: { id: string }[] }>('query($s: ID) { allOnboardings(filter: { serviceId: $s }, perPage: 1) { id } }', { s: serviceId });
    await page.goto(`${ui.base}/#/Onboarding/${allOnboardings[0].id}/show`);
    const toggle = page.getByTestId('guide-toggle-DVDV_ENTRY');
    await toggle.waitFor();
    expect(await toggle.textContent()).toContain('Leitfaden (1)');
    await toggle.click();
    const guide = page.getByTestId('guide-body-DVDV_ENTRY');
    await guide.locator('strong', { hasText: 'DVDV-Pflegestelle' }).waitFor();
    await guide.getByText('Routing: DVDV-Eintrag und Zertifikat').waitFor();
    expect(await guide.locator('script, img, [onerror]').count()).toBe(0);
    const link = guide.getByRole('link', { name: 'Link' });
    expect(await link.getAttribute('href')).not.toMatch(/javascript/i);
    await link.click({ modifiers: [] }).catch(() => undefined);
    expect(await page.evaluate(() => (window as unknown as { __guideXss?: number }).__guideXss)).toBeUndefined();
    await saveScreenshot(page, 'guide-on-onboarding');

    // The history: both versions with who and when, and the change.
    await page.goto(`${ui.base}/#/GuideSection/${section.id}`);
    await page.getByTestId('guide-history-open').click();
    const history = page.getByTestId('guide-history');
    await history.getByText('Version 2', { exact: true }).waitFor();
    await history.getByText('Version 1', { exact: true }).waitFor();
    await history.getByText(/admin@test\.invalid/).waitFor();
    await history.getByTestId('guide-diff').locator('ins', { hasText: 'DVDV-Pflegestelle' }).first().waitFor();
    await history.getByRole('tab', { name: 'Nebeneinander' }).click();
    await history.getByText('Vorher (Version 1)').waitFor();
    await saveScreenshot(page, 'guide-history');
  }, 180_000);
});
