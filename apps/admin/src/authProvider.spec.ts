import { createAuthProvider, signInErrorKey, type ConsoleIdentity } from './authProvider';
import { ApiUnreachableError, GraphQLRequestError } from './graphql';

/** A fake /graphql endpoint: answers by operation, records what was sent. */
function fakeApi(answers: Record<string, () => { status?: number; body: unknown } | Error>) {
  const sent: string[] = [];
  const fetch = (async (_url: string | URL | Request, init?: RequestInit) => {
    const { query } = JSON.parse(String(init?.body)) as { query: string };
    const operation = /(?:query|mutation) (\w+)/.exec(query)?.[1] ?? '?';
    sent.push(operation);
    const answer = answers[operation]?.() ?? { status: 400, body: { errors: [{ message: `unexpected ${operation}` }] } };
    if (answer instanceof Error) throw answer;
    return new Response(JSON.stringify(answer.body), { status: answer.status ?? 200, headers: { 'content-type': 'application/json' } });
  }) as typeof globalThis.fetch;
  return { fetch, sent };
}

const user = (overrides: Record<string, unknown> = {}) => ({
  id: 'u1',
  email: 'steering@test.invalid',
  displayName: 'Test Steering',
  role: 'STEERING_MEMBER',
  stateId: null,
  isDemo: false,
  ...overrides,
});
const gqlError = (code: string, message = code) => ({ body: { data: null, errors: [{ message, extensions: { code } }] } });
const unauthenticated = () => gqlError('UNAUTHENTICATED', 'Please sign in');

