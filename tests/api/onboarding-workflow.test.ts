/**
 * The onboarding workflow through GraphQL over HTTP on PostgreSQL: creation
 * from the service's templates, advancing (with the blocker, contract and
 * milestone guards), moving back, pausing, cancelling, reopening, and the
 * transition log every move writes.
 */
import { MILESTONE_KEYS, Q, STAGES, WorkflowFixture, firstError, isoDay, ok, random, reasonsOf, type Milestone, type Onboarding } from './workflow-fixture.js';

let fx: WorkflowFixture;
beforeAll(async () => {
  fx = await WorkflowFixture.start();
});
afterAll(async () => fx?.close());

const NOT_SIGNED = "the state's reuse contract for this service is not signed";
const missing = (m: Pick<Milestone, 'nameEn' | 'stage'>) => `required milestone not done: ${m.nameEn} (${m.stage})`;
const byKey = (o: Onboarding, key: string) => o.milestones.find((m) => m.key === key)!;

/** Runs a write that must be refused and proves it changed nothing: no row change, no transition, no audit event. */
async function refused(onboardingId: string, write: () => Promise<any>, code: string | RegExp = 'TRANSITION_NOT_ALLOWED') {
  const before = await fx.snapshot(onboardingId);
  const r = await write();
  expect(r.data ?? null).toBeNull();
  if (typeof code === 'string') expect(firstError(r).code).toBe(code);
  else expect(firstError(r).code).toMatch(code);
  expect(await fx.snapshot(onboardingId)).toEqual(before);
  return r;
}

