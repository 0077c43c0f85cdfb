/**
 * The reuse-contract lifecycle (declare interest, negotiate, sign,
 * terminate), its effect on going live, and reuse variants, through GraphQL
 * over HTTP.
 */
import { CONTRACT, Q, WorkflowFixture, firstError, isoDay, ok, reasonsOf, type Contract } from './workflow-fixture.js';

let fx: WorkflowFixture;
beforeAll(async () => {
  fx = await WorkflowFixture.start();
});
afterAll(async () => fx?.close());

/** A contract in status NONE for a fresh service (one contract per state and service). */
async function freshContract(stateCode = 'HE'): Promise<Contract> {
  const s = await fx.newService();
  return fx.newContract(stateCode, s.id, { status: 'NONE' });
}
const read = async (id: string) => ok<Contract>(await fx.gql(Q.contract, { id }), 'ReuseContract');

async function refused(c: Contract, write: () => Promise<any>, code: string) {
  const before = [await read(c.id), await fx.counts()];
  const r = await write();
  expect(r.data ?? null).toBeNull();
  expect(firstError(r).code).toBe(code);
  expect([await read(c.id), await fx.counts()]).toEqual(before);
  return r;
}

describe('contract lifecycle', () => {
  it('goes NONE -> INTEREST_DECLARED -> NEGOTIATING -> SIGNED -> TERMINATED, dating each step and logging it', async () => {
    let c = await freshContract();
    expect(c).toMatchObject({ status: 'NONE', version: 1 });
    c = ok(await fx.gql(Q.declareInterest, { id: c.id, version: c.version, at: '2022-01-10' }), 'declareInterest');
    expect(c).toMatchObject({ status: 'INTEREST_DECLARED', interestDeclaredAt: '2022-01-10', version: 2 });
    c = ok(await fx.gql(Q.startNegotiation, { id: c.id, version: c.version, at: '2022-03-01' }), 'startNegotiation');
    expect(c).toMatchObject({ status: 'NEGOTIATING', negotiationStartedAt: '2022-03-01', version: 3 });
    c = ok(await fx.gql(Q.signContract, { id: c.id, version: c.version, signedAt: '2022-09-01' }), 'signContract');
    expect(c).toMatchObject({ status: 'SIGNED', signedAt: '2022-09-01', version: 4 });
    c = ok(await fx.gql(Q.terminateContract, { id: c.id, version: c.version, reason: 'Moved to the state solution', at: '2024-12-31' }), 'terminateContract');
    expect(c).toMatchObject({ status: 'TERMINATED', terminatedAt: '2024-12-31', interestDeclaredAt: '2022-01-10', negotiationStartedAt: '2022-03-01', signedAt: '2022-09-01', version: 5 });

    const history = ok<any[]>(await fx.gql(Q.history, { entityType: 'ReuseContract', entityId: c.id }), 'history');
    expect(history.map((e) => e.action)).toEqual(['TERMINATED', 'SIGNED', 'NEGOTIATING', 'INTEREST_DECLARED', 'CREATE']);
    expect(history[0].comment).toBe('Moved to the state solution');
    expect(history[1].changes).toEqual(expect.arrayContaining([{ field: 'status', from: 'NEGOTIATING', to: 'SIGNED' }, { field: 'signedAt', from: null, to: '2022-09-01' }]));
  });

  it('a step may be skipped (interest straight to signed); the step date defaults to today', async () => {
    let c = await freshContract();
    const before = isoDay();
    c = ok(await fx.gql(Q.declareInterest, { id: c.id, version: c.version }), 'declareInterest');
    expect([before, isoDay()]).toContain(c.interestDeclaredAt);
    c = ok(await fx.gql(Q.signContract, { id: c.id, version: c.version, signedAt: isoDay() }), 'signContract');
    expect(c).toMatchObject({ status: 'SIGNED', negotiationStartedAt: null });
  });

  it('refuses backward moves and repeating the current status', async () => {
    const signed = await fx.newContract('HE', (await fx.newService()).id, { status: 'SIGNED', interestDeclaredAt: '2022-01-10', signedAt: '2022-09-01' });
    expect(reasonsOf(await refused(signed, () => fx.gql(Q.declareInterest, { id: signed.id, version: 1, at: '2022-01-01' }), 'TRANSITION_NOT_ALLOWED'))).toEqual([
      'a contract cannot go back from SIGNED to INTEREST_DECLARED',
    ]);
    expect(reasonsOf(await refused(signed, () => fx.gql(Q.startNegotiation, { id: signed.id, version: 1 }), 'TRANSITION_NOT_ALLOWED'))).toEqual([
      'a contract cannot go back from SIGNED to NEGOTIATING',
    ]);
    expect(reasonsOf(await refused(signed, () => fx.gql(Q.signContract, { id: signed.id, version: 1, signedAt: '2023-01-01' }), 'TRANSITION_NOT_ALLOWED'))).toEqual([
      'the contract is already SIGNED',
    ]);

    const negotiating = await fx.newContract('HE', (await fx.newService()).id, { status: 'NEGOTIATING', interestDeclaredAt: '2022-01-10', negotiationStartedAt: '2022-02-01' });
    expect(reasonsOf(await refused(negotiating, () => fx.gql(Q.declareInterest, { id: negotiating.id, version: 1 }), 'TRANSITION_NOT_ALLOWED'))).toEqual([
      'a contract cannot go back from NEGOTIATING to INTEREST_DECLARED',
    ]);

    const terminated = await fx.newContract('HE', (await fx.newService()).id, { status: 'TERMINATED', interestDeclaredAt: '2021-01-10', signedAt: '2021-06-01', terminatedAt: '2022-06-01' });
    expect(reasonsOf(await refused(terminated, () => fx.gql(Q.signContract, { id: terminated.id, version: 1, signedAt: '2023-01-01' }), 'TRANSITION_NOT_ALLOWED'))).toEqual([
      'a contract cannot go back from TERMINATED to SIGNED',
    ]);
  });

  it('terminates only a signed contract, and only with a reason', async () => {
    const c = await freshContract();
    const negotiating = ok<Contract>(await fx.gql(Q.startNegotiation, { id: c.id, version: 1, at: '2023-01-01' }), 'startNegotiation');
    const notSigned = await refused(c, () => fx.gql(Q.terminateContract, { id: c.id, version: negotiating.version, reason: 'no budget' }), 'TRANSITION_NOT_ALLOWED');
    expect(reasonsOf(notSigned)).toEqual(['only a signed contract can be terminated (it is NEGOTIATING)']);
    const none = await freshContract();
    expect(reasonsOf(await refused(none, () => fx.gql(Q.terminateContract, { id: none.id, version: 1, reason: 'x' }), 'TRANSITION_NOT_ALLOWED'))).toEqual([
      'only a signed contract can be terminated (it is NONE)',
    ]);

    const signed = ok<Contract>(await fx.gql(Q.signContract, { id: c.id, version: negotiating.version, signedAt: '2023-06-01' }), 'signContract');
    for (const reason of ['', '   ']) {
      expect(reasonsOf(await refused(c, () => fx.gql(Q.terminateContract, { id: c.id, version: signed.version, reason }), 'TRANSITION_NOT_ALLOWED'))).toEqual(['terminating needs a reason']);
    }
    expect(ok<Contract>(await fx.gql(Q.terminateContract, { id: c.id, version: signed.version, reason: 'Service retired' }), 'terminateContract').status).toBe('TERMINATED');
  });

  it('refuses a signedAt before interestDeclaredAt (VALIDATION naming signedAt), changing nothing', async () => {
    const c = await freshContract();
    const interested = ok<Contract>(await fx.gql(Q.declareInterest, { id: c.id, version: 1, at: '2023-03-15' }), 'declareInterest');
    const r = await refused(c, () => fx.gql(Q.signContract, { id: c.id, version: interested.version, signedAt: '2023-03-14' }), 'VALIDATION');
    expect(firstError(r).fields).toEqual(['signedAt']);
    expect(r.errors![0].message).toContain('signedAt: (2023-03-14) must not be before interestDeclaredAt (2023-03-15)');
    expect(ok<Contract>(await fx.gql(Q.signContract, { id: c.id, version: interested.version, signedAt: '2023-03-15' }), 'signContract').status).toBe('SIGNED');
  });

  it('refuses step dates in the future, naming the date field', async () => {
    const c = await freshContract();
    expect(firstError(await refused(c, () => fx.gql(Q.declareInterest, { id: c.id, version: 1, at: isoDay(2) }), 'VALIDATION')).fields).toEqual(['interestDeclaredAt']);
    expect(firstError(await refused(c, () => fx.gql(Q.signContract, { id: c.id, version: 1, signedAt: isoDay(2) }), 'VALIDATION')).fields).toEqual(['signedAt']);
    expect(firstError(await refused(c, () => fx.gql(Q.signContract, { id: c.id, version: 1, signedAt: '2023-02-29' }), 'VALIDATION')).fields).toEqual(['signedAt']);
  });

  it('editing a contract\'s details keeps its status', async () => {
    const c = await fx.newContract('HE', (await fx.newService()).id, { status: 'SIGNED', interestDeclaredAt: '2022-01-10', signedAt: '2022-09-01' });
    const r = await fx.gql(`mutation($id: ID!) { updateReuseContract(id: $id, version: 1, notes: "Signed at the steering group") { ${CONTRACT} } }`, { id: c.id });
    expect(ok<Contract>(r, 'updateReuseContract')).toMatchObject({ status: 'SIGNED', signedAt: '2022-09-01', notes: 'Signed at the steering group', version: 2 });
  });

  it('the generic update cannot move a contract backwards either', async () => {
    const c = await fx.newContract('HE', (await fx.newService()).id, { status: 'SIGNED', interestDeclaredAt: '2022-01-10', signedAt: '2022-09-01' });
    const r = await refused(
      c,
      () => fx.gql(`mutation($id: ID!) { updateReuseContract(id: $id, version: 1, status: INTEREST_DECLARED, signedAt: null) { id } }`, { id: c.id }),
      'TRANSITION_NOT_ALLOWED',
    );
    expect(reasonsOf(r)).toEqual(['a contract cannot go back from SIGNED to INTEREST_DECLARED']);
  });
});

