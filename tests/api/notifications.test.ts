/**
 * Notifications over GraphQL against a real PostgreSQL database, with a real
 * SMTP server (smtp-server) started here: watches, events fanned out to
 * watchers in the write's transaction, immediate mails and weekly digests
 * through the durable job queue (graphile-worker), time-based events, and
 * delivery across a restart of the API and a refused first attempt.
 */
import type { ParsedMail } from 'mailparser';
import { loadMailConfig } from '../../apps/api/src/config.js';
import { NotificationDelivery } from '../../apps/api/src/notification/notification-delivery.service.js';
import type { NotificationConfig } from '../../apps/api/src/notification/notification.config.js';
import { startTestSmtp, type TestSmtp } from '../support/smtp.js';
import { firstError, startTestApp, TEST_USERS, type TestApp } from '../support/test-app.js';
import { ok, Q, WorkflowFixture, type Onboarding } from './workflow-fixture.js';

let smtp: TestSmtp;
let t: TestApp;
let fx: WorkflowFixture;
let config: Partial<NotificationConfig>;

const PUBLIC_URL = 'http://console.example.org';
const MANAGER = TEST_USERS.ROLLOUT_MANAGER.email;
const STEERING = TEST_USERS.STEERING_MEMBER.email;

const WATCH = `mutation($t: WatchTarget!, $id: ID!) { watch(targetType: $t, targetId: $id) { id targetType targetId label } }`;
const UNWATCH = `mutation($t: WatchTarget!, $id: ID!) { unwatch(targetType: $t, targetId: $id) }`;
const MINE = `query($unread: Boolean) { myNotifications(perPage: 100, unreadOnly: $unread) { total unread items { id kind title read link onboardingId authorityId } } }`;
const SETTINGS = `mutation($m: MailMode, $l: Language) { updateNotificationSettings(mailMode: $m, language: $l) { mailMode language mailEnabled } }`;

interface Item {
  id: string;
  kind: string;
  title: string;
  read: boolean;
  link: string;
  onboardingId: string | null;
  authorityId: string | null;
}

async function mine(user: 'ROLLOUT_MANAGER' | 'STEERING_MEMBER' | 'ADMIN', unread?: boolean): Promise<{ total: number; unread: number; items: Item[] }> {
  return ok(await t.as(user).gql(MINE, { unread }), 'myNotifications');
}