describe('createOnboarding', () => {
  it('starts in the first stage, ACTIVE, with the milestones of the templates, a CREATE transition and an audit event', async () => {
    const before = await fx.counts();
    const authorityId = await fx.authority('BB');
    const o = ok<Onboarding>(await fx.gql(Q.create, { authorityId, serviceId: fx.serviceId, owner: 'Rollout team' }), 'createOnboarding');

    expect(o).toMatchObject({ stage: 'INTEREST', status: 'ACTIVE', statusReason: null, liveAt: null, version: 1, authorityId, serviceId: fx.serviceId });
    expect(o.milestones.map((m) => m.key)).toEqual(MILESTONE_KEYS);
    expect(o.milestones.every((m) => m.status === 'OPEN' && m.completedAt === null && m.onboardingId === o.id)).toBe(true);
    expect(o.milestones.filter((m) => !m.required).map((m) => m.key)).toEqual(['ANNOUNCEMENT']);

    const templates = ok<any[]>(
      await fx.gql(`query($s: ID!) { allMilestoneTemplates(perPage: 100, sortField: "position", filter: { serviceId: $s }) { key stageKey nameDe nameEn required position } }`, { s: fx.serviceId }),
      'allMilestoneTemplates',
    );
    expect(templates).toHaveLength(10);
    expect(o.milestones.map((m) => ({ key: m.key, stageKey: m.stage, nameDe: m.nameDe, nameEn: m.nameEn, required: m.required, position: m.position }))).toEqual(templates);

    expect(o.transitions).toEqual([
      { id: expect.any(String), onboardingId: o.id, kind: 'CREATE', fromStage: null, toStage: 'INTEREST', fromStatus: null, toStatus: 'ACTIVE', occurredAt: expect.any(String), actor: 'admin@test.invalid', comment: null },
    ]);

    const history = ok<any[]>(await fx.gql(Q.history, { entityType: 'Onboarding', entityId: o.id }), 'history');
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ action: 'CREATE', actor: 'admin@test.invalid', entityType: 'Onboarding', entityId: o.id });
    expect(history[0].changes).toEqual(expect.arrayContaining([{ field: 'stage', from: null, to: 'INTEREST' }, { field: 'status', from: null, to: 'ACTIVE' }, { field: 'authorityId', from: null, to: authorityId }]));

    expect(await fx.counts()).toEqual({ ...before, onboardings: before.onboardings + 1, milestones: before.milestones + 10, transitions: before.transitions + 1, events: before.events + 1 });
  });

  it('refuses a second onboarding for the same authority and service, naming serviceId, and writes nothing', async () => {
    const first = await fx.onboard('ST');
    const before = await fx.counts();
    const r = await fx.gql(Q.create, { authorityId: first.authorityId, serviceId: fx.serviceId });
    expect(r.data ?? null).toBeNull();
    expect(firstError(r)).toMatchObject({ code: 'CONFLICT', fields: ['serviceId'] });
    expect(r.errors![0].message).toMatch(/already has an onboarding for Test service/);
    expect(await fx.counts()).toEqual(before);
    // The same authority may still be onboarded for another service.
    const other = await fx.newService();
    expect((await fx.gql(Q.create, { authorityId: first.authorityId, serviceId: other.id })).errors).toBeUndefined();
  });

  it('refuses unknown authorities and services naming the field', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    const before = await fx.counts();
    expect(firstError(await fx.gql(Q.create, { authorityId: unknown, serviceId: fx.serviceId }))).toMatchObject({ code: 'VALIDATION', fields: ['authorityId'] });
    expect(firstError(await fx.gql(Q.create, { authorityId: await fx.authority('BB'), serviceId: unknown }))).toMatchObject({ code: 'VALIDATION', fields: ['serviceId'] });
    expect(await fx.counts()).toEqual(before);
  });

  it("starts in the service's own first stage (stages are data)", async () => {
    const service = await fx.newService();
    const templates = ok<any[]>(await fx.gql(`query($s: ID!) { allMilestoneTemplates(filter: { serviceId: $s, stageKey: "INTEREST" }) { id } }`, { s: service.id }), 'allMilestoneTemplates');
    for (const tpl of templates) ok(await fx.gql(`mutation($id: ID!) { deleteMilestoneTemplate(id: $id) { id } }`, { id: tpl.id }), 'deleteMilestoneTemplate');
    const [interest] = ok<any[]>(await fx.gql(`query($s: ID!) { allServiceStages(filter: { serviceId: $s, q: "INTEREST" }) { id key } }`, { s: service.id }), 'allServiceStages');
    expect(interest.key).toBe('INTEREST');
    ok(await fx.gql(`mutation($id: ID!) { deleteServiceStage(id: $id) { id } }`, { id: interest.id }), 'deleteServiceStage');

    const o = await fx.onboard('BY', service.id);
    expect(o.stage).toBe('KICK_OFF');
    expect(o.milestones.map((m) => m.key)).toEqual(MILESTONE_KEYS.filter((k) => k !== 'CONTACTS_NAMED'));
    expect(o.transitions.map((tr) => [tr.kind, tr.toStage])).toEqual([['CREATE', 'KICK_OFF']]);
  });

  describe('milestone templates', () => {
    const TEMPLATES = `query($s: ID!) { allMilestoneTemplates(perPage: 100, filter: { serviceId: $s }) { id key version required active nameEn stageKey dueDays } }`;
    const UPDATE_TEMPLATE = `mutation($id: ID!, $version: Int!, $nameEn: String, $required: Boolean, $stageKey: String, $dueDays: Int, $active: Boolean) {
      updateMilestoneTemplate(id: $id, version: $version, nameEn: $nameEn, required: $required, stageKey: $stageKey, dueDays: $dueDays, active: $active) { id version key nameEn required stageKey dueDays active } }`;
    const templatesOf = async (serviceId: string) => Object.fromEntries(ok<any[]>(await fx.gql(TEMPLATES, { s: serviceId }), 'allMilestoneTemplates').map((tpl) => [tpl.key, tpl]));

    it("a template changed afterwards leaves existing onboardings' milestones as they were; new onboardings get the change", async () => {
      const service = await fx.newService();
      const existing = await fx.onboard('BB', service.id);
      const tpl = await templatesOf(service.id);

      ok(await fx.gql(UPDATE_TEMPLATE, { id: tpl.TEST_APPLICATION.id, version: tpl.TEST_APPLICATION.version, nameEn: 'Two test applications', required: false, stageKey: 'CONNECTION', dueDays: 30, active: true }), 'updateMilestoneTemplate');
      ok(await fx.gql(UPDATE_TEMPLATE, { id: tpl.ANNOUNCEMENT.id, version: tpl.ANNOUNCEMENT.version, active: false, required: false }), 'updateMilestoneTemplate');
      ok(
        await fx.gql(`mutation($s: ID!) { createMilestoneTemplate(serviceId: $s, key: "PRESS_RELEASE", stageKey: "LIVE", nameDe: "Pressemitteilung", nameEn: "Press release", position: 11, required: false) { id } }`, { s: service.id }),
        'createMilestoneTemplate',
      );

      const after = await fx.get(existing.id);
      expect(after.milestones).toEqual(existing.milestones);
      expect(byKey(after, 'TEST_APPLICATION')).toMatchObject({ nameEn: 'Test application received end to end', required: true, stage: 'TEST', dueDate: null });

      const fresh = await fx.onboard('BB', service.id);
      expect(fresh.milestones.map((m) => m.key)).toEqual([...MILESTONE_KEYS.filter((k) => k !== 'ANNOUNCEMENT'), 'PRESS_RELEASE']);
      expect(byKey(fresh, 'TEST_APPLICATION')).toMatchObject({ nameEn: 'Two test applications', required: false, stage: 'CONNECTION' });
      expect([isoDay(30), isoDay(31)]).toContain(byKey(fresh, 'TEST_APPLICATION').dueDate);
    });

    it("updating one field of a template keeps its other fields (required, active)", async () => {
      const service = await fx.newService();
      const tpl = await templatesOf(service.id);
      expect(tpl.ANNOUNCEMENT).toMatchObject({ required: false, active: true });
      const renamed = ok(await fx.gql(UPDATE_TEMPLATE, { id: tpl.ANNOUNCEMENT.id, version: tpl.ANNOUNCEMENT.version, nameEn: 'Public announcement' }), 'updateMilestoneTemplate');
      expect(renamed).toMatchObject({ nameEn: 'Public announcement', required: false, active: true, stageKey: 'LIVE' });

      const off = ok<any>(await fx.gql(UPDATE_TEMPLATE, { id: tpl.DVDV_ENTRY.id, version: tpl.DVDV_ENTRY.version, active: false }), 'updateMilestoneTemplate');
      const renamedOff = ok(await fx.gql(UPDATE_TEMPLATE, { id: off.id, version: off.version, nameEn: 'DVDV entry' }), 'updateMilestoneTemplate');
      expect(renamedOff).toMatchObject({ nameEn: 'DVDV entry', active: false, required: true });
    });
  });
});

