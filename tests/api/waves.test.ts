import { firstError, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Rollout waves over GraphQL: CRUD with validation naming fields, the same-service rule (API and
 * database), assignToWave in one transaction with an audit event per onboarding, the onboarding
 * filter, the wave's progress, the dashboard scoped by wave, and access per role.
 */
let t: TestApp;
let serviceId: string;
let otherServiceId: string;
const onboardings: string[] = [];
let otherOnboarding: string;

const WAVE = `id version serviceId name description startsOn targetGoLive memberUserIds organisations members { id displayName role }
  progress { total live cancelled shareLive progress expected daysLeft status stages { stage position count } }`;
const CREATE = `mutation($serviceId: ID!, $name: String!, $targetGoLive: LocalDate!, $startsOn: LocalDate, $organisations: [String!], $memberUserIds: [ID!], $description: String) {
  createWave(serviceId: $serviceId, name: $name, targetGoLive: $targetGoLive, startsOn: $startsOn, organisations: $organisations, memberUserIds: $memberUserIds, description: $description) { ${WAVE} } }`;
const ASSIGN = `mutation($ids: [ID!]!, $waveId: ID) { assignToWave(onboardingIds: $ids, waveId: $waveId) { id waveId version } }`;
const isoDay = (offset = 0) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

async function newService(name: string): Promise<string> {
  const r = await t.gql(`mutation($name: String!) { createService(name: $name, topicField: IMMIGRATION_AND_EMIGRATION) { id } }`, { name });
  if (!r.data) throw new Error(JSON.stringify(r.errors));
  return r.data.createService.id;
}

/** An onboarding of `service` for a seeded authority that has none for it, moved straight to `stage` (transition written). */
async function onboard(service: string, stage = 'INTEREST'): Promise<string> {
  const [{ id: authorityId }] = await t.dataSource.query(
    `SELECT a.id FROM authority a WHERE NOT EXISTS (SELECT 1 FROM onboarding o WHERE o.authority_id = a.id AND o.service_id = $1) ORDER BY a.ars LIMIT 1`,
    [service],
  );
  const r = await t.gql(`mutation($a: ID!, $s: ID!) { createOnboarding(authorityId: $a, serviceId: $s) { id } }`, { a: authorityId, s: service });
  const id = r.data!.createOnboarding.id;
  if (stage !== 'INTEREST') {
    await t.dataSource.query(`UPDATE onboarding SET stage = $2, live_at = CASE WHEN $2 = 'LIVE' THEN now() END WHERE id = $1`, [id, stage]);
    await t.dataSource.query(
      `INSERT INTO onboarding_transition (onboarding_id, kind, from_stage, to_stage, from_status, to_status, occurred_at, actor) VALUES ($1, 'ADVANCE', 'INTEREST', $2, 'ACTIVE', 'ACTIVE', now(), 'test')`,
      [id, stage],
    );
  }
  return id;
}

const counts = async () => (await t.dataSource.query(`SELECT (SELECT count(*) FROM wave)::int AS waves, (SELECT count(*) FROM audit_event)::int AS events, (SELECT count(*) FROM onboarding WHERE wave_id IS NOT NULL)::int AS assigned`))[0];

beforeAll(async () => {
  t = await startTestApp();
  serviceId = await newService('Testdienst Wellen');
  otherServiceId = await newService('Testdienst Andere');
  for (const stage of ['INTEREST', 'CONNECTION', 'TEST', 'LIVE']) onboardings.push(await onboard(serviceId, stage));
  otherOnboarding = await onboard(otherServiceId);
});
afterAll(async () => t?.close());

describe('waves', () => {
  it('creates a wave with members and organisations, recording an audit event', async () => {
    const [manager] = await t.dataSource.query(`SELECT id FROM app_user WHERE email = 'manager@test.invalid'`);
    const r = await t.gql(CREATE, { serviceId, name: 'Welle A', targetGoLive: isoDay(100), startsOn: isoDay(-100), organisations: [' Land Brandenburg '], memberUserIds: [manager.id] });
    expect(r.errors).toBeUndefined();
    expect(r.data!.createWave).toMatchObject({ name: 'Welle A', organisations: ['Land Brandenburg'], memberUserIds: [manager.id], members: [{ id: manager.id, role: 'ROLLOUT_MANAGER' }], startsOn: isoDay(-100) });
    const [event] = await t.dataSource.query(`SELECT action, actor FROM audit_event WHERE entity_id = $1`, [r.data!.createWave.id]);
    expect(event).toMatchObject({ action: 'CREATE', actor: 'admin@test.invalid' });
  });

  it('refuses bad input with VALIDATION naming each field, writing nothing', async () => {
    const before = await counts();
    const r = await t.gql(CREATE, { serviceId, name: ' ', targetGoLive: '2026-01-01', startsOn: '2026-02-01', organisations: ['DIKOM', 'dikom'], memberUserIds: ['00000000-0000-0000-0000-000000000001'] });
    expect(firstError(r)).toMatchObject({ code: 'VALIDATION' });
    expect(firstError(r).fields.sort()).toEqual(['memberUserIds.0', 'name', 'organisations.1', 'targetGoLive']);
    const bad = await t.gql(CREATE, { serviceId, name: 'X', targetGoLive: '2026-02-30' });
    expect(firstError(bad)).toMatchObject({ code: 'VALIDATION', fields: ['targetGoLive'] });
    const noService = await t.gql(CREATE, { serviceId: '00000000-0000-0000-0000-000000000009', name: 'X', targetGoLive: isoDay(10) });
    expect(firstError(noService)).toMatchObject({ code: 'VALIDATION', fields: ['serviceId'] });
    const dup = await t.gql(CREATE, { serviceId, name: 'Welle A', targetGoLive: isoDay(10) });
    expect(firstError(dup)).toMatchObject({ code: 'CONFLICT', fields: ['name'] });
    expect(await counts()).toEqual(before);
  });

  it('assigns onboardings in bulk (one audit event each), filters by wave, and refuses another service\'s onboarding as a whole', async () => {
    const wave = (await t.gql(CREATE, { serviceId, name: 'Welle B', targetGoLive: isoDay(100), startsOn: isoDay(-100) })).data!.createWave;
    const before = await counts();
    const refused = await t.gql(ASSIGN, { ids: [onboardings[0], otherOnboarding], waveId: wave.id });
    expect(firstError(refused)).toMatchObject({ code: 'VALIDATION', fields: ['onboardingIds.1'] });
    expect(refused.errors![0].message).toContain('Welle B');
    expect(await counts()).toEqual(before);

    const r = await t.gql(ASSIGN, { ids: onboardings, waveId: wave.id });
    expect(r.errors).toBeUndefined();
    expect(r.data!.assignToWave.map((o: { waveId: string }) => o.waveId)).toEqual(onboardings.map(() => wave.id));
    const events = await t.dataSource.query(`SELECT entity_id, action, changes FROM audit_event WHERE entity_type = 'Onboarding' AND action = 'ASSIGN_WAVE' AND entity_id = ANY($1)`, [onboardings]);
    expect(events).toHaveLength(4);
    expect(events[0].changes.waveId).toEqual({ from: null, to: wave.id });

    const list = await t.gql(`query($f: OnboardingFilter) { allOnboardings(filter: $f, perPage: 100) { id } _allOnboardingsMeta(filter: $f) { count } }`, { f: { waveId: wave.id } });
    expect(list.data!._allOnboardingsMeta.count).toBe(4);
    expect(list.data!.allOnboardings.map((o: { id: string }) => o.id).sort()).toEqual([...onboardings].sort());

    // The database refuses it too (composite foreign key on the wave and the onboarding's service).
    await expect(t.dataSource.query(`UPDATE onboarding SET wave_id = $1 WHERE id = $2`, [wave.id, otherOnboarding])).rejects.toThrow(/fk_onboarding_wave/);
  });

  it('shows progress against the target date: counts per stage, share live, status', async () => {
    const [{ id: waveId }] = await t.dataSource.query(`SELECT id FROM wave WHERE name = 'Welle B'`);
    const r = await t.gql(`query($id: ID!) { Wave(id: $id) { ${WAVE} } }`, { id: waveId });
    const p = r.data!.Wave.progress;
    // INTEREST 0, CONNECTION 3/5, TEST 4/5, LIVE 1: (0 + 0.6 + 0.8 + 1) / 4 = 0.6; half the time has passed.
    expect(p).toMatchObject({ total: 4, live: 1, shareLive: 0.25, progress: 0.6, expected: 0.5, daysLeft: 100, status: 'ON_TRACK' });
    expect(p.stages.map((s: { stage: string; count: number }) => [s.stage, s.count])).toEqual([
      ['INTEREST', 1], ['KICK_OFF', 0], ['PREPARATION', 0], ['CONNECTION', 1], ['TEST', 1], ['LIVE', 1],
    ]);
  });

  it('scopes every dashboard figure by wave (with the wave\'s service by default)', async () => {
    const [{ id: waveId }] = await t.dataSource.query(`SELECT id FROM wave WHERE name = 'Welle B'`);
    const extra = await onboard(serviceId, 'TEST'); // same service, no wave
    const Q = `query($s: ID, $w: ID) { dashboard(serviceId: $s, waveId: $w) { serviceId totals { authorities live inRollout notStarted } funnel { stage count } states { stateCode authorities }
      leadTimes { overall { toLive { count } } } stuckOnboardings(minDays: 0) { total } contracts { states { stateCode } } } }`;
    const all = (await t.gql(Q, { s: serviceId })).data!.dashboard;
    const wave = (await t.gql(Q, { w: waveId })).data!.dashboard;
    expect(wave.serviceId).toBe(serviceId);
    expect(all.totals.live).toBe(1);
    expect(wave.totals).toEqual({ authorities: 4, live: 1, inRollout: 3, notStarted: 0 });
    expect(all.funnel.find((f: { stage: string }) => f.stage === 'TEST').count).toBe(2);
    expect(wave.funnel.find((f: { stage: string }) => f.stage === 'TEST').count).toBe(1);
    expect(wave.stuckOnboardings.total).toBe(3);
    expect(all.stuckOnboardings.total).toBe(4);
    expect(wave.states.reduce((n: number, s: { authorities: number }) => n + s.authorities, 0)).toBe(4);
    expect(wave.contracts.states.length).toBeLessThan(all.contracts.states.length);
    // A wave of another service is refused, naming waveId.
    const other = await t.gql(Q, { s: otherServiceId, w: waveId });
    expect(firstError(other)).toMatchObject({ code: 'VALIDATION', fields: ['waveId'] });
    await t.dataSource.query(`DELETE FROM onboarding_transition WHERE onboarding_id = $1`, [extra]);
    await t.dataSource.query(`DELETE FROM milestone WHERE onboarding_id = $1`, [extra]);
    await t.dataSource.query(`DELETE FROM onboarding WHERE id = $1`, [extra]);
  });

  it('takes onboardings out of their wave with waveId null; a wave with onboardings cannot be deleted or change service', async () => {
    const [{ id: waveId, version }] = await t.dataSource.query(`SELECT id, version FROM wave WHERE name = 'Welle B'`);
    const del = await t.gql(`mutation($id: ID!) { deleteWave(id: $id) { id } }`, { id: waveId });
    expect(firstError(del).code).toBe('REFERENCED');
    const move = await t.gql(`mutation($id: ID!, $v: Int!, $s: ID) { updateWave(id: $id, version: $v, serviceId: $s) { id } }`, { id: waveId, v: version, s: otherServiceId });
    expect(firstError(move)).toMatchObject({ code: 'VALIDATION', fields: ['serviceId'] });
    const out = await t.gql(ASSIGN, { ids: [onboardings[0]], waveId: null });
    expect(out.data!.assignToWave[0].waveId).toBeNull();
    const [{ action }] = await t.dataSource.query(`SELECT action FROM audit_event WHERE entity_id = $1 ORDER BY occurred_at DESC LIMIT 1`, [onboardings[0]]);
    expect(action).toBe('LEAVE_WAVE');
  });

  it('lets administrators and rollout managers plan waves; coordinators and steering members only read', async () => {
    const [{ id: waveId }] = await t.dataSource.query(`SELECT id FROM wave WHERE name = 'Welle B'`);
    const manager = await t.as('ROLLOUT_MANAGER').gql(CREATE, { serviceId, name: 'Welle M', targetGoLive: isoDay(30) });
    expect(manager.errors).toBeUndefined();
    for (const user of ['STATE_COORDINATOR', 'STEERING_MEMBER'] as const) {
      const c = t.as(user);
      expect(firstError(await c.gql(CREATE, { serviceId, name: `Welle ${user}`, targetGoLive: isoDay(30) })).code).toBe('FORBIDDEN');
      expect(firstError(await c.gql(ASSIGN, { ids: [onboardings[1]], waveId })).code).toBe('FORBIDDEN');
      const read = await c.gql(`query($id: ID!) { Wave(id: $id) { name progress { total } } }`, { id: waveId });
      expect(read.data!.Wave.name).toBe('Welle B');
    }
    expect(firstError(await t.anonymous.gql(`{ allWaves { id } }`)).code).toBe('UNAUTHENTICATED');
  });

  it('seeds the example wave with Brandenburg districts', async () => {
    const [wave] = await t.dataSource.query(`SELECT w.id, (SELECT count(*)::int FROM onboarding o WHERE o.wave_id = w.id) AS n FROM wave w WHERE w.name = 'Welle 1 – Brandenburg Landkreise'`);
    expect(wave.n).toBeGreaterThan(0);
  });
});
