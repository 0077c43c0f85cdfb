import { chromiumAvailable } from '../support/browser.js';
import { consoleInBrowser } from '../support/console-browser.js';

/**
 * The onboarding page loads in one GraphQL request (issue 10): the record with everything it shows
 * (milestones, obstacles, stages, guide, authority, service, wave, contract, timeline, watch state,
 * overdue action items), and none of the lists, references and side queries it used to ask for.
 */
const run = chromiumAvailable() ? describe : describe.skip;

/** The root fields a GraphQL request body asks for (e.g. ['Onboarding'], ['allMilestones', '_allMilestonesMeta']). */
function rootFields(body: string | null): string[] {
  if (!body) return [];
  const { query } = JSON.parse(body) as { query?: string };
  const selection = (query?.slice(query.indexOf('{') + 1) ?? '').replace(/\([^)]*\)/g, '');
  const fields: string[] = [];
  let depth = 0;
  for (const m of selection.matchAll(/[{}]|(?:\w+\s*:\s*)?(\w+)/g)) {
    if (m[0] === '{') depth++;
    else if (m[0] === '}') depth--;
    else if (depth === 0 && m[1]) fields.push(m[1]);
  }
  return fields.filter((f, i, all) => all.indexOf(f) === i);
}

run('the onboarding page', () => {
  const ui = consoleInBrowser({ apiUser: 'ROLLOUT_MANAGER', context: { viewport: { width: 1400, height: 1000 } } });

  it('is one request: the record with all the page shows, no list, reference or side query of its own', async () => {
    const [target] = await ui.db.dataSource.query(
      `SELECT o.id, a.id AS authority_id, a.name AS authority, sv.id AS service_id, sv.name AS service
       FROM onboarding o JOIN authority a ON a.id = o.authority_id JOIN service sv ON sv.id = o.service_id
       WHERE o.wave_id IS NULL AND EXISTS (SELECT 1 FROM milestone m WHERE m.onboarding_id = o.id)
       ORDER BY o.id LIMIT 1`,
    );
    const page = await ui.signIn('/Onboarding', 'ROLLOUT_MANAGER', (url) => url.hash.startsWith('#/Onboarding'));
    await page.getByRole('table').first().waitFor();

    const asked: string[][] = [];
    const onRequest = (request: import('playwright-core').Request) => {
      if (request.url().endsWith('/graphql') && request.method() === 'POST') asked.push(rootFields(request.postData()));
    };
    page.on('request', onRequest);
    await page.goto(`${ui.base}/#/Onboarding/${target.id}/show`);
    // Everything the page shows from the one request.
    await page.getByTestId('stage-stepper').locator('.MuiStepLabel-label.Mui-active').waitFor();
    await page.getByTestId('milestone-checklist').locator('[data-milestone]').first().waitFor();
    await page.getByTestId('onboarding-timeline').getByRole('listitem').first().waitFor();
    await page.getByTestId('transition-log').waitFor();
    await page.getByTestId('section-overdue-action-items').getByText('Keine überfälligen Aufgaben').or(page.getByTestId('overdue-action-items')).waitFor();
    const authority = page.getByRole('link', { name: target.authority, exact: true });
    expect(await authority.getAttribute('href')).toBe(`#/Authority/${target.authority_id}/show`);
    expect(await page.getByRole('link', { name: target.service, exact: true }).getAttribute('href')).toBe(`#/Service/${target.service_id}/show`);
    await page.getByTestId('watch-toggle').and(page.locator(':enabled')).waitFor();
    expect(await page.getByTestId('watch-toggle').getAttribute('aria-pressed')).toBe('false');
    page.off('request', onRequest);
    // The toggle shows what it set without asking again.
    await page.getByTestId('watch-toggle').click();
    await page.locator('[data-testid="watch-toggle"][aria-pressed="true"]').waitFor();
    const watches = await ui.db.dataSource.query(`SELECT 1 FROM watch WHERE target_type = 'ONBOARDING' AND target_id = $1`, [target.id]);
    expect(watches.length).toBe(1);

    const pageRequests = asked.filter((fields) => !fields.every((f) => ['me', 'unreadNotificationCount', 'myNotifications'].includes(f)));
    expect(pageRequests).toEqual([['Onboarding']]);
  });
});
