/**
 * Object-level access rules with real records: a state coordinator (of
 * Brandenburg, BB) changes only their own state's records and, on
 * onboardings, only the contact data; sees other states' internal data as
 * null and their obstacles not at all, also in history and timeline;
 * refusals, failed sign-ins and the sign-in rate limit are recorded;
 * sessions end on sign-out, password change and role change; the last
 * active administrator stays.
 *
 * (That a steering member may not call any mutation is part of the
 * generated matrix in access-matrix.test.ts.)
 */
import { TEST_USERS, type GqlClient, type GqlResult, type TestApp } from '../support/test-app.js';
import { Q, WorkflowFixture, firstError, isoDay, ok, random, type Blocker, type Contract, type Onboarding, EVENT, type Event } from './workflow-fixture.js';

let fx: WorkflowFixture;
let t: TestApp;
let coord: GqlClient; // state coordinator of BB
let coordST: GqlClient;
let steering: GqlClient;
const COORD = TEST_USERS.STATE_COORDINATOR.email;

beforeAll(async () => {
  fx = await WorkflowFixture.start();
  t = fx.t;
  coord = t.as('STATE_COORDINATOR');
  coordST = t.as('STATE_COORDINATOR_ST');
  steering = t.as('STEERING_MEMBER');
});
afterAll(async () => fx?.close());

const AUTHORITY = `id version name notes email population stateId`;
const INTERNAL_ONBOARDING = `id version stage status plannedGoLive owner stageEnteredAt notes subjectContact technicalContact statusReason
  authority { id name notes email state { code } }
  milestones { id key status note evidenceUrl }
  blockers { id title }
  transitions { kind toStage comment }`;

interface Authority {
  id: string;
  version: number;
  name: string;
  notes: string | null;
  email: string | null;
  population: number | null;
  stateId: string;
}

const authorityOf = async (stateCode: string): Promise<Authority> =>
  ok<Authority[]>(await fx.gql(`query($s: ID) { allAuthorities(filter: { stateId: $s }, perPage: 1, sortField: "name") { ${AUTHORITY} } }`, { s: fx.states[stateCode] }), 'allAuthorities')[0];

const authorityRow = async (id: string) => (await t.dataSource.query(`SELECT * FROM authority WHERE id = $1`, [id]))[0];
const eventsOf = async (id: string): Promise<Array<{ action: string; actor: string }>> =>
  t.dataSource.query(`SELECT action, actor FROM audit_event WHERE entity_id = $1 ORDER BY occurred_at, id`, [id]);
const refusalsOf = async (actor: string): Promise<string[]> =>
  (await t.dataSource.query(`SELECT comment FROM audit_event WHERE action = 'REFUSED' AND actor = $1 ORDER BY occurred_at, id`, [actor])).map((r: { comment: string }) => r.comment);

const UPDATE_AUTHORITY = `mutation($id: ID!, $version: Int!, $notes: String, $email: String, $population: Int, $stateId: ID, $ars: String) {
  updateAuthority(id: $id, version: $version, notes: $notes, email: $email, population: $population, stateId: $stateId, ars: $ars) { ${AUTHORITY} } }`;
const UPDATE_ONBOARDING = `mutation($id: ID!, $version: Int!, $notes: String, $subjectContact: String, $technicalContact: String, $plannedGoLive: LocalDate, $owner: String) {
  updateOnboarding(id: $id, version: $version, notes: $notes, subjectContact: $subjectContact, technicalContact: $technicalContact, plannedGoLive: $plannedGoLive, owner: $owner) {
    id version notes subjectContact technicalContact plannedGoLive owner } }`;
const OBJECT_LEVEL = /belongs to another state; a state coordinator changes only records of their own state/;

