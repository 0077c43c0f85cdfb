/**
 * Milestones (complete, reopen, not applicable, overdue) and obstacles
 * (create, resolve, reopen, filters) through GraphQL over HTTP.
 */
import { BLOCKER, Q, WorkflowFixture, firstError, isoDay, ok, random, reasonsOf, type Blocker, type Milestone, type Onboarding } from './workflow-fixture.js';

let fx: WorkflowFixture;
beforeAll(async () => {
  fx = await WorkflowFixture.start();
});
afterAll(async () => fx?.close());

const byKey = (o: Onboarding, key: string) => o.milestones.find((m) => m.key === key)!;
const milestone = async (id: string) => ok<Milestone>(await fx.gql(Q.milestone, { id }), 'Milestone');
const blocker = async (id: string) => ok<Blocker>(await fx.gql(`query($id: ID!) { Blocker(id: $id) { ${BLOCKER} } }`, { id }), 'Blocker');

/** A write that must be refused with this code, leaving the milestone/obstacle and every table as they were. */
async function refused(read: () => Promise<unknown>, write: () => Promise<any>, code: string) {
  const before = [await read(), await fx.counts()];
  const r = await write();
  expect(r.data ?? null).toBeNull();
  expect(firstError(r).code).toBe(code);
  expect([await read(), await fx.counts()]).toEqual(before);
  return r;
}