describe('advanceOnboarding', () => {
  it('moves to the next stage by default and logs the move with its comment', async () => {
    let o = await fx.onboard();
    for (let i = 1; i < STAGES.length - 1; i++) {
      const before = o;
      o = await fx.advanced(o, { comment: `step ${i}` });
      expect(o).toMatchObject({ stage: STAGES[i], status: 'ACTIVE', version: before.version + 1, liveAt: null });
      expect(new Date(o.stageEnteredAt).getTime()).toBeGreaterThanOrEqual(new Date(before.stageEnteredAt).getTime());
      expect(o.transitions).toHaveLength(i + 1);
      expect(o.transitions[i]).toMatchObject({ kind: 'ADVANCE', fromStage: STAGES[i - 1], toStage: STAGES[i], fromStatus: 'ACTIVE', toStatus: 'ACTIVE', actor: 'admin@test.invalid', comment: `step ${i}` });
    }
    const events = await fx.events(o.id);
    expect(events.map((e) => e.action)).toEqual(['CREATE', 'ADVANCE', 'ADVANCE', 'ADVANCE', 'ADVANCE']);
    expect(events[1]).toMatchObject({ actor: 'admin@test.invalid', comment: 'step 1' });
    expect(events[1].changes.stage).toEqual({ from: 'INTEREST', to: 'KICK_OFF' });
  });

  it('may skip stages forward', async () => {
    const o = await fx.onboard();
    const moved = await fx.advanced(o, { toStage: 'CONNECTION' });
    expect(moved).toMatchObject({ stage: 'CONNECTION', version: 2 });
    expect(moved.transitions[1]).toMatchObject({ kind: 'ADVANCE', fromStage: 'INTEREST', toStage: 'CONNECTION' });
  });

  it('refuses backwards, sideways and unknown targets with the reasons, changing nothing', async () => {
    const o = await fx.onboardingIn('PREPARATION');
    const back = await refused(o.id, () => fx.advance(o, { toStage: 'KICK_OFF' }));
    expect(reasonsOf(back)).toEqual(['KICK_OFF is not after the current stage PREPARATION; use moveOnboardingBack with a reason to go back']);
    expect(back.errors![0].message).toBe(`Not allowed: ${reasonsOf(back)[0]}`);
    expect(reasonsOf(await refused(o.id, () => fx.advance(o, { toStage: 'PREPARATION' })))).toEqual([
      'PREPARATION is not after the current stage PREPARATION; use moveOnboardingBack with a reason to go back',
    ]);
    expect(reasonsOf(await refused(o.id, () => fx.advance(o, { toStage: 'GOLIVE' })))).toEqual(['"GOLIVE" is not a stage of this service\'s pipeline']);
  });

  it('refuses to advance past the last stage', async () => {
    const o = await fx.onboardingIn('LIVE');
    expect(reasonsOf(await refused(o.id, () => fx.advance(o)))).toEqual(['the onboarding is already in the last stage (LIVE)']);
  });

  it('milestones gate only LIVE: earlier stages may be entered with milestones open', async () => {
    const o = await fx.onboard('BY');
    expect((await fx.advanced(o, { toStage: 'TEST' })).stage).toBe('TEST');
  });

  describe('obstacles', () => {
    it('an open BLOCKING obstacle refuses any advance, naming its title', async () => {
      const o = await fx.onboard();
      const b = await fx.blocker(o.id, { severity: 'BLOCKING', title: 'DVDV certificate missing', category: 'TECHNICAL' });
      const next = await refused(o.id, () => fx.advance(o));
      expect(next.errors![0].message).toContain('DVDV certificate missing');
      expect(reasonsOf(next)).toEqual(['open blocking obstacle: DVDV certificate missing']);
      expect(reasonsOf(await refused(o.id, () => fx.advance(o, { toStage: 'TEST' })))).toEqual(['open blocking obstacle: DVDV certificate missing']);

      await fx.blocker(o.id, { severity: 'BLOCKING', title: 'No budget for the interface', category: 'FINANCIAL' });
      expect(reasonsOf(await refused(o.id, () => fx.advance(o))).sort()).toEqual(['open blocking obstacle: DVDV certificate missing', 'open blocking obstacle: No budget for the interface']);
      expect(b.resolvedAt).toBeNull();
    });

    it('an open BLOCKING obstacle also stops going LIVE when everything else is in place', async () => {
      const o = await fx.completeRequired(await fx.onboard());
      await fx.blocker(o.id, { severity: 'BLOCKING', title: 'Legal change pending', category: 'LEGAL' });
      expect(reasonsOf(await refused(o.id, () => fx.advance(o, { toStage: 'LIVE' })))).toEqual(['open blocking obstacle: Legal change pending']);
    });

    it('DELAYING and INFO obstacles do not stop an advance', async () => {
      const o = await fx.onboard();
      await fx.blocker(o.id, { severity: 'DELAYING', title: 'Staff on leave' });
      await fx.blocker(o.id, { severity: 'INFO', title: 'Vendor update announced' });
      expect((await fx.advanced(o)).stage).toBe('KICK_OFF');
    });

    it('a resolved BLOCKING obstacle no longer stops it; reopened, it does again', async () => {
      let o = await fx.onboard();
      const b = await fx.blocker(o.id, { severity: 'BLOCKING', title: 'Interface not ordered' });
      await refused(o.id, () => fx.advance(o));
      const resolved = ok(await fx.gql(Q.resolveBlocker, { id: b.id, version: b.version, resolution: 'Ordered from the vendor' }), 'resolveBlocker');
      o = await fx.advanced(o);
      expect(o.stage).toBe('KICK_OFF');
      ok(await fx.gql(Q.reopenBlocker, { id: resolved.id, version: resolved.version, reason: 'Order cancelled' }), 'reopenBlocker');
      expect(reasonsOf(await refused(o.id, () => fx.advance(o)))).toEqual(['open blocking obstacle: Interface not ordered']);
    });

    it('an obstacle downgraded from BLOCKING to DELAYING no longer stops it', async () => {
      const o = await fx.onboard();
      const b = await fx.blocker(o.id, { severity: 'BLOCKING', title: 'Unclear responsibility' });
      await refused(o.id, () => fx.advance(o));
      ok(await fx.gql(Q.updateBlocker, { id: b.id, version: b.version, severity: 'DELAYING' }), 'updateBlocker');
      expect((await fx.advanced(o)).stage).toBe('KICK_OFF');
    });
  });

  describe('going LIVE', () => {
    it('goes live in the lead state without a contract once every required milestone before LIVE is done', async () => {
      const o = await fx.completeRequired(await fx.onboard('BB'));
      // The LIVE-stage milestones (GO_LIVE_PRO, ANNOUNCEMENT) are not preconditions.
      expect(byKey(o, 'GO_LIVE_PRO').status).toBe('OPEN');
      const t0 = Date.now();
      const live = await fx.advanced(await fx.advanced(o, { toStage: 'TEST' }), { comment: 'Live at last' });
      const t1 = Date.now();
      expect(live).toMatchObject({ stage: 'LIVE', status: 'ACTIVE', version: o.version + 2 });
      const liveAt = new Date(live.liveAt!).getTime();
      expect(liveAt).toBeGreaterThanOrEqual(t0 - 1000);
      expect(liveAt).toBeLessThanOrEqual(t1 + 1000);
      expect(live.stageEnteredAt).toBe(live.liveAt);
      expect(live.transitions.at(-1)).toMatchObject({ kind: 'ADVANCE', fromStage: 'TEST', toStage: 'LIVE', comment: 'Live at last' });
    });

    it('goes live in a state whose contract is signed', async () => {
      const o = await fx.completeRequired(await fx.onboard('ST'));
      expect((await fx.advanced(o, { toStage: 'LIVE' })).stage).toBe('LIVE');
    });

    it.each([
      ['BY', 'no contract'],
      ['SN', 'a contract still being negotiated'],
      ['TH', 'a terminated contract'],
    ])('refuses LIVE in %s (%s) even with every milestone done', async (state) => {
      const o = await fx.completeRequired(await fx.onboard(state));
      const r = await refused(o.id, () => fx.advance(o, { toStage: 'LIVE' }));
      expect(reasonsOf(r)).toEqual([NOT_SIGNED]);
      expect(r.errors![0].message).toBe(`Not allowed: ${NOT_SIGNED}`);
    });

    it('lists exactly the required milestones before LIVE that are neither done nor not applicable', async () => {
      let o = await fx.onboard('ST');
      o = await fx.completeRequired(o, 'LIVE', ['SERVICE_DIRECTORY_ENTRY', 'DVDV_ENTRY', 'TEST_APPLICATION']);
      const na = byKey(o, 'SERVICE_DIRECTORY_ENTRY');
      ok(await fx.gql(Q.markNotApplicable, { id: na.id, version: na.version, reason: 'The state enters it centrally' }), 'markMilestoneNotApplicable');
      o = await fx.advanced(await fx.get(o.id), { toStage: 'TEST' });

      const r = await refused(o.id, () => fx.advance(o));
      expect(reasonsOf(r).sort()).toEqual([missing(byKey(o, 'DVDV_ENTRY')), missing(byKey(o, 'TEST_APPLICATION'))].sort());
      expect(r.errors![0].message).toContain('DVDV entry and certificate (or FIT-Connect destination) (CONNECTION)');
      expect(r.errors![0].message).toContain('Test application received end to end (TEST)');

      await fx.completeRequired(o);
      expect((await fx.advanced(await fx.get(o.id))).stage).toBe('LIVE');
    });

    it('lists the missing contract and every missing milestone together', async () => {
      const o = await fx.onboard('BY');
      const r = await refused(o.id, () => fx.advance(o, { toStage: 'LIVE' }));
      const expected = [NOT_SIGNED, ...o.milestones.filter((m) => m.required && m.stage !== 'LIVE').map(missing)];
      expect(expected).toHaveLength(9);
      expect(reasonsOf(r).sort()).toEqual(expected.sort());
    });

    it('counts extra required milestones of the onboarding; optional ones do not block', async () => {
      const o = await fx.completeRequired(await fx.onboard());
      const extra = ok<Milestone>(
        await fx.gql(Q.createMilestone, { onboardingId: o.id, key: 'SECOND_TEST_APPLICATION', nameDe: 'Zweiter Testantrag', nameEn: 'Second test application', stage: 'TEST', required: true }),
        'createMilestone',
      );
      await fx.gql(Q.createMilestone, { onboardingId: o.id, key: 'TRAINING', nameDe: 'Schulung', nameEn: 'Staff training', stage: 'TEST', required: false });
      expect(reasonsOf(await refused(o.id, () => fx.advance(o, { toStage: 'LIVE' })))).toEqual(['required milestone not done: Second test application (TEST)']);
      ok(await fx.gql(Q.completeMilestone, { id: extra.id, version: extra.version }), 'completeMilestone');
      expect((await fx.advanced(o, { toStage: 'LIVE' })).stage).toBe('LIVE');
    });

    it('a reopened milestone blocks LIVE again', async () => {
      const o = await fx.completeRequired(await fx.onboard());
      const m = await fx.gql(Q.milestone, { id: byKey(o, 'TENANT_SET_UP').id });
      ok(await fx.gql(Q.reopenMilestone, { id: m.data!.Milestone.id, version: m.data!.Milestone.version, note: 'Tenant was deleted' }), 'reopenMilestone');
      expect(reasonsOf(await refused(o.id, () => fx.advance(o, { toStage: 'LIVE' })))).toEqual([missing(byKey(o, 'TENANT_SET_UP'))]);
    });

    it('accepts a back-dated liveAt after the onboarding entered its stage, logged at that moment', async () => {
      const o = await fx.completeRequired(await fx.onboard());
      // Recorded a little later than it happened: between entering the stage and now.
      const liveAt = new Date(new Date(o.stageEnteredAt).getTime() + 1).toISOString();
      const live = await fx.advanced(o, { toStage: 'LIVE', liveAt });
      expect(live).toMatchObject({ stage: 'LIVE', status: 'ACTIVE', liveAt });
      const toLive = live.transitions.filter((tr) => tr.toStage === 'LIVE');
      expect(toLive.map((tr) => [tr.kind, tr.fromStage, tr.occurredAt])).toEqual([['ADVANCE', 'INTEREST', liveAt]]);
      expect(live.transitions.at(-1)?.toStage).toBe('LIVE'); // the log stays in order
    });

    it('refuses a liveAt before the onboarding entered its current stage (the log would be out of order)', async () => {
      const o = await fx.completeRequired(await fx.onboard());
      const r = await refused(o.id, () => fx.advance(o, { toStage: 'LIVE', liveAt: '2024-03-01T09:30:00.000Z' }));
      expect(reasonsOf(r)).toHaveLength(1);
      expect(reasonsOf(r)[0]).toMatch(/^liveAt \(2024-03-01T09:30:00.000Z\) must not be before the onboarding entered its current stage/);
    });

    it('refuses a liveAt in the future, and a liveAt for a move that is not to LIVE', async () => {
      const o = await fx.completeRequired(await fx.onboard());
      const future = new Date(Date.now() + 86_400_000).toISOString();
      const r = await refused(o.id, () => fx.advance(o, { toStage: 'LIVE', liveAt: future }));
      expect(reasonsOf(r)).toHaveLength(1);
      expect(reasonsOf(r)[0]).toMatch(/^liveAt \(.+\) must not be in the future$/);
      expect(reasonsOf(await refused(o.id, () => fx.advance(o, { toStage: 'TEST', liveAt: '2024-03-01T09:30:00.000Z' })))).toEqual(['liveAt is only given when moving to LIVE']);
      // Not a date-time at all: refused too.
      await refused(o.id, () => fx.advance(o, { toStage: 'LIVE', liveAt: 'yesterday' }), /^(VALIDATION|TRANSITION_NOT_ALLOWED)$/);
    });
  });
});