/** Waits (bounded) until no mail or digest job is left in the queue. */
async function queueDrained(timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier IN ('notification_mail', 'notification_digest')`);
    if (n === 0) return;
    if (Date.now() > deadline) {
      const left = await t.dataSource.query(`SELECT task_identifier, key, attempts, last_error, locked_at, run_at FROM graphile_worker.jobs`);
      throw new Error(`${n} notification jobs still queued after ${timeoutMs} ms: ${JSON.stringify(left)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

const to = (m: ParsedMail) => (Array.isArray(m.to) ? m.to : [m.to]).flatMap((a) => a?.value.map((v) => v.address) ?? []);
const withId = (id: string) => (m: ParsedMail) => m.messageId === `<notification.${id}@console.example.org>`;

/** An onboarding of the fixture's service in NW taken live in one move by the administrator. */
async function goLive(o: Onboarding): Promise<Onboarding> {
  await fx.completeRequired(o);
  return fx.advanced(await fx.get(o.id), { toStage: 'LIVE' });
}

async function notificationOf(user: string, onboardingId: string, kind: string) {
  return t.dataSource.query(
    `SELECT n.id, n.delivery, n.mail_sent_at, n.digest_week FROM notification n JOIN app_user u ON u.id = n.user_id JOIN notification_event e ON e.id = n.event_id
      WHERE u.email = $1 AND e.onboarding_id = $2 AND e.kind = $3`,
    [user, onboardingId, kind],
  );
}

beforeAll(async () => {
  smtp = await startTestSmtp();
  config = { ...loadMailConfig({ SMTP_URL: smtp.url, SMTP_FROM: 'EfA Rollout <rollout@example.org>', PUBLIC_URL }), worker: true, pollIntervalMs: 100 };
  t = await startTestApp({ notifications: config });
  fx = await WorkflowFixture.on(t);
  if (t.kind !== 'postgres') throw new Error('these tests need PostgreSQL (graphile-worker)');
});

afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

describe('watches', () => {
  it('watch, list, watch again (no change), unwatch; bad or unknown targets are VALIDATION naming the field', async () => {
    const o = await fx.onboard();
    const manager = t.as('ROLLOUT_MANAGER');
    const w = ok(await manager.gql(WATCH, { t: 'AUTHORITY', id: o.authorityId }), 'watch');
    expect(w).toMatchObject({ targetType: 'AUTHORITY', targetId: o.authorityId });
    expect(w.label).toMatch(/\S/);
    expect(ok(await manager.gql(WATCH, { t: 'AUTHORITY', id: o.authorityId }), 'watch').id).toBe(w.id);
    const mineNow = ok<Array<{ id: string }>>(await manager.gql(`query($id: ID) { myWatches(targetId: $id) { id targetType } }`, { id: o.authorityId }), 'myWatches');
    expect(mineNow.map((x) => x.id)).toEqual([w.id]);
    // others do not see it
    expect(ok<unknown[]>(await t.as('STEERING_MEMBER').gql(`{ myWatches { id } }`), 'myWatches')).toEqual([]);

    const unknown = await manager.gql(WATCH, { t: 'SERVICE', id: '00000000-0000-4000-8000-000000000000' });
    expect(firstError(unknown)).toMatchObject({ code: 'VALIDATION', fields: ['targetId'] });
    expect(firstError(await manager.gql(WATCH, { t: 'STATE', id: 'not-an-id' }))).toMatchObject({ code: 'VALIDATION' });
    expect(firstError(await manager.gql(WATCH, { t: 'TOWN', id: o.authorityId }))).toMatchObject({ code: 'VALIDATION' });
    expect(firstError(await t.anonymous.gql(WATCH, { t: 'AUTHORITY', id: o.authorityId })).code).toBe('UNAUTHENTICATED');

    expect(ok(await manager.gql(UNWATCH, { t: 'AUTHORITY', id: o.authorityId }), 'unwatch')).toBe(true);
    expect(ok(await manager.gql(UNWATCH, { t: 'AUTHORITY', id: o.authorityId }), 'unwatch')).toBe(false);
  });
});

describe('go-live of a watched authority', () => {
  let o: Onboarding;
  let live: Onboarding;

  beforeAll(async () => {
    o = await fx.onboard();
    ok(await t.as('ROLLOUT_MANAGER').gql(WATCH, { t: 'AUTHORITY', id: o.authorityId }), 'watch');
    // The steering member watches the whole state and reads English.
    ok(await t.as('STEERING_MEMBER').gql(WATCH, { t: 'STATE', id: fx.states.NW }), 'watch');
    ok(await t.as('STEERING_MEMBER').gql(SETTINGS, { l: 'en' }), 'updateNotificationSettings');
    ok(await t.gql(WATCH, { t: 'AUTHORITY', id: o.authorityId }), 'watch');
    live = await goLive(o);
    expect(live.stage).toBe('LIVE');
  });

  it('writes a notification for every watcher (authority and state), not for the user who made the change', async () => {
    const m = await mine('ROLLOUT_MANAGER', true);
    const item = m.items.find((i) => i.onboardingId === o.id)!;
    expect(item).toMatchObject({ kind: 'WENT_LIVE', read: false, authorityId: o.authorityId, link: `#/Onboarding/${o.id}/show` });
    expect(item.title).toMatch(/ist live/);
    expect(ok(await t.as('ROLLOUT_MANAGER').gql(`{ unreadNotificationCount }`), 'unreadNotificationCount')).toBe(m.unread);
    const s = (await mine('STEERING_MEMBER')).items.find((i) => i.onboardingId === o.id)!;
    expect(s.title).toMatch(/is live/);
    expect((await mine('ADMIN')).items.filter((i) => i.onboardingId === o.id)).toEqual([]);
  });

  it('sends one mail to each watcher, in their language, with a Message-ID from the notification and a link to the console', async () => {
    const [n] = await notificationOf(MANAGER, o.id, 'WENT_LIVE');
    const [sn] = await notificationOf(STEERING, o.id, 'WENT_LIVE');
    await smtp.waitFor((mails) => mails.some(withId(n.id)) && mails.some(withId(sn.id)), 'the go-live mails');
    await queueDrained();
    const mail = smtp.mails.filter(withId(n.id));
    expect(mail).toHaveLength(1);
    expect(to(mail[0])).toEqual([MANAGER]);
    expect(mail[0].from?.value[0].address).toBe('rollout@example.org');
    expect(mail[0].subject).toMatch(/^\[EfA Rollout\] .* ist live \(\d{4}-\d{2}-\d{2}\)$/);
    expect(mail[0].text).toContain(`${PUBLIC_URL}/#/Onboarding/${o.id}/show`);
    expect(mail[0].html).toContain(`href="${PUBLIC_URL}/#/Onboarding/${o.id}/show"`);
    const english = smtp.mails.filter(withId(sn.id));
    expect(english).toHaveLength(1);
    expect(to(english[0])).toEqual([STEERING]);
    expect(english[0].subject).toMatch(/ is live \(/);
    const [after] = await notificationOf(MANAGER, o.id, 'WENT_LIVE');
    expect(after.mail_sent_at).not.toBeNull();
  });

  it('mark read and mark all read', async () => {
    const manager = t.as('ROLLOUT_MANAGER');
    const item = (await mine('ROLLOUT_MANAGER', true)).items[0];
    expect(ok(await manager.gql(`mutation($id: ID!) { markNotificationRead(id: $id) { id read } }`, { id: item.id }), 'markNotificationRead')).toEqual({ id: item.id, read: true });
    // someone else's notification is not found for this user
    expect(firstError(await t.as('STEERING_MEMBER').gql(`mutation($id: ID!) { markNotificationRead(id: $id) { id } }`, { id: item.id })).code).toBe('NOT_FOUND');
    const unread = (await mine('ROLLOUT_MANAGER')).unread;
    expect(ok(await manager.gql(`mutation { markAllNotificationsRead }`), 'markAllNotificationsRead')).toBe(unread);
    expect(ok(await manager.gql(`{ unreadNotificationCount }`), 'unreadNotificationCount')).toBe(0);
  });

  it('unwatching stops notifications and mails; other watchers still get theirs', async () => {
    ok(await t.as('ROLLOUT_MANAGER').gql(UNWATCH, { t: 'AUTHORITY', id: o.authorityId }), 'unwatch');
    const b = await fx.blocker(o.id, { severity: 'INFO' });
    expect(await notificationOf(MANAGER, o.id, 'BLOCKER_OPENED')).toEqual([]);
    const [sn] = await notificationOf(STEERING, o.id, 'BLOCKER_OPENED');
    expect(sn).toBeDefined();
    await smtp.waitFor((mails) => mails.some(withId(sn.id)), 'the obstacle mail of the state watcher');
    expect(smtp.mails.filter((m) => m.subject?.includes(b.title) && to(m).includes(MANAGER))).toEqual([]);
  });
});

describe('events are written in the transaction of the change', () => {
  it('a refused write (stale version) leaves no event; contract status changes reach the state and service watchers', async () => {
    const o = await fx.onboard();
    ok(await t.as('ROLLOUT_MANAGER').gql(WATCH, { t: 'ONBOARDING', id: o.id }), 'watch');
    const [{ n: before }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM notification_event`);
    const stale = await fx.advance({ id: o.id, version: o.version + 5 });
    expect(firstError(stale).code).toBe('CONFLICT');
    const [{ n: after }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM notification_event`);
    expect(after).toBe(before);

    ok(await t.as('ROLLOUT_MANAGER').gql(WATCH, { t: 'SERVICE', id: fx.serviceId }), 'watch');
    const c = await fx.newContract('BY', fx.serviceId, { status: 'NONE' });
    ok(await t.gql(Q.declareInterest, { id: c.id, version: c.version, at: '2026-01-05' }), 'declareInterest');
    const items = (await mine('ROLLOUT_MANAGER')).items.filter((i) => i.kind === 'CONTRACT_STATUS_CHANGED');
    expect(items.length).toBe(1);
    expect(items[0].title).toContain('NONE → INTEREST_DECLARED');
    ok(await t.as('ROLLOUT_MANAGER').gql(UNWATCH, { t: 'SERVICE', id: fx.serviceId }), 'unwatch');
  });
});

describe('weekly digest', () => {
  it('digest users get no immediate mail and one digest per ISO week, however often the schedule runs', async () => {
    const coordinatorless = await fx.onboard();
    const steering = t.as('STEERING_MEMBER');
    // only this onboarding (not the whole state, whose demo onboardings have overdue milestones)
    ok(await steering.gql(UNWATCH, { t: 'STATE', id: fx.states.NW }), 'unwatch');
    ok(await steering.gql(SETTINGS, { m: 'WEEKLY_DIGEST', l: 'de' }), 'updateNotificationSettings');
    ok(await steering.gql(WATCH, { t: 'ONBOARDING', id: coordinatorless.id }), 'watch');
    await fx.advanced(coordinatorless, { toStage: 'KICK_OFF' });
    await fx.blocker(coordinatorless.id, { severity: 'INFO' });
    const pending = await t.dataSource.query(
      `SELECT n.delivery FROM notification n JOIN app_user u ON u.id = n.user_id JOIN notification_event e ON e.id = n.event_id WHERE u.email = $1 AND e.onboarding_id = $2`,
      [STEERING, coordinatorless.id],
    );
    expect(pending.map((p: { delivery: string }) => p.delivery)).toEqual(['DIGEST', 'DIGEST']);

    const delivery = t.app.get(NotificationDelivery);
    const nextWeek = new Date(Date.now() + 7 * 86_400_000);
    const first = await delivery.runSchedule(nextWeek);
    expect(first.digests).toBe(1);
    const digests = await smtp.waitFor((mails) => mails.some((m) => to(m).includes(STEERING) && /Wochenübersicht/.test(m.subject ?? '')), 'the digest');
    await queueDrained();
    expect((await delivery.runSchedule(nextWeek)).digests).toBe(0);
    await queueDrained();
    const own = digests.filter((m) => to(m).includes(STEERING) && /Wochenübersicht/.test(m.subject ?? ''));
    expect(own).toHaveLength(1);
    expect(own[0].subject).toMatch(/: 2 Benachrichtigungen$/);
    expect(own[0].messageId).toMatch(/^<digest\.[0-9a-f-]+\.\d{4}-W\d{2}@console\.example\.org>$/);
    expect(own[0].text).toContain(`${PUBLIC_URL}/#/Onboarding/${coordinatorless.id}/show`);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM notification_digest d JOIN app_user u ON u.id = d.user_id WHERE u.email = $1`, [STEERING]);
    expect(n).toBe(1);
    ok(await steering.gql(SETTINGS, { m: 'IMMEDIATE' }), 'updateNotificationSettings');
  });

  it('refuses an unknown mail mode as VALIDATION naming it', async () => {
    expect(firstError(await t.as('STEERING_MEMBER').gql(`mutation { updateNotificationSettings(mailMode: HOURLY) { mailMode } }`))).toMatchObject({ code: 'VALIDATION', fields: ['mailMode'] });
  });
});

describe('milestone overdue (scheduled, idempotent)', () => {
  it('creates the notification once, however often the schedule runs', async () => {
    const o = await fx.onboard();
    ok(await t.as('ROLLOUT_MANAGER').gql(WATCH, { t: 'ONBOARDING', id: o.id }), 'watch');
    const m = o.milestones.find((x) => x.status === 'OPEN')!;
    ok(await t.gql(Q.updateMilestone, { id: m.id, version: m.version, dueDate: '2025-01-15' }), 'updateMilestone');
    const delivery = t.app.get(NotificationDelivery);
    // (the state watcher of an earlier test hears of the demo data's overdue milestones too)
    expect((await delivery.runSchedule()).dueNotifications).toBeGreaterThanOrEqual(1);
    expect((await delivery.runSchedule()).dueNotifications).toBe(0);
    const items = (await mine('ROLLOUT_MANAGER')).items.filter((i) => i.onboardingId === o.id && i.kind === 'MILESTONE_OVERDUE');
    expect(items).toHaveLength(1);
    expect(items[0].title).toContain('2025-01-15');
    const [n] = await notificationOf(MANAGER, o.id, 'MILESTONE_OVERDUE');
    await smtp.waitFor((mails) => mails.some(withId(n.id)), 'the overdue mail');
  });
});

describe('action item due (scheduled, idempotent)', () => {
  it('tells the owner and the watchers of the linked onboarding once', async () => {
    const o = await fx.onboard();
    ok(await t.as('STEERING_MEMBER').gql(WATCH, { t: 'ONBOARDING', id: o.id }), 'watch');
    const [manager] = await t.dataSource.query(`SELECT id FROM app_user WHERE email = $1`, [MANAGER]);
    const meeting = ok<{ id: string }>(
      await t.gql(`mutation { createMeeting(kind: PROJECT_MEETING, title: "Projekttermin", startsAt: "2026-01-05T09:00:00Z", endsAt: "2026-01-05T10:00:00Z") { id } }`),
      'createMeeting',
    );
    const item = ok<{ id: string }>(
      await t.gql(`mutation($m: ID!, $o: ID!, $u: ID!) { createMeetingItem(meetingId: $m, kind: ACTION_ITEM, text: "Zertifikat beantragen", ownerUserId: $u, dueDate: "2026-01-20", onboardingId: $o) { id } }`, {
        m: meeting.id,
        o: o.id,
        u: manager.id,
      }),
      'createMeetingItem',
    );
    const delivery = t.app.get(NotificationDelivery);
    await delivery.runSchedule();
    await delivery.runSchedule();
    const rows = await t.dataSource.query(
      `SELECT u.email FROM notification n JOIN app_user u ON u.id = n.user_id JOIN notification_event e ON e.id = n.event_id WHERE e.kind = 'ACTION_ITEM_DUE' AND e.entity_id = $1 ORDER BY u.email`,
      [item.id],
    );
    expect(rows.map((r: { email: string }) => r.email)).toEqual([MANAGER, STEERING].sort());
    const due = (await mine('ROLLOUT_MANAGER')).items.filter((i) => i.kind === 'ACTION_ITEM_DUE');
    expect(due).toHaveLength(1);
    expect(due[0].title).toBe('Aufgabe „Zertifikat beantragen“ ist fällig (2026-01-20)');
  });
});

describe('delivery survives a restart', () => {
  it('a mail enqueued while no worker runs is sent exactly once by the restarted API', async () => {
    await t.restart({ notifications: { ...config, worker: false } });
    const o = await fx.onboard();
    ok(await t.as('ROLLOUT_MANAGER').gql(WATCH, { t: 'ONBOARDING', id: o.id }), 'watch');
    await goLive(o);
    const [n] = await notificationOf(MANAGER, o.id, 'WENT_LIVE');
    // The job committed with the go-live and waits in PostgreSQL; nothing was sent.
    const jobs = await t.dataSource.query(`SELECT key FROM graphile_worker.jobs WHERE key = $1`, [`mail:${n.id}`]);
    expect(jobs).toHaveLength(1);
    expect(n.mail_sent_at).toBeNull();
    expect(smtp.mails.filter(withId(n.id))).toEqual([]);

    await t.restart({ notifications: config });
    await smtp.waitFor((mails) => mails.some(withId(n.id)), 'the mail after the restart');
    await queueDrained();
    expect(smtp.mails.filter(withId(n.id))).toHaveLength(1);
    const [sent] = await notificationOf(MANAGER, o.id, 'WENT_LIVE');
    expect(sent.mail_sent_at).not.toBeNull();
  });

  it('an SMTP server that refuses the first attempt gets the mail once, on the retry', async () => {
    const o = await fx.onboard();
    ok(await t.as('ROLLOUT_MANAGER').gql(WATCH, { t: 'ONBOARDING', id: o.id }), 'watch');
    const refusedBefore = smtp.refused;
    smtp.failNext(1);
    await goLive(o);
    const [n] = await notificationOf(MANAGER, o.id, 'WENT_LIVE');
    await smtp.waitFor((mails) => mails.some(withId(n.id)), 'the retried mail', 30_000);
    await queueDrained();
    expect(smtp.refused).toBe(refusedBefore + 1);
    expect(smtp.mails.filter(withId(n.id))).toHaveLength(1);
  });
});
