import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { chromiumAvailable, saveScreenshot } from '../support/browser.js';
import { consoleInBrowser } from '../support/console-browser.js';

/**
 * The embeddable <efa-rollout-status> on the demo page (/public/demo, a fictional municipal site with
 * its own global CSS): the status texts of a LIVE and a PREPARING authority with the link to apply
 * and the planned quarter, no CSS leaking in or out, theming through custom properties, the error
 * state, and axe-core without violations. The public fields are set in the console first.
 */
const run = chromiumAvailable() ? describe : describe.skip;
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const APPLY_URL = 'https://service.example.org/aufenthaltstitel/antrag';

interface Row {
  onboarding_id: string;
  ars: string;
  authority_name: string;
}

/** The state and texts of one component on the page (read from its shadow root). */
async function widget(page: Page, id: string) {
  return page.evaluate((elementId) => {
    const root = document.getElementById(elementId)?.shadowRoot;
    const box = root?.querySelector('[part=container]') as HTMLElement | null;
    const link = root?.querySelector('[part=apply-link]') as HTMLAnchorElement | null;
    return {
      state: box?.dataset.state ?? null,
      role: box?.getAttribute('role') ?? null,
      lang: box?.getAttribute('lang') ?? null,
      text: box?.textContent?.replace(/\s+/g, ' ').trim() ?? '',
      href: link?.href ?? null,
      ars: document.getElementById(elementId)?.getAttribute('authority-ars') ?? null,
    };
  }, id);
}

/** Computed styles of an element, inside a component's shadow root when `host` is given. */
async function styleOf(page: Page, selector: string, host?: string) {
  return page.evaluate(
    ({ selector, host }) => {
      const scope: ParentNode | null | undefined = host ? document.getElementById(host)?.shadowRoot : document;
      const el = scope?.querySelector(selector);
      if (!el) return null;
      const s = getComputedStyle(el);
      return { fontFamily: s.fontFamily, textTransform: s.textTransform, borderStyle: s.borderTopStyle, borderRadius: s.borderTopLeftRadius, color: s.color, background: s.backgroundColor, fontWeight: s.fontWeight };
    },
    { selector, host },
  );
}