describe('contract status decides who may go live', () => {
  it('an authority of a state goes live only once its contract is signed, and not after termination', async () => {
    // HE has no contract for the file's service: make one and walk it.
    let c = await fx.newContract('HE', fx.serviceId, { status: 'NONE' });
    const o = await fx.completeRequired(await fx.onboard('HE'));
    const other = await fx.completeRequired(await fx.onboard('HE'));
    const NOT_SIGNED = "the state's reuse contract for this service is not signed";
    expect(reasonsOf(await fx.advance(o, { toStage: 'LIVE' }))).toEqual([NOT_SIGNED]);
    c = ok(await fx.gql(Q.declareInterest, { id: c.id, version: c.version, at: '2023-01-01' }), 'declareInterest');
    c = ok(await fx.gql(Q.startNegotiation, { id: c.id, version: c.version, at: '2023-02-01' }), 'startNegotiation');
    expect(reasonsOf(await fx.advance(o, { toStage: 'LIVE' }))).toEqual([NOT_SIGNED]);
    c = ok(await fx.gql(Q.signContract, { id: c.id, version: c.version, signedAt: '2023-06-01' }), 'signContract');
    expect((await fx.advanced(o, { toStage: 'LIVE' })).stage).toBe('LIVE');
    c = ok(await fx.gql(Q.terminateContract, { id: c.id, version: c.version, reason: 'left the cooperation' }), 'terminateContract');
    expect(reasonsOf(await fx.advance(other, { toStage: 'LIVE' }))).toEqual([NOT_SIGNED]);
  });
});

