/**
 * The per-user iCalendar feed: generated with ical-generator, checked here by
 * parsing it with another library (node-ical): the planned go-lives and
 * milestone due dates of what the user watches, stable UIDs, no session
 * needed, revoked or regenerated tokens answer 404.
 */
import ical, { type VEvent } from 'node-ical';
import { firstError, startTestApp, type TestApp } from '../support/test-app.js';
import { ok, Q, WorkflowFixture, isoDay } from './workflow-fixture.js';

let t: TestApp;
let fx: WorkflowFixture;

beforeAll(async () => {
  t = await startTestApp({ notifications: { mail: undefined, publicUrl: 'http://console.example.org', worker: false } });
  fx = await WorkflowFixture.on(t);
});

afterAll(async () => {
  await t?.close();
});

const REGENERATE = `mutation { regenerateCalendarToken { url token } }`;

function events(body: string): VEvent[] {
  return Object.values(ical.sync.parseICS(body)).filter((c): c is VEvent => c?.type === 'VEVENT');
}

/** node-ical gives a property with parameters as { params, val }. */
const text = (v: unknown): string => (typeof v === 'string' ? v : String((v as { val?: unknown })?.val ?? ''));

const dateOf = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

describe('calendar feed', () => {
  let watchedId: string;
  let milestoneId: string;
  let otherId: string;
  let meetingId: string;
  const startsAt = '2027-03-04T09:30:00.000Z';
  const endsAt = '2027-03-04T11:00:00.000Z';
  const planned = isoDay(40);
  const due = isoDay(12);

  beforeAll(async () => {
    const o = await fx.onboard();
    watchedId = o.id;
    ok(await t.gql(Q.setPlannedGoLive, { id: o.id, version: o.version, plannedGoLive: planned }), 'setPlannedGoLive');
    const m = o.milestones.find((x) => x.status === 'OPEN')!;
    milestoneId = m.id;
    ok(await t.gql(Q.updateMilestone, { id: m.id, version: m.version, dueDate: due }), 'updateMilestone');
    // the manager watches the authority (so the onboarding through it); another onboarding is not watched
    ok(await t.as('ROLLOUT_MANAGER').gql(`mutation($id: ID!) { watch(targetType: AUTHORITY, targetId: $id) { id } }`, { id: o.authorityId }), 'watch');
    // a project meeting with the watched authority (meetings feature)
    meetingId = ok<{ id: string }>(
      await t.gql(`mutation($a: [ID!], $s: DateTime!, $e: DateTime!) { createMeeting(kind: PROJECT_MEETING, title: "Projekttermin Anbindung", startsAt: $s, endsAt: $e, authorityIds: $a, location: "Videokonferenz") { id } }`, {
        a: [o.authorityId],
        s: startsAt,
        e: endsAt,
      }),
      'createMeeting',
    ).id;
    const other = await fx.onboard('ST');
    otherId = other.id;
    ok(await t.gql(Q.setPlannedGoLive, { id: other.id, version: other.version, plannedGoLive: planned }), 'setPlannedGoLive');
  });

  it('serves the watched planned go-live (all day) and milestone due date, parseable by node-ical, with stable UIDs and no session', async () => {
    const feed = ok<{ url: string; token: string }>(await t.as('ROLLOUT_MANAGER').gql(REGENERATE), 'regenerateCalendarToken');
    expect(feed.url).toBe(`http://console.example.org/calendar/${feed.token}.ics`);
    const res = await t.http().get(`/calendar/${feed.token}.ics`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    const list = events(res.text);
    const golive = list.find((e) => e.uid === `golive-${watchedId}@console.example.org`)!;
    expect(golive).toBeDefined();
    expect(golive.datetype).toBe('date');
    expect(dateOf(golive.start)).toBe(planned);
    expect(String(golive.summary)).toMatch(/^Geplanter Go-Live: /);
    expect(text(golive.description)).toContain(`/#/Onboarding/${watchedId}/show`);
    const milestone = list.find((e) => e.uid === `milestone-${milestoneId}@console.example.org`)!;
    expect(milestone).toBeDefined();
    expect(milestone.datetype).toBe('date');
    expect(dateOf(milestone.start)).toBe(due);
    expect(String(milestone.summary)).toMatch(/^Meilenstein fällig: /);
    const meeting = list.find((e) => e.uid === `meeting-${meetingId}@console.example.org`)!;
    expect(meeting).toBeDefined();
    expect(meeting.start.toISOString()).toBe(startsAt);
    expect(meeting.end?.toISOString()).toBe(endsAt);
    expect(String(meeting.summary)).toBe('Projekttermin Anbindung');
    expect(text(meeting.location)).toBe('Videokonferenz');
    // only what the user watches
    expect(list.some((e) => e.uid.includes(otherId))).toBe(false);
    // stable: the same UIDs on the next request
    const again = events((await t.http().get(`/calendar/${feed.token}.ics`)).text);
    expect(again.map((e) => e.uid).sort()).toEqual(list.map((e) => e.uid).sort());
    // only the hash is stored
    const [row] = await t.dataSource.query(`SELECT s.calendar_token_hash FROM notification_setting s JOIN app_user u ON u.id = s.user_id WHERE u.email = 'manager@test.invalid'`);
    expect(row.calendar_token_hash).not.toContain(feed.token);
    expect(row.calendar_token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a regenerated token replaces the old one; a revoked token answers 404; an unknown one too', async () => {
    const manager = t.as('ROLLOUT_MANAGER');
    const first = ok<{ token: string }>(await manager.gql(REGENERATE), 'regenerateCalendarToken');
    const second = ok<{ token: string }>(await manager.gql(REGENERATE), 'regenerateCalendarToken');
    expect((await t.http().get(`/calendar/${first.token}.ics`)).status).toBe(404);
    expect((await t.http().get(`/calendar/${second.token}.ics`)).status).toBe(200);
    expect(ok(await manager.gql(`{ notificationSettings { calendarFeedActive } }`), 'notificationSettings')).toEqual({ calendarFeedActive: true });
    expect(ok(await manager.gql(`mutation { revokeCalendarToken }`), 'revokeCalendarToken')).toBe(true);
    expect((await t.http().get(`/calendar/${second.token}.ics`)).status).toBe(404);
    expect(ok(await manager.gql(`mutation { revokeCalendarToken }`), 'revokeCalendarToken')).toBe(false);
    expect((await t.http().get(`/calendar/${'x'.repeat(43)}.ics`)).status).toBe(404);
    expect((await t.http().get(`/calendar/nothing`)).status).toBe(404);
    expect(firstError(await t.anonymous.gql(REGENERATE)).code).toBe('UNAUTHENTICATED');
  });

  it('English users get English summaries', async () => {
    const manager = t.as('ROLLOUT_MANAGER');
    ok(await manager.gql(`mutation { updateNotificationSettings(language: en) { language } }`), 'updateNotificationSettings');
    const { token } = ok<{ token: string }>(await manager.gql(REGENERATE), 'regenerateCalendarToken');
    const list = events((await t.http().get(`/calendar/${token}.ics`)).text);
    expect(String(list.find((e) => e.uid.startsWith(`golive-${watchedId}`))!.summary)).toMatch(/^Planned go-live: /);
  });
});