describe('a state coordinator changes only records of their own state', () => {
  it('updates an authority of their own state', async () => {
    const a = await authorityOf('BB');
    const updated = ok<Authority>(await coord.gql(UPDATE_AUTHORITY, { id: a.id, version: a.version, notes: 'Ansprechpartnerin neu', population: 12345 }), 'updateAuthority');
    expect(updated).toMatchObject({ notes: 'Ansprechpartnerin neu', population: 12345, version: a.version + 1 });
    expect((await eventsOf(a.id)).at(-1)).toEqual({ action: 'UPDATE', actor: COORD });
  });

  it('an authority of Sachsen-Anhalt: FORBIDDEN, and it stays as it was (version, fields, no audit event)', async () => {
    const a = await authorityOf('ST');
    const row = await authorityRow(a.id);
    const events = await eventsOf(a.id);
    const r = await coord.gql(UPDATE_AUTHORITY, { id: a.id, version: a.version, notes: 'von BB geändert', population: 1 });
    expect(firstError(r).code).toBe('FORBIDDEN');
    expect(firstError(r).message).toMatch(OBJECT_LEVEL);
    expect(await authorityRow(a.id)).toEqual(row);
    expect(await eventsOf(a.id)).toEqual(events);
  });

  it('an update that would change nothing on another state\'s authority is refused too', async () => {
    const a = await authorityOf('ST');
    const r = await coord.gql(UPDATE_AUTHORITY, { id: a.id, version: a.version, population: a.population });
    expect(firstError(r).code).toBe('FORBIDDEN');
  });

  it('cannot move an own authority into another state, nor create or delete one elsewhere', async () => {
    const a = await authorityOf('BB');
    const row = await authorityRow(a.id);
    const moved = await coord.gql(UPDATE_AUTHORITY, { id: a.id, version: a.version, stateId: fx.states.ST, ars: `15${a.id.replace(/\D/g, '').padEnd(10, '0').slice(0, 10)}` });
    expect(firstError(moved).code).toBe('FORBIDDEN');
    expect(await authorityRow(a.id)).toEqual(row);
    const created = await coord.gql(`mutation($s: ID!) { createAuthority(name: "Ausländerbehörde Test ST", kind: FOREIGNERS_AUTHORITY, level: MUNICIPALITY, stateId: $s, ars: "150000000999") { id } }`, {
      s: fx.states.ST,
    });
    expect(firstError(created)).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(OBJECT_LEVEL) });
    expect(firstError(await coord.gql(`mutation($id: ID!) { deleteAuthority(id: $id) { id } }`, { id: a.id })).code).toBe('FORBIDDEN');
  });

  describe('contracts', () => {
    let service: string;
    beforeAll(async () => {
      service = (await fx.newService()).id;
    });

    it('declareInterest on their own state\'s contract works; on another state\'s contract FORBIDDEN and unchanged', async () => {
      const bb = await fx.newContract('BB', service, { status: 'NONE' });
      const st = await fx.newContract('ST', service, { status: 'NONE' });
      const own = ok<Contract>(await coord.gql(Q.declareInterest, { id: bb.id, version: bb.version }), 'declareInterest');
      expect(own).toMatchObject({ status: 'INTEREST_DECLARED', version: bb.version + 1 });

      const r = await coord.gql(Q.declareInterest, { id: st.id, version: st.version });
      expect(firstError(r)).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(OBJECT_LEVEL) });
      expect(ok<Contract>(await fx.gql(Q.contract, { id: st.id }), 'ReuseContract')).toEqual(st);
    });

    it('signContract on another state\'s contract: FORBIDDEN and unchanged', async () => {
      const other = await fx.newService();
      const st = await fx.newContract('ST', other.id, { status: 'NEGOTIATING', interestDeclaredAt: '2024-01-10', negotiationStartedAt: '2024-03-01' });
      const r = await coord.gql(Q.signContract, { id: st.id, version: st.version, signedAt: isoDay(-1) });
      expect(firstError(r)).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(OBJECT_LEVEL) });
      expect(ok<Contract>(await fx.gql(Q.contract, { id: st.id }), 'ReuseContract')).toEqual(st);
    });

    it('another state\'s contract is refused as such (FORBIDDEN), before any lifecycle rule is looked at', async () => {
      // fx.contracts.ST is signed already: signing it again would be TRANSITION_NOT_ALLOWED for someone who may.
      const st = fx.contracts.ST;
      const r = await coord.gql(Q.signContract, { id: st.id, version: st.version, signedAt: isoDay(-1) });
      expect(firstError(r).code).toBe('FORBIDDEN');
      const generic = await coord.gql(`mutation($id: ID!, $version: Int!) { updateReuseContract(id: $id, version: $version, status: NONE) { id } }`, { id: st.id, version: st.version });
      expect(firstError(generic).code).toBe('FORBIDDEN');
    });

    it('createReuseContract / createReuseVariant for another state: FORBIDDEN, nothing created; for their own state: created', async () => {
      const s = (await fx.newService()).id;
      const writes = async () => {
        const { events, ...rows } = await fx.counts();
        const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_event WHERE action <> 'REFUSED'`);
        return { ...rows, events: n };
      };
      const before = await writes();
      const contract = await coord.gql(`mutation($st: ID!, $sv: ID!) { createReuseContract(stateId: $st, serviceId: $sv) { id } }`, { st: fx.states.ST, sv: s });
      expect(firstError(contract)).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(OBJECT_LEVEL) });
      const variant = await coord.gql(`mutation($st: ID!, $sv: ID!) { createReuseVariant(stateId: $st, serviceId: $sv, variant: ${await firstVariant()}) { id } }`, { st: fx.states.ST, sv: s });
      expect(firstError(variant)).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(OBJECT_LEVEL) });
      expect(await writes()).toEqual(before);

      const own = await coord.gql(`mutation($st: ID!, $sv: ID!) { createReuseVariant(stateId: $st, serviceId: $sv, variant: ${await firstVariant()}, note: "BB intern") { id stateId } }`, { st: fx.states.BB, sv: s });
      expect(ok(own, 'createReuseVariant')).toMatchObject({ stateId: fx.states.BB });
    });
  });

  describe('onboardings: on their own state\'s only the contact data', () => {
    it('subjectContact and technicalContact of an own onboarding: ok', async () => {
      const o = await fx.onboard('BB');
      const updated = ok(await coord.gql(UPDATE_ONBOARDING, { id: o.id, version: o.version, subjectContact: 'Frau Beispiel, 0331 123', technicalContact: 'IT-Stelle' }), 'updateOnboarding');
      expect(updated).toMatchObject({ subjectContact: 'Frau Beispiel, 0331 123', technicalContact: 'IT-Stelle', version: o.version + 1 });
      expect((await eventsOf(o.id)).at(-1)).toEqual({ action: 'UPDATE', actor: COORD });
    });

    it('notes, plannedGoLive or owner: FORBIDDEN naming the fields, nothing changed (not even the contacts sent along)', async () => {
      const o = await fx.onboard('BB');
      const row = (await t.dataSource.query(`SELECT * FROM onboarding WHERE id = $1`, [o.id]))[0];
      const notes = await coord.gql(UPDATE_ONBOARDING, { id: o.id, version: o.version, notes: 'intern', subjectContact: 'Herr Muster' });
      expect(firstError(notes).code).toBe('FORBIDDEN');
      expect(firstError(notes).message).toMatch(/may change only subjectContact, technicalContact here, not notes$/);
      const planned = await coord.gql(UPDATE_ONBOARDING, { id: o.id, version: o.version, plannedGoLive: isoDay(90) });
      expect(firstError(planned).code).toBe('FORBIDDEN');
      expect(firstError(planned).message).toMatch(/not plannedGoLive$/);
      const both = await coord.gql(UPDATE_ONBOARDING, { id: o.id, version: o.version, plannedGoLive: isoDay(90), owner: 'BB' });
      expect(firstError(both).message).toMatch(/not (owner, plannedGoLive|plannedGoLive, owner)$/);
      expect((await t.dataSource.query(`SELECT * FROM onboarding WHERE id = $1`, [o.id]))[0]).toEqual(row);
    });

    it('the contacts of another state\'s onboarding: FORBIDDEN', async () => {
      const o = await fx.onboard('ST');
      const r = await coord.gql(UPDATE_ONBOARDING, { id: o.id, version: o.version, subjectContact: 'Frau Beispiel' });
      expect(firstError(r)).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(OBJECT_LEVEL) });
      expect(await fx.get(o.id)).toEqual(o);
    });
  });
});

async function firstVariant(): Promise<string> {
  const r = await fx.gql(`{ __type(name: "ReuseVariantKind") { enumValues { name } } }`);
  return r.data!.__type.enumValues[0].name;
}

describe('what a coordinator sees of other states', () => {
  let st: Onboarding;
  let bb: Onboarding;
  let stBlocker: Blocker;
  let bbBlocker: Blocker;

  /** An onboarding with every kind of internal data: notes, contacts, a paused reason, a milestone note, an obstacle, a commented advance. */
  async function withInternals(stateCode: string): Promise<[Onboarding, Blocker]> {
    const o = await fx.onboard(stateCode);
    await fx.gql(Q.updateOnboarding, { id: o.id, version: o.version, notes: `${stateCode} intern`, owner: `Team ${stateCode}` });
    let cur = await fx.get(o.id);
    ok(await fx.gql(UPDATE_ONBOARDING, { id: o.id, version: cur.version, subjectContact: `${stateCode} Fachkontakt`, technicalContact: `${stateCode} IT-Kontakt` }), 'updateOnboarding');
    const m = (await fx.get(o.id)).milestones[0];
    ok(await fx.gql(Q.completeMilestone, { id: m.id, version: m.version, note: `${stateCode} Vermerk`, evidenceUrl: `https://example.org/${stateCode}` }), 'completeMilestone');
    const b = await fx.blocker(o.id, { severity: 'DELAYING', title: `${stateCode} Hindernis` });
    cur = await fx.advanced(await fx.get(o.id), { comment: `${stateCode} Kick-off-Vermerk` });
    ok(await fx.gql(Q.pause, { id: o.id, version: cur.version, reason: `${stateCode} Pausengrund` }), 'pauseOnboarding');
    const authority = ok<Authority>(await fx.gql(`query($id: ID!) { Authority(id: $id) { ${AUTHORITY} } }`, { id: o.authorityId }), 'Authority');
    ok(await fx.gql(UPDATE_AUTHORITY, { id: authority.id, version: authority.version, notes: `${stateCode} Behördenvermerk`, email: `abh@${stateCode.toLowerCase()}.example.org` }), 'updateAuthority');
    return [await fx.get(o.id), b];
  }

  beforeAll(async () => {
    [st, stBlocker] = await withInternals('ST');
    [bb, bbBlocker] = await withInternals('BB');
  });

  const read = async (client: GqlClient, id: string) => ok<Record<string, any>>(await client.gql(`query($id: ID!) { Onboarding(id: $id) { ${INTERNAL_ONBOARDING} } }`, { id }), 'Onboarding');

  it('an onboarding of Sachsen-Anhalt: internal fields null, shared ones (stage, status, dates, milestones\' status) as they are', async () => {
    const admin = await read(t, st.id);
    expect(admin).toMatchObject({ notes: 'ST intern', subjectContact: 'ST Fachkontakt', technicalContact: 'ST IT-Kontakt', statusReason: 'ST Pausengrund' });
    expect(admin.authority).toMatchObject({ notes: 'ST Behördenvermerk', email: 'abh@st.example.org' });
    const seen = await read(coord, st.id);
    expect(seen).toMatchObject({ notes: null, subjectContact: null, technicalContact: null, statusReason: null });
    expect(seen).toMatchObject({ stage: admin.stage, status: 'ON_HOLD', plannedGoLive: admin.plannedGoLive, owner: 'Team ST', stageEnteredAt: admin.stageEnteredAt, version: admin.version });
    expect(seen.authority).toMatchObject({ notes: null, email: null, name: admin.authority.name, state: { code: 'ST' } });
    expect(seen.milestones.map((m: any) => m.status)).toEqual(admin.milestones.map((m: any) => m.status));
    expect(seen.milestones.every((m: any) => m.note === null && m.evidenceUrl === null)).toBe(true);
    expect(admin.milestones.some((m: any) => m.note === 'ST Vermerk')).toBe(true);
  });

  it('…also in lists', async () => {
    const [seen] = ok<any[]>(await coord.gql(`query($ids: [ID!]) { allOnboardings(filter: { ids: $ids }) { ${INTERNAL_ONBOARDING} } }`, { ids: [st.id] }), 'allOnboardings');
    expect(seen).toMatchObject({ id: st.id, notes: null, subjectContact: null, statusReason: null, blockers: [] });
    const ms = ok<any[]>(await coord.gql(`query($o: ID) { allMilestones(filter: { onboardingId: $o }, perPage: 50) { note evidenceUrl status } }`, { o: st.id }), 'allMilestones');
    expect(ms.length).toBeGreaterThan(0);
    expect(ms.every((m) => m.note === null && m.evidenceUrl === null)).toBe(true);
  });

  it('…and in the transition log (a pause reason is the statusReason, a comment is internal like in the history)', async () => {
    const admin = await read(t, st.id);
    expect(admin.transitions.map((x: any) => x.comment)).toEqual(expect.arrayContaining(['ST Kick-off-Vermerk', 'ST Pausengrund']));
    const seen = await read(coord, st.id);
    expect(seen.transitions.map((x: any) => x.kind)).toEqual(admin.transitions.map((x: any) => x.kind));
    expect(seen.transitions.map((x: any) => x.comment)).toEqual(admin.transitions.map(() => null));
  });

  it('their own state\'s onboarding: everything', async () => {
    const seen = await read(coord, bb.id);
    expect(seen).toMatchObject({ notes: 'BB intern', subjectContact: 'BB Fachkontakt', technicalContact: 'BB IT-Kontakt', statusReason: 'BB Pausengrund' });
    expect(seen.authority).toMatchObject({ notes: 'BB Behördenvermerk', email: 'abh@bb.example.org' });
    expect(seen.milestones.some((m: any) => m.note === 'BB Vermerk')).toBe(true);
    expect(seen.blockers).toEqual([{ id: bbBlocker.id, title: 'BB Hindernis' }]);
    expect(seen.transitions.map((x: any) => x.comment)).toEqual(expect.arrayContaining(['BB Kick-off-Vermerk', 'BB Pausengrund']));
    // and the coordinator of Sachsen-Anhalt sees theirs
    expect(await read(coordST, st.id)).toMatchObject({ notes: 'ST intern', statusReason: 'ST Pausengrund', blockers: [{ id: stBlocker.id }] });
  });

  it('obstacles: Onboarding.blockers of another state is [], Blocker(id) NOT_FOUND', async () => {
    expect((await read(coord, st.id)).blockers).toEqual([]);
    expect((await read(t, st.id)).blockers).toEqual([{ id: stBlocker.id, title: 'ST Hindernis' }]);
    expect(firstError(await coord.gql(`query($id: ID!) { Blocker(id: $id) { id } }`, { id: stBlocker.id })).code).toBe('NOT_FOUND');
    expect(ok(await coord.gql(`query($id: ID!) { Blocker(id: $id) { id } }`, { id: bbBlocker.id }), 'Blocker')).toEqual({ id: bbBlocker.id });
  });

  it('allBlockers lists only their own state\'s obstacles, and _allBlockersMeta counts the same', async () => {
    const list = ok<any[]>(await coord.gql(`{ allBlockers(perPage: 1000) { id onboarding { authority { state { code } } } } }`), 'allBlockers');
    const count = ok<{ count: number }>(await coord.gql(`{ _allBlockersMeta { count } }`), '_allBlockersMeta').count;
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM blocker b JOIN onboarding o ON o.id = b.onboarding_id JOIN authority a ON a.id = o.authority_id WHERE a.state_id = $1`,
      [fx.states.BB],
    );
    expect(list.length).toBeGreaterThan(0);
    expect(list.every((b) => b.onboarding.authority.state.code === 'BB')).toBe(true);
    expect(list.map((b) => b.id)).toContain(bbBlocker.id);
    expect(list.length).toBe(n);
    expect(count).toBe(n);
    // a filter for another state finds nothing; everyone else sees all
    expect(ok(await coord.gql(`query($s: ID) { _allBlockersMeta(filter: { stateId: $s }) { count } }`, { s: fx.states.ST }), '_allBlockersMeta')).toEqual({ count: 0 });
    const [{ all }] = await t.dataSource.query(`SELECT count(*)::int AS all FROM blocker`);
    expect(ok(await steering.gql(`{ _allBlockersMeta { count } }`), '_allBlockersMeta')).toEqual({ count: all });
  });

  it('searching or filtering does not reveal other states\' internal data (notes by `q`, obstacles by hasBlockingBlocker)', async () => {
    const count = async (client: GqlClient, query: string, field: string, variables: Record<string, unknown>) => ok<{ count: number }>(await client.gql(query, variables), field).count;
    // milestone notes
    const milestones = `query($q: String, $o: ID) { _allMilestonesMeta(filter: { q: $q, onboardingId: $o }) { count } }`;
    expect(await count(t, milestones, '_allMilestonesMeta', { q: 'ST Vermerk', o: st.id })).toBe(1);
    expect(await count(coord, milestones, '_allMilestonesMeta', { q: 'ST Vermerk', o: st.id })).toBe(0);
    expect(await count(coord, milestones, '_allMilestonesMeta', { q: 'BB Vermerk', o: bb.id })).toBe(1);
    expect(await count(coordST, milestones, '_allMilestonesMeta', { q: 'ST Vermerk', o: st.id })).toBe(1);
    // contract and reuse variant notes
    const service = (await fx.newService()).id;
    for (const code of ['BB', 'ST']) {
      const c = await fx.newContract(code, service, { status: 'NONE' });
      ok(await fx.gql(`mutation($id: ID!, $v: Int!, $n: String) { updateReuseContract(id: $id, version: $v, notes: $n) { id } }`, { id: c.id, v: c.version, n: `Vertragsvermerk ${code} ${service}` }), 'updateReuseContract');
      ok(await fx.gql(`mutation($st: ID!, $sv: ID!, $n: String) { createReuseVariant(stateId: $st, serviceId: $sv, variant: OWN_FORM, note: $n) { id } }`, { st: fx.states[code], sv: service, n: `Variantenvermerk ${code} ${service}` }), 'createReuseVariant');
    }
    const contracts = `query($q: String) { _allReuseContractsMeta(filter: { q: $q }) { count } }`;
    const variants = `query($q: String) { _allReuseVariantsMeta(filter: { q: $q }) { count } }`;
    expect(await count(t, contracts, '_allReuseContractsMeta', { q: `Vertragsvermerk ST ${service}` })).toBe(1);
    expect(await count(coord, contracts, '_allReuseContractsMeta', { q: `Vertragsvermerk ST ${service}` })).toBe(0);
    expect(await count(coord, contracts, '_allReuseContractsMeta', { q: `Vertragsvermerk BB ${service}` })).toBe(1);
    expect(await count(t, variants, '_allReuseVariantsMeta', { q: `Variantenvermerk ST ${service}` })).toBe(1);
    expect(await count(coord, variants, '_allReuseVariantsMeta', { q: `Variantenvermerk ST ${service}` })).toBe(0);
    expect(await count(coord, variants, '_allReuseVariantsMeta', { q: `Variantenvermerk BB ${service}` })).toBe(1);
    // onboardings with an open blocking obstacle
    const blocked = await fx.onboard('ST');
    await fx.blocker(blocked.id, { severity: 'BLOCKING' });
    const onboardings = `query($ids: [ID!], $b: Boolean) { _allOnboardingsMeta(filter: { ids: $ids, hasBlockingBlocker: $b }) { count } }`;
    expect(await count(t, onboardings, '_allOnboardingsMeta', { ids: [blocked.id], b: true })).toBe(1);
    expect(await count(coord, onboardings, '_allOnboardingsMeta', { ids: [blocked.id], b: true })).toBe(0);
    expect(await count(coord, onboardings, '_allOnboardingsMeta', { ids: [blocked.id], b: false })).toBe(1);
    expect(await count(coordST, onboardings, '_allOnboardingsMeta', { ids: [blocked.id], b: true })).toBe(1);
  });

  it('history of another state\'s onboarding: the entries, without internal field changes and comments', async () => {
    const admin = ok<Event[]>(await fx.gql(`query($id: ID!) { history(entityType: "Onboarding", entityId: $id) { ${EVENT} } }`, { id: st.id }), 'history');
    const seen = ok<Event[]>(await coord.gql(`query($id: ID!) { history(entityType: "Onboarding", entityId: $id) { ${EVENT} } }`, { id: st.id }), 'history');
    const fieldsOf = (events: Event[]) => events.flatMap((e) => e.changes.map((c) => c.field));
    expect(fieldsOf(admin)).toEqual(expect.arrayContaining(['notes', 'subjectContact', 'technicalContact', 'statusReason']));
    expect(seen.map((e) => e.action)).toEqual(admin.map((e) => e.action));
    expect(fieldsOf(seen).filter((f) => ['notes', 'subjectContact', 'technicalContact', 'statusReason'].includes(f))).toEqual([]);
    expect(fieldsOf(seen)).toEqual(expect.arrayContaining(['stage', 'status', 'owner']));
    expect(seen.map((e) => e.comment)).toEqual(seen.map(() => null));
    // the obstacle's own history is not there for them; the authority's without its notes
    expect(ok(await coord.gql(`query($id: ID!) { history(entityType: "Blocker", entityId: $id) { id } }`, { id: stBlocker.id }), 'history')).toEqual([]);
    const authority = ok<Event[]>(await coord.gql(`query($id: ID!) { history(entityType: "Authority", entityId: $id) { ${EVENT} } }`, { id: st.authorityId }), 'history');
    expect(authority.length).toBeGreaterThan(0);
    expect(fieldsOf(authority)).not.toContain('notes');
  });

  it('onboardingTimeline of another state\'s onboarding: no obstacle entries, no milestone notes; their own state\'s: everything', async () => {
    const query = `query($id: ID!) { onboardingTimeline(id: $id) { ${EVENT} subject } }`;
    const admin = ok<Event[]>(await fx.gql(query, { id: st.id }), 'onboardingTimeline');
    const seen = ok<Event[]>(await coord.gql(query, { id: st.id }), 'onboardingTimeline');
    expect(admin.some((e) => e.entityType === 'Blocker')).toBe(true);
    expect(seen.some((e) => e.entityType === 'Blocker')).toBe(false);
    expect(seen.map((e) => e.id)).toEqual(admin.filter((e) => e.entityType !== 'Blocker').map((e) => e.id));
    const hidden = ['notes', 'subjectContact', 'technicalContact', 'statusReason', 'note', 'evidenceUrl'];
    expect(seen.flatMap((e) => e.changes.map((c) => c.field)).filter((f) => hidden.includes(f))).toEqual([]);
    expect(seen.some((e) => e.entityType === 'Milestone' && e.changes.some((c) => c.field === 'status'))).toBe(true);

    const own = ok<Event[]>(await coord.gql(query, { id: bb.id }), 'onboardingTimeline');
    expect(own.some((e) => e.entityType === 'Blocker')).toBe(true);
    expect(own.flatMap((e) => e.changes.map((c) => c.field))).toEqual(expect.arrayContaining(['notes', 'note', 'statusReason']));
  });

  it('the onboarding page\'s one query (Onboarding with milestones, obstacles, notes, timeline) hides of another state what the separate queries hide', async () => {
    const page = `query($id: ID!) { Onboarding(id: $id) { notes statusReason milestones { id note evidenceUrl } blockers { id } noteEntries { id } timeline { ${EVENT} subject } } }`;
    const timeline = `query($id: ID!) { onboardingTimeline(id: $id) { ${EVENT} subject } }`;
    for (const [client, o] of [[coord, st], [coord, bb], [coordST, st]] as const) {
      const p = ok<{ timeline: Event[] }>(await client.gql(page, { id: o.id }), 'Onboarding');
      expect(p.timeline).toEqual(ok<Event[]>(await client.gql(timeline, { id: o.id }), 'onboardingTimeline'));
    }
    const seen = ok<any>(await coord.gql(page, { id: st.id }), 'Onboarding');
    expect(seen).toMatchObject({ notes: null, statusReason: null, blockers: [], noteEntries: [] });
    expect(seen.milestones.length).toBeGreaterThan(0);
    expect(seen.milestones.filter((m: { note: string | null; evidenceUrl: string | null }) => m.note !== null || m.evidenceUrl !== null)).toEqual([]);
    expect(seen.timeline.some((e: Event) => e.entityType === 'Blocker')).toBe(false);
    const own = ok<any>(await coord.gql(page, { id: bb.id }), 'Onboarding');
    expect(own.blockers.length).toBeGreaterThan(0);
    expect(own.timeline.some((e: Event) => e.entityType === 'Blocker')).toBe(true);
  });
});

describe('a steering member reads everything and changes nothing', () => {
  it('reads lists, records with their internal data, history', async () => {
    const o = ok<any[]>(await steering.gql(`{ allOnboardings(perPage: 5) { id stage notes blockers { id } authority { name } } _allOnboardingsMeta { count } }`), 'allOnboardings');
    expect(o.length).toBe(5);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM onboarding`);
    expect(ok(await steering.gql(`{ _allOnboardingsMeta { count } }`), '_allOnboardingsMeta')).toEqual({ count: n });
    expect(ok<any[]>(await steering.gql(`{ allAuthorities(perPage: 1000) { id } }`), 'allAuthorities').length).toBeGreaterThanOrEqual(401);
    expect(ok<any[]>(await steering.gql(`{ allReuseContracts(perPage: 5) { id status notes } }`), 'allReuseContracts').length).toBeGreaterThan(0);
    const [seeded] = ok<Array<{ id: string }>>(await steering.gql(`{ allOnboardings(perPage: 1, sortField: "createdAt") { id } }`), 'allOnboardings');
    expect(ok<Event[]>(await steering.gql(`query($id: ID!) { history(entityType: "Onboarding", entityId: $id) { id } }`, { id: seeded.id }), 'history').length).toBeGreaterThan(0);
    expect(ok<Event[]>(await steering.gql(`query($id: ID!) { onboardingTimeline(id: $id) { id } }`, { id: seeded.id }), 'onboardingTimeline').length).toBeGreaterThan(0);
  });

  it('a write to a real record: FORBIDDEN by the role, record unchanged', async () => {
    const a = await authorityOf('BB');
    const row = await authorityRow(a.id);
    const r = await steering.gql(UPDATE_AUTHORITY, { id: a.id, version: a.version, notes: 'Lenkung' });
    expect(firstError(r)).toEqual({ code: 'FORBIDDEN', message: 'Your role (STEERING_MEMBER) may not use updateAuthority', fields: [] });
    expect(await authorityRow(a.id)).toEqual(row);
  });
});

