/**
 * Optimistic locking of the workflow: concurrent writes on the same version
 * (Promise.all over HTTP) let exactly one through; a stale version is
 * refused with CONFLICT and changes nothing, on every workflow mutation.
 */
import type { GqlResult } from '../support/test-app.js';
import { Q, WorkflowFixture, firstError, ok, random, type Blocker, type Contract, type Milestone, type Onboarding } from './workflow-fixture.js';

let fx: WorkflowFixture;
beforeAll(async () => {
  fx = await WorkflowFixture.start();
});
afterAll(async () => fx?.close());

/** 'OK' for a success, else the error code. */
const codes = (results: GqlResult[]): string[] => results.map((r) => (r.errors ? (firstError(r).code ?? 'NO_CODE') : 'OK'));
const count = (list: string[], value: string) => list.filter((x) => x === value).length;

describe('concurrent writes', () => {
  it('20 concurrent advances of the same version: exactly one moves, 19 get CONFLICT; one transition, one event', async () => {
    const o = await fx.onboard();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => fx.advance(o, { comment: `attempt ${i}` })));
    const c = codes(results);
    expect(count(c, 'OK')).toBe(1);
    expect(count(c, 'CONFLICT')).toBe(19);
    for (const r of results.filter((x) => x.errors)) expect(r.errors![0].message).toMatch(/changed by someone else/);

    const now = await fx.get(o.id);
    expect(now).toMatchObject({ stage: 'KICK_OFF', version: 2 });
    const advances = await fx.t.dataSource.query(`SELECT kind, comment FROM onboarding_transition WHERE onboarding_id = $1 AND kind = 'ADVANCE'`, [o.id]);
    expect(advances).toHaveLength(1);
    const events = await fx.t.dataSource.query(`SELECT comment FROM audit_event WHERE entity_id = $1 AND action = 'ADVANCE'`, [o.id]);
    expect(events).toHaveLength(1);
    const winner = results.find((r) => !r.errors)!.data!.advanceOnboarding as Onboarding;
    expect(advances[0].comment).toBe(winner.transitions.at(-1)!.comment);
    expect(events[0].comment).toBe(advances[0].comment);
  });

  it('different workflow mutations racing on the same version: exactly one wins', async () => {
    const o = await fx.onboardingIn('PREPARATION');
    const attempts = [
      ...Array.from({ length: 4 }, () => fx.advance(o)),
      ...Array.from({ length: 4 }, () => fx.gql(Q.moveBack, { id: o.id, version: o.version, toStage: 'INTEREST', reason: 'redo' })),
      ...Array.from({ length: 4 }, () => fx.gql(Q.pause, { id: o.id, version: o.version, reason: 'hold' })),
      ...Array.from({ length: 4 }, () => fx.gql(Q.cancel, { id: o.id, version: o.version, reason: 'stop' })),
    ];
    const c = codes(await Promise.all(attempts));
    expect(count(c, 'OK')).toBe(1);
    expect(count(c, 'CONFLICT')).toBe(attempts.length - 1);
    const now = await fx.get(o.id);
    expect(now.version).toBe(o.version + 1);
    expect(now.transitions).toHaveLength(o.transitions.length + 1);
  });

  it('20 concurrent completions of the same milestone version: exactly one', async () => {
    const o = await fx.onboard();
    const m = o.milestones[0];
    const c = codes(await Promise.all(Array.from({ length: 20 }, () => fx.gql(Q.completeMilestone, { id: m.id, version: m.version }))));
    expect(count(c, 'OK')).toBe(1);
    expect(count(c, 'CONFLICT')).toBe(19);
    expect(await fx.events(m.id)).toHaveLength(1);
  });

  it('two overlapping waves to the same stage racing in opposite order: each onboarding moves exactly once', async () => {
    const wave: Onboarding[] = [];
    for (let i = 0; i < 6; i++) wave.push(await fx.onboard());
    const ids = wave.map((o) => o.id);
    const [a, b] = await Promise.all([
      fx.gql(Q.advanceMany, { ids, toStage: 'KICK_OFF', comment: 'wave A' }),
      fx.gql(Q.advanceMany, { ids: [...ids].reverse(), toStage: 'KICK_OFF', comment: 'wave B' }),
    ]);
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    type Result = { id: string; moved: boolean; code: string | null };
    const resultOf = (r: GqlResult, id: string) => (r.data!.advanceOnboardings as Result[]).find((x) => x.id === id)!;
    for (const id of ids) {
      const outcomes = [resultOf(a, id), resultOf(b, id)];
      expect(outcomes.filter((x) => x.moved)).toHaveLength(1);
      // The loser either raced the winner (CONFLICT) or came after it (already in KICK_OFF).
      expect(['CONFLICT', 'TRANSITION_NOT_ALLOWED']).toContain(outcomes.find((x) => !x.moved)!.code);
    }
    const rows = await fx.t.dataSource.query(`SELECT count(*)::int AS n FROM onboarding_transition WHERE onboarding_id = ANY($1) AND kind = 'ADVANCE' GROUP BY onboarding_id`, [ids]);
    expect(rows.map((r: { n: number }) => r.n)).toEqual(ids.map(() => 1));
    for (const id of ids) expect(await fx.get(id)).toMatchObject({ stage: 'KICK_OFF', version: 2 });
  });

  it('two overlapping waves to the next stage: no move is lost or written twice', async () => {
    const wave: Onboarding[] = [];
    for (let i = 0; i < 6; i++) wave.push(await fx.onboard());
    const ids = wave.map((o) => o.id);
    const results = await Promise.all([fx.gql(Q.advanceMany, { ids }), fx.gql(Q.advanceMany, { ids: [...ids].reverse() })]);
    const all = results.flatMap((r) => {
      expect(r.errors).toBeUndefined();
      return r.data!.advanceOnboardings as Array<{ id: string; moved: boolean; code: string | null }>;
    });
    // Without a version, a wave that comes after the other's commit advances once more (next stage of the new state).
    for (const x of all.filter((r) => !r.moved)) expect(x.code).toBe('CONFLICT');
    for (const id of ids) {
      const moves = all.filter((x) => x.id === id && x.moved).length;
      expect(moves).toBeGreaterThanOrEqual(1);
      const now = await fx.get(id);
      expect(now.version).toBe(1 + moves);
      expect(now.stage).toBe(moves === 1 ? 'KICK_OFF' : 'PREPARATION');
      expect(now.transitions.filter((tr) => tr.kind === 'ADVANCE')).toHaveLength(moves);
      expect((await fx.events(id)).filter((e) => e.action === 'ADVANCE')).toHaveLength(moves);
    }
  });

  it('concurrent creation of the same onboarding: exactly one, the others CONFLICT naming serviceId', async () => {
    const authorityId = await fx.authority('NW');
    const before = await fx.counts();
    const results = await Promise.all(Array.from({ length: 10 }, () => fx.gql(Q.create, { authorityId, serviceId: fx.serviceId })));
    const c = codes(results);
    expect(count(c, 'OK')).toBe(1);
    expect(count(c, 'CONFLICT')).toBe(9);
    for (const r of results.filter((x) => x.errors)) expect(firstError(r).fields).toEqual(['serviceId']);
    expect(await fx.counts()).toEqual({ ...before, onboardings: before.onboardings + 1, milestones: before.milestones + 10, transitions: before.transitions + 1, events: before.events + 1 });
  });
});