run('public status component on the demo page', () => {
  // bypassCSP: axe-core is injected as an inline script, which the API's CSP (script-src 'self') refuses otherwise
  const ui = consoleInBrowser({ apiUser: 'ROLLOUT_MANAGER', context: { viewport: { width: 1300, height: 1000 }, bypassCSP: true } });

  it('shows LIVE and PREPARING with apply link and planned quarter, keeps CSS apart, is themable and has no axe violations', async () => {
    const db = ui.db.dataSource;
    const pick = (status: string) =>
      db.query(
        `SELECT o.id AS onboarding_id, p.ars, p.authority_name FROM public_status p JOIN onboarding o ON o.service_id = p.service_id AND o.authority_id = p.authority_id
         WHERE p.ozg_id = '10255' AND p.status = $1 ORDER BY p.ars LIMIT 1`,
        [status],
      ) as Promise<Row[]>;
    const [live] = await pick('LIVE');
    const [preparing] = await pick('PREPARING');
    expect(live).toBeDefined();
    expect(preparing).toBeDefined();

    // The link to apply of the LIVE one through GraphQL; the PREPARING one's planned go-live too.
    const get = async (id: string) => (await ui.gql<{ Onboarding: { version: number } }>(`query($id: ID!) { Onboarding(id: $id) { version } }`, { id })).Onboarding;
    await ui.gql(`mutation($id: ID!, $version: Int!, $applyUrl: String) { updateOnboarding(id: $id, version: $version, applyUrl: $applyUrl) { id } }`, {
      id: live.onboarding_id,
      version: (await get(live.onboarding_id)).version,
      applyUrl: APPLY_URL,
    });
    await ui.gql(`mutation($id: ID!, $version: Int!, $d: LocalDate) { setPlannedGoLive(id: $id, version: $version, plannedGoLive: $d) { id } }`, {
      id: preparing.onboarding_id,
      version: (await get(preparing.onboarding_id)).version,
      d: '2027-02-15',
    });

    // The console: "Geplantes Quartal veröffentlichen" on, with the help text; a malformed Antragslink is refused.
    const page = await ui.signIn(`/Onboarding/${preparing.onboarding_id}`, 'ROLLOUT_MANAGER');
    await page.getByTestId('public-help').getByText(/Notizen, Ansprechpersonen, Hemmnisse und Kosten werden nie veröffentlicht/).waitFor();
    const applyInput = page.getByLabel('Antragslink');
    // a URL the browser accepts but the console refuses (not http/https): marked as an error, nothing saved
    await applyInput.fill('ftp://example.org/antrag');
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.waitForFunction(
      () => {
        const input = document.querySelector('input[name="applyUrl"]');
        return input?.getAttribute('aria-invalid') === 'true' || Boolean(input?.closest('.MuiFormControl-root')?.querySelector('.Mui-error'));
      },
      undefined,
      { timeout: 10_000 },
    );
    expect((await db.query(`SELECT apply_url FROM onboarding WHERE id = $1`, [preparing.onboarding_id]))[0].apply_url).toBeNull();
    await applyInput.fill('');
    await page.getByLabel('Geplantes Quartal veröffentlichen').check();
    await page.getByRole('button', { name: 'Speichern' }).click();
    await page.waitForURL(/\/show$/);
    const statusLink = page.getByTestId('public-status-link');
    await statusLink.waitFor();
    expect(await statusLink.getAttribute('href')).toContain(preparing.ars);
    const [saved] = await db.query(`SELECT publish_plan FROM onboarding WHERE id = $1`, [preparing.onboarding_id]);
    expect(saved.publish_plan).toBe(true);

    // The public copy reloads within about a second. Wait for it outside the browser: the answers carry
    // Cache-Control max-age 60, so a widget that fetched a status before the reload would be shown
    // the browser's cached copy for a minute.
    const publicStatus = async (ars: string) => (await (await fetch(`${ui.base}/public/v1/services/10255/authorities/${ars}`)).json()) as { applyUrl?: string; plannedQuarter?: string };
    for (let i = 0; i < 100 && !((await publicStatus(preparing.ars)).plannedQuarter && (await publicStatus(live.ars)).applyUrl === APPLY_URL); i++) await page.waitForTimeout(100);
    // The demo page (no sign-in) picks authorities at request time.
    let liveView = await widget(page, 'demo-live');
    let preparingView = await widget(page, 'demo-preparing');
    for (let i = 0; i < 20; i++) {
      await page.goto(`${ui.base}/public/demo`);
      await page.waitForFunction(() => ['demo-live', 'demo-preparing', 'demo-themed', 'demo-other-lang', 'demo-unknown'].every((id) => {
        const state = document.getElementById(id)?.shadowRoot?.querySelector('[part=container]')?.getAttribute('data-state');
        return state && state !== 'loading';
      }), undefined, { timeout: 20_000 });
      liveView = await widget(page, 'demo-live');
      preparingView = await widget(page, 'demo-preparing');
      if (liveView.href === APPLY_URL && preparingView.text.includes('Quartal')) break;
      await page.waitForTimeout(250);
    }
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    expect(liveView).toMatchObject({ state: 'live', role: 'status', lang: 'de', href: APPLY_URL });
    const [liveRow] = await db.query(`SELECT authority_name, to_char(live_since, 'DD.MM.YYYY') AS since FROM public_status WHERE ozg_id = '10255' AND ars = $1`, [liveView.ars]);
    expect(liveView.text).toContain('Online verfügbar');
    expect(liveView.text).toContain(`Sie können diese Leistung bei ${liveRow.authority_name} seit dem ${liveRow.since} online beantragen.`);
    expect(liveView.text).toContain('Jetzt online beantragen');
    expect(preparingView).toMatchObject({ state: 'preparing', ars: preparing.ars, href: null });
    expect(preparingView.text).toContain('In Vorbereitung');
    expect(preparingView.text).toContain(`Der Online-Dienst wird bei ${preparing.authority_name} vorbereitet.`);
    expect(preparingView.text).toContain('Geplanter Start: 1. Quartal 2027');
    // the same in English, and the error state of an unknown authority
    const english = await widget(page, 'demo-other-lang');
    expect(english).toMatchObject({ state: 'preparing', lang: 'en' });
    expect(english.text).toContain('Planned start: Q1 2027');
    expect((await widget(page, 'demo-unknown')).text).toContain('Nicht gefunden');

    // No CSS leaks in: the page's rules for p, .badge and its fonts do not reach the component ...
    const innerBadge = await styleOf(page, '[part=badge]', 'demo-live');
    expect(innerBadge).not.toBeNull();
    expect(innerBadge!.textTransform).toBe('none');
    expect(innerBadge!.borderStyle).toBe('none');
    expect(innerBadge!.fontFamily).not.toMatch(/Georgia/);
    expect(innerBadge!.color).toBe('rgb(255, 255, 255)');
    // ... and none leaks out: the page's own .badge keeps the page's look
    const hostBadge = await styleOf(page, '#host-badge');
    expect(hostBadge).toMatchObject({ textTransform: 'uppercase', borderStyle: 'dashed', borderRadius: '0px', color: 'rgb(43, 43, 43)', fontWeight: '400' });
    expect(hostBadge!.fontFamily).toMatch(/Georgia/);

    // Theming through custom properties and ::part(): the themed instance takes the page's font, colours and corners.
    const plainLink = await styleOf(page, '[part=apply-link]', 'demo-live');
    const themedLink = await styleOf(page, '[part=apply-link]', 'demo-themed');
    const themedBox = await styleOf(page, '[part=container]', 'demo-themed');
    expect(plainLink!.background).toBe('rgb(11, 79, 138)');
    expect(themedLink!.background).toBe('rgb(122, 31, 31)');
    expect(themedBox!.fontFamily).toMatch(/Georgia/);
    expect(themedBox!.borderRadius).toBe('0px');
    expect(await page.evaluate(() => getComputedStyle(document.getElementById('demo-themed')!.shadowRoot!.querySelector('[part=container]')!).boxShadow)).toContain('rgb(122, 31, 31)');

    // Accessibility: axe-core (WCAG 2.1 A/AA rules) on the whole page, shadow roots included.
    await page.addScriptTag({ path: AXE });
    const result = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown }> }> }> } }).axe;
      const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
      return r.violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => JSON.stringify(n.target)) }));
    });
    expect(result).toEqual([]);
    await saveScreenshot(page, 'public-widget-demo');
  });
});
