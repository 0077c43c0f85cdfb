/**
 * advanceOnboardings: a wave of onboardings moved at once; each is checked on
 * its own, refused ones stay exactly as they were.
 */
import { Q, WorkflowFixture, bulkAdvance, firstError, ok, type Onboarding } from './workflow-fixture.js';

let fx: WorkflowFixture;
beforeAll(async () => {
  fx = await WorkflowFixture.start();
});
afterAll(async () => fx?.close());

const bulk = (ids: string[], vars: { toStage?: string; comment?: string } = {}) => bulkAdvance(fx, ids, vars);
const rows = async (ids: string[]) => fx.t.dataSource.query(`SELECT id, version, stage, status, live_at, updated_at FROM onboarding WHERE id = ANY($1) ORDER BY id`, [ids]);

describe('advanceOnboardings', () => {
  it('moves each movable onboarding to its next stage and refuses the others with code and reasons, leaving them unchanged', async () => {
    const interest = await fx.onboard();
    const connection = await fx.onboardingIn('CONNECTION');
    const readyForLive = await fx.advanced(await fx.completeRequired(await fx.onboard()), { toStage: 'TEST' });
    const notReadyForLive = await fx.onboardingIn('TEST', 'BY');
    const blocked = await fx.onboard();
    await fx.blocker(blocked.id, { severity: 'BLOCKING', title: 'Certificate expired' });
    const pausedStart = await fx.onboardingIn('KICK_OFF');
    const paused = ok<Onboarding>(await fx.gql(Q.pause, { id: pausedStart.id, version: pausedStart.version, reason: 'waiting' }), 'pauseOnboarding');
    const cancelled = ok<Onboarding>(await fx.gql(Q.cancel, { id: (await fx.onboard()).id, version: 1, reason: 'withdrawn' }), 'cancelOnboarding');
    const live = await fx.onboardingIn('LIVE');
    const unknown = '00000000-0000-4000-8000-000000000000';

    const refusedIds = [notReadyForLive.id, blocked.id, paused.id, cancelled.id, live.id];
    const before = await rows(refusedIds);
    const transitionsBefore = await fx.t.dataSource.query(`SELECT count(*)::int AS n FROM onboarding_transition WHERE onboarding_id = ANY($1)`, [refusedIds]);
    const eventsBefore = await fx.t.dataSource.query(`SELECT count(*)::int AS n FROM audit_event WHERE entity_id = ANY($1)`, [refusedIds]);

    const ids = [interest.id, connection.id, readyForLive.id, notReadyForLive.id, blocked.id, paused.id, cancelled.id, live.id, unknown];
    const results = await bulk(ids, { comment: 'Wave 7' });
    expect(results.map((r) => r.id)).toEqual(ids);
    const byId = Object.fromEntries(results.map((r) => [r.id, r]));

    expect(byId[interest.id]).toMatchObject({ moved: true, code: null, reasons: [], onboarding: { id: interest.id, stage: 'KICK_OFF', version: interest.version + 1 } });
    expect(byId[connection.id]).toMatchObject({ moved: true, reasons: [], onboarding: { stage: 'TEST', version: connection.version + 1 } });
    expect(byId[readyForLive.id]).toMatchObject({ moved: true, onboarding: { stage: 'LIVE', version: readyForLive.version + 1 } });
    expect(byId[readyForLive.id].onboarding!.liveAt).not.toBeNull();

    expect(byId[notReadyForLive.id]).toMatchObject({ moved: false, code: 'TRANSITION_NOT_ALLOWED', onboarding: null });
    expect(byId[notReadyForLive.id].reasons).toContain("the state's reuse contract for this service is not signed");
    expect(byId[notReadyForLive.id].reasons.filter((r) => r.startsWith('required milestone not done:'))).toHaveLength(8);
    expect(byId[blocked.id]).toMatchObject({ moved: false, code: 'TRANSITION_NOT_ALLOWED', reasons: ['open blocking obstacle: Certificate expired'] });
    expect(byId[paused.id]).toMatchObject({ moved: false, code: 'TRANSITION_NOT_ALLOWED', reasons: ['the onboarding is paused; resume it first'] });
    expect(byId[cancelled.id]).toMatchObject({ moved: false, code: 'TRANSITION_NOT_ALLOWED', reasons: ['the onboarding is cancelled; only an administrator can reopen it'] });
    expect(byId[live.id]).toMatchObject({ moved: false, code: 'TRANSITION_NOT_ALLOWED', reasons: ['the onboarding is already in the last stage (LIVE)'] });
    expect(byId[unknown]).toMatchObject({ moved: false, code: 'NOT_FOUND', onboarding: null });
    expect(byId[unknown].reasons[0]).toContain('does not exist');

    // Refused ones: same version, stage, status, no transition, no event.
    expect(await rows(refusedIds)).toEqual(before);
    expect(await fx.t.dataSource.query(`SELECT count(*)::int AS n FROM onboarding_transition WHERE onboarding_id = ANY($1)`, [refusedIds])).toEqual(transitionsBefore);
    expect(await fx.t.dataSource.query(`SELECT count(*)::int AS n FROM audit_event WHERE entity_id = ANY($1)`, [refusedIds])).toEqual(eventsBefore);

    // Moved ones: one ADVANCE transition and one ADVANCE event each, with the comment.
    for (const o of [interest, connection, readyForLive]) {
      const now = await fx.get(o.id);
      expect(now.transitions.at(-1)).toMatchObject({ kind: 'ADVANCE', fromStage: o.stage, comment: 'Wave 7', actor: 'admin@test.invalid' });
      expect(now.transitions).toHaveLength(o.transitions.length + 1);
      expect((await fx.events(o.id)).at(-1)).toMatchObject({ action: 'ADVANCE', comment: 'Wave 7' });
    }
  });

  it('with toStage moves those before it and refuses those at or after it', async () => {
    const a = await fx.onboard();
    const b = await fx.onboardingIn('PREPARATION');
    const c = await fx.onboardingIn('CONNECTION');
    const d = await fx.onboardingIn('TEST');
    const results = await bulk([a.id, b.id, c.id, d.id], { toStage: 'CONNECTION' });
    expect(results.map((r) => [r.moved, r.onboarding?.stage ?? null, r.reasons])).toEqual([
      [true, 'CONNECTION', []],
      [true, 'CONNECTION', []],
      [false, null, ['CONNECTION is not after the current stage CONNECTION; use moveOnboardingBack with a reason to go back']],
      [false, null, ['CONNECTION is not after the current stage TEST; use moveOnboardingBack with a reason to go back']],
    ]);
    expect((await fx.get(c.id)).version).toBe(c.version);
    expect((await fx.get(d.id)).version).toBe(d.version);
  });

  it('a wave to LIVE takes only the onboardings whose contract and milestones are in place', async () => {
    const ready = await fx.completeRequired(await fx.onboard('ST'));
    const leadState = await fx.completeRequired(await fx.onboard('BB'));
    const noContract = await fx.completeRequired(await fx.onboard('BY'));
    const milestoneOpen = await fx.completeRequired(await fx.onboard('ST'), 'LIVE', ['TEST_APPLICATION']);
    const results = await bulk([ready.id, leadState.id, noContract.id, milestoneOpen.id], { toStage: 'LIVE' });
    expect(results.map((r) => r.moved)).toEqual([true, true, false, false]);
    expect(results[2].reasons).toEqual(["the state's reuse contract for this service is not signed"]);
    expect(results[3].reasons).toEqual(['required milestone not done: Test application received end to end (TEST)']);
  });

  it('an id given twice is moved once', async () => {
    const o = await fx.onboard();
    const results = await bulk([o.id, o.id]);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ id: o.id, moved: true, onboarding: { stage: 'KICK_OFF', version: 2 } });
    expect((await fx.get(o.id)).transitions.map((tr) => tr.kind)).toEqual(['CREATE', 'ADVANCE']);
  });

  it('an empty wave does nothing; more than 1000 ids are refused naming ids', async () => {
    const before = await fx.counts();
    expect(await bulk([])).toEqual([]);
    const many = Array.from({ length: 1001 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    expect(firstError(await fx.gql(Q.advanceMany, { ids: many }))).toMatchObject({ code: 'VALIDATION', fields: ['ids'] });
    expect(await fx.counts()).toEqual(before);
  });
});