describe('a stale version is refused with CONFLICT and changes nothing', () => {
  interface Case {
    name: string;
    /** Makes the record ready for the mutation; returns its id and current version. */
    setup: () => Promise<{ id: string; version: number }>;
    /** A harmless edit by "someone else" that bumps the version. */
    bump: (id: string, version: number) => Promise<unknown>;
    mutate: (id: string, version: number) => Promise<any>;
    read: (id: string) => Promise<unknown>;
  }
  const readOnboarding = (id: string) => fx.get(id);
  const readMilestone = async (id: string) => ok<Milestone>(await fx.gql(Q.milestone, { id }), 'Milestone');
  const readBlocker = async (id: string) => ok<Blocker>(await fx.gql(`query($id: ID!) { Blocker(id: $id) { id version severity resolvedAt resolution description } }`, { id }), 'Blocker');
  const readContract = async (id: string) => ok<Contract>(await fx.gql(Q.contract, { id }), 'ReuseContract');
  const bumpOnboarding = async (id: string, version: number) => ok(await fx.gql(Q.updateOnboarding, { id, version, notes: `edited ${random()}` }), 'updateOnboarding');
  const bumpMilestone = async (id: string, version: number) => ok(await fx.gql(Q.updateMilestone, { id, version, note: `edited ${random()}` }), 'updateMilestone');
  const bumpBlocker = async (id: string, version: number) =>
    ok(await fx.gql(`mutation($id: ID!, $version: Int!, $d: String) { updateBlocker(id: $id, version: $version, description: $d) { id } }`, { id, version, d: `edited ${random()}` }), 'updateBlocker');
  const bumpContract = async (id: string, version: number) =>
    ok(await fx.gql(`mutation($id: ID!, $version: Int!, $n: String) { updateReuseContract(id: $id, version: $version, notes: $n) { id } }`, { id, version, n: `edited ${random()}` }), 'updateReuseContract');
  const onboardingCase = (name: string, setup: () => Promise<Onboarding>, mutate: Case['mutate']): Case => ({ name, setup, bump: bumpOnboarding, mutate, read: readOnboarding });
  const milestoneOf = async (o: Promise<Onboarding>, key: string) => (await o).milestones.find((m) => m.key === key)!;
  const contractIn = async (fields: Record<string, unknown>) => fx.newContract('HE', (await fx.newService()).id, fields);

  const cases: Case[] = [
    onboardingCase('advanceOnboarding', () => fx.onboard(), (id, version) => fx.gql(Q.advance, { id, version })),
    onboardingCase('advanceOnboarding to LIVE', async () => fx.completeRequired(await fx.onboard()), (id, version) => fx.gql(Q.advance, { id, version, toStage: 'LIVE' })),
    onboardingCase('moveOnboardingBack', () => fx.onboardingIn('CONNECTION'), (id, version) => fx.gql(Q.moveBack, { id, version, toStage: 'KICK_OFF', reason: 'redo' })),
    onboardingCase('pauseOnboarding', () => fx.onboard(), (id, version) => fx.gql(Q.pause, { id, version, reason: 'hold' })),
    onboardingCase(
      'resumeOnboarding',
      async () => ok(await fx.gql(Q.pause, { id: (await fx.onboard()).id, version: 1, reason: 'hold' }), 'pauseOnboarding'),
      (id, version) => fx.gql(Q.resume, { id, version }),
    ),
    onboardingCase('cancelOnboarding', () => fx.onboard(), (id, version) => fx.gql(Q.cancel, { id, version, reason: 'stop' })),
    onboardingCase(
      'reopenOnboarding',
      async () => ok(await fx.gql(Q.cancel, { id: (await fx.onboard()).id, version: 1, reason: 'stop' }), 'cancelOnboarding'),
      (id, version) => fx.gql(Q.reopen, { id, version, reason: 'back' }),
    ),
    onboardingCase('setPlannedGoLive', () => fx.onboard(), (id, version) => fx.gql(Q.setPlannedGoLive, { id, version, plannedGoLive: '2027-01-01' })),
    onboardingCase('updateOnboarding', () => fx.onboard(), (id, version) => fx.gql(Q.updateOnboarding, { id, version, owner: 'Someone' })),
    {
      name: 'completeMilestone',
      setup: () => milestoneOf(fx.onboard(), 'CONTACTS_NAMED'),
      bump: bumpMilestone,
      mutate: (id, version) => fx.gql(Q.completeMilestone, { id, version }),
      read: readMilestone,
    },
    {
      name: 'reopenMilestone',
      setup: async () => {
        const m = await milestoneOf(fx.onboard(), 'CONTACTS_NAMED');
        return ok(await fx.gql(Q.completeMilestone, { id: m.id, version: m.version }), 'completeMilestone');
      },
      bump: bumpMilestone,
      mutate: (id, version) => fx.gql(Q.reopenMilestone, { id, version }),
      read: readMilestone,
    },
    {
      name: 'markMilestoneNotApplicable',
      setup: () => milestoneOf(fx.onboard(), 'DVDV_ENTRY'),
      bump: bumpMilestone,
      mutate: (id, version) => fx.gql(Q.markNotApplicable, { id, version, reason: 'FIT-Connect' }),
      read: readMilestone,
    },
    {
      name: 'resolveBlocker',
      setup: async () => fx.blocker((await fx.onboard()).id, { severity: 'BLOCKING' }),
      bump: bumpBlocker,
      mutate: (id, version) => fx.gql(Q.resolveBlocker, { id, version, resolution: 'fixed' }),
      read: readBlocker,
    },
    {
      name: 'reopenBlocker',
      setup: async () => {
        const b = await fx.blocker((await fx.onboard()).id, { severity: 'BLOCKING' });
        return ok(await fx.gql(Q.resolveBlocker, { id: b.id, version: b.version, resolution: 'fixed' }), 'resolveBlocker');
      },
      bump: bumpBlocker,
      mutate: (id, version) => fx.gql(Q.reopenBlocker, { id, version, reason: 'back' }),
      read: readBlocker,
    },
    { name: 'declareInterest', setup: () => contractIn({ status: 'NONE' }), bump: bumpContract, mutate: (id, version) => fx.gql(Q.declareInterest, { id, version }), read: readContract },
    {
      name: 'startNegotiation',
      setup: () => contractIn({ status: 'INTEREST_DECLARED', interestDeclaredAt: '2023-01-01' }),
      bump: bumpContract,
      mutate: (id, version) => fx.gql(Q.startNegotiation, { id, version }),
      read: readContract,
    },
    {
      name: 'signContract',
      setup: () => contractIn({ status: 'NEGOTIATING', interestDeclaredAt: '2023-01-01', negotiationStartedAt: '2023-02-01' }),
      bump: bumpContract,
      mutate: (id, version) => fx.gql(Q.signContract, { id, version, signedAt: '2023-06-01' }),
      read: readContract,
    },
    {
      name: 'terminateContract',
      setup: () => contractIn({ status: 'SIGNED', interestDeclaredAt: '2023-01-01', signedAt: '2023-06-01' }),
      bump: bumpContract,
      mutate: (id, version) => fx.gql(Q.terminateContract, { id, version, reason: 'ended' }),
      read: readContract,
    },
  ];

  it.each(cases.map((c) => [c.name, c]))('%s', async (_name, c) => {
    const { id, version } = await c.setup();
    await c.bump(id, version);
    const current = (await c.read(id)) as { version: number };
    expect(current.version).toBe(version + 1);

    const before = [current, await fx.counts()];
    const stale = await c.mutate(id, version);
    expect(stale.data ?? null).toBeNull();
    expect(firstError(stale).code).toBe('CONFLICT');
    expect(stale.errors[0].message).toContain(`since you loaded version ${version} (current version is ${version + 1})`);
    expect([await c.read(id), await fx.counts()]).toEqual(before);

    // With the current version the same mutation goes through.
    const fresh = await c.mutate(id, version + 1);
    expect(fresh.errors).toBeUndefined();
  });
});
