import { firstError, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The dashboard's lead times, stuck onboardings, overdue milestones, obstacles, contracts and
 * weekly go-lives on records with known, back-dated history: a service without demo onboardings
 * gets six onboardings written here, so every median and percentile is known exactly.
 */
let t: TestApp;
let serviceId: string;
let bbId: string;
let nwId: string;
const ids: Record<string, string> = {};

const DAY = 86_400_000;
const D0 = Date.parse('2022-01-03T10:00:00Z');
const at = (days: number) => new Date(D0 + days * DAY).toISOString();
const dateOf = (days: number) => at(days).slice(0, 10);
const STAGES = ['INTEREST', 'KICK_OFF', 'PREPARATION', 'CONNECTION', 'TEST', 'LIVE'];
/** As of day 250 (2022-09-10): A and B live, C in TEST, D in CONNECTION, E stuck in KICK_OFF, F cancelled. */
const PAST = at(250);

/** One onboarding with its transitions: `path` gives the day each stage was entered; `cancelledOn` ends it. */
async function onboarding(name: string, authorityId: string, path: number[], extra: { cancelledOn?: number; plannedGoLive?: string } = {}) {
  const stage = STAGES[path.length - 1];
  const status = extra.cancelledOn === undefined ? 'ACTIVE' : 'CANCELLED';
  const [{ id }] = await t.dataSource.query(
    `INSERT INTO onboarding (authority_id, service_id, stage, status, status_reason, stage_entered_at, planned_go_live, live_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [authorityId, serviceId, stage, status, status === 'ACTIVE' ? null : 'test', at(path.at(-1)!), extra.plannedGoLive ?? null, stage === 'LIVE' ? at(path.at(-1)!) : null],
  );
  ids[name] = id;
  const move = (kind: string, from: string | null, to: string, fromStatus: string | null, toStatus: string, day: number) =>
    t.dataSource.query(
      `INSERT INTO onboarding_transition (onboarding_id, kind, from_stage, to_stage, from_status, to_status, occurred_at, actor) VALUES ($1, $2, $3, $4, $5, $6, $7, 'test')`,
      [id, kind, from, to, fromStatus, toStatus, at(day)],
    );
  await move('CREATE', null, 'INTEREST', null, 'ACTIVE', path[0]);
  for (let i = 1; i < path.length; i++) await move('ADVANCE', STAGES[i - 1], STAGES[i], 'ACTIVE', 'ACTIVE', path[i]);
  if (extra.cancelledOn !== undefined) await move('CANCEL', stage, stage, 'ACTIVE', 'CANCELLED', extra.cancelledOn);
}

beforeAll(async () => {
  t = await startTestApp();
  [{ id: serviceId }] = await t.dataSource.query(
    `SELECT id FROM service sv WHERE NOT EXISTS (SELECT 1 FROM onboarding o WHERE o.service_id = sv.id)
       AND NOT EXISTS (SELECT 1 FROM reuse_contract c WHERE c.service_id = sv.id) ORDER BY name LIMIT 1`,
  );
  [{ id: bbId }] = await t.dataSource.query(`SELECT id FROM state WHERE code = 'BB'`);
  [{ id: nwId }] = await t.dataSource.query(`SELECT id FROM state WHERE code = 'NW'`);
  const bb: Array<{ id: string }> = await t.dataSource.query(`SELECT id FROM authority WHERE state_id = $1 ORDER BY ars LIMIT 4`, [bbId]);
  const nw: Array<{ id: string }> = await t.dataSource.query(`SELECT id FROM authority WHERE state_id = $1 ORDER BY ars LIMIT 2`, [nwId]);
  // Days from the first transition to LIVE: A 100, B 200, C 300 (BB), D 400 (NW).
  await onboarding('A', bb[0].id, [0, 10, 30, 60, 80, 100]);
  await onboarding('B', bb[1].id, [0, 20, 50, 100, 150, 200]);
  await onboarding('C', bb[2].id, [0, 30, 70, 150, 200, 300]);
  await onboarding('D', nw[0].id, [0, 40, 100, 200, 300, 400]);
  await onboarding('E', bb[3].id, [0, 5], { plannedGoLive: '2030-01-09' });
  await onboarding('F', nw[1].id, [0, 10], { cancelledOn: 20 });

  const milestone = (key: string, due: number, status: string, completed?: number) =>
    t.dataSource.query(
      `INSERT INTO milestone (onboarding_id, key, name_de, name_en, stage, required, position, status, due_date, completed_at, note)
       VALUES ($1, $2, $2, $2, 'KICK_OFF', true, 1, $3, $4, $5, $6)`,
      [ids.E, key, status, dateOf(due), completed === undefined ? null : dateOf(completed), status === 'NOT_APPLICABLE' ? 'test' : null],
    );
  await milestone('M_OPEN', 100, 'OPEN');
  await milestone('M_LATE_DONE', 100, 'DONE', 120);
  await milestone('M_LATER', 300, 'OPEN');
  await milestone('M_NA', 50, 'NOT_APPLICABLE');

  const obstacle = (onboardingId: string, title: string, category: string, severity: string, opened: number, resolved?: number) =>
    t.dataSource.query(
      `INSERT INTO blocker (onboarding_id, title, category, severity, opened_at, resolved_at, resolution) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [onboardingId, title, category, severity, dateOf(opened), resolved === undefined ? null : dateOf(resolved), resolved === undefined ? null : 'test'],
    );
  await obstacle(ids.E, 'O1 certificate', 'TECHNICAL', 'BLOCKING', 50);
  await obstacle(ids.E, 'O2 privacy', 'LEGAL', 'DELAYING', 60, 200);
  await obstacle(ids.D, 'O3 budget', 'FINANCIAL', 'DELAYING', 210);

  await t.dataSource.query(
    `INSERT INTO reuse_contract (state_id, service_id, status, interest_declared_at, negotiation_started_at, signed_at) VALUES
       ($1, $3, 'SIGNED', '2021-06-01', '2021-09-01', '2022-02-01'), ($2, $3, 'INTEREST_DECLARED', '2022-03-01', NULL, NULL)`,
    [bbId, nwId, serviceId],
  );
  await t.dataSource.query(`INSERT INTO reuse_variant (state_id, service_id, variant) VALUES ($1, $2, 'EFA_REUSE')`, [bbId, serviceId]);
});
afterAll(async () => t?.close());

