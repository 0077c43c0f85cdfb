import { jest } from '@jest/globals';
import { mkdir } from 'node:fs/promises';
import { chromiumAvailable } from '../support/browser.js';
import { consoleInBrowser } from '../support/console-browser.js';

/**
 * Meetings in the console: create one, prefill its agenda from the changes since the previous
 * meeting of the same kind, add an action item linked to an onboarding and see it overdue on the
 * onboarding page; minutes with a script render inert. Headless Chromium, real API, real database.
 */
const run = chromiumAvailable() ? describe : describe.skip;
jest.setTimeout(180_000);


const dayOffset = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const pad = (n: number) => String(n).padStart(2, '0');
/** A datetime-local value (the browser's zone) `days` from now at `hour`:00. */
const localDateTime = (days: number, hour: number) => {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(hour)}:00`;
};

run('meetings in the browser', () => {
  const ui = consoleInBrowser({ apiUser: 'ADMIN', defaultPage: false });
  const query = (sql: string, params?: unknown[]) => ui.db.dataSource.query(sql, params);

  it('creates a meeting, prefills its agenda, adds an action item linked to an onboarding and shows it overdue on the onboarding page', async () => {
    const previousTitle = 'Informationsveranstaltung Aufenthaltstitel – Vormonat (Test)';
    await ui.gql(`mutation($s: DateTime!, $e: DateTime!, $t: String!) { createMeeting(kind: INFORMATION_EVENT, title: $t, startsAt: $s, endsAt: $e) { id } }`, {
      t: previousTitle,
      s: new Date(Date.now() - 3 * 3_600_000).toISOString(),
      e: new Date(Date.now() - 2 * 3_600_000).toISOString(),
    });
    const [onboarding] = await query(
      `SELECT o.id, a.name AS authority FROM onboarding o JOIN authority a ON a.id = o.authority_id JOIN service s ON s.id = o.service_id
       WHERE s.ozg_id = '10255' AND a.name NOT LIKE '%(%' ORDER BY a.name LIMIT 1`,
    );

    const page = await ui.openSignedIn('/Meeting/create');
    await page.getByRole('combobox', { name: 'Art' }).click();
    await page.getByRole('option', { name: 'Informationsveranstaltung', exact: true }).click();
    await page.getByRole('textbox', { name: 'Titel' }).fill('Informationsveranstaltung Aufenthaltstitel – Test');
    await page.getByLabel('Beginn').fill(localDateTime(1, 10));
    await page.getByLabel('Ende').fill(localDateTime(1, 12));
    await page.getByTestId('prefill-agenda').click();
    const agenda = page.getByRole('textbox', { name: 'Tagesordnung (Markdown)' });
    await page.waitForFunction(() => (document.querySelector('textarea[name="agenda"]') as HTMLTextAreaElement | null)?.value.includes('Änderungen seit der letzten Sitzung'));
    expect(await agenda.inputValue()).toContain(`„${previousTitle.replace(/[-.()–]/g, (c) => (c === '–' ? c : `\\${c}`))}“`);
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.waitForURL(/#\/Meeting\/[^/]+\/show$/);
    const meetingId = /#\/Meeting\/([^/]+)\/show$/.exec(page.url())![1];
    const rendered = page.getByTestId('agenda-rendered');
    await rendered.getByText('Begrüßung und Feststellung der Tagesordnung').waitFor();
    // the agenda is a rendered numbered list, the previous meeting's title as text (escapes gone)
    await rendered.locator('ol > li').first().waitFor();
    expect(await rendered.textContent()).toContain(previousTitle);

    await page.getByTestId('add-action-item').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Text' }).fill('Zertifikat für den DVDV-Eintrag beantragen');
    await dialog.getByRole('textbox', { name: 'Verantwortlich (Organisation)' }).fill('Ausländerbehörde (fiktive Rolle)');
    await dialog.getByLabel('Fällig am').fill(dayOffset(-2));
    await dialog.getByRole('combobox', { name: 'Anbindung' }).fill(onboarding.authority);
    await page.getByRole('option', { name: new RegExp(`^${onboarding.authority.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} · Aufenthaltstitel`) }).click();
    await dialog.getByRole('button', { name: 'Speichern' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.getByTestId('meeting-items').locator('tr', { hasText: 'Zertifikat für den DVDV-Eintrag beantragen' });
    await row.getByTestId('item-overdue').waitFor();
    await row.getByText(onboarding.authority).waitFor();
    const [item] = await query(`SELECT meeting_id, kind, status, owner_organisation, onboarding_id, due_date::text AS due FROM meeting_item WHERE text = 'Zertifikat für den DVDV-Eintrag beantragen'`);
    expect(item).toEqual({ meeting_id: meetingId, kind: 'ACTION_ITEM', status: 'OPEN', owner_organisation: 'Ausländerbehörde (fiktive Rolle)', onboarding_id: onboarding.id, due: dayOffset(-2) });
    await mkdir('tests/e2e/screenshots', { recursive: true });
    await page.screenshot({ path: 'tests/e2e/screenshots/meeting.png' });

    await page.goto(`${ui.base}/#/Onboarding/${onboarding.id}/show`);
    const section = page.getByTestId('section-overdue-action-items');
    await section.getByText('Zertifikat für den DVDV-Eintrag beantragen').waitFor();
    await section.getByRole('link', { name: 'Informationsveranstaltung Aufenthaltstitel – Test' }).waitFor();

    // the action items list filtered "overdue" has it too
    await page.goto(`${ui.base}/#/MeetingItem?filter=${encodeURIComponent(JSON.stringify({ kind: 'ACTION_ITEM', overdue: true }))}`);
    await page.getByText('Zertifikat für den DVDV-Eintrag beantragen').waitFor();
  });

  it('renders minutes as Markdown with scripts, event handlers and javascript: links inert', async () => {
    const minutes = [
      '## Protokoll',
      '',
      '**Beschlossen:** Go-Live im Januar.',
      '',
      '<script>window.__pwned = 1</script>',
      '<img src="x" onerror="window.__pwned = 2">',
      '',
      '[Klick mich](javascript:window.__pwned=3) und <b onmouseover="window.__pwned=4">fett</b>',
      '',
      '![Bild](javascript:window.__pwned=5)',
    ].join('\n');
    const { createMeeting } = await ui.gql<{ createMeeting: { id: string } }>(
      `mutation($m: String!, $s: DateTime!, $e: DateTime!) { createMeeting(kind: WORKSHOP, title: "Workshop Protokolltest", startsAt: $s, endsAt: $e, minutes: $m) { id } }`,
      { m: minutes, s: new Date().toISOString(), e: new Date(Date.now() + 3_600_000).toISOString() },
    );
    const page = await ui.openSignedIn(`/Meeting/${createMeeting.id}/show`);
    page.on('dialog', (d) => {
      throw new Error(`unexpected dialog: ${d.message()}`);
    });
    const rendered = page.getByTestId('minutes-rendered');
    await rendered.locator('h2', { hasText: 'Protokoll' }).waitFor();
    await rendered.locator('strong', { hasText: 'Beschlossen:' }).waitFor();
    expect(await rendered.locator('script, img[onerror], [onmouseover], b').count()).toBe(0);
    const hrefs = await rendered.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs.every((h) => !/^javascript:/i.test(h))).toBe(true);
    await rendered.getByText('Klick mich').click();
    for (const img of await rendered.locator('img').all()) expect((await img.getAttribute('src')) ?? '').not.toMatch(/^javascript:/i);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('script:not([src])', { hasText: '__pwned' }).count()).toBe(0);
  });
});