describe('authProvider', () => {
  let clock = 0;
  const now = () => clock;
  beforeEach(() => {
    clock = 1_000_000;
  });

  it('signs in with the e-mail address, then knows the user without asking the API again', async () => {
    const api = fakeApi({ SignIn: () => ({ body: { data: { signIn: { expiresAt: '2026-11-22T20:00:00Z', user: user() } } } }) });
    const auth = createAuthProvider({ fetch: api.fetch, now });
    const seen: (ConsoleIdentity | null)[] = [];
    auth.onSessionChange((identity) => seen.push(identity));

    await auth.login({ email: ' steering@test.invalid ', password: 'secret' });
    await auth.checkAuth({});
    expect(await auth.getIdentity()).toEqual({
      id: 'u1',
      fullName: 'Test Steering',
      email: 'steering@test.invalid',
      role: 'STEERING_MEMBER',
      stateId: null,
      isDemo: false,
    });
    expect(await auth.getPermissions()).toEqual({ role: 'STEERING_MEMBER', stateId: null });
    expect(api.sent).toEqual(['SignIn']);
    expect(seen.map((s) => s?.id ?? null)).toEqual(['u1']);
  });

  it.each([
    ['UNAUTHENTICATED', 'E-mail address or password is wrong', 'app.auth.wrong_credentials'],
    ['UNAUTHENTICATED', 'This account is deactivated', 'app.auth.account_deactivated'],
    ['RATE_LIMITED', 'Too many failed sign-in attempts; try again in 15 minutes', 'app.auth.rate_limited'],
    ['VALIDATION', 'email: must not be empty', 'app.auth.credentials_required'],
    ['UNAVAILABLE', 'The database is temporarily unavailable', 'app.auth.unavailable'],
    ['INTERNAL', 'Internal server error', 'ra.auth.sign_in_error'],
  ])('turns a refused sign-in (%s: %s) into the message %s', async (code, message, key) => {
    const api = fakeApi({ SignIn: () => gqlError(code, message), Me: unauthenticated });
    const auth = createAuthProvider({ fetch: api.fetch, now });
    await expect(auth.login({ email: 'a@b.invalid', password: 'x' })).rejects.toThrow(key);
    await expect(auth.checkAuth({})).rejects.toEqual({ message: false });
  });

  it('reports an unreachable API at sign-in as such', async () => {
    const api = fakeApi({ SignIn: () => new TypeError('Failed to fetch') });
    const auth = createAuthProvider({ fetch: api.fetch, now });
    await expect(auth.login({ username: 'a@b.invalid', password: 'x' })).rejects.toThrow('app.auth.unreachable');
    expect(signInErrorKey(new ApiUnreachableError('HTTP 502'))).toBe('app.auth.unreachable');
  });

  it('without a session, rejects checkAuth quietly and signs nobody out', async () => {
    const api = fakeApi({ Me: unauthenticated });
    const auth = createAuthProvider({ fetch: api.fetch, now });
    expect(await auth.checkSession()).toBeNull();
    await expect(auth.checkAuth({})).rejects.toEqual({ message: false });
    await expect(auth.getIdentity()).rejects.toEqual({ message: false });
    expect(await auth.getPermissions()).toBeNull();
    await auth.logout({});
    expect(api.sent).toEqual(['Me']); // no second `me`, no signOut without a session
  });

  it('asks the API again once the cached identity is older than revalidateMs, and reports an ended session', async () => {
    let signedIn = true;
    const api = fakeApi({ Me: () => (signedIn ? { body: { data: { me: user() } } } : unauthenticated()) });
    const auth = createAuthProvider({ fetch: api.fetch, now, revalidateMs: 60_000 });
    await auth.checkAuth({});
    clock += 59_000;
    await auth.checkAuth({});
    expect(api.sent).toEqual(['Me']);
    signedIn = false;
    clock += 2_000;
    await expect(auth.checkAuth({})).rejects.toEqual({ message: 'ra.notification.logged_out' });
    expect(api.sent).toEqual(['Me', 'Me']);
  });

  it('sends one `me` for concurrent checks', async () => {
    const api = fakeApi({ Me: () => ({ body: { data: { me: user() } } }) });
    const auth = createAuthProvider({ fetch: api.fetch, now });
    await Promise.all([auth.checkAuth({}), auth.checkAuth({}), auth.getIdentity(), auth.checkSession()]);
    expect(api.sent).toEqual(['Me']);
  });

  it('treats an UNAUTHENTICATED data request as an ended session: rejects checkError, then logout signs out', async () => {
    const api = fakeApi({ Me: () => ({ body: { data: { me: user() } } }), SignOut: unauthenticated });
    const auth = createAuthProvider({ fetch: api.fetch, now });
    const seen: (ConsoleIdentity | null)[] = [];
    auth.onSessionChange((identity) => seen.push(identity));
    await auth.checkAuth({});

    // ra-data-graphql's HttpError around Apollo's error
    const fromDataProvider = { status: 200, message: 'Please sign in', body: { graphQLErrors: [{ message: 'Please sign in', extensions: { code: 'UNAUTHENTICATED' } }] } };
    await expect(auth.checkError(fromDataProvider)).rejects.toEqual({ message: 'ra.notification.logged_out' });
    await auth.checkAuth({}); // react-admin shows its "logged out" notice only while this succeeds
    await auth.logout({});
    await expect(auth.checkAuth({})).rejects.toEqual({ message: false });
    expect(api.sent).toEqual(['Me', 'SignOut']);
    expect(seen.map((s) => s?.id ?? null)).toEqual(['u1', null]);
  });

  it('lets other errors pass checkError (the page shows them), FORBIDDEN included', async () => {
    const auth = createAuthProvider({ fetch: fakeApi({}).fetch, now });
    await expect(auth.checkError(new GraphQLRequestError([{ message: 'no', extensions: { code: 'FORBIDDEN' } }], 200))).resolves.toBeUndefined();
    await expect(auth.checkError(new Error('boom'))).resolves.toBeUndefined();
    await expect(auth.checkError({ status: 401 })).rejects.toEqual({ message: 'ra.notification.logged_out' });
  });

  it("keeps a confirmed session when the API is briefly unreachable", async () => {
    let up = true;
    const api = fakeApi({ Me: () => (up ? { body: { data: { me: user() } } } : new TypeError('Failed to fetch')) });
    const auth = createAuthProvider({ fetch: api.fetch, now, revalidateMs: 1000 });
    await auth.checkAuth({});
    up = false;
    clock += 5_000;
    await expect(auth.checkAuth({})).resolves.toBeUndefined();
    const fresh = createAuthProvider({ fetch: api.fetch, now });
    await expect(fresh.checkAuth({})).rejects.toEqual({ message: 'app.auth.unreachable' });
    await expect(fresh.checkSession()).rejects.toBeInstanceOf(ApiUnreachableError);
  });

  it('answers canAccess from the shared access table for the signed-in role', async () => {
    const as = async (overrides: Record<string, unknown>) => {
      const auth = createAuthProvider({ fetch: fakeApi({ Me: () => ({ body: { data: { me: user(overrides) } } }) }).fetch, now });
      return (action: string, resource: string) => auth.canAccess!({ action, resource, signal: new AbortController().signal } as never);
    };
    const steering = await as({});
    expect(await steering('list', 'Authority')).toBe(true);
    expect(await steering('show', 'ReuseContract')).toBe(true);
    expect(await steering('edit', 'Authority')).toBe(false);
    expect(await steering('create', 'State')).toBe(false);
    const coordinator = await as({ role: 'STATE_COORDINATOR', stateId: 's1' });
    expect(await coordinator('edit', 'Authority')).toBe(true);
    expect(await coordinator('delete', 'Authority')).toBe(false);
    expect(await coordinator('create', 'User')).toBe(false);
    const admin = await as({ role: 'ADMIN' });
    expect(await admin('delete', 'Authority')).toBe(true);
    expect(await admin('create', 'User')).toBe(true);
    expect(await admin('fly', 'Authority')).toBe(false);
    const nobody = createAuthProvider({ fetch: fakeApi({ Me: unauthenticated }).fetch, now });
    expect(await nobody.canAccess!({ action: 'list', resource: 'State' } as never)).toBe(false);
  });

  it('notices another user signed in meanwhile (another tab) and lets the console start over', async () => {
    let id = 'u1';
    let switches = 0;
    const switched = () => {
      switches += 1;
    };
    const api = fakeApi({ Me: () => ({ body: { data: { me: user({ id }) } } }) });
    const auth = createAuthProvider({ fetch: api.fetch, now, revalidateMs: 1000, onUserSwitched: switched });
    await auth.checkAuth({});
    id = 'u2';
    clock += 2_000;
    await auth.checkAuth({});
    expect(switches).toBe(1);
    expect((await auth.getIdentity()).id).toBe('u2');
  });
});
