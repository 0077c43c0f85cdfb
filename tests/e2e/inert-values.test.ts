import { chromiumAvailable } from '../support/browser.js';
import { consoleInBrowser } from '../support/console-browser.js';

/**
 * Stored script renders inertly. Script and HTML fragments are stored through GraphQL in the text
 * fields the console shows (authority name, notes and website; onboarding notes, owner and contact
 * fields; obstacle title and description; milestone note; transition comment; meeting title,
 * location, agenda and minutes; guide section title and body), then the pages that render them are
 * opened in one signed-in browser session. Required: no script ran (no `window.__pwned`, no dialog,
 * no CSP violation — an injected inline handler would raise one even though the CSP blocks it),
 * no injected element exists in the DOM, plain-text fields show the fragment literally, Markdown
 * fields show their text with the raw HTML dropped and no `javascript:` link.
 */
const run = chromiumAvailable() ? describe : describe.skip;

/** A fragment that would run (or at least show up as an element) if a field were rendered as HTML. */
const fragment = (key: string) => `Wert ${key} <img src=x id="pwned-${key}" onerror="window.__pwned='${key}'"><script>window.__pwned='${key}'</script><b id="bold-${key}">fett</b>`;
/** The same in Markdown text, with a javascript: link; Markdown drops the raw HTML, so only the text shows. */
const markdown = (key: string) => `Text ${key} <img src=x id="pwned-${key}" onerror="window.__pwned='${key}'"> [Link ${key}](javascript:window.__pwned='${key}') <script>window.__pwned='${key}'</script>`;