describe('refused operations are recorded', () => {
  it('in audit_event, action REFUSED, actor the coordinator\'s e-mail address, with the operation and the reason', async () => {
    const before = await refusalsOf(COORD);
    // refused by the role (operation level)
    const o = await fx.onboard('BB');
    expect(firstError(await coord.gql(Q.createBlocker, { onboardingId: o.id, title: 'x', category: 'TECHNICAL', severity: 'INFO' })).code).toBe('FORBIDDEN');
    // refused by the state (object level, after the transaction rolled back)
    const a = await authorityOf('ST');
    expect(firstError(await coord.gql(UPDATE_AUTHORITY, { id: a.id, version: a.version, notes: 'x' })).code).toBe('FORBIDDEN');
    const added = (await refusalsOf(COORD)).slice(before.length);
    expect(added).toEqual([
      'createBlocker: role STATE_COORDINATOR',
      'updateAuthority: This Authority belongs to another state; a state coordinator changes only records of their own state',
    ]);
    const [row] = await t.dataSource.query(`SELECT entity_type, entity_id FROM audit_event WHERE action = 'REFUSED' AND actor = $1 ORDER BY occurred_at DESC, id DESC LIMIT 1`, [COORD]);
    expect(row).toEqual({ entity_type: 'Security', entity_id: null });
  });
});