const FIGURES = `query($serviceId: ID, $asOf: DateTime, $stateId: ID, $minDays: Int = 90) { dashboard(serviceId: $serviceId, asOf: $asOf, stateId: $stateId) {
  totals { live }
  goLivesPerMonth { month goLives cumulative planned }
  goLivesPerWeek { week weekStart goLives cumulative planned }
  leadTimes {
    overall { toLive { count medianDays p80Days } stages { stage count medianDays p80Days } }
    states { stateCode toLive { count medianDays p80Days } stages { stage count medianDays } }
    specialistSystems { name toLive { count } }
  }
  stuckOnboardings(minDays: $minDays) { total items { onboardingId authorityName stateCode stage status days } }
  overdueMilestones { total items { key dueDate daysOverdue stateCode } }
  obstacles { total byCategory { category severity count } oldest { title category severity openedAt daysOpen stateCode } }
  contracts { counts { status count } states { stateCode status signedAt negotiationStartedAt reuseVariant } }
} }`;

type Figures = Record<string, any>;
const figures = async (variables: Record<string, unknown>, as: 'ADMIN' | 'STEERING_MEMBER' | 'STATE_COORDINATOR' = 'STEERING_MEMBER'): Promise<Figures> => {
  const r = await t.as(as).gql(FIGURES, { serviceId, ...variables });
  expect(r.errors).toBeUndefined();
  return r.data!.dashboard;
};
const stage = (d: Figures, key: string) => d.leadTimes.overall.stages.find((s: { stage: string }) => s.stage === key);

describe('lead times', () => {
  it('gives median and 80th percentile days to LIVE and per stage, overall and per state', async () => {
    const d = await figures({});
    expect(d.leadTimes.overall.toLive).toEqual({ count: 4, medianDays: 250, p80Days: 340 });
    // Completed stays in INTEREST: 10, 20, 30, 40 (A-D), 5 (E), 10 (F) days.
    expect(stage(d, 'INTEREST')).toEqual({ stage: 'INTEREST', count: 6, medianDays: 15, p80Days: 30 });
    // KICK_OFF: 20, 30, 40, 60 (E is still there; F was cancelled there).
    expect(stage(d, 'KICK_OFF')).toEqual({ stage: 'KICK_OFF', count: 4, medianDays: 35, p80Days: 48 });
    expect(d.leadTimes.overall.stages.map((s: { stage: string }) => s.stage)).toEqual(STAGES.slice(0, -1));
    const bb = d.leadTimes.states.find((s: { stateCode: string }) => s.stateCode === 'BB');
    expect(bb.toLive).toEqual({ count: 3, medianDays: 200, p80Days: 260 });
    expect(d.leadTimes.states.find((s: { stateCode: string }) => s.stateCode === 'NW').toLive).toEqual({ count: 1, medianDays: 400, p80Days: 400 });
    expect(d.leadTimes.specialistSystems.reduce((sum: number, s: { toLive: { count: number } }) => sum + s.toLive.count, 0)).toBe(4);
  });

  it('counts only what had happened by a past asOf', async () => {
    const d = await figures({ asOf: PAST });
    expect(d.totals.live).toBe(2);
    expect(d.leadTimes.overall.toLive).toEqual({ count: 2, medianDays: 150, p80Days: 180 });
    // By day 250, D's and C's stays in TEST/CONNECTION are still open; KICK_OFF stays of A-D are complete.
    expect(stage(d, 'TEST')).toMatchObject({ count: 2, medianDays: 35 });
    const bbOnly = await figures({ asOf: PAST, stateId: bbId });
    expect(bbOnly.leadTimes.overall.toLive).toEqual({ count: 2, medianDays: 150, p80Days: 180 });
    expect(bbOnly.leadTimes.states.map((s: { stateCode: string }) => s.stateCode)).toEqual(['BB']);
  });
});

