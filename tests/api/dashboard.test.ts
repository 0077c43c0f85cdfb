import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

const DASHBOARD = `query($asOf: DateTime, $stateId: ID) { dashboard(asOf: $asOf, stateId: $stateId) {
  serviceName asOf
  totals { authorities live inRollout paused cancelled notStarted shareLive }
  states { stateCode authorities live inRollout paused notStarted shareLive }
  funnel { stage position count paused }
  specialistSystems { name live inRollout blocked }
  goLivesPerMonth { month goLives cumulative planned }
} }`;

const dashboard = async (asOf?: string, stateId?: string, as: 'ADMIN' | 'STEERING_MEMBER' = 'STEERING_MEMBER') => {
  const r = await t.as(as).gql(DASHBOARD, { asOf, stateId });
  expect(r.errors).toBeUndefined();
  return r.data!.dashboard;
};

describe('dashboard figures, as of any date', () => {
  it('matches the seeded story: 3 live at the end of 2020, 100 in 12 states at the end of August 2023', async () => {
    const end2020 = await dashboard('2020-12-31T23:00:00Z');
    expect(end2020.serviceName).toBe('Aufenthaltstitel');
    expect(end2020.totals.live).toBe(3);
    expect(end2020.states.find((s: { stateCode: string }) => s.stateCode === 'BB').live).toBe(3);
    const aug2023 = await dashboard('2023-08-31T21:59:59Z');
    expect(aug2023.totals.live).toBe(100);
    expect(aug2023.states.filter((s: { live: number }) => s.live > 0)).toHaveLength(12);
    const beforeHarz = await dashboard('2023-08-29T00:00:00Z');
    expect(beforeHarz.totals.live).toBe(99);
  });

  it('adds up: every authority is live, in rollout, paused, cancelled or not started', async () => {
    const d = await dashboard();
    const { authorities, live, inRollout, paused, cancelled, notStarted } = d.totals;
    expect(authorities).toBe(401);
    expect(live + inRollout + paused + cancelled + notStarted).toBe(authorities);
    expect(d.states.reduce((s: number, x: { live: number }) => s + x.live, 0)).toBe(live);
    expect(d.funnel.map((f: { stage: string }) => f.stage)).toEqual(['INTEREST', 'KICK_OFF', 'PREPARATION', 'CONNECTION', 'TEST', 'LIVE']);
    expect(d.funnel.find((f: { stage: string }) => f.stage === 'LIVE').count).toBe(live);
    expect(d.funnel.reduce((s: number, f: { paused: number }) => s + f.paused, 0)).toBe(paused);
  });

  it('counts in the dashboard equal counts in the lists', async () => {
    const d = await dashboard();
    const lists = await t.gql(`{
      live: _allOnboardingsMeta(filter: { stage: ["LIVE"], status: [ACTIVE, ON_HOLD] }) { count }
      paused: _allOnboardingsMeta(filter: { status: [ON_HOLD], stage: ["INTEREST", "KICK_OFF", "PREPARATION", "CONNECTION", "TEST"] }) { count }
      connection: _allOnboardingsMeta(filter: { stage: ["CONNECTION"], status: [ACTIVE, ON_HOLD] }) { count }
    }`);
    expect(d.totals.live).toBe(lists.data!.live.count);
    expect(d.totals.paused).toBe(lists.data!.paused.count);
    expect(d.funnel.find((f: { stage: string }) => f.stage === 'CONNECTION').count).toBe(lists.data!.connection.count);
  });

  it('shows go-lives per month with a running total and planned go-lives ahead', async () => {
    const d = await dashboard();
    const months = d.goLivesPerMonth as Array<{ month: string; goLives: number; cumulative: number; planned: number }>;
    expect(months[0]).toMatchObject({ month: '2020-12', goLives: 3, cumulative: 3 });
    expect(months.find((m) => m.month === '2023-08')!.cumulative).toBe(100);
    expect(months.reduce((s, m) => s + m.planned, 0)).toBeGreaterThan(0);
    const now = await dashboard();
    expect(months.at(-1)!.cumulative).toBe(now.totals.live);
  });

  it('narrows to one state and names vendors that hold the rollout back', async () => {
    const states = await t.gql(`{ allStates(filter: { code: "BB" }) { id } }`);
    const bb = await dashboard('2020-12-31T23:00:00Z', states.data!.allStates[0].id);
    expect(bb.states).toHaveLength(1);
    expect(bb.totals).toMatchObject({ authorities: 18, live: 3 });
    const d = await dashboard();
    expect(d.specialistSystems.reduce((s: number, x: { live: number }) => s + x.live, 0)).toBe(d.totals.live);
    expect(d.specialistSystems.some((x: { blocked: number }) => x.blocked > 0)).toBe(true);
  });

  it('tells the seeded story per ISO week, with lead times, stuck onboardings, obstacles and contracts as of then', async () => {
    const r = await t.as('STEERING_MEMBER').gql(`{
      aug: dashboard(asOf: "2023-08-31T21:59:59Z") {
        totals { live }
        goLivesPerMonth { goLives }
        goLivesPerWeek { week goLives cumulative }
        leadTimes { overall { toLive { count medianDays p80Days } stages { stage count medianDays p80Days } } states { stateCode toLive { count } } }
        stuckOnboardings(minDays: 0) { total }
        contracts { counts { status count } }
      }
      end2022: dashboard(asOf: "2022-12-31T22:59:59Z") { contracts { counts { status count } states { stateCode status } } }
      now: dashboard { totals { live inRollout paused } goLivesPerWeek { cumulative } stuckOnboardings(minDays: 0) { total } obstacles { total byCategory { count } } }
    }`);
    expect(r.errors).toBeUndefined();
    const { aug, end2022, now } = r.data!;
    const weeks = aug.goLivesPerWeek as Array<{ week: string; goLives: number; cumulative: number }>;
    // Landkreis Harz, the 100th, went live on Wednesday 30 August 2023: ISO week 35.
    expect(weeks.find((w) => w.week === '2023-W35')!.cumulative).toBe(100);
    expect(weeks.find((w) => w.week === '2023-W34')!.cumulative).toBe(99);
    expect(weeks[0]).toMatchObject({ week: '2020-W49', goLives: 1, cumulative: 1 });
    const sum = (xs: Array<{ goLives: number }>) => xs.reduce((s, x) => s + x.goLives, 0);
    expect(sum(weeks)).toBe(sum(aug.goLivesPerMonth));
    expect(now.goLivesPerWeek.at(-1).cumulative).toBe(now.totals.live);

    const lead = aug.leadTimes.overall;
    expect(lead.toLive.count).toBe(100);
    expect(lead.toLive.p80Days).toBeGreaterThanOrEqual(lead.toLive.medianDays);
    expect(aug.leadTimes.states.reduce((s: number, x: { toLive: { count: number } }) => s + x.toLive.count, 0)).toBe(100);
    // The story moves each onboarding through a stage in 20 to 75 days (TEST also has the short stays of those moved back once).
    for (const st of lead.stages.filter((x: { stage: string }) => x.stage !== 'TEST')) {
      expect(st.count).toBeGreaterThanOrEqual(100);
      expect(st.medianDays).toBeGreaterThanOrEqual(20);
      expect(st.p80Days).toBeLessThanOrEqual(75);
    }
    // With a threshold of 0 days, every onboarding in the rollout or paused is listed.
    expect(now.stuckOnboardings.total).toBe(now.totals.inRollout + now.totals.paused);

    const signed = (d: { contracts: { counts: Array<{ status: string; count: number }> } }) => d.contracts.counts.find((c) => c.status === 'SIGNED')!.count;
    expect(signed(end2022)).toBe(8);
    expect(signed(aug)).toBe(11);
    expect(end2022.contracts.states.find((s: { stateCode: string }) => s.stateCode === 'RP').status).toBe('NEGOTIATING');
    expect(now.obstacles.total).toBe(now.obstacles.byCategory.reduce((s: number, c: { count: number }) => s + c.count, 0));
    expect(now.obstacles.total).toBeGreaterThan(0);
  });

  it('refuses anonymous callers and bad input', async () => {
    expect((await t.anonymous.gql(DASHBOARD)).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect((await t.gql(DASHBOARD, { stateId: 'BB' })).errors![0].extensions!.code).toBe('VALIDATION');
  });
});