// ---------------------------------------------------------------------------------------------
// Accounts: each test works with accounts of its own, so the shared test accounts keep their sessions.

interface NewUser {
  id: string;
  version: number;
  email: string;
  password: string;
}

async function newUser(role = 'STEERING_MEMBER', extra = ''): Promise<NewUser> {
  const email = `access.${random()}@test.invalid`;
  const password = `Lange-Passphrase-${random()}`;
  const u = ok<{ id: string; version: number; email: string }>(
    await fx.gql(`mutation($e: String!, $p: String!) { createUser(email: $e, displayName: "Access Test", role: ${role}, password: $p${extra}) { id version email } }`, { e: email, p: password }),
    'createUser',
  );
  return { ...u, password };
}

const SIGN_IN = `mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token user { email role } } }`;
const signIn = (email: string, password: string) => t.anonymous.gql(SIGN_IN, { e: email, p: password });
async function tokenOf(email: string, password: string): Promise<string> {
  return ok<{ token: string }>(await signIn(email, password), 'signIn').token;
}
/** A client sending this session token. */
function withToken(token: string): GqlClient {
  return {
    gql: async (query, variables) => (await t.http().post('/graphql').set('content-type', 'application/json').set('authorization', `Bearer ${token}`).send({ query, variables })).body,
  };
}
const ME = `{ me { email role } }`;
const securityEvents = async (actor: string, action: string): Promise<string[]> =>
  (await t.dataSource.query(`SELECT comment FROM audit_event WHERE actor = $1 AND action = $2 ORDER BY occurred_at, id`, [actor, action])).map((r: { comment: string }) => r.comment);