describe('moveOnboardingBack', () => {
  it.each([[''], ['   ']])('refuses an empty or blank reason (%j), changing nothing', async (reason) => {
    const o = await fx.onboardingIn('CONNECTION');
    const r = await refused(o.id, () => fx.gql(Q.moveBack, { id: o.id, version: o.version, toStage: 'KICK_OFF', reason }));
    expect(reasonsOf(r)).toEqual(['moving back needs a reason']);
  });

  it('moves back with a reason and logs it', async () => {
    const o = await fx.onboardingIn('CONNECTION');
    const back = ok<Onboarding>(await fx.gql(Q.moveBack, { id: o.id, version: o.version, toStage: 'KICK_OFF', reason: ' Tenant has to be set up again ' }), 'moveOnboardingBack');
    expect(back).toMatchObject({ stage: 'KICK_OFF', status: 'ACTIVE', version: o.version + 1 });
    expect(back.transitions.at(-1)).toMatchObject({ kind: 'MOVE_BACK', fromStage: 'CONNECTION', toStage: 'KICK_OFF', fromStatus: 'ACTIVE', toStatus: 'ACTIVE', actor: 'admin@test.invalid', comment: 'Tenant has to be set up again' });
    const events = await fx.events(o.id);
    expect(events.at(-1)).toMatchObject({ action: 'MOVE_BACK', actor: 'admin@test.invalid' });
    expect(events.at(-1)!.changes.stage).toEqual({ from: 'CONNECTION', to: 'KICK_OFF' });
  });

  it('refuses a target that is not before the current stage', async () => {
    const o = await fx.onboardingIn('PREPARATION');
    const move = (toStage: string) => fx.gql(Q.moveBack, { id: o.id, version: o.version, toStage, reason: 'because' });
    expect(reasonsOf(await refused(o.id, () => move('TEST')))).toEqual(['TEST is not before the current stage PREPARATION']);
    expect(reasonsOf(await refused(o.id, () => move('PREPARATION')))).toEqual(['PREPARATION is not before the current stage PREPARATION']);
    expect(reasonsOf(await refused(o.id, () => move('NOWHERE')))).toEqual(['"NOWHERE" is not a stage of this service\'s pipeline']);
  });

  it('a move back from LIVE clears liveAt', async () => {
    const live = await fx.onboardingIn('LIVE');
    expect(live.liveAt).not.toBeNull();
    const back = ok<Onboarding>(await fx.gql(Q.moveBack, { id: live.id, version: live.version, toStage: 'TEST', reason: 'Interface broken after update' }), 'moveOnboardingBack');
    expect(back).toMatchObject({ stage: 'TEST', liveAt: null });
    const [row] = await fx.t.dataSource.query(`SELECT live_at FROM onboarding WHERE id = $1`, [live.id]);
    expect(row.live_at).toBeNull();
    expect((await fx.events(live.id)).at(-1)!.changes.liveAt).toEqual({ from: live.liveAt, to: null });
    // Going live again needs the rules again and sets a new liveAt.
    const again = await fx.advanced(back);
    expect(again.stage).toBe('LIVE');
    expect(again.liveAt).not.toBeNull();
  });
});