describe('milestones', () => {
  it('completeMilestone ticks it off with completedAt today by default, recording a COMPLETE event', async () => {
    const o = await fx.onboard();
    const m = byKey(o, 'CONTACTS_NAMED');
    const before = isoDay();
    const done = ok<Milestone>(await fx.gql(Q.completeMilestone, { id: m.id, version: m.version, evidenceUrl: 'https://jira.example.org/browse/EFA-17', note: 'Both contacts named' }), 'completeMilestone');
    expect(done).toMatchObject({ status: 'DONE', version: m.version + 1, evidenceUrl: 'https://jira.example.org/browse/EFA-17', note: 'Both contacts named' });
    expect([before, isoDay()]).toContain(done.completedAt);
    const [event] = await fx.events(m.id);
    expect(event).toMatchObject({ action: 'COMPLETE', actor: 'admin@test.invalid', comment: 'Both contacts named' });
    expect(event.changes.status).toEqual({ from: 'OPEN', to: 'DONE' });
    expect(event.changes.completedAt).toEqual({ from: null, to: done.completedAt });
  });

  it('accepts a completedAt in the past and refuses one in the future (VALIDATION naming completedAt)', async () => {
    const o = await fx.onboard();
    const a = byKey(o, 'CONTACTS_NAMED');
    expect(ok<Milestone>(await fx.gql(Q.completeMilestone, { id: a.id, version: a.version, completedAt: '2023-11-30' }), 'completeMilestone').completedAt).toBe('2023-11-30');

    const b = byKey(o, 'TENANT_SET_UP');
    for (const completedAt of [isoDay(2), '2999-01-01']) {
      const r = await refused(() => milestone(b.id), () => fx.gql(Q.completeMilestone, { id: b.id, version: b.version, completedAt }), 'VALIDATION');
      expect(firstError(r).fields).toEqual(['completedAt']);
      expect(r.errors![0].message).toContain('must not be in the future');
    }
    expect(firstError(await fx.gql(Q.completeMilestone, { id: b.id, version: b.version, completedAt: '2023-02-30' }))).toMatchObject({ code: 'VALIDATION', fields: ['completedAt'] });
  });

  it('refuses to complete a milestone that is already done', async () => {
    const o = await fx.onboard();
    const m = byKey(o, 'CONTACTS_NAMED');
    const done = ok<Milestone>(await fx.gql(Q.completeMilestone, { id: m.id, version: m.version }), 'completeMilestone');
    const r = await refused(() => milestone(m.id), () => fx.gql(Q.completeMilestone, { id: m.id, version: done.version }), 'TRANSITION_NOT_ALLOWED');
    expect(reasonsOf(r)).toEqual(['the milestone is already done']);
  });

  it('reopenMilestone makes a done milestone open again and clears completedAt; an open one cannot be reopened', async () => {
    const o = await fx.onboard();
    const m = byKey(o, 'TENANT_SET_UP');
    const done = ok<Milestone>(await fx.gql(Q.completeMilestone, { id: m.id, version: m.version, completedAt: '2024-01-15' }), 'completeMilestone');
    const reopened = ok<Milestone>(await fx.gql(Q.reopenMilestone, { id: m.id, version: done.version, note: 'Tenant was deleted by mistake' }), 'reopenMilestone');
    expect(reopened).toMatchObject({ status: 'OPEN', completedAt: null, note: 'Tenant was deleted by mistake', version: done.version + 1 });
    expect((await fx.events(m.id)).map((e) => e.action)).toEqual(['COMPLETE', 'REOPEN']);
    const r = await refused(() => milestone(m.id), () => fx.gql(Q.reopenMilestone, { id: m.id, version: reopened.version }), 'TRANSITION_NOT_ALLOWED');
    expect(reasonsOf(r)).toEqual(['the milestone is already open']);
  });

  it('markMilestoneNotApplicable needs a reason and keeps it as the note', async () => {
    const o = await fx.onboard();
    const m = byKey(o, 'SERVICE_DIRECTORY_ENTRY');
    for (const reason of ['', '   ']) {
      const r = await refused(() => milestone(m.id), () => fx.gql(Q.markNotApplicable, { id: m.id, version: m.version, reason }), 'VALIDATION');
      expect(firstError(r).fields).toEqual(['reason']);
    }
    const na = ok<Milestone>(await fx.gql(Q.markNotApplicable, { id: m.id, version: m.version, reason: ' The state enters all authorities centrally ' }), 'markMilestoneNotApplicable');
    expect(na).toMatchObject({ status: 'NOT_APPLICABLE', note: 'The state enters all authorities centrally', completedAt: null, version: m.version + 1 });
    const event = (await fx.events(m.id)).at(-1)!;
    expect(event).toMatchObject({ action: 'NOT_APPLICABLE', actor: 'admin@test.invalid' });
    expect(event.comment?.trim()).toBe('The state enters all authorities centrally');
    expect(event.changes.status).toEqual({ from: 'OPEN', to: 'NOT_APPLICABLE' });
    const again = await refused(() => milestone(m.id), () => fx.gql(Q.markNotApplicable, { id: m.id, version: na.version, reason: 'still' }), 'TRANSITION_NOT_ALLOWED');
    expect(reasonsOf(again)).toEqual(['the milestone is already marked not applicable']);
    // A done milestone may be marked not applicable (its completion date goes), and reopened from there.
    const d = byKey(o, 'DVDV_ENTRY');
    const done = ok<Milestone>(await fx.gql(Q.completeMilestone, { id: d.id, version: d.version }), 'completeMilestone');
    const naDone = ok<Milestone>(await fx.gql(Q.markNotApplicable, { id: d.id, version: done.version, reason: 'FIT-Connect instead' }), 'markMilestoneNotApplicable');
    expect(naDone).toMatchObject({ status: 'NOT_APPLICABLE', completedAt: null });
    expect(ok<Milestone>(await fx.gql(Q.reopenMilestone, { id: d.id, version: naDone.version }), 'reopenMilestone')).toMatchObject({ status: 'OPEN', completedAt: null });
  });

  it('status and completedAt cannot be written through updateMilestone', async () => {
    const o = await fx.onboard();
    const m = byKey(o, 'TENANT_SET_UP');
    const r = await fx.gql(`mutation($id: ID!, $v: Int!) { updateMilestone(id: $id, version: $v, status: DONE) { id } }`, { id: m.id, v: m.version });
    expect(firstError(r).code).toBe('VALIDATION');
    expect((await milestone(m.id)).status).toBe('OPEN');
  });

  it('filter overdue: open milestones whose due date has passed', async () => {
    const o = await fx.onboard();
    const [a, b, c, d] = ['CONTACTS_NAMED', 'TENANT_SET_UP', 'DATA_PROTECTION_AGREEMENT', 'SERVICE_DIRECTORY_ENTRY'].map((k) => byKey(o, k));
    const setDue = async (m: Milestone, dueDate: string) => ok<Milestone>(await fx.gql(Q.updateMilestone, { id: m.id, version: m.version, dueDate }), 'updateMilestone');
    await setDue(a, isoDay(-10)); // open, past due: overdue
    const bDue = await setDue(b, isoDay(-10)); // done, past due: not overdue
    ok(await fx.gql(Q.completeMilestone, { id: b.id, version: bDue.version }), 'completeMilestone');
    const cDue = await setDue(c, isoDay(-3)); // not applicable, past due: not overdue
    ok(await fx.gql(Q.markNotApplicable, { id: c.id, version: cDue.version, reason: 'n/a' }), 'markMilestoneNotApplicable');
    await setDue(d, isoDay(30)); // open, due later: not overdue
    const extra = ok<Milestone>(
      await fx.gql(Q.createMilestone, { onboardingId: o.id, key: 'EXTRA_CHECK', nameDe: 'Zusatzprüfung', nameEn: 'Extra check', stage: 'TEST', required: false, dueDate: isoDay(-1) }),
      'createMilestone',
    ); // open, due yesterday: overdue

    const LIST = `query($f: MilestoneFilter) { allMilestones(perPage: 100, filter: $f) { id key } _allMilestonesMeta(filter: $f) { count } }`;
    const overdue = await fx.gql(LIST, { f: { onboardingId: o.id, overdue: true } });
    expect(overdue.data!.allMilestones.map((m: Milestone) => m.key).sort()).toEqual(['CONTACTS_NAMED', 'EXTRA_CHECK']);
    expect(overdue.data!._allMilestonesMeta.count).toBe(2);
    const notOverdue = await fx.gql(LIST, { f: { onboardingId: o.id, overdue: false } });
    expect(notOverdue.data!._allMilestonesMeta.count).toBe(o.milestones.length + 1 - 2);
    expect(notOverdue.data!.allMilestones.map((m: Milestone) => m.id)).not.toContain(extra.id);

    const openRequired = await fx.gql(LIST, { f: { onboardingId: o.id, status: ['OPEN'], required: true, stage: 'INTEREST' } });
    expect(openRequired.data!.allMilestones.map((m: Milestone) => m.key)).toEqual(['CONTACTS_NAMED']);
  });

  it('milestone changes appear in the onboarding timeline under the milestone name', async () => {
    const o = await fx.onboard();
    const m = byKey(o, 'DVDV_ENTRY');
    ok(await fx.gql(Q.completeMilestone, { id: m.id, version: m.version, note: 'certificate installed' }), 'completeMilestone');
    const timeline = ok<any[]>(await fx.gql(Q.timeline, { id: o.id }), 'onboardingTimeline');
    expect(timeline[0]).toMatchObject({ action: 'COMPLETE', entityType: 'Milestone', entityId: m.id, subject: m.nameDe, comment: 'certificate installed', actor: 'admin@test.invalid' });
  });
});

