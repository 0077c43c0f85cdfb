import { chromiumAvailable } from '../support/browser.js';
import { consoleInBrowser } from '../support/console-browser.js';

/**
 * Notifications in the console: the "Beobachten" toggle on an authority, the
 * app bar's unread badge after a change made through the API by someone
 * else, the notification list, mark read. Headless Chromium, real API, real database.
 */
const run = chromiumAvailable() ? describe : describe.skip;

run('notifications in the browser', () => {
  const ui = consoleInBrowser({ apiUser: 'ADMIN' });
  const query = (sql: string, params?: unknown[]) => ui.db.dataSource.query(sql, params);

  const badgeCount = async () => (await ui.page.getByTestId('notification-badge').getAttribute('data-count')) ?? '';
  const waitForBadge = (count: number) =>
    ui.page.waitForFunction((n) => document.querySelector('[data-testid="notification-badge"]')?.getAttribute('data-count') === String(n), count, { timeout: 15_000 });

  it('watch an authority, see the badge count after a change through the API, read it in the list, mark it read, stop watching', async () => {
    const [o] = await query(
      `SELECT o.id, o.authority_id, a.name FROM onboarding o JOIN authority a ON a.id = o.authority_id
        WHERE o.status = 'ACTIVE' AND NOT EXISTS (SELECT 1 FROM onboarding o2 WHERE o2.authority_id = o.authority_id AND o2.id <> o.id)
        ORDER BY a.name LIMIT 1`,
    );
    const page = await ui.signIn(`/Authority/${o.authority_id}/show`, 'ROLLOUT_MANAGER');
    const toggle = page.getByTestId('watch-toggle');
    await toggle.getByText('Beobachten', { exact: true }).waitFor();
    await waitForBadge(0);
    await toggle.click();
    await toggle.getByText('Beobachtet', { exact: true }).waitFor();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    const watches = await query(`SELECT w.target_type FROM watch w JOIN app_user u ON u.id = w.user_id WHERE u.email = 'manager@test.invalid' AND w.target_id = $1`, [o.authority_id]);
    expect(watches).toEqual([{ target_type: 'AUTHORITY' }]);

    // someone else records an obstacle through the API
    const title = 'Schnittstelle des Fachverfahrens nicht bestellt';
    await ui.gql(`mutation($id: ID!, $title: String!) { createBlocker(onboardingId: $id, title: $title, category: TECHNICAL, severity: INFO) { id } }`, { id: o.id, title });
    await page.reload();
    await waitForBadge(1);
    expect(await badgeCount()).toBe('1');

    await page.getByTestId('notification-bell').click();
    await page.waitForURL(/#\/notifications$/);
    const item = page.getByTestId('notification-item').filter({ hasText: title });
    await item.waitFor();
    expect(await item.getAttribute('data-read')).toBe('false');
    expect(await item.textContent()).toContain(`${o.name}`);
    expect(await item.textContent()).toContain('neues Hemmnis');
    await item.getByRole('button', { name: 'Als gelesen markieren' }).click();
    await page.waitForFunction((t) => [...document.querySelectorAll('[data-testid="notification-item"]')].some((e) => e.textContent?.includes(t) && e.getAttribute('data-read') === 'true'), title, {
      timeout: 15_000,
    });
    await waitForBadge(0);
    const [{ read_at }] = await query(`SELECT n.read_at FROM notification n JOIN app_user u ON u.id = n.user_id WHERE u.email = 'manager@test.invalid'`);
    expect(read_at).not.toBeNull();

    // the link leads to the onboarding; stop watching on the authority page
    await page.goto(`${ui.base}/#/Authority/${o.authority_id}/show`);
    await page.getByTestId('watch-toggle').getByText('Beobachtet', { exact: true }).waitFor();
    await page.getByTestId('watch-toggle').click();
    await page.getByTestId('watch-toggle').getByText('Beobachten', { exact: true }).waitFor();
    expect(await query(`SELECT 1 FROM watch w JOIN app_user u ON u.id = w.user_id WHERE u.email = 'manager@test.invalid'`)).toEqual([]);
    // a long walk through the console: bounded, but more than the default minute on a busy machine
  }, 180_000);

  it('mark all read, and the settings page saves the mail mode', async () => {
    const [s] = await query(`SELECT id FROM state WHERE code = 'BB'`);
    const page = await ui.signIn(`/State/${s.id}/show`, 'STEERING_MEMBER');
    await page.getByTestId('watch-toggle').click();
    await page.getByTestId('watch-toggle').getByText('Beobachtet', { exact: true }).waitFor();
    const [c] = await query(`SELECT r.id, r.version, r.status FROM reuse_contract r JOIN state st ON st.id = r.state_id WHERE st.code = 'BB' AND r.status = 'NONE' LIMIT 1`);
    const [o] = await query(`SELECT o.id FROM onboarding o JOIN authority a ON a.id = o.authority_id JOIN state st ON st.id = a.state_id WHERE st.code = 'BB' AND o.status = 'ACTIVE' LIMIT 2`);
    await ui.gql(`mutation($id: ID!) { createBlocker(onboardingId: $id, title: "Kein Personal", category: ORGANISATIONAL, severity: INFO) { id } }`, { id: o.id });
    await ui.gql(`mutation($id: ID!) { createBlocker(onboardingId: $id, title: "Kein Budget", category: FINANCIAL, severity: INFO) { id } }`, { id: o.id });
    if (c) await ui.gql(`mutation($id: ID!, $v: Int!) { declareInterest(id: $id, version: $v) { id } }`, { id: c.id, v: c.version });
    await page.goto(`${ui.base}/#/notifications`);
    await page.getByTestId('notification-item').first().waitFor();
    expect(await page.getByTestId('notification-item').count()).toBeGreaterThanOrEqual(2);
    await page.getByTestId('mark-all-read').click();
    await waitForBadge(0);
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="notification-item"]')].every((e) => e.getAttribute('data-read') === 'true'), null, { timeout: 15_000 });

    await page.goto(`${ui.base}/#/notification-settings`);
    await page.getByRole('radio', { name: 'Eine wöchentliche Übersicht' }).check();
    await page.getByText('Einstellungen gespeichert').waitFor();
    const [setting] = await query(`SELECT s.mail_mode FROM notification_setting s JOIN app_user u ON u.id = s.user_id WHERE u.email = 'steering@test.invalid'`);
    expect(setting.mail_mode).toBe('WEEKLY_DIGEST');
    await page.getByRole('button', { name: 'Neue Adresse erzeugen' }).click();
    const url = await page.getByTestId('calendar-url').locator('input').inputValue();
    expect(url).toMatch(/\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    const res = await fetch(`${ui.base}${new URL(url).pathname}`);
    expect(res.status).toBe(200);
  }, 180_000);
});