describe('pause, resume, cancel, reopen', () => {
  it.each([[''], ['  ']])('pausing needs a reason (%j)', async (reason) => {
    const o = await fx.onboard();
    expect(reasonsOf(await refused(o.id, () => fx.gql(Q.pause, { id: o.id, version: o.version, reason })))).toEqual(['pausing needs a reason']);
  });

  it.each([[''], ['  ']])('cancelling needs a reason (%j)', async (reason) => {
    const o = await fx.onboard();
    expect(reasonsOf(await refused(o.id, () => fx.gql(Q.cancel, { id: o.id, version: o.version, reason })))).toEqual(['cancelling needs a reason']);
  });

  it('a paused onboarding cannot advance, move back or be paused again; resuming returns it ACTIVE to the stage it left', async () => {
    const o = await fx.onboardingIn('CONNECTION');
    const paused = ok<Onboarding>(await fx.gql(Q.pause, { id: o.id, version: o.version, reason: ' Law change: waiting for the new ordinance ' }), 'pauseOnboarding');
    expect(paused).toMatchObject({ stage: 'CONNECTION', status: 'ON_HOLD', statusReason: 'Law change: waiting for the new ordinance', version: o.version + 1 });
    expect(paused.transitions.at(-1)).toMatchObject({ kind: 'PAUSE', fromStage: 'CONNECTION', toStage: 'CONNECTION', fromStatus: 'ACTIVE', toStatus: 'ON_HOLD', comment: 'Law change: waiting for the new ordinance' });

    const PAUSED = 'the onboarding is paused; resume it first';
    expect(reasonsOf(await refused(o.id, () => fx.advance(paused)))).toEqual([PAUSED]);
    expect(reasonsOf(await refused(o.id, () => fx.advance(paused, { toStage: 'TEST' })))).toEqual([PAUSED]);
    expect(reasonsOf(await refused(o.id, () => fx.gql(Q.moveBack, { id: o.id, version: paused.version, toStage: 'INTEREST', reason: 'x' })))).toEqual([PAUSED]);
    expect(reasonsOf(await refused(o.id, () => fx.gql(Q.pause, { id: o.id, version: paused.version, reason: 'again' })))).toEqual([PAUSED]);

    const resumed = ok<Onboarding>(await fx.gql(Q.resume, { id: o.id, version: paused.version }), 'resumeOnboarding');
    expect(resumed).toMatchObject({ stage: 'CONNECTION', status: 'ACTIVE', statusReason: null, version: paused.version + 1 });
    expect(resumed.transitions.at(-1)).toMatchObject({ kind: 'RESUME', fromStage: 'CONNECTION', toStage: 'CONNECTION', fromStatus: 'ON_HOLD', toStatus: 'ACTIVE' });
    expect(reasonsOf(await refused(o.id, () => fx.gql(Q.resume, { id: o.id, version: resumed.version })))).toEqual(['the onboarding is not paused']);
    expect((await fx.advanced(resumed)).stage).toBe('TEST');
  });

  it('a cancelled onboarding cannot be advanced, moved back, paused, resumed or cancelled again; reopening brings it back', async () => {
    const o = await fx.onboardingIn('PREPARATION');
    const cancelled = ok<Onboarding>(await fx.gql(Q.cancel, { id: o.id, version: o.version, reason: 'Authority merged into a neighbour' }), 'cancelOnboarding');
    expect(cancelled).toMatchObject({ stage: 'PREPARATION', status: 'CANCELLED', statusReason: 'Authority merged into a neighbour' });
    expect(cancelled.transitions.at(-1)).toMatchObject({ kind: 'CANCEL', fromStatus: 'ACTIVE', toStatus: 'CANCELLED', comment: 'Authority merged into a neighbour' });

    const CANCELLED = 'the onboarding is cancelled; only an administrator can reopen it';
    const v = cancelled.version;
    expect(reasonsOf(await refused(o.id, () => fx.advance(cancelled)))).toEqual([CANCELLED]);
    expect(reasonsOf(await refused(o.id, () => fx.gql(Q.moveBack, { id: o.id, version: v, toStage: 'INTEREST', reason: 'x' })))).toEqual([CANCELLED]);
    expect(reasonsOf(await refused(o.id, () => fx.gql(Q.pause, { id: o.id, version: v, reason: 'x' })))).toEqual([CANCELLED]);
    expect(reasonsOf(await refused(o.id, () => fx.gql(Q.resume, { id: o.id, version: v })))).toEqual([CANCELLED]);
    expect(reasonsOf(await refused(o.id, () => fx.gql(Q.cancel, { id: o.id, version: v, reason: 'x' })))).toEqual(['the onboarding is already cancelled']);
    expect(reasonsOf(await refused(o.id, () => fx.gql(Q.reopen, { id: o.id, version: v, reason: ' ' })))).toEqual(['reopening needs a reason']);

    const reopened = ok<Onboarding>(await fx.gql(Q.reopen, { id: o.id, version: v, reason: 'Merger called off' }), 'reopenOnboarding');
    expect(reopened).toMatchObject({ stage: 'PREPARATION', status: 'ACTIVE', statusReason: null, version: v + 1 });
    expect(reopened.transitions.at(-1)).toMatchObject({ kind: 'REOPEN', fromStatus: 'CANCELLED', toStatus: 'ACTIVE', comment: 'Merger called off' });
    expect(reasonsOf(await refused(o.id, () => fx.gql(Q.reopen, { id: o.id, version: reopened.version, reason: 'again' })))).toEqual(['only a cancelled onboarding can be reopened']);
    expect((await fx.advanced(reopened)).stage).toBe('CONNECTION');
  });

  it('a paused onboarding can be cancelled; reopened it is ACTIVE', async () => {
    const o = await fx.onboard();
    const paused = ok<Onboarding>(await fx.gql(Q.pause, { id: o.id, version: o.version, reason: 'No staff' }), 'pauseOnboarding');
    const cancelled = ok<Onboarding>(await fx.gql(Q.cancel, { id: o.id, version: paused.version, reason: 'Gave up' }), 'cancelOnboarding');
    expect(cancelled.transitions.at(-1)).toMatchObject({ kind: 'CANCEL', fromStatus: 'ON_HOLD', toStatus: 'CANCELLED' });
    const reopened = ok<Onboarding>(await fx.gql(Q.reopen, { id: o.id, version: cancelled.version, reason: 'New staff' }), 'reopenOnboarding');
    expect(reopened).toMatchObject({ stage: 'INTEREST', status: 'ACTIVE' });
  });
});

