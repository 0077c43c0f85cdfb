/**
 * advanceOnboardings written set-based (one read per table, one UPDATE, one
 * INSERT each of transitions, audit events and notifications): a mixed wave
 * writes exactly one transition and one audit event per moved onboarding,
 * an onboarding changed by someone else while the wave waits for it is
 * refused with CONFLICT and the others move, watchers are told of every move,
 * and a database error on one onboarding refuses only that one.
 */
import { TEST_USERS } from '../support/test-app.js';
import { Q, WorkflowFixture, bulkAdvance, ok, type Onboarding } from './workflow-fixture.js';

let fx: WorkflowFixture;
beforeAll(async () => {
  fx = await WorkflowFixture.start();
});
afterAll(async () => fx?.close());

const bulk = (ids: string[], vars: { toStage?: string; comment?: string } = {}) => bulkAdvance(fx, ids, vars);
const countOf = async (sql: string, params: unknown[]) => (await fx.t.dataSource.query(sql, params))[0].n as number;
const advanceEvents = (ids: string[]) => countOf(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'ADVANCE' AND entity_id = ANY($1)`, [ids]);
const advanceTransitions = (ids: string[]) => countOf(`SELECT count(*)::int AS n FROM onboarding_transition WHERE kind = 'ADVANCE' AND onboarding_id = ANY($1)`, [ids]);

describe('advanceOnboardings, set-based', () => {
  it('a mixed wave writes one transition and one audit event (with the field changes) per moved onboarding and none for the refused', async () => {
    const movable: Onboarding[] = [];
    for (let i = 0; i < 6; i++) movable.push(await fx.onboard());
    const kickOff = await fx.onboardingIn('KICK_OFF');
    const blocked = await fx.onboard();
    await fx.blocker(blocked.id, { severity: 'BLOCKING', title: 'Firewall' });
    const cancelled = ok<Onboarding>(await fx.gql(Q.cancel, { id: (await fx.onboard()).id, version: 1, reason: 'withdrawn' }), 'cancelOnboarding');
    const noContract = await fx.onboardingIn('TEST', 'BY');
    const all = [...movable, kickOff, blocked, cancelled, noContract];
    const ids = all.map((o) => o.id);
    const [eventsBefore, transitionsBefore] = [await advanceEvents(ids), await advanceTransitions(ids)];

    const results = await bulk([...ids].reverse(), { comment: '  Welle 12  ' });
    expect(results.map((r) => r.id)).toEqual([...ids].reverse());
    const moved = results.filter((r) => r.moved);
    expect(moved.map((r) => r.id).sort()).toEqual([...movable, kickOff].map((o) => o.id).sort());
    expect(results.filter((r) => !r.moved).map((r) => [r.id, r.code])).toEqual(
      [noContract, cancelled, blocked].map((o) => [o.id, 'TRANSITION_NOT_ALLOWED']),
    );

    expect(await advanceEvents(ids)).toBe(eventsBefore + moved.length);
    expect(await advanceTransitions(ids)).toBe(transitionsBefore + moved.length);
    for (const o of [movable[0], kickOff]) {
      const now = await fx.get(o.id);
      const next = o.stage === 'INTEREST' ? 'KICK_OFF' : 'PREPARATION';
      expect(now).toMatchObject({ stage: next, version: o.version + 1, status: 'ACTIVE' });
      expect(new Date(now.stageEnteredAt).getTime()).toBeGreaterThan(new Date(o.stageEnteredAt).getTime());
      expect(now.transitions.at(-1)).toMatchObject({ kind: 'ADVANCE', fromStage: o.stage, toStage: next, fromStatus: 'ACTIVE', toStatus: 'ACTIVE', comment: 'Welle 12', actor: TEST_USERS.ADMIN.email });
      const event = (await fx.events(o.id)).at(-1)!;
      expect(event).toMatchObject({ action: 'ADVANCE', comment: 'Welle 12', actor: TEST_USERS.ADMIN.email });
      expect(event.changes.stage).toEqual({ from: o.stage, to: next });
      expect(Object.keys(event.changes).sort()).toEqual(['stage', 'stageEnteredAt']);
    }
    // The refused ones are untouched.
    for (const o of [blocked, cancelled, noContract]) expect((await fx.get(o.id)).version).toBe(o.version);
  });

  it('an onboarding changed by someone else while the wave waits for its row is refused with CONFLICT; the others move', async () => {
    const a = await fx.onboard();
    const b = await fx.onboard();
    const c = await fx.onboard();
    const other = fx.t.dataSource.createQueryRunner();
    await other.connect();
    try {
      await other.startTransaction();
      // Someone else's edit of b, not yet committed: the wave reads b's old version and then waits for the row.
      await other.query(`UPDATE onboarding SET owner = 'Someone else', version = version + 1, updated_at = now() WHERE id = $1`, [b.id]);
      const wave = bulk([a.id, b.id, c.id]);
      const deadline = Date.now() + 20_000;
      for (;;) {
        const [{ n }] = await fx.t.dataSource.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE '%FOR UPDATE%'`);
        if (n > 0) break;
        if (Date.now() > deadline) throw new Error('the wave never waited for the locked row');
        await new Promise((r) => setTimeout(r, 25));
      }
      await other.commitTransaction();
      const results = await wave;
      expect(results.map((r) => [r.id, r.moved, r.code])).toEqual([
        [a.id, true, null],
        [b.id, false, 'CONFLICT'],
        [c.id, true, null],
      ]);
    } finally {
      if (other.isTransactionActive) await other.rollbackTransaction();
      await other.release();
    }
    const [now] = await fx.t.dataSource.query(`SELECT stage, version, owner FROM onboarding WHERE id = $1`, [b.id]);
    expect(now).toEqual({ stage: 'INTEREST', version: b.version + 1, owner: 'Someone else' });
    expect(await advanceTransitions([b.id])).toBe(0);
    expect(await advanceEvents([b.id])).toBe(0);
    expect(await advanceEvents([a.id, c.id])).toBe(2);
  });

  it('tells the watchers of every moved onboarding (stage changed, went live), not of the refused ones and not the actor', async () => {
    const watcher = fx.t.as('ROLLOUT_MANAGER');
    ok(await watcher.gql(`mutation($t: WatchTarget!, $id: ID!) { watch(targetType: $t, targetId: $id) { id } }`, { t: 'SERVICE', id: fx.serviceId }), 'watch');
    const next = await fx.onboard();
    const live = await fx.advanced(await fx.completeRequired(await fx.onboard()), { toStage: 'TEST' });
    const refused = await fx.onboardingIn('LIVE');
    const results = await bulk([next.id, live.id, refused.id]);
    expect(results.map((r) => r.moved)).toEqual([true, true, false]);
    const told = await fx.t.dataSource.query(
      `SELECT e.onboarding_id, e.kind, e.params, u.email FROM notification n JOIN notification_event e ON e.id = n.event_id JOIN app_user u ON u.id = n.user_id
        WHERE e.onboarding_id = ANY($1) AND e.actor = $2 AND e.occurred_at >= (SELECT max(occurred_at) FROM audit_event WHERE entity_id = $3 AND action = 'ADVANCE')
        ORDER BY e.kind`,
      [[next.id, live.id, refused.id], TEST_USERS.ADMIN.email, next.id],
    );
    expect(told.map((r: { onboarding_id: string; kind: string; email: string }) => [r.onboarding_id, r.kind, r.email])).toEqual([
      [next.id, 'STAGE_CHANGED', TEST_USERS.ROLLOUT_MANAGER.email],
      [live.id, 'WENT_LIVE', TEST_USERS.ROLLOUT_MANAGER.email],
    ]);
    expect(told[0].params).toMatchObject({ fromStage: 'INTEREST', toStage: 'KICK_OFF', service: fx.serviceName });
    expect(told[1].params).toMatchObject({ fromStage: 'TEST', toStage: 'LIVE', liveOn: expect.any(String) });
    ok(await watcher.gql(`mutation($t: WatchTarget!, $id: ID!) { unwatch(targetType: $t, targetId: $id) }`, { t: 'SERVICE', id: fx.serviceId }), 'unwatch');
  });

  it('a database error on one onboarding refuses only that one; the others move', async () => {
    const a = await fx.onboard();
    const bad = await fx.onboard();
    const c = await fx.onboard();
    const ds = fx.t.dataSource;
    await ds.query(`CREATE FUNCTION bulk10_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'refused by test' USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_bulk10_test'; END $$`);
    await ds.query(`CREATE TRIGGER bulk10_refuse BEFORE UPDATE ON onboarding FOR EACH ROW WHEN (NEW.id = '${bad.id}'::uuid) EXECUTE FUNCTION bulk10_refuse()`);
    try {
      const results = await bulk([a.id, bad.id, c.id], { comment: 'with a fault' });
      expect(results.map((r) => [r.id, r.moved])).toEqual([
        [a.id, true],
        [bad.id, false],
        [c.id, true],
      ]);
      expect(results[1].code).not.toBeNull();
      expect(results[1].reasons.length).toBeGreaterThan(0);
    } finally {
      await ds.query(`DROP TRIGGER bulk10_refuse ON onboarding`);
      await ds.query(`DROP FUNCTION bulk10_refuse()`);
    }
    expect((await fx.get(bad.id)).version).toBe(bad.version);
    expect(await advanceTransitions([bad.id])).toBe(0);
    expect(await advanceEvents([bad.id])).toBe(0);
    expect(await advanceEvents([a.id, c.id])).toBe(2);
    expect(await advanceTransitions([a.id, c.id])).toBe(2);
  });
});
