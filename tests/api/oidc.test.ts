/**
 * Single sign-on against a real OpenID Connect provider (panva's
 * oidc-provider, started here on a random local port) through the real app:
 * the browser's redirects are followed by hand with fetch, carrying cookies
 * per origin through the provider's login and consent pages.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import Provider from 'oidc-provider';
import { createApp } from '../../apps/api/src/app.factory.js';
import { createTestDatabase, TEST_PASSWORD, TEST_USERS, type TestDatabase } from '../support/test-app.js';

const CLIENT_ID = 'efa-rollout';
const CLIENT_SECRET = 'a-client-secret-for-the-oidc-test-0123456789';

/** The provider's accounts; tests change their claims between sign-ins. */
const accounts: Record<string, Record<string, unknown>> = {
  kim: { email: 'kim.sso@test.invalid', email_verified: true, name: 'Kim Berg', efa_role: 'efa-land', efa_state: 'BB' },
  alex: { email: 'alex.sso@test.invalid', email_verified: true, given_name: 'Alex', family_name: 'Stein', efa_role: ['efa-land'], efa_state: 'st' },
  riley: { email: 'riley.sso@test.invalid', email_verified: true, name: 'Riley Roe', efa_role: 'efa-steering' },
  steering: { email: TEST_USERS.STEERING_MEMBER.email, email_verified: true, name: 'Sam Steering', efa_role: ['offline', 'efa-steering'] },
  unmapped: { email: 'unmapped@test.invalid', email_verified: true, name: 'Una Mapped', efa_role: ['efa-boss', 'employee'] },
  stateless: { email: 'stateless@test.invalid', email_verified: true, name: 'Stella Less', efa_role: 'efa-land' },
  nowhere: { email: 'nowhere@test.invalid', email_verified: true, name: 'Nowhere Land', efa_role: 'efa-land', efa_state: 'XX' },
  leaving: { email: 'leaving@test.invalid', email_verified: true, name: 'Lee Ving', efa_role: 'efa-rollout' },
  unverified: { email: TEST_USERS.ROLLOUT_MANAGER.email, email_verified: false, name: 'Not Verified', efa_role: 'efa-admin' },
  impostor: { email: 'linked.elsewhere@test.invalid', email_verified: true, name: 'Im Poster', efa_role: 'efa-steering' },
  anonymous: { name: 'No Mail', efa_role: 'efa-steering' },
  // The only administrator of the test data, demoted at the provider.
  demoted: { email: TEST_USERS.ADMIN.email, email_verified: true, name: 'Ad Min', efa_role: 'efa-rollout' },
};

function listen(server: http.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
  });
}

interface Cookie {
  value: string;
  path: string;
}

/** A browser, as far as redirects and cookies go: cookies kept per origin and path, redirects followed by hand. */
class Browser {
  readonly jar = new Map<string, Map<string, Cookie>>();

  cookie(origin: string, name: string): string | undefined {
    return this.jar.get(origin)?.get(name)?.value;
  }