describe('the transition log', () => {
  it('records every move (kind, from, to, statuses, when, who, why) in Onboarding.transitions and onboardingTimeline', async () => {
    const start = Date.now();
    let o = await fx.onboard();
    const steps: Array<[string, (o: Onboarding) => Promise<Onboarding>]> = [
      ['ADVANCE', (x) => fx.advanced(x, { comment: 'kick-off held' })],
      ['ADVANCE', (x) => fx.advanced(x, { toStage: 'CONNECTION', comment: 'fast track' })],
      ['PAUSE', async (x) => ok(await fx.gql(Q.pause, { id: x.id, version: x.version, reason: 'summer break' }), 'pauseOnboarding')],
      ['RESUME', async (x) => ok(await fx.gql(Q.resume, { id: x.id, version: x.version }), 'resumeOnboarding')],
      ['MOVE_BACK', async (x) => ok(await fx.gql(Q.moveBack, { id: x.id, version: x.version, toStage: 'PREPARATION', reason: 'embedding missing' }), 'moveOnboardingBack')],
      ['CANCEL', async (x) => ok(await fx.gql(Q.cancel, { id: x.id, version: x.version, reason: 'withdrawn' }), 'cancelOnboarding')],
      ['REOPEN', async (x) => ok(await fx.gql(Q.reopen, { id: x.id, version: x.version, reason: 'back on' }), 'reopenOnboarding')],
    ];
    for (const [, step] of steps) o = await step(o);
    const end = Date.now();

    expect(o.version).toBe(1 + steps.length);
    expect(o.transitions.map((tr) => [tr.kind, tr.fromStage, tr.toStage, tr.fromStatus, tr.toStatus, tr.comment])).toEqual([
      ['CREATE', null, 'INTEREST', null, 'ACTIVE', null],
      ['ADVANCE', 'INTEREST', 'KICK_OFF', 'ACTIVE', 'ACTIVE', 'kick-off held'],
      ['ADVANCE', 'KICK_OFF', 'CONNECTION', 'ACTIVE', 'ACTIVE', 'fast track'],
      ['PAUSE', 'CONNECTION', 'CONNECTION', 'ACTIVE', 'ON_HOLD', 'summer break'],
      ['RESUME', 'CONNECTION', 'CONNECTION', 'ON_HOLD', 'ACTIVE', null],
      ['MOVE_BACK', 'CONNECTION', 'PREPARATION', 'ACTIVE', 'ACTIVE', 'embedding missing'],
      ['CANCEL', 'PREPARATION', 'PREPARATION', 'ACTIVE', 'CANCELLED', 'withdrawn'],
      ['REOPEN', 'PREPARATION', 'PREPARATION', 'CANCELLED', 'ACTIVE', 'back on'],
    ]);
    const times = o.transitions.map((tr) => new Date(tr.occurredAt).getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[0]).toBeGreaterThanOrEqual(start - 1000);
    expect(times.at(-1)!).toBeLessThanOrEqual(end + 1000);
    expect(new Set(o.transitions.map((tr) => tr.actor))).toEqual(new Set(['admin@test.invalid']));

    const timeline = ok<any[]>(await fx.gql(Q.timeline, { id: o.id }), 'onboardingTimeline');
    const own = timeline.filter((e) => e.entityType === 'Onboarding');
    expect(own.map((e) => e.action)).toEqual(['REOPEN', 'CANCEL', 'MOVE_BACK', 'RESUME', 'PAUSE', 'ADVANCE', 'ADVANCE', 'CREATE']);
    expect(own.map((e) => e.comment)).toEqual(['back on', 'withdrawn', 'embedding missing', null, 'summer break', 'fast track', 'kick-off held', null]);
    expect(own.every((e) => e.actor === 'admin@test.invalid' && e.subject === null)).toBe(true);
    expect(own[2].changes).toEqual(expect.arrayContaining([{ field: 'stage', from: 'CONNECTION', to: 'PREPARATION' }]));
    expect(own[4].changes).toEqual(expect.arrayContaining([{ field: 'status', from: 'ACTIVE', to: 'ON_HOLD' }, { field: 'statusReason', from: null, to: 'summer break' }]));
  });

  it('a refused move writes no transition and no audit event and keeps the version', async () => {
    const o = await fx.onboard('BY');
    await fx.blocker(o.id, { severity: 'BLOCKING', title: 'Blocked' });
    const before = await fx.snapshot(o.id);
    const attempts = [
      () => fx.advance(o),
      () => fx.advance(o, { toStage: 'LIVE' }),
      () => fx.gql(Q.moveBack, { id: o.id, version: o.version, toStage: 'INTEREST', reason: 'x' }),
      () => fx.gql(Q.pause, { id: o.id, version: o.version, reason: '' }),
      () => fx.gql(Q.resume, { id: o.id, version: o.version }),
      () => fx.gql(Q.cancel, { id: o.id, version: o.version, reason: ' ' }),
      () => fx.gql(Q.reopen, { id: o.id, version: o.version, reason: 'x' }),
    ];
    for (const attempt of attempts) expect(firstError(await attempt()).code).toBe('TRANSITION_NOT_ALLOWED');
    expect(await fx.snapshot(o.id)).toEqual(before);
    const now = await fx.get(o.id);
    expect(now).toMatchObject({ version: 1, stage: 'INTEREST', status: 'ACTIVE' });
    expect(now.transitions.map((tr) => tr.kind)).toEqual(['CREATE']);
    expect((await fx.events(o.id)).map((e) => e.action)).toEqual(['CREATE']);
  });

  it('an unknown onboarding is NOT_FOUND for every workflow mutation', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    const before = await fx.counts();
    for (const [q, vars] of [
      [Q.advance, {}],
      [Q.moveBack, { toStage: 'INTEREST', reason: 'x' }],
      [Q.pause, { reason: 'x' }],
      [Q.resume, {}],
      [Q.cancel, { reason: 'x' }],
      [Q.reopen, { reason: 'x' }],
    ] as const) {
      expect(firstError(await fx.gql(q, { id, version: 1, ...vars })).code).toBe('NOT_FOUND');
    }
    expect(firstError(await fx.gql(Q.timeline, { id })).code).toBe('NOT_FOUND');
    expect(await fx.counts()).toEqual(before);
  });

  it('stage and status cannot be written through updateOnboarding', async () => {
    const o = await fx.onboard();
    const r = await fx.gql(`mutation($id: ID!) { updateOnboarding(id: $id, version: 1, stage: "LIVE") { id } }`, { id: o.id });
    expect(firstError(r)).toMatchObject({ code: 'VALIDATION' });
    const details = ok<Onboarding>(await fx.gql(Q.updateOnboarding, { id: o.id, version: 1, owner: `Team ${random()}` }), 'updateOnboarding');
    expect(details).toMatchObject({ stage: 'INTEREST', status: 'ACTIVE', version: 2 });
    expect(details.transitions).toHaveLength(1);
  });
});

