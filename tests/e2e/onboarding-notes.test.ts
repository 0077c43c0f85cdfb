import fs from 'node:fs';
import { chromiumAvailable, saveScreenshot } from '../support/browser.js';
import { consoleInBrowser } from '../support/console-browser.js';
import { TEST_PASSWORD, TEST_USERS } from '../support/users.js';

/**
 * A Jira export imported over REST, then its onboarding opened in the console:
 * the comments are in the panel "Notizen", the imported move in the
 * transition log as "Importiert", the Jira key among the master data.
 */
const run = chromiumAvailable() ? describe : describe.skip;

run('imported Jira comments on the onboarding page', () => {
  const ui = consoleInBrowser({ apiUser: 'ROLLOUT_MANAGER', context: { viewport: { width: 1400, height: 1000 } } });

  it('shows the notes, the Jira key and the IMPORT transition', async () => {
    const signIn = await fetch(`${ui.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }', variables: { e: TEST_USERS.ROLLOUT_MANAGER.email, p: TEST_PASSWORD } }),
    });
    const token = ((await signIn.json()) as { data: { signIn: { token: string } } }).data.signIn.token;
    const res = await fetch(`${ui.base}/import/jira?dryRun=false&skipErrors=true`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: fs.readFileSync('tests/fixtures/jira/rollout-export.csv'),
    });
    expect(((await res.json()) as { applied: boolean }).applied).toBe(true);
    const [{ id }] = await ui.db.dataSource.query(`SELECT id FROM onboarding WHERE jira_key = 'EFAAT-101'`);

    await ui.signIn(`/Onboarding/${id}/show`, 'ROLLOUT_MANAGER');
    const notes = ui.page.getByTestId('section-notes');
    await notes.getByText('Notizen').waitFor();
    await notes.getByText('Go-Live in PRO erfolgt. Erste echte Anträge eingegangen.').waitFor();
    await notes.getByText(/5f8a1c2e9b3d4a0071e2c002 · aus Jira/).waitFor();
    expect(await notes.getByRole('listitem').count()).toBe(3);
    await ui.page.getByText('EFAAT-101').first().waitFor();
    await ui.page.getByTestId('transition-log').getByRole('row').filter({ hasText: 'Import from Jira EFAAT-101' }).getByText('Importiert').waitFor();
    await saveScreenshot(ui.page, 'onboarding-notes');
  });
});