describe('signing in', () => {
  it('a failed sign-in is recorded (SIGN_IN_FAILED, by the e-mail address tried)', async () => {
    const u = await newUser();
    expect(firstError(await signIn(u.email, 'falsches-Passwort-123')).code).toBe('UNAUTHENTICATED');
    expect(await securityEvents(u.email, 'SIGN_IN_FAILED')).toEqual([expect.stringMatching(/^wrong password \(from .+\)$/)]);
    const unknown = `nobody.${random()}@test.invalid`;
    expect(firstError(await signIn(unknown, 'falsches-Passwort-123')).code).toBe('UNAUTHENTICATED');
    expect(await securityEvents(unknown, 'SIGN_IN_FAILED')).toEqual([expect.stringMatching(/^unknown account/)]);
    // a successful one too
    await tokenOf(u.email, u.password);
    expect(await securityEvents(u.email, 'SIGN_IN')).toHaveLength(1);
  });

  it('5 wrong passwords for one account, then RATE_LIMITED even with the right password; other accounts still sign in', async () => {
    const u = await newUser();
    for (let i = 0; i < 5; i++) {
      const r = await signIn(u.email, `falsch-${i}-falsch-falsch`);
      expect(firstError(r)).toMatchObject({ code: 'UNAUTHENTICATED', message: 'E-mail address or password is wrong' });
    }
    const limited = await signIn(u.email, u.password);
    expect(limited.data?.signIn ?? null).toBeNull();
    expect(firstError(limited)).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringMatching(/try again in 15 minutes/) });
    // the e-mail address counts case-insensitively
    expect(firstError(await signIn(u.email.toUpperCase(), u.password)).code).toBe('RATE_LIMITED');
    expect(await securityEvents(u.email, 'SIGN_IN_FAILED')).toEqual(expect.arrayContaining([expect.stringMatching(/^too many failed attempts/)]));
    const other = await newUser();
    expect(await tokenOf(other.email, other.password)).toEqual(expect.any(String));
  });

  it('a deactivated account cannot sign in', async () => {
    const u = await newUser();
    ok(await fx.gql(`mutation($id: ID!, $v: Int!) { updateUser(id: $id, version: $v, active: false) { id } }`, { id: u.id, v: u.version }), 'updateUser');
    expect(firstError(await signIn(u.email, u.password))).toMatchObject({ code: 'UNAUTHENTICATED', message: 'This account is deactivated' });
  });
});