describe('onboarding filters', () => {
  it('overdue: planned go-live passed, not live, not cancelled; overdue false is every other one', async () => {
    const plan = async (o: Onboarding, plannedGoLive: string | null) => ok<Onboarding>(await fx.gql(Q.setPlannedGoLive, { id: o.id, version: o.version, plannedGoLive }), 'setPlannedGoLive');
    const late = await plan(await fx.onboard(), isoDay(-20));
    const onTime = await plan(await fx.onboard(), isoDay(40));
    const unplanned = await fx.onboard();
    const liveLate = await fx.completeRequired(await plan(await fx.onboard(), isoDay(-20)));
    await fx.advanced(liveLate, { toStage: 'LIVE' });
    const cancelledLate = await plan(await fx.onboard(), isoDay(-5));
    ok(await fx.gql(Q.cancel, { id: cancelledLate.id, version: cancelledLate.version, reason: 'withdrawn' }), 'cancelOnboarding');

    const ids = [late.id, onTime.id, unplanned.id, liveLate.id, cancelledLate.id];
    const LIST = `query($f: OnboardingFilter) { allOnboardings(perPage: 100, filter: $f) { id } _allOnboardingsMeta(filter: $f) { count } }`;
    const list = async (overdue: boolean) => {
      const r = await fx.gql(LIST, { f: { ids, overdue } });
      expect(r.data!._allOnboardingsMeta.count).toBe(r.data!.allOnboardings.length);
      return r.data!.allOnboardings.map((x: { id: string }) => x.id).sort();
    };
    expect(await list(true)).toEqual([late.id]);
    expect(await list(false)).toEqual([onTime.id, unplanned.id, liveLate.id, cancelledLate.id].sort());
  });

  it('filters by stage and status', async () => {
    const a = await fx.onboardingIn('TEST');
    const b = await fx.onboardingIn('TEST');
    ok(await fx.gql(Q.pause, { id: b.id, version: b.version, reason: 'hold' }), 'pauseOnboarding');
    const c = await fx.onboardingIn('CONNECTION');
    const r = await fx.gql(`query($f: OnboardingFilter) { allOnboardings(perPage: 100, filter: $f) { id } }`, { f: { ids: [a.id, b.id, c.id], stage: ['TEST'], status: ['ACTIVE'] } });
    expect(r.data!.allOnboardings).toEqual([{ id: a.id }]);
  });
});
