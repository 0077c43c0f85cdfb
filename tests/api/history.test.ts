/**
 * history(entityType, entityId) and onboardingTimeline(id): who changed
 * what, newest first, with field-level changes.
 */
import { Q, WorkflowFixture, firstError, ok, type Onboarding, type Event } from './workflow-fixture.js';

let fx: WorkflowFixture;
beforeAll(async () => {
  fx = await WorkflowFixture.start();
});
afterAll(async () => fx?.close());

const history = async (entityType: string, entityId: string, limit?: number) => ok<Event[]>(await fx.gql(Q.history, { entityType, entityId, limit }), 'history');
const fields = (e: Event) => e.changes.map((c) => c.field).sort();
const change = (e: Event, field: string) => e.changes.find((c) => c.field === field);
const newestFirst = (events: Event[]) => {
  const times = events.map((e) => new Date(e.occurredAt).getTime());
  expect(times).toEqual([...times].sort((a, b) => b - a));
};

describe('history', () => {
  it('lists the changes of an onboarding newest first, field by field, by the signed-in actor', async () => {
    const o = await fx.onboard();
    const updated = ok<Onboarding>(await fx.gql(Q.updateOnboarding, { id: o.id, version: 1, owner: 'Rollout team Nord', notes: 'Pilot' }), 'updateOnboarding');
    const planned = ok<Onboarding>(await fx.gql(Q.setPlannedGoLive, { id: o.id, version: updated.version, plannedGoLive: '2026-06-30' }), 'setPlannedGoLive');
    const advanced = await fx.advanced(planned, { comment: 'Kick-off held on 12 May' });
    const paused = ok<Onboarding>(await fx.gql(Q.pause, { id: o.id, version: advanced.version, reason: 'Ordinance pending' }), 'pauseOnboarding');

    const events = await history('Onboarding', o.id);
    expect(events.map((e) => e.action)).toEqual(['PAUSE', 'ADVANCE', 'SET_PLANNED_GO_LIVE', 'UPDATE', 'CREATE']);
    expect(events.every((e) => e.actor === 'admin@test.invalid' && e.entityType === 'Onboarding' && e.entityId === o.id)).toBe(true);
    newestFirst(events);

    const [pause, advance, plan, update, create] = events;
    expect(fields(pause)).toEqual(['status', 'statusReason']);
    expect(change(pause, 'status')).toEqual({ field: 'status', from: 'ACTIVE', to: 'ON_HOLD' });
    expect(change(pause, 'statusReason')).toEqual({ field: 'statusReason', from: null, to: 'Ordinance pending' });
    expect(pause.comment).toBe('Ordinance pending');

    expect(fields(advance)).toEqual(['stage', 'stageEnteredAt']);
    expect(change(advance, 'stage')).toEqual({ field: 'stage', from: 'INTEREST', to: 'KICK_OFF' });
    expect(change(advance, 'stageEnteredAt')!.to).toBe(advanced.stageEnteredAt);
    expect(advance.comment).toBe('Kick-off held on 12 May');

    expect(plan.changes).toEqual([{ field: 'plannedGoLive', from: null, to: '2026-06-30' }]);
    expect(update.changes).toEqual(expect.arrayContaining([{ field: 'owner', from: null, to: 'Rollout team Nord' }, { field: 'notes', from: null, to: 'Pilot' }]));
    expect(fields(update)).toEqual(['notes', 'owner']);
    expect(change(create, 'stage')).toEqual({ field: 'stage', from: null, to: 'INTEREST' });
    expect(paused.version).toBe(5);
  });

  it('a change that changes nothing writes no event and keeps the version', async () => {
    const o = await fx.onboard();
    const planned = ok<Onboarding>(await fx.gql(Q.setPlannedGoLive, { id: o.id, version: 1, plannedGoLive: '2026-01-31' }), 'setPlannedGoLive');
    const same = ok<Onboarding>(await fx.gql(Q.setPlannedGoLive, { id: o.id, version: planned.version, plannedGoLive: '2026-01-31' }), 'setPlannedGoLive');
    expect(same.version).toBe(planned.version);
    expect((await history('Onboarding', o.id)).map((e) => e.action)).toEqual(['SET_PLANNED_GO_LIVE', 'CREATE']);
  });

  it('limit keeps the newest events', async () => {
    const o = await fx.onboardingIn('CONNECTION');
    const all = await history('Onboarding', o.id);
    expect(all.map((e) => e.action)).toEqual(['ADVANCE', 'CREATE']);
    const more = await fx.advanced(o);
    const newest = await history('Onboarding', o.id, 1);
    expect(newest).toHaveLength(1);
    expect(newest[0]).toMatchObject({ action: 'ADVANCE' });
    expect(change(newest[0], 'stage')).toEqual({ field: 'stage', from: 'CONNECTION', to: more.stage });
  });

  it('records milestones, obstacles and contracts the same way', async () => {
    const o = await fx.onboard();
    const m = o.milestones.find((x) => x.key === 'TENANT_SET_UP')!;
    const done = ok(await fx.gql(Q.completeMilestone, { id: m.id, version: m.version, completedAt: '2024-04-02' }), 'completeMilestone');
    ok(await fx.gql(Q.reopenMilestone, { id: m.id, version: done.version }), 'reopenMilestone');
    const ms = await history('Milestone', m.id);
    expect(ms.map((e) => e.action)).toEqual(['REOPEN', 'COMPLETE']);
    expect(ms[0].changes).toEqual(expect.arrayContaining([{ field: 'status', from: 'DONE', to: 'OPEN' }, { field: 'completedAt', from: '2024-04-02', to: null }]));
    expect(ms[1].changes).toEqual(expect.arrayContaining([{ field: 'status', from: 'OPEN', to: 'DONE' }, { field: 'completedAt', from: null, to: '2024-04-02' }]));

    const b = await fx.blocker(o.id, { severity: 'BLOCKING', title: 'No DVDV certificate', openedAt: '2024-04-01' });
    ok(await fx.gql(Q.resolveBlocker, { id: b.id, version: 1, resolution: 'Certificate issued', resolvedAt: '2024-04-20' }), 'resolveBlocker');
    const bs = await history('Blocker', b.id);
    expect(bs.map((e) => [e.action, e.actor])).toEqual([
      ['RESOLVE', 'admin@test.invalid'],
      ['CREATE', 'admin@test.invalid'],
    ]);
    expect(bs[0].changes).toEqual(expect.arrayContaining([{ field: 'resolvedAt', from: null, to: '2024-04-20' }, { field: 'resolution', from: null, to: 'Certificate issued' }]));
    expect(change(bs[1], 'severity')).toEqual({ field: 'severity', from: null, to: 'BLOCKING' });

    const s = await fx.newService();
    const c = await fx.newContract('HE', s.id, { status: 'NONE' });
    ok(await fx.gql(Q.signContract, { id: c.id, version: 1, signedAt: '2024-01-15' }), 'signContract');
    const cs = await history('ReuseContract', c.id);
    expect(cs.map((e) => e.action)).toEqual(['SIGNED', 'CREATE']);
    expect(cs[0].changes).toEqual(expect.arrayContaining([{ field: 'status', from: 'NONE', to: 'SIGNED' }, { field: 'signedAt', from: null, to: '2024-01-15' }]));
  });

  it('another entity type or an unknown id has no history; a malformed id is a VALIDATION error', async () => {
    const o = await fx.onboard();
    expect(await history('Milestone', o.id)).toEqual([]);
    expect(await history('Onboarding', '00000000-0000-4000-8000-000000000000')).toEqual([]);
    expect(firstError(await fx.gql(Q.history, { entityType: 'Onboarding', entityId: 'not-an-id' }))).toMatchObject({ code: 'VALIDATION', fields: ['entityId'] });
  });
});