  setCookie(origin: string, name: string, value: string, cookiePath = '/'): void {
    if (!this.jar.has(origin)) this.jar.set(origin, new Map());
    this.jar.get(origin)!.set(name, { value, path: cookiePath });
  }

  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const u = new URL(url);
    const cookies = [...(this.jar.get(u.origin) ?? [])].filter(([, c]) => u.pathname === c.path || u.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`));
    const headers: Record<string, string> = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8', 'user-agent': 'oidc-test-browser' };
    if (cookies.length) headers.cookie = cookies.map(([n, c]) => `${n}=${c.value}`).join('; ');
    if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(u, { method: init.method ?? 'GET', headers, body: init.form ? new URLSearchParams(init.form) : undefined, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';').map((s) => s.trim());
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      const attr = (key: string) => attrs.find((a) => a.toLowerCase().startsWith(`${key}=`))?.split('=')[1];
      const expires = attr('expires');
      const gone = !value || attr('max-age') === '0' || (expires !== undefined && new Date(expires).getTime() <= Date.now());
      if (gone) this.jar.get(u.origin)?.delete(name);
      else this.setCookie(u.origin, name, value, attr('path') ?? '/');
    }
    return res;
  }
}

interface Hop {
  url: string;
  status: number;
  location?: string;
  setCookie: string[];
}

let db: TestDatabase;
let app: NestExpressApplication;
let appServer: http.Server;
let idpServer: http.Server;
let appBase: string;
let issuer: string;
let adminDist: string;
const savedEnv = { ...process.env };

beforeAll(async () => {
  // Both ports are taken before either side is configured: the app needs the issuer, the provider the redirect URI.
  let idpHandler: http.RequestListener = (_req, res) => res.writeHead(503).end();
  idpServer = http.createServer((req, res) => idpHandler(req, res));
  appServer = http.createServer();
  issuer = `http://127.0.0.1:${await listen(idpServer)}`;
  appBase = `http://127.0.0.1:${await listen(appServer)}`;

  const provider = new Provider(issuer, {
    clients: [{ client_id: CLIENT_ID, client_secret: CLIENT_SECRET, redirect_uris: [`${appBase}/auth/oidc/callback`], grant_types: ['authorization_code'], response_types: ['code'] }],
    async findAccount(_ctx, id) {
      if (!accounts[id]) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...accounts[id] }) };
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'given_name', 'family_name', 'efa_role', 'efa_state'] },
    ttl: { AccessToken: 300, AuthorizationCode: 60, IdToken: 300, Interaction: 600, Session: 600, Grant: 600 },
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    cookies: { keys: ['a-cookie-key-for-the-oidc-test-provider'] },
  });
  idpHandler = provider.callback();

  Object.assign(process.env, {
    OIDC_ISSUER: issuer,
    OIDC_CLIENT_ID: CLIENT_ID,
    OIDC_CLIENT_SECRET: CLIENT_SECRET,
    OIDC_REDIRECT_URI: `${appBase}/auth/oidc/callback`,
    OIDC_ROLE_MAP: 'efa-admin=ADMIN,efa-rollout=ROLLOUT_MANAGER,efa-land=STATE_COORDINATOR,efa-steering=STEERING_MEMBER',
  });
  // A console build, so that its fallback to index.html is in the way as in production.
  adminDist = fs.mkdtempSync(path.join(os.tmpdir(), 'efa-oidc-admin-'));
  fs.writeFileSync(path.join(adminDist, 'index.html'), '<!doctype html><title>EfA console</title>');
  db = await createTestDatabase();
  app = await createApp(db.dataSource, db.kind, { logger: ['error'], closeOnShutdown: false, adminDist });
  appServer.on('request', app.getHttpAdapter().getInstance());
});

afterAll(async () => {
  for (const key of Object.keys(process.env)) if (key.startsWith('OIDC_') && !(key in savedEnv)) delete process.env[key];
  await new Promise((r) => appServer?.close(r));
  await new Promise((r) => idpServer?.close(r));
  await app?.close();
  await db?.close();
  if (adminDist) fs.rmSync(adminDist, { recursive: true, force: true });
});

/**
 * Signs in through the provider as `accountId`: from the app's login route through the provider's
 * login (and consent) pages back to the callback, until the app sends the browser to the console.
 * Returns where the console was sent and every hop.
 */