run('values with script and HTML render inertly in the console', () => {
  const ui = consoleInBrowser({ apiUser: 'ADMIN', context: { viewport: { width: 1400, height: 1100 } } });

  it('every text field the console shows, on its pages: literal text, nothing executed, nothing injected', async () => {
    const [target] = await ui.db.dataSource.query(
      `SELECT o.id, o.version, o.authority_id, o.service_id, a.version AS authority_version, s.id AS state_id
       FROM onboarding o JOIN authority a ON a.id = o.authority_id JOIN state s ON s.id = a.state_id
       WHERE o.status = 'ACTIVE' AND o.stage = 'INTEREST'
         AND NOT EXISTS (SELECT 1 FROM blocker b WHERE b.onboarding_id = o.id AND b.severity = 'BLOCKING' AND b.resolved_at IS NULL)
       ORDER BY a.name LIMIT 1`,
    );
    const authority = await ui.gql<{ updateAuthority: { id: string } }>(
      `mutation($id: ID!, $v: Int!, $name: String, $notes: String, $web: String) { updateAuthority(id: $id, version: $v, name: $name, notes: $notes, website: $web) { id } }`,
      { id: target.authority_id, v: target.authority_version, name: fragment('authority-name'), notes: fragment('authority-notes'), web: `https://example.org/?q="><img/src=x/id=pwned-website/onerror=window.__pwned=1>` },
    );
    expect(authority.updateAuthority.id).toBe(target.authority_id);
    const advanced = await ui.gql<{ advanceOnboarding: { version: number } }>(`mutation($id: ID!, $v: Int!, $c: String) { advanceOnboarding(id: $id, version: $v, comment: $c) { version } }`, {
      id: target.id,
      v: target.version,
      c: fragment('transition-comment'),
    });
    await ui.gql(
      `mutation($id: ID!, $v: Int!, $notes: String, $owner: String, $subject: String, $technical: String) {
         updateOnboarding(id: $id, version: $v, notes: $notes, owner: $owner, subjectContact: $subject, technicalContact: $technical) { id } }`,
      { id: target.id, v: advanced.advanceOnboarding.version, notes: fragment('onboarding-notes'), owner: fragment('owner'), subject: fragment('subject-contact'), technical: fragment('technical-contact') },
    );
    await ui.gql(`mutation($o: ID!, $t: String!, $d: String) { createBlocker(onboardingId: $o, title: $t, description: $d, category: TECHNICAL, severity: DELAYING) { id } }`, {
      o: target.id,
      t: fragment('obstacle-title'),
      d: fragment('obstacle-description'),
    });
    const [milestone] = await ui.db.dataSource.query(`SELECT id, version FROM milestone WHERE onboarding_id = $1 AND status = 'OPEN' ORDER BY position LIMIT 1`, [target.id]);
    await ui.gql(`mutation($id: ID!, $v: Int!, $n: String) { completeMilestone(id: $id, version: $v, note: $n) { id } }`, { id: milestone.id, v: milestone.version, n: fragment('milestone-note') });
    const meeting = await ui.gql<{ createMeeting: { id: string } }>(
      `mutation($t: String!, $loc: String, $agenda: String, $minutes: String, $s: ID!, $svc: ID!) {
         createMeeting(title: $t, kind: PROJECT_MEETING, startsAt: "2026-03-02T09:00:00Z", endsAt: "2026-03-02T10:00:00Z", location: $loc, agenda: $agenda, minutes: $minutes, stateIds: [$s], serviceIds: [$svc]) { id } }`,
      { t: fragment('meeting-title'), loc: fragment('meeting-location'), agenda: markdown('agenda'), minutes: markdown('minutes'), s: target.state_id, svc: target.service_id },
    );
    const guide = await ui.gql<{ createGuideSection: { id: string } }>(`mutation($s: ID!, $t: String!, $b: String!) { createGuideSection(serviceId: $s, title: $t, body: $b) { id } }`, {
      s: target.service_id,
      t: fragment('guide-title'),
      b: markdown('guide-body'),
    });

    const page = ui.page;
    const dialogs: string[] = [];
    page.on('dialog', async (d) => {
      dialogs.push(d.message());
      await d.dismiss();
    });
    await page.addInitScript(() => {
      const w = window as unknown as { __violations: string[] };
      w.__violations = [];
      // inline script (an element or an on…= handler from a stored value); the console's own code has none
      document.addEventListener('securitypolicyviolation', (e) => {
        if (e.blockedURI === 'inline' || /attr|elem/.test(e.effectiveDirective)) w.__violations.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
      });
    });

    /** Nothing ran and nothing was injected on the page as it is now. */
    const expectInert = async (where: string) => {
      const state = await page.evaluate(() => {
        const w = window as unknown as { __pwned?: string; __violations: string[] };
        return {
          pwned: w.__pwned ?? null,
          violations: w.__violations,
          injected: [...document.querySelectorAll('[id^="pwned-"], [id^="bold-"], script:not([src])')].map((e) => e.outerHTML.slice(0, 80)),
          jsLinks: [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href') ?? '').filter((h) => /^\s*javascript:/i.test(h)),
        };
      });
      expect({ where, ...state, dialogs }).toEqual({ where, pwned: null, violations: [], injected: [], jsLinks: [], dialogs: [] });
    };
    /** Waits until the fragment shows as text; on failure the error tells what the page showed instead. */
    const literal = async (key: string) => {
      try {
        await page.getByText(fragment(key), { exact: false }).first().waitFor({ timeout: 45_000 });
      } catch (e) {
        const shown = await page.locator('body').innerText().catch(() => '(no body)');
        throw new Error(`${key} not shown literally on ${page.url()}: ${(e as Error).message.split('\n')[0]}\npage text: ${shown.slice(0, 2000)}`);
      }
    };

    await ui.signIn(`/Authority/${target.authority_id}/show`);
    for (const key of ['authority-name', 'authority-notes']) await literal(key);
    await page.getByText('https://example.org/?q="><img/src=x/id=pwned-website/onerror=window.__pwned=1>', { exact: false }).first().waitFor();
    await expectInert('authority page');

    await page.goto(`${ui.base}/#/Onboarding/${target.id}/show`);
    for (const key of ['onboarding-notes', 'owner', 'subject-contact', 'technical-contact', 'obstacle-title', 'milestone-note', 'transition-comment', 'authority-name']) await literal(key);
    await expectInert('onboarding page');

    await page.goto(`${ui.base}/#/Authority?filter=${encodeURIComponent(JSON.stringify({ q: 'authority-name' }))}`);
    await literal('authority-name');
    await expectInert('authority list');

    await page.goto(`${ui.base}/#/Meeting/${meeting.createMeeting.id}/show`);
    for (const key of ['meeting-title', 'meeting-location']) await literal(key);
    for (const key of ['agenda', 'minutes']) {
      await page.getByText(`Text ${key}`, { exact: false }).first().waitFor();
      await page.getByText(`Link ${key}`).first().waitFor();
    }
    await expectInert('meeting page');

    await page.goto(`${ui.base}/#/GuideSection/${guide.createGuideSection.id}`);
    await page.getByTestId('guide-preview').getByText('Text guide-body', { exact: false }).waitFor();
    await page.getByTestId('guide-preview').getByText('Link guide-body').waitFor();
    await expectInert('guide section');
  });
});