describe('onboardingTimeline', () => {
  it("merges the onboarding's own events with those of its milestones and obstacles, newest first, naming the subject", async () => {
    const o = await fx.onboard();
    const m = o.milestones.find((x) => x.key === 'CONTACTS_NAMED')!;
    ok(await fx.gql(Q.completeMilestone, { id: m.id, version: m.version }), 'completeMilestone');
    const b = await fx.blocker(o.id, { severity: 'DELAYING', title: 'Contact on leave' });
    await fx.advanced(o, { comment: 'go' });
    // Another onboarding's events stay out.
    const other = await fx.onboard();
    await fx.advanced(other);

    const timeline = ok<Array<Event & { subject: string | null }>>(await fx.gql(Q.timeline, { id: o.id }), 'onboardingTimeline');
    expect(timeline.map((e) => [e.entityType, e.action, e.entityId, e.subject])).toEqual([
      ['Onboarding', 'ADVANCE', o.id, null],
      ['Blocker', 'CREATE', b.id, 'Contact on leave'],
      ['Milestone', 'COMPLETE', m.id, m.nameDe],
      ['Onboarding', 'CREATE', o.id, null],
    ]);
    expect(timeline[0].comment).toBe('go');
    expect(timeline.every((e) => e.actor === 'admin@test.invalid')).toBe(true);
    newestFirst(timeline);
    // The limit cuts the merged timeline (here across the onboarding's and an obstacle's events), not each source.
    const limited = ok<Event[]>(await fx.gql(Q.timeline, { id: o.id, limit: 2 }), 'onboardingTimeline');
    expect(limited.map((e) => e.id)).toEqual(timeline.slice(0, 2).map((e) => e.id));
  });
});
