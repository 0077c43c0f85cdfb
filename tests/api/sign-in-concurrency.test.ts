import { passwordHashing } from '../../apps/api/src/account/password-hashing.js';
import { firstError, startTestApp, TEST_PASSWORD, TEST_USERS, type TestApp, type TestUserKey } from '../support/test-app.js';

/**
 * Sign-ins at the same moment: every password check (argon2id, 64 MiB each) goes through one gate of
 * ARGON2_CONCURRENCY slots, so the memory of concurrent sign-ins is bounded; the others wait their
 * turn and are answered as before. The gate counts the most hashes that ran at once.
 */
let t: TestApp;
const SIGN_IN = `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token user { email } } }`;
const users = Object.keys(TEST_USERS) as TestUserKey[];

beforeAll(async () => {
  t = await startTestApp();
});

afterAll(async () => {
  passwordHashing.configure(2);
  await t?.close();
});

it.each([2, 1])('signs in 10 clients at once with at most %i password hashes running at a time', async (concurrency) => {
  passwordHashing.configure(concurrency);
  passwordHashing.resetStats();
  const who = Array.from({ length: 10 }, (_, i) => users[i % users.length]);
  const results = await Promise.all(who.map((u) => t.anonymous.gql(SIGN_IN, { e: TEST_USERS[u].email, p: TEST_PASSWORD })));
  for (const [i, r] of results.entries()) {
    expect(r.errors).toBeUndefined();
    expect(r.data!.signIn.user.email).toBe(TEST_USERS[who[i]].email);
    expect(r.data!.signIn.token).toEqual(expect.any(String));
  }
  expect(passwordHashing.stats.maxRunning).toBe(concurrency);
  // the others waited their turn
  expect(passwordHashing.stats.queued).toBeGreaterThanOrEqual(10 - concurrency);
});

it('answers a wrong password among waiting sign-ins as before, and the right ones still sign in', async () => {
  passwordHashing.configure(2);
  passwordHashing.resetStats();
  const [wrong, ...right] = await Promise.all([
    t.anonymous.gql(SIGN_IN, { e: TEST_USERS.ROLLOUT_MANAGER.email, p: 'not-the-password' }),
    ...users.map((u) => t.anonymous.gql(SIGN_IN, { e: TEST_USERS[u].email, p: TEST_PASSWORD })),
  ]);
  expect(firstError(wrong)).toMatchObject({ code: 'UNAUTHENTICATED', message: 'E-mail address or password is wrong' });
  for (const r of right) expect(r.data?.signIn.token).toEqual(expect.any(String));
  expect(passwordHashing.stats.maxRunning).toBeLessThanOrEqual(2);
});

it('refuses a gate size below 1', () => {
  expect(() => passwordHashing.configure(0)).toThrow('ARGON2_CONCURRENCY must be a whole number of at least 1, got 0');
});