async function ssoSignIn(browser: Browser, accountId: string): Promise<{ landing: string; hops: Hop[] }> {
  const hops: Hop[] = [];
  let res = await browser.request(`${appBase}/auth/oidc/login`);
  let url = `${appBase}/auth/oidc/login`;
  for (let step = 0; step < 20; step++) {
    hops.push({ url, status: res.status, location: res.headers.get('location') ?? undefined, setCookie: res.headers.getSetCookie() });
    if (res.status >= 300 && res.status < 400) {
      const next = new URL(res.headers.get('location')!, url);
      if (next.origin === appBase && !next.pathname.startsWith('/auth/')) return { landing: next.href.slice(appBase.length), hops };
      url = next.href;
      res = await browser.request(url);
      continue;
    }
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(url.startsWith(issuer)).toBe(true);
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    if (!action || !prompt) throw new Error(`no form on ${url}: ${html.slice(0, 500)}`);
    url = new URL(action.replace(/&amp;/g, '&'), url).href;
    res = await browser.request(url, { method: 'POST', form: prompt === 'login' ? { prompt, login: accountId, password: 'anything' } : { prompt } });
  }
  throw new Error(`too many redirects: ${JSON.stringify(hops, null, 1)}`);
}

async function gql<T = any>(query: string, variables: Record<string, unknown> = {}, session?: string): Promise<{ data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> }> {
  const res = await fetch(`${appBase}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(session ? { cookie: `efa_session=${session}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return res.json() as Promise<any>;
}

const ME = `{ me { id email displayName role stateId active hasPassword } }`;

async function stateId(code: string): Promise<string> {
  const [row] = await db.dataSource.query(`SELECT id FROM state WHERE code = $1`, [code]);
  return row.id;
}

/** The database's clock now, to look only at audit events of one test. */
async function now(): Promise<Date> {
  const [{ t }] = await db.dataSource.query(`SELECT clock_timestamp() AS t`);
  return t;
}

async function failuresOf(actor: string, since = new Date(0)): Promise<string[]> {
  const rows = await db.dataSource.query(`SELECT comment FROM audit_event WHERE action = 'SIGN_IN_FAILED' AND actor = $1 AND occurred_at >= $2 ORDER BY occurred_at`, [actor, since]);
  return rows.map((r: { comment: string }) => r.comment);
}

describe('single sign-on with OpenID Connect', () => {
  it('tells the console that single sign-on is on, and where it starts', async () => {
    const res = await fetch(`${appBase}/auth/config`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ oidc: true, loginUrl: '/auth/oidc/login', demoAccounts: [] });
  });

  it('sends the browser to the provider with PKCE, state and nonce, keeping them only in a sealed httpOnly cookie', async () => {
    const browser = new Browser();
    const res = await browser.request(`${appBase}/auth/oidc/login`);
    expect(res.status).toBe(303);
    const to = new URL(res.headers.get('location')!);
    expect(to.origin).toBe(issuer);
    expect(Object.fromEntries(to.searchParams)).toMatchObject({
      client_id: CLIENT_ID,
      response_type: 'code',
      redirect_uri: `${appBase}/auth/oidc/callback`,
      scope: 'openid email profile',
      code_challenge_method: 'S256',
    });
    for (const p of ['code_challenge', 'state', 'nonce']) expect(to.searchParams.get(p)).toMatch(/^[\w-]{20,}$/);
    const [flowCookie] = res.headers.getSetCookie();
    expect(flowCookie).toMatch(/^efa_oidc=[\w.-]+; Max-Age=600; Path=\/auth\/oidc; Expires=.*; HttpOnly; SameSite=Lax$/);
    // Sealed (encrypted and authenticated): neither the verifier nor the state can be read from it or changed.
    const sealed = browser.cookie(appBase, 'efa_oidc')!;
    expect(sealed.split('.')).toHaveLength(5);
    expect(JSON.parse(Buffer.from(sealed.split('.')[0], 'base64url').toString())).toEqual({ alg: 'dir', enc: 'A256GCM' });
  });

  it('provisions a new state coordinator from the claims; the session cookie works for me', async () => {
    const browser = new Browser();
    const { landing, hops } = await ssoSignIn(browser, 'kim');
    expect(landing).toBe('/');
    const callback = hops.find((h) => h.url.startsWith(`${appBase}/auth/oidc/callback`))!;
    expect(callback.setCookie.find((c) => c.startsWith('efa_session='))).toMatch(/; Path=\/; Expires=.*; HttpOnly; SameSite=Strict$/);
    expect(callback.setCookie.find((c) => c.startsWith('efa_oidc='))).toMatch(/Expires=Thu, 01 Jan 1970/);

    const session = browser.cookie(appBase, 'efa_session')!;
    const me = await gql(ME, {}, session);
    expect(me.errors).toBeUndefined();
    expect(me.data.me).toMatchObject({ email: 'kim.sso@test.invalid', displayName: 'Kim Berg', role: 'STATE_COORDINATOR', stateId: await stateId('BB'), active: true, hasPassword: false });

    const [row] = await db.dataSource.query(`SELECT oidc_subject, password_hash, last_sign_in_at FROM app_user WHERE email = 'kim.sso@test.invalid'`);
    expect(row).toMatchObject({ oidc_subject: 'kim', password_hash: null });
    expect(row.last_sign_in_at).not.toBeNull();
    const events = await db.dataSource.query(`SELECT action, comment, changes FROM audit_event WHERE entity_id = $1 ORDER BY occurred_at`, [me.data.me.id]);
    expect(events.map((e: { action: string }) => e.action)).toEqual(['CREATE', 'SIGN_IN']);
    expect(events[0].changes.role).toEqual({ from: null, to: 'STATE_COORDINATOR' });
    expect(events[1].comment).toMatch(/^OIDC from /);
    const [sessionRow] = await db.dataSource.query(`SELECT method, user_agent FROM user_session WHERE user_id = $1`, [me.data.me.id]);
    expect(sessionRow).toEqual({ method: 'OIDC', user_agent: 'oidc-test-browser' });
  });

  it('brings role, state and name up to date at the next sign-in, for the same account', async () => {
    const first = new Browser();
    expect((await ssoSignIn(first, 'alex')).landing).toBe('/');
    const before = (await gql(ME, {}, first.cookie(appBase, 'efa_session'))).data.me;
    expect(before).toMatchObject({ role: 'STATE_COORDINATOR', stateId: await stateId('ST'), displayName: 'Alex Stein' });

    accounts.alex = { ...accounts.alex, efa_role: 'efa-rollout', efa_state: undefined, given_name: 'Alexandra' };
    const second = new Browser();
    expect((await ssoSignIn(second, 'alex')).landing).toBe('/');
    const after = (await gql(ME, {}, second.cookie(appBase, 'efa_session'))).data.me;
    expect(after).toMatchObject({ id: before.id, role: 'ROLLOUT_MANAGER', stateId: null, displayName: 'Alexandra Stein' });
    const [update] = await db.dataSource.query(`SELECT actor, changes, comment FROM audit_event WHERE entity_id = $1 AND action = 'UPDATE'`, [before.id]);
    expect(update).toEqual({
      actor: 'alex.sso@test.invalid',
      changes: { role: { from: 'STATE_COORDINATOR', to: 'ROLLOUT_MANAGER' }, stateId: { from: await stateId('ST'), to: null }, displayName: { from: 'Alex Stein', to: 'Alexandra Stein' } },
      comment: 'single sign-on: updated from the identity provider\'s claims',
    });
    // As after an administrator's change of role: the older session has ended.
    expect((await gql(ME, {}, first.cookie(appBase, 'efa_session'))).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM app_user WHERE oidc_subject = 'alex'`);
    expect(n).toBe(1);

    // Nothing changed at the provider: nothing to record but the sign-in, and the other session stays.
    const third = new Browser();
    await ssoSignIn(third, 'alex');
    const [{ updates }] = await db.dataSource.query(`SELECT count(*)::int AS updates FROM audit_event WHERE entity_id = $1 AND action = 'UPDATE'`, [before.id]);
    expect(updates).toBe(1);
    expect((await gql(ME, {}, second.cookie(appBase, 'efa_session'))).data.me.id).toBe(before.id);
  });

  it('links an existing account by e-mail; its password keeps working (local sign-in stays)', async () => {
    const browser = new Browser();
    expect((await ssoSignIn(browser, 'steering')).landing).toBe('/');
    const me = (await gql(ME, {}, browser.cookie(appBase, 'efa_session'))).data.me;
    expect(me).toMatchObject({ email: TEST_USERS.STEERING_MEMBER.email, role: 'STEERING_MEMBER', displayName: 'Sam Steering', hasPassword: true });
    const [row] = await db.dataSource.query(`SELECT oidc_subject FROM app_user WHERE id = $1`, [me.id]);
    expect(row.oidc_subject).toBe('steering');

    const signIn = await gql(`mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token user { id role } } }`, { e: TEST_USERS.STEERING_MEMBER.email, p: TEST_PASSWORD });
    expect(signIn.data.signIn.user).toEqual({ id: me.id, role: 'STEERING_MEMBER' });
  });

  it('keeps the password sign-in of the break-glass administrator', async () => {
    const signIn = await gql(`mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token user { role } } }`, { e: TEST_USERS.ADMIN.email, p: TEST_PASSWORD });
    expect(signIn.errors).toBeUndefined();
    expect(signIn.data.signIn.user.role).toBe('ADMIN');
  });

  it.each([
    ['unmapped', 'no_role', /no role: .*\(efa_role: efa-boss, employee\)/],
    ['stateless', 'no_state', /state coordinator needs a state code .*\(efa_state: none\)/],
    ['nowhere', 'unknown_state', /names no known state \(efa_state: XX\)/],
  ])('refuses %s (%s), records why and creates no account', async (accountId, reason, comment) => {
    const browser = new Browser();
    const { landing } = await ssoSignIn(browser, accountId);
    expect(landing).toBe(`/#/login?sso_error=${reason}`);
    expect(browser.cookie(appBase, 'efa_session')).toBeUndefined();
    const email = accounts[accountId].email as string;
    const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM app_user WHERE lower(email) = $1`, [email]);
    expect(n).toBe(0);
    const failures = await failuresOf(email);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(comment);
    expect(failures[0]).toMatch(/^single sign-on: .* \(from .+\)$/);
  });

  it('refuses a deactivated user and records it', async () => {
    const browser = new Browser();
    expect((await ssoSignIn(browser, 'leaving')).landing).toBe('/');
    await db.dataSource.query(`UPDATE app_user SET active = false WHERE email = 'leaving@test.invalid'`);
    const again = new Browser();
    expect((await ssoSignIn(again, 'leaving')).landing).toBe('/#/login?sso_error=deactivated');
    expect(again.cookie(appBase, 'efa_session')).toBeUndefined();
    expect(await failuresOf('leaving@test.invalid')).toEqual([expect.stringMatching(/^single sign-on: account deactivated \(from /)]);
    // The deactivation ended the earlier session, and the refused sign-in changed nothing.
    expect((await gql(ME, {}, browser.cookie(appBase, 'efa_session'))).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const [row] = await db.dataSource.query(`SELECT active FROM app_user WHERE email = 'leaving@test.invalid'`);
    expect(row.active).toBe(false);
  });

  it('does not link an account when the provider says the e-mail address is unverified', async () => {
    const browser = new Browser();
    expect((await ssoSignIn(browser, 'unverified')).landing).toBe('/#/login?sso_error=email_unverified');
    const [row] = await db.dataSource.query(`SELECT role, oidc_subject FROM app_user WHERE email = $1`, [TEST_USERS.ROLLOUT_MANAGER.email]);
    expect(row).toEqual({ role: 'ROLLOUT_MANAGER', oidc_subject: null });
    expect(await failuresOf(TEST_USERS.ROLLOUT_MANAGER.email)).toEqual([expect.stringContaining('unverified')]);
  });

  it('refuses an e-mail address of an account linked to another subject, a new user without e-mail, and demoting the last administrator', async () => {
    await db.dataSource.query(`INSERT INTO app_user (email, display_name, role, oidc_subject) VALUES ('linked.elsewhere@test.invalid', 'Linked', 'STEERING_MEMBER', 'someone-else')`);
    const since = await now();
    expect((await ssoSignIn(new Browser(), 'impostor')).landing).toBe('/#/login?sso_error=account_conflict');
    expect(await failuresOf('linked.elsewhere@test.invalid', since)).toEqual([expect.stringContaining('linked to subject someone-else, not impostor')]);

    expect((await ssoSignIn(new Browser(), 'anonymous')).landing).toBe('/#/login?sso_error=no_email');
    expect(await failuresOf('oidc:anonymous', since)).toEqual([expect.stringContaining('sent no e-mail address')]);

    expect((await ssoSignIn(new Browser(), 'demoted')).landing).toBe('/#/login?sso_error=last_admin');
    const [admin] = await db.dataSource.query(`SELECT role, oidc_subject FROM app_user WHERE email = $1`, [TEST_USERS.ADMIN.email]);
    expect(admin).toEqual({ role: 'ADMIN', oidc_subject: null });
  });

  it('refuses a callback without the flow cookie, a replayed code and a flow cookie of another login', async () => {
    const browser = new Browser();
    const { hops, landing } = await ssoSignIn(browser, 'riley');
    expect(landing).toBe('/');
    const since = await now();
    const callback = hops.find((h) => h.url.startsWith(`${appBase}/auth/oidc/callback`))!;
    // The flow cookie went with the first use: a second visit has none.
    const replay = await browser.request(callback.url);
    expect(replay.status).toBe(303);
    expect(replay.headers.get('location')).toBe('/#/login?sso_error=expired');

    // An attacker who kept the flow cookie cannot redeem the code twice either.
    const login = hops[0].setCookie.find((c) => c.startsWith('efa_oidc='))!;
    const thief = new Browser();
    thief.setCookie(appBase, 'efa_oidc', login.slice('efa_oidc='.length, login.indexOf(';')), '/auth/oidc');
    const stolen = await thief.request(callback.url);
    expect(stolen.headers.get('location')).toBe('/#/login?sso_error=invalid_response');
    expect(thief.cookie(appBase, 'efa_session')).toBeUndefined();

    // A flow cookie of another login does not fit this answer (state).
    const other = new Browser();
    await other.request(`${appBase}/auth/oidc/login`);
    thief.setCookie(appBase, 'efa_oidc', other.cookie(appBase, 'efa_oidc')!, '/auth/oidc');
    expect((await thief.request(callback.url)).headers.get('location')).toBe('/#/login?sso_error=invalid_response');

    expect(await failuresOf('anonymous', since)).toEqual([
      expect.stringContaining('not started in this browser'),
      expect.stringContaining('did not pass validation'),
      expect.stringContaining('did not pass validation'),
    ]);
  });

  it('passes an error of the provider on (the user cancelled)', async () => {
    const since = await now();
    const browser = new Browser();
    const login = await browser.request(`${appBase}/auth/oidc/login`);
    const state = new URL(login.headers.get('location')!).searchParams.get('state')!;
    const res = await browser.request(`${appBase}/auth/oidc/callback?error=access_denied&error_description=End-User+aborted&state=${state}&iss=${encodeURIComponent(issuer)}`);
    expect(res.headers.get('location')).toBe('/#/login?sso_error=idp_error');
    expect(await failuresOf('anonymous', since)).toEqual([expect.stringContaining('answered with an error (access_denied: End-User aborted)')]);
  });

  it('serves the console at / while the console\'s fallback leaves /auth/ to the API', async () => {
    const browser = new Browser();
    const page = await browser.request(`${appBase}/`);
    expect(await page.text()).toContain('EfA console');
    const config = await browser.request(`${appBase}/auth/config`);
    expect(config.headers.get('content-type')).toMatch(/^application\/json/);
    expect((await browser.request(`${appBase}/auth/oidc/login`)).status).toBe(303);
  });
});