describe('sessions', () => {
  it('signOut revokes the token: the next request with it is UNAUTHENTICATED', async () => {
    const u = await newUser();
    const session = withToken(await tokenOf(u.email, u.password));
    const other = withToken(await tokenOf(u.email, u.password));
    expect(ok(await session.gql(ME), 'me')).toEqual({ email: u.email, role: 'STEERING_MEMBER' });
    expect(ok(await session.gql(`mutation { signOut }`), 'signOut')).toBe(true);
    expect(firstError(await session.gql(ME)).code).toBe('UNAUTHENTICATED');
    // only that session
    expect(ok(await other.gql(ME), 'me')).toMatchObject({ email: u.email });
  });

  it('changePassword ends the other sessions and keeps this one; the old password stops working', async () => {
    const u = await newUser();
    const current = withToken(await tokenOf(u.email, u.password));
    const other = withToken(await tokenOf(u.email, u.password));
    const next = `Neue-Passphrase-${random()}`;
    const r = await current.gql(`mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { email } }`, { c: u.password, n: next });
    expect(ok(r, 'changePassword')).toEqual({ email: u.email });
    expect(ok(await current.gql(ME), 'me')).toMatchObject({ email: u.email });
    expect(firstError(await other.gql(ME)).code).toBe('UNAUTHENTICATED');
    expect(firstError(await signIn(u.email, u.password)).code).toBe('UNAUTHENTICATED');
    expect(await tokenOf(u.email, next)).toEqual(expect.any(String));
  });

  it('an administrator changing a user\'s role ends that user\'s sessions; the new sign-in has the new role', async () => {
    const u = await newUser();
    const session = withToken(await tokenOf(u.email, u.password));
    // a change of the name alone keeps the session
    const renamed = ok<{ version: number }>(await fx.gql(`mutation($id: ID!, $v: Int!) { updateUser(id: $id, version: $v, displayName: "Umbenannt") { version } }`, { id: u.id, v: u.version }), 'updateUser');
    expect(ok(await session.gql(ME), 'me')).toMatchObject({ role: 'STEERING_MEMBER' });
    ok(await fx.gql(`mutation($id: ID!, $v: Int!) { updateUser(id: $id, version: $v, role: ROLLOUT_MANAGER) { role } }`, { id: u.id, v: renamed.version }), 'updateUser');
    expect(firstError(await session.gql(ME)).code).toBe('UNAUTHENTICATED');
    const again = withToken(await tokenOf(u.email, u.password));
    expect(ok(await again.gql(ME), 'me')).toEqual({ email: u.email, role: 'ROLLOUT_MANAGER' });
  });

  it('setUserPassword by an administrator ends the user\'s sessions', async () => {
    const u = await newUser();
    const session = withToken(await tokenOf(u.email, u.password));
    ok(await fx.gql(`mutation($id: ID!, $v: Int!, $p: String!) { setUserPassword(id: $id, version: $v, password: $p) { id } }`, { id: u.id, v: u.version, p: `Gesetzt-${random()}-lang` }), 'setUserPassword');
    expect(firstError(await session.gql(ME)).code).toBe('UNAUTHENTICATED');
  });

  it('the history of a user is for administrators only and shows no password hashes (nor does the audit log hold any)', async () => {
    const u = await newUser();
    ok(await fx.gql(`mutation($id: ID!, $v: Int!, $p: String!) { setUserPassword(id: $id, version: $v, password: $p) { id } }`, { id: u.id, v: u.version, p: `Gesetzt-${random()}-lang` }), 'setUserPassword');
    expect(firstError(await steering.gql(`query($id: ID!) { history(entityType: "User", entityId: $id) { ${EVENT} } }`, { id: u.id })).code).toBe('FORBIDDEN');
    const events = ok<Event[]>(await fx.gql(`query($id: ID!) { history(entityType: "User", entityId: $id) { ${EVENT} } }`, { id: u.id }), 'history');
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['CREATE', 'SET_PASSWORD']));
    expect(JSON.stringify(events)).not.toMatch(/\$argon2/);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_event WHERE changes::text LIKE '%$argon2%'`);
    expect(n).toBe(0);
  });
});

describe('the last active administrator', () => {
  const UPDATE_USER = `mutation($id: ID!, $v: Int!, $active: Boolean, $role: Role) { updateUser(id: $id, version: $v, active: $active, role: $role) { id version active role } }`;
  const userRow = async (email: string) => (await t.dataSource.query(`SELECT id, version, active, role FROM app_user WHERE email = $1`, [email]))[0];

  it('cannot be deactivated, demoted or deleted; with another active administrator they can', async () => {
    // Make the test administrator the only active one.
    for (const other of await t.dataSource.query(`SELECT id, version FROM app_user WHERE role = 'ADMIN' AND active AND email <> $1`, [TEST_USERS.ADMIN.email])) {
      ok(await fx.gql(UPDATE_USER, { id: other.id, v: other.version, active: false }), 'updateUser');
    }
    const admin = await userRow(TEST_USERS.ADMIN.email);
    const deactivate = await fx.gql(UPDATE_USER, { id: admin.id, v: admin.version, active: false });
    expect(firstError(deactivate).code).toBe('TRANSITION_NOT_ALLOWED');
    expect(JSON.stringify(deactivate.errors)).toMatch(/at least one active administrator must remain/);
    expect(firstError(await fx.gql(UPDATE_USER, { id: admin.id, v: admin.version, role: 'ROLLOUT_MANAGER' })).code).toBe('TRANSITION_NOT_ALLOWED');
    const del = await fx.gql(`mutation($id: ID!) { deleteUser(id: $id) { id } }`, { id: admin.id });
    expect(firstError(del).code).toBe('TRANSITION_NOT_ALLOWED');
    expect(await userRow(TEST_USERS.ADMIN.email)).toEqual(admin);
    expect(ok(await fx.gql(ME), 'me')).toMatchObject({ role: 'ADMIN' });

    // With a second administrator, one of the two may go.
    const second = await newUser('ADMIN');
    const gone = ok<{ active: boolean }>(await fx.gql(UPDATE_USER, { id: second.id, v: second.version, active: false }), 'updateUser');
    expect(gone.active).toBe(false);
  });

  it('two administrators deactivating each other at the same moment: one of them stays', async () => {
    const admin = await userRow(TEST_USERS.ADMIN.email);
    const a = await newUser('ADMIN');
    const b = await newUser('ADMIN');
    for (let round = 0; round < 5; round++) {
      // Only a and b are active administrators while they race (their sessions end when they are deactivated: sign in anew).
      await t.dataSource.query(`UPDATE app_user SET active = (id IN ($1, $2)) WHERE role = 'ADMIN'`, [a.id, b.id]);
      const [ra, rb] = [await userRow(a.email), await userRow(b.email)];
      const [ta, tb] = [withToken(await tokenOf(a.email, a.password)), withToken(await tokenOf(b.email, b.password))];
      try {
        const results: GqlResult[] = await Promise.all([ta.gql(UPDATE_USER, { id: b.id, v: rb.version, active: false }), tb.gql(UPDATE_USER, { id: a.id, v: ra.version, active: false })]);
        const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM app_user WHERE role = 'ADMIN' AND active AND id IN ($1, $2)`, [a.id, b.id]);
        expect({ round, active: n, errors: results.map((r) => firstError(r).code ?? 'ok').sort() }).toMatchObject({ round, active: 1 });
      } finally {
        await t.dataSource.query(`UPDATE app_user SET active = (id = $1) WHERE role = 'ADMIN'`, [admin.id]);
      }
    }
  });
});