describe('obstacles (blockers)', () => {
  it('createBlocker records category and severity, opened today by default', async () => {
    const o = await fx.onboard();
    const before = isoDay();
    const b = await fx.blocker(o.id, { title: 'Interface not paid', category: 'FINANCIAL', severity: 'DELAYING', owner: 'Vendor', description: 'Quote pending' });
    expect(b).toMatchObject({ onboardingId: o.id, title: 'Interface not paid', category: 'FINANCIAL', severity: 'DELAYING', owner: 'Vendor', description: 'Quote pending', resolvedAt: null, resolution: null, version: 1 });
    expect([before, isoDay()]).toContain(b.openedAt);
    const given = await fx.blocker(o.id, { severity: 'INFO', openedAt: '2024-02-01' });
    expect(given.openedAt).toBe('2024-02-01');
    expect((await fx.events(b.id)).map((e) => e.action)).toEqual(['CREATE']);
    // Visible on the onboarding.
    const withBlockers = await fx.gql(`query($id: ID!) { Onboarding(id: $id) { blockers { id } } }`, { id: o.id });
    expect(withBlockers.data!.Onboarding.blockers.map((x: { id: string }) => x.id).sort()).toEqual([b.id, given.id].sort());
  });

  it('refuses bad obstacles naming the field', async () => {
    const o = await fx.onboard();
    const before = await fx.counts();
    const create = (vars: Record<string, unknown>) => fx.gql(Q.createBlocker, { onboardingId: o.id, title: 'X', category: 'LEGAL', severity: 'BLOCKING', ...vars });
    expect(firstError(await create({ title: '  ' }))).toMatchObject({ code: 'VALIDATION', fields: ['title'] });
    expect(firstError(await create({ severity: 'FATAL' }))).toMatchObject({ code: 'VALIDATION', fields: ['severity'] });
    expect(firstError(await create({ category: 'WEATHER' }))).toMatchObject({ code: 'VALIDATION', fields: ['category'] });
    expect(firstError(await create({ onboardingId: '00000000-0000-4000-8000-000000000000' }))).toMatchObject({ code: 'VALIDATION', fields: ['onboardingId'] });
    expect(await fx.counts()).toEqual(before);
  });

  it('resolveBlocker needs a resolution, refuses a date before openedAt or in the future, and cannot resolve twice', async () => {
    const o = await fx.onboard();
    const b = await fx.blocker(o.id, { severity: 'BLOCKING', openedAt: '2024-05-10' });
    const resolve = (vars: Record<string, unknown>) => fx.gql(Q.resolveBlocker, { id: b.id, version: b.version, ...vars });
    const read = () => blocker(b.id);

    for (const resolution of ['', '  ']) {
      expect(firstError(await refused(read, () => resolve({ resolution }), 'VALIDATION')).fields).toEqual(['resolution']);
    }
    const early = await refused(read, () => resolve({ resolution: 'fixed', resolvedAt: '2024-05-09' }), 'VALIDATION');
    expect(firstError(early).fields).toEqual(['resolvedAt']);
    expect(early.errors![0].message).toContain('must not be before openedAt (2024-05-10)');
    expect(firstError(await refused(read, () => resolve({ resolution: 'fixed', resolvedAt: isoDay(2) }), 'VALIDATION')).fields).toEqual(['resolvedAt']);

    const sameDay = ok<Blocker>(await resolve({ resolution: ' Certificate renewed ', resolvedAt: '2024-05-10' }), 'resolveBlocker');
    expect(sameDay).toMatchObject({ resolvedAt: '2024-05-10', resolution: 'Certificate renewed', version: 2 });
    const twice = await refused(read, () => fx.gql(Q.resolveBlocker, { id: b.id, version: 2, resolution: 'again' }), 'TRANSITION_NOT_ALLOWED');
    expect(twice.errors![0].message).toContain('already resolved on 2024-05-10');

    const todayDefault = await fx.blocker(o.id, { severity: 'INFO' });
    const before = isoDay();
    const resolved = ok<Blocker>(await fx.gql(Q.resolveBlocker, { id: todayDefault.id, version: 1, resolution: 'ok' }), 'resolveBlocker');
    expect([before, isoDay()]).toContain(resolved.resolvedAt);
    const [, event] = await fx.events(todayDefault.id);
    expect(event).toMatchObject({ action: 'RESOLVE', comment: 'ok' });
    expect(event.changes.resolvedAt).toEqual({ from: null, to: resolved.resolvedAt });
  });

  it('an update may not move openedAt after resolvedAt', async () => {
    const o = await fx.onboard();
    const b = await fx.blocker(o.id, { severity: 'DELAYING', openedAt: '2024-05-10' });
    ok(await fx.gql(Q.resolveBlocker, { id: b.id, version: 1, resolution: 'done', resolvedAt: '2024-05-20' }), 'resolveBlocker');
    const r = await refused(
      () => blocker(b.id),
      () => fx.gql(`mutation($id: ID!) { updateBlocker(id: $id, version: 2, openedAt: "2024-06-01") { id } }`, { id: b.id }),
      'VALIDATION',
    );
    expect(firstError(r).fields).toEqual(['resolvedAt']);
  });

  it('reopenBlocker needs a reason and makes a resolved obstacle open again; an open one cannot be reopened', async () => {
    const o = await fx.onboard();
    const b = await fx.blocker(o.id, { severity: 'BLOCKING' });
    const read = () => blocker(b.id);
    expect(reasonsOf(await refused(read, () => fx.gql(Q.reopenBlocker, { id: b.id, version: 1, reason: 'x' }), 'TRANSITION_NOT_ALLOWED'))).toEqual(['the obstacle is still open']);
    const resolved = ok<Blocker>(await fx.gql(Q.resolveBlocker, { id: b.id, version: 1, resolution: 'done', resolvedAt: isoDay() }), 'resolveBlocker');
    expect(firstError(await refused(read, () => fx.gql(Q.reopenBlocker, { id: b.id, version: resolved.version, reason: ' ' }), 'VALIDATION')).fields).toEqual(['reason']);
    const reopened = ok<Blocker>(await fx.gql(Q.reopenBlocker, { id: b.id, version: resolved.version, reason: 'Certificate expired again' }), 'reopenBlocker');
    expect(reopened).toMatchObject({ resolvedAt: null, resolution: null, version: resolved.version + 1 });
    expect((await fx.events(b.id)).map((e) => [e.action, e.comment])).toEqual([
      ['CREATE', null],
      ['RESOLVE', 'done'],
      ['REOPEN', 'Certificate expired again'],
    ]);
  });

  it('filters by open, severity, category, onboarding and service', async () => {
    const o = await fx.onboard();
    const blocking = await fx.blocker(o.id, { severity: 'BLOCKING', category: 'TECHNICAL', title: `DVDV ${random()}` });
    const delaying = await fx.blocker(o.id, { severity: 'DELAYING', category: 'ORGANISATIONAL' });
    const info = await fx.blocker(o.id, { severity: 'INFO', category: 'LEGAL' });
    const solved = await fx.blocker(o.id, { severity: 'BLOCKING', category: 'FINANCIAL' });
    ok(await fx.gql(Q.resolveBlocker, { id: solved.id, version: 1, resolution: 'budget found' }), 'resolveBlocker');

    const LIST = `query($f: BlockerFilter) { allBlockers(perPage: 100, filter: $f) { id } _allBlockersMeta(filter: $f) { count } }`;
    const ids = async (f: Record<string, unknown>) => {
      const r = await fx.gql(LIST, { f: { onboardingId: o.id, ...f } });
      expect(r.errors).toBeUndefined();
      expect(r.data!._allBlockersMeta.count).toBe(r.data!.allBlockers.length);
      return r.data!.allBlockers.map((b: { id: string }) => b.id).sort();
    };
    const sorted = (...bs: Blocker[]) => bs.map((b) => b.id).sort();
    expect(await ids({})).toEqual(sorted(blocking, delaying, info, solved));
    expect(await ids({ open: true })).toEqual(sorted(blocking, delaying, info));
    expect(await ids({ open: false })).toEqual(sorted(solved));
    expect(await ids({ severity: ['BLOCKING'] })).toEqual(sorted(blocking, solved));
    expect(await ids({ open: true, severity: ['BLOCKING'] })).toEqual(sorted(blocking));
    expect(await ids({ open: true, severity: ['DELAYING', 'INFO'] })).toEqual(sorted(delaying, info));
    expect(await ids({ category: ['LEGAL', 'FINANCIAL'] })).toEqual(sorted(info, solved));
    expect(await ids({ q: blocking.title })).toEqual(sorted(blocking));

    const byService = await fx.gql(LIST, { f: { serviceId: fx.serviceId, open: true, severity: ['BLOCKING'] } });
    expect(byService.data!.allBlockers.map((b: { id: string }) => b.id)).toContain(blocking.id);
    expect(byService.data!.allBlockers.map((b: { id: string }) => b.id)).not.toContain(solved.id);

    const flagged = await fx.gql(`query($f: OnboardingFilter) { allOnboardings(perPage: 1000, filter: $f) { id } }`, { f: { serviceId: fx.serviceId, hasBlockingBlocker: true } });
    expect(flagged.data!.allOnboardings.map((x: { id: string }) => x.id)).toContain(o.id);
  });

  it('obstacle changes appear in the onboarding timeline under the obstacle title', async () => {
    const o = await fx.onboard();
    const b = await fx.blocker(o.id, { severity: 'DELAYING', title: 'No staff for the embedding' });
    ok(await fx.gql(Q.resolveBlocker, { id: b.id, version: 1, resolution: 'Agency hired' }), 'resolveBlocker');
    const timeline = ok<any[]>(await fx.gql(Q.timeline, { id: o.id }), 'onboardingTimeline');
    expect(timeline.slice(0, 2).map((e) => [e.entityType, e.action, e.subject])).toEqual([
      ['Blocker', 'RESOLVE', 'No staff for the embedding'],
      ['Blocker', 'CREATE', 'No staff for the embedding'],
    ]);
  });
});
