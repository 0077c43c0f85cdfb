import pg from 'pg';
import { createDatabase, dropDatabase } from '../support/postgres.js';
import { gqlWithin, startServer, waitFor, type ServerProcess } from '../support/server-process.js';
import { startTestSmtp, type TestSmtp } from '../support/smtp.js';
import { TEST_PASSWORD, TEST_USERS } from '../support/users.js';

/**
 * Two API processes on one database, as behind a load balancer (no sticky sessions), with the same
 * configuration (no SESSION_SECRET: both use the key kept in the database). What one instance does
 * the other must see: optimistic locking, sessions and their revocation, the sign-in rate limit,
 * and each notification mail sent once although both run a job worker.
 */
const onPostgres = process.env.EFA_TEST_DB === 'postgres';
if (!onPostgres) console.warn('[two instances test] needs the PostgreSQL test server (TEST_DATABASE_URL); skipped on the PGlite fallback');
const describeOnPostgres = onPostgres ? describe : describe.skip;

const SIGN_IN = `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }`;
const MAILS = 12;

describeOnPostgres('two API instances on one database', () => {
  const name = `${process.env.EFA_TEST_RUN_ID}_crash11_two_${Math.random().toString(36).slice(2, 8)}`;
  let url: string;
  let db: pg.Client;
  let smtp: TestSmtp;
  let a: ServerProcess;
  let b: ServerProcess;

  async function signIn(server: ServerProcess, email: string, password = TEST_PASSWORD) {
    return gqlWithin(server.base, SIGN_IN, { e: email, p: password });
  }
  async function tokenOn(server: ServerProcess, email: string) {
    const r = await signIn(server, email);
    expect(r.body.errors).toBeUndefined();
    return r.body.data!.signIn.token as string;
  }

  beforeAll(async () => {
    url = await createDatabase(name, process.env.EFA_TEST_TEMPLATE);
    db = new pg.Client({ connectionString: url });
    await db.connect();
    smtp = await startTestSmtp();
    const env = { DATABASE_URL: url, SEED: 'never', DEMO_ACCOUNTS: 'false', SMTP_URL: smtp.url, SMTP_FROM: 'EfA Rollout <rollout@example.org>', PUBLIC_URL: 'http://console.example.org' };
    // Started at the same time: migrations and the session key are decided once for both.
    [a, b] = await Promise.all([startServer(env), startServer(env)]);
    await Promise.all([a.ready, b.ready]);
  }, 180_000);
  afterAll(async () => {
    a?.kill();
    b?.kill();
    await smtp?.close();
    await db?.end().catch(() => undefined);
    await dropDatabase(name);
  });

  it('optimistic locking: an edit through A, then one with the stale version through B, is refused with CONFLICT and changes nothing', async () => {
    const [tokenA, tokenB] = [await tokenOn(a, TEST_USERS.ADMIN.email), await tokenOn(b, TEST_USERS.ADMIN.email)];
    const list = await gqlWithin(a.base, `{ allAuthorities(perPage: 1, sortField: "ars") { id version } }`, {}, { token: tokenA });
    const { id, version } = list.body.data!.allAuthorities[0];
    const UPDATE = `mutation($id: ID!, $v: Int!, $notes: String) { updateAuthority(id: $id, version: $v, notes: $notes) { id version notes } }`;
    const first = await gqlWithin(a.base, UPDATE, { id, v: version, notes: 'über A' }, { token: tokenA });
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data!.updateAuthority).toMatchObject({ version: version + 1, notes: 'über A' });
    const stale = await gqlWithin(b.base, UPDATE, { id, v: version, notes: 'über B, veraltet' }, { token: tokenB });
    expect(stale.body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const row = (await db.query(`SELECT notes, version FROM authority WHERE id = $1`, [id])).rows[0];
    expect(row).toEqual({ notes: 'über A', version: version + 1 });
    // With the current version B's edit goes through.
    const fresh = await gqlWithin(b.base, UPDATE, { id, v: version + 1, notes: 'über B' }, { token: tokenB });
    expect(fresh.body.data!.updateAuthority).toMatchObject({ version: version + 2, notes: 'über B' });
  });

  it('sessions: a token made by A works on B; signing out on A ends it on B', async () => {
    const token = await tokenOn(a, TEST_USERS.ROLLOUT_MANAGER.email);
    const me = await gqlWithin(b.base, `{ me { email } }`, {}, { token });
    expect(me.body.data?.me).toEqual({ email: TEST_USERS.ROLLOUT_MANAGER.email });
    const out = await gqlWithin(a.base, `mutation { signOut }`, {}, { token });
    expect(out.body.data?.signOut).toBe(true);
    const after = await gqlWithin(b.base, `{ me { email } }`, {}, { token });
    expect(after.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('sign-in rate limit: failures on A and on B count together', async () => {
    const email = TEST_USERS.STEERING_MEMBER.email;
    // The limit is 5 failures per account in 15 minutes: 3 on A, 2 on B.
    for (const server of [a, b, a, b, a]) {
      const r = await signIn(server, email, 'falsches-Passwort');
      expect(r.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    // The right password is refused now on both, without being checked.
    for (const server of [b, a]) {
      const r = await signIn(server, email);
      expect(r.body.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    }
  });

  it('notifications: with a job worker in each instance every mail is sent once', async () => {
    const admin = { a: await tokenOn(a, TEST_USERS.ADMIN.email), b: await tokenOn(b, TEST_USERS.ADMIN.email) };
    const manager = await tokenOn(b, TEST_USERS.ROLLOUT_MANAGER.email);
    const state = (await db.query(`SELECT id FROM state WHERE code = 'BB'`)).rows[0].id as string;
    const watched = await gqlWithin(b.base, `mutation($id: ID!) { watch(targetType: STATE, targetId: $id) { id } }`, { id: state }, { token: manager });
    expect(watched.body.errors).toBeUndefined();
    const onboardings = (
      await db.query(
        `INSERT INTO onboarding (authority_id, service_id, stage, status, stage_entered_at)
         SELECT a.id, s.id, (SELECT key FROM service_stage WHERE service_id = s.id ORDER BY position LIMIT 1), 'ACTIVE', now()
           FROM authority a CROSS JOIN LATERAL (
             SELECT s.id FROM service s WHERE (SELECT count(*) FROM service_stage WHERE service_id = s.id) >= 3
                AND NOT EXISTS (SELECT 1 FROM onboarding o WHERE o.authority_id = a.id AND o.service_id = s.id) ORDER BY s.id LIMIT 1) s
          WHERE a.state_id = $1 ORDER BY a.ars LIMIT $2 RETURNING id, version`,
        [state, MAILS],
      )
    ).rows as Array<{ id: string; version: number }>;
    expect(onboardings).toHaveLength(MAILS);
    // Moved alternately through A and B.
    for (const [i, o] of onboardings.entries()) {
      const r = await gqlWithin(i % 2 ? b.base : a.base, `mutation($id: ID!, $v: Int!) { advanceOnboarding(id: $id, version: $v) { id } }`, { id: o.id, v: o.version }, { token: i % 2 ? admin.b : admin.a });
      expect(r.body.errors).toBeUndefined();
    }
    const ids = (
      await db.query(
        `SELECT n.id FROM notification n JOIN notification_event e ON e.id = n.event_id JOIN app_user u ON u.id = n.user_id WHERE e.onboarding_id = ANY($1) AND u.email = $2`,
        [onboardings.map((o) => o.id), TEST_USERS.ROLLOUT_MANAGER.email],
      )
    ).rows.map((r) => `<notification.${r.id}@console.example.org>`);
    expect(ids).toHaveLength(MAILS);
    await smtp.waitFor((mails) => ids.every((id) => mails.some((m) => m.messageId === id)), `${MAILS} notification mails`, 60_000);
    await waitFor('the mail jobs to be done', async () => (await db.query(`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = 'notification_mail'`)).rows[0].n === 0, 30_000, 100);
    const sent = smtp.mails.filter((m) => ids.includes(m.messageId ?? ''));
    expect(sent).toHaveLength(MAILS); // none twice
    const unsent = (await db.query(`SELECT count(*)::int AS n FROM notification WHERE id = ANY($1) AND mail_sent_at IS NULL`, [ids.map((m) => m.slice('<notification.'.length, -'@console.example.org>'.length))])).rows[0].n;
    expect(unsent).toBe(0);
    // Both instances run a worker pool, each holding its liveness lock.
    const pools = (await db.query(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND classid = $1::oid AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`, [0x45664131])).rows[0].n;
    expect(pools).toBe(2);
  }, 120_000);
});