describe('stuck onboardings', () => {
  it('lists onboardings in one stage longer than the threshold, longest first, without live or cancelled ones', async () => {
    const past = await figures({ asOf: PAST });
    expect(past.stuckOnboardings.total).toBe(1);
    expect(past.stuckOnboardings.items[0]).toMatchObject({ onboardingId: ids.E, stateCode: 'BB', stage: 'KICK_OFF', status: 'ACTIVE', days: 245 });
    const all = await figures({ asOf: PAST, minDays: 0 });
    expect(all.stuckOnboardings.items.map((i: { onboardingId: string }) => i.onboardingId).sort()).toEqual([ids.C, ids.D, ids.E].sort());
    expect(all.stuckOnboardings.items[0].onboardingId).toBe(ids.E);
    expect((await figures({ asOf: PAST, minDays: 246 })).stuckOnboardings.total).toBe(0);
  });
});

describe('overdue milestones and obstacles as of a date', () => {
  it('counts milestones due before asOf and not completed by then', async () => {
    const past = await figures({ asOf: PAST });
    expect(past.overdueMilestones.total).toBe(1);
    expect(past.overdueMilestones.items[0]).toEqual({ key: 'M_OPEN', dueDate: dateOf(100), daysOverdue: 150, stateCode: 'BB' });
    // On day 110 the milestone completed on day 120 was still overdue.
    const earlier = await figures({ asOf: at(110) });
    expect(earlier.overdueMilestones.items.map((i: { key: string }) => i.key).sort()).toEqual(['M_LATE_DONE', 'M_OPEN']);
    expect((await figures({})).overdueMilestones.items.map((i: { key: string }) => i.key)).toEqual(['M_OPEN', 'M_LATER']);
  });

  it('counts obstacles open at asOf by category and severity, oldest first', async () => {
    const past = await figures({ asOf: PAST });
    expect(past.obstacles.total).toBe(2);
    expect(past.obstacles.byCategory).toEqual([
      { category: 'FINANCIAL', severity: 'DELAYING', count: 1 },
      { category: 'TECHNICAL', severity: 'BLOCKING', count: 1 },
    ]);
    expect(past.obstacles.oldest.map((o: { title: string }) => o.title)).toEqual(['O1 certificate', 'O3 budget']);
    expect(past.obstacles.oldest[0]).toMatchObject({ openedAt: dateOf(50), daysOpen: 200, stateCode: 'BB' });
    const day100 = await figures({ asOf: at(100) });
    expect(day100.obstacles.oldest.map((o: { title: string }) => o.title)).toEqual(['O1 certificate', 'O2 privacy']);
  });

  it("shows a state coordinator only their own state's obstacles", async () => {
    const own = await figures({ asOf: PAST }, 'STATE_COORDINATOR');
    expect(own.obstacles.total).toBe(1);
    expect(own.obstacles.oldest.map((o: { stateCode: string }) => o.stateCode)).toEqual(['BB']);
    const other = await figures({ asOf: PAST, stateId: nwId }, 'STATE_COORDINATOR');
    expect(other.obstacles).toEqual({ total: 0, byCategory: [], oldest: [] });
    // Everything else is shared figures.
    expect(other.stuckOnboardings.total).toBe(0);
    // The vendors' "blocked" counts obstacles too: on the seeded service, a coordinator's count is their own state's.
    const blocked = async (as: 'STEERING_MEMBER' | 'STATE_COORDINATOR', stateId?: string) =>
      (await t.as(as).gql(`query($st: ID) { dashboard(stateId: $st) { specialistSystems { blocked } } }`, { st: stateId })).data!.dashboard.specialistSystems.reduce(
        (sum: number, x: { blocked: number }) => sum + x.blocked,
        0,
      );
    const all = await blocked('STEERING_MEMBER');
    const bb = await blocked('STEERING_MEMBER', bbId);
    expect(all).toBeGreaterThan(bb);
    expect(await blocked('STATE_COORDINATOR')).toBe(bb);
    expect((await figures({ asOf: PAST, stateId: nwId })).obstacles.total).toBe(1);
  });
});