describe('reuse variants', () => {
  const VARIANT = `id version stateId serviceId variant note state { code } service { id }`;
  const CREATE = `mutation($stateId: ID!, $serviceId: ID!, $variant: ReuseVariantKind!, $note: String) { createReuseVariant(stateId: $stateId, serviceId: $serviceId, variant: $variant, note: $note) { ${VARIANT} } }`;

  it('creates, reads, lists, updates and deletes a variant, logging each write', async () => {
    const s = await fx.newService();
    const v = ok<any>(await fx.gql(CREATE, { stateId: fx.states.BY, serviceId: s.id, variant: 'EFA_REUSE', note: 'via FIT-Store' }), 'createReuseVariant');
    expect(v).toMatchObject({ variant: 'EFA_REUSE', note: 'via FIT-Store', version: 1, state: { code: 'BY' }, service: { id: s.id } });
    expect(ok(await fx.gql(`query($id: ID!) { ReuseVariant(id: $id) { ${VARIANT} } }`, { id: v.id }), 'ReuseVariant')).toEqual(v);

    ok(await fx.gql(CREATE, { stateId: fx.states.HE, serviceId: s.id, variant: 'OWN_FORM' }), 'createReuseVariant');
    const LIST = `query($f: ReuseVariantFilter) { allReuseVariants(filter: $f) { id state { code } variant } _allReuseVariantsMeta(filter: $f) { count } }`;
    const all = await fx.gql(LIST, { f: { serviceId: s.id } });
    expect(all.data!._allReuseVariantsMeta.count).toBe(2);
    const efa = await fx.gql(LIST, { f: { serviceId: s.id, variant: ['EFA_REUSE'] } });
    expect(efa.data!.allReuseVariants).toEqual([{ id: v.id, state: { code: 'BY' }, variant: 'EFA_REUSE' }]);

    const updated = ok<any>(await fx.gql(`mutation($id: ID!) { updateReuseVariant(id: $id, version: 1, variant: EXISTING_STATE_SOLUTION) { ${VARIANT} } }`, { id: v.id }), 'updateReuseVariant');
    expect(updated).toMatchObject({ variant: 'EXISTING_STATE_SOLUTION', note: 'via FIT-Store', version: 2 });
    const stale = await fx.gql(`mutation($id: ID!) { updateReuseVariant(id: $id, version: 1, variant: NONE_PLANNED) { id } }`, { id: v.id });
    expect(firstError(stale).code).toBe('CONFLICT');

    ok(await fx.gql(`mutation($id: ID!) { deleteReuseVariant(id: $id, version: 2) { id } }`, { id: v.id }), 'deleteReuseVariant');
    expect(firstError(await fx.gql(`query($id: ID!) { ReuseVariant(id: $id) { id } }`, { id: v.id })).code).toBe('NOT_FOUND');
    expect((await fx.events(v.id)).map((e) => e.action)).toEqual(['CREATE', 'UPDATE', 'DELETE']);
  });

  it('refuses a second variant for the same state and service, naming serviceId, and writes nothing', async () => {
    const s = await fx.newService();
    ok(await fx.gql(CREATE, { stateId: fx.states.SN, serviceId: s.id, variant: 'EFA_REUSE' }), 'createReuseVariant');
    const before = await fx.counts();
    const r = await fx.gql(CREATE, { stateId: fx.states.SN, serviceId: s.id, variant: 'OWN_FORM' });
    expect(r.data ?? null).toBeNull();
    expect(firstError(r)).toMatchObject({ code: 'CONFLICT', fields: ['serviceId'] });
    expect(await fx.counts()).toEqual(before);
  });

  it('refuses unknown states, services and variant kinds naming the field', async () => {
    const s = await fx.newService();
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect(firstError(await fx.gql(CREATE, { stateId: unknown, serviceId: s.id, variant: 'EFA_REUSE' }))).toMatchObject({ code: 'VALIDATION', fields: ['stateId'] });
    expect(firstError(await fx.gql(CREATE, { stateId: fx.states.SN, serviceId: unknown, variant: 'EFA_REUSE' }))).toMatchObject({ code: 'VALIDATION', fields: ['serviceId'] });
    expect(firstError(await fx.gql(CREATE, { stateId: fx.states.SN, serviceId: s.id, variant: 'MAYBE' }))).toMatchObject({ code: 'VALIDATION', fields: ['variant'] });
  });
});
