/** Without OIDC_ISSUER there is no single sign-on: the console is told so and the routes do not exist. */
import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;

beforeAll(async () => {
  for (const key of Object.keys(process.env)) if (key.startsWith('OIDC_')) delete process.env[key];
  t = await startTestApp();
});

afterAll(async () => {
  await t?.close();
});

describe('single sign-on switched off', () => {
  it('tells the console that there is none', async () => {
    const res = await t.http().get('/auth/config');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ oidc: false, loginUrl: null, demoAccounts: [] }); // test databases have no demo accounts
  });

  it('has no login or callback', async () => {
    expect((await t.http().get('/auth/oidc/login')).status).toBe(404);
    expect((await t.http().get('/auth/oidc/callback?code=x&state=y')).status).toBe(404);
  });

  it('signs in with a password as before', async () => {
    const me = await t.as('STATE_COORDINATOR').gql(`{ me { role } }`);
    expect(me.data?.me.role).toBe('STATE_COORDINATOR');
  });
});