describe('contracts as of a date', () => {
  it("derives each state's contract status from the dated lifecycle columns", async () => {
    const early = await figures({ asOf: '2022-01-15T12:00:00Z' });
    const row = (d: Figures, code: string) => d.contracts.states.find((s: { stateCode: string }) => s.stateCode === code);
    expect(row(early, 'BB')).toMatchObject({ status: 'NEGOTIATING', negotiationStartedAt: '2021-09-01', signedAt: null });
    expect(row(early, 'NW')).toMatchObject({ status: 'NONE' });
    expect(early.contracts.states).toHaveLength(16);
    const now = await figures({});
    expect(row(now, 'BB')).toMatchObject({ status: 'SIGNED', signedAt: '2022-02-01', reuseVariant: 'EFA_REUSE' });
    expect(row(now, 'NW')).toMatchObject({ status: 'INTEREST_DECLARED' });
    expect(now.contracts.counts).toEqual([
      { status: 'NONE', count: 14 },
      { status: 'INTEREST_DECLARED', count: 1 },
      { status: 'NEGOTIATING', count: 0 },
      { status: 'SIGNED', count: 1 },
      { status: 'TERMINATED', count: 0 },
    ]);
  });
});

describe('go-lives per ISO week', () => {
  it('counts go-lives per week (Europe/Berlin) with the running total and the planned go-live ahead', async () => {
    const d = await figures({});
    const weeks = d.goLivesPerWeek as Array<{ week: string; weekStart: string; goLives: number; cumulative: number; planned: number }>;
    expect(weeks.filter((w) => w.goLives > 0).map((w) => [w.week, w.weekStart, w.goLives, w.cumulative])).toEqual([
      ['2022-W15', '2022-04-11', 1, 1],
      ['2022-W29', '2022-07-18', 1, 2],
      ['2022-W43', '2022-10-24', 1, 3],
      ['2023-W06', '2023-02-06', 1, 4],
    ]);
    expect(weeks[0].week).toBe('2022-W15');
    expect(weeks.filter((w) => w.planned > 0).map((w) => [w.week, w.planned])).toEqual([['2030-W02', 1]]);
    expect(weeks.at(-1)).toMatchObject({ week: '2030-W02', cumulative: 4 });
    expect(d.goLivesPerMonth.filter((m: { goLives: number }) => m.goLives > 0).map((m: { month: string }) => m.month)).toEqual(['2022-04', '2022-07', '2022-10', '2023-02']);

    const past = await figures({ asOf: PAST });
    const pastWeeks = past.goLivesPerWeek as typeof weeks;
    expect(pastWeeks.filter((w) => w.goLives > 0).map((w) => w.week)).toEqual(['2022-W15', '2022-W29']);
    expect(pastWeeks.find((w) => w.week === '2022-W36')!.cumulative).toBe(2);
    // E was active and not live on day 250, so its plan is the forecast then too; C and D had no plan.
    expect(pastWeeks.reduce((s, w) => s + w.planned, 0)).toBe(1);
  });

  it('counts a live onboarding that is cancelled as no longer live', async () => {
    await t.dataSource.query(
      `INSERT INTO onboarding_transition (onboarding_id, kind, from_stage, to_stage, from_status, to_status, occurred_at, actor) VALUES ($1, 'CANCEL', 'LIVE', 'LIVE', 'ACTIVE', 'CANCELLED', $2, 'test')`,
      [ids.D, at(500)],
    );
    const d = await figures({ asOf: at(510) });
    expect(d.totals.live).toBe(3);
    expect(d.goLivesPerWeek.at(-1).cumulative).toBe(3);
    expect(d.leadTimes.overall.toLive.count).toBe(3);
    await t.dataSource.query(`DELETE FROM onboarding_transition WHERE onboarding_id = $1 AND kind = 'CANCEL'`, [ids.D]);
  });
});

describe('bad input', () => {
  it('names the argument: asOf not a date, negative threshold, limit out of range', async () => {
    expect(firstError(await t.gql(FIGURES, { serviceId, asOf: 'yesterday' }))).toMatchObject({ code: 'VALIDATION', fields: ['asOf'] });
    expect(firstError(await t.gql(FIGURES, { serviceId, minDays: -1 }))).toMatchObject({ code: 'VALIDATION', fields: ['minDays'] });
    expect(firstError(await t.gql(`{ dashboard { obstacles(limit: 0) { total } } }`))).toMatchObject({ code: 'VALIDATION', fields: ['limit'] });
  });
});
