import { firstError, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
let bb: string;
let st: string;
beforeAll(async () => {
  t = await startTestApp();
  const r = await t.gql(`{ allStates(perPage: 16) { id code } }`);
  const byCode = Object.fromEntries(r.data!.allStates.map((s: { code: string; id: string }) => [s.code, s.id]));
  bb = byCode.BB;
  st = byCode.ST;
});
afterAll(async () => t?.close());

const CREATE = `mutation Create($name: String!, $kind: AuthorityKind!, $level: AuthorityLevel!, $stateId: ID!, $ars: String!, $population: Int) {
  createAuthority(name: $name, kind: $kind, level: $level, stateId: $stateId, ars: $ars, population: $population) { id name ars version population state { code } }
}`;
const UPDATE = `mutation Update($id: ID!, $version: Int!, $name: String, $population: Int, $ars: String) {
  updateAuthority(id: $id, version: $version, name: $name, population: $population, ars: $ars) { id name version population }
}`;

/** Row counts that must not change when a write is refused. */
async function snapshot() {
  const [row] = await t.dataSource.query(
    `SELECT (SELECT count(*) FROM authority)::int AS authorities, (SELECT count(*) FROM audit_event)::int AS events,
            (SELECT count(*) FROM state)::int AS states, (SELECT count(*) FROM reuse_contract)::int AS contracts`,
  );
  return row;
}

const valid = () => ({ name: 'Ausländerbehörde Amt Beispielstadt', kind: 'FOREIGNERS_AUTHORITY', level: 'MUNICIPALITY', stateId: bb, ars: `1206${Math.floor(Math.random() * 1e8).toString().padStart(8, '0')}`, population: 25000 });

describe('writes through GraphQL', () => {
  it('creates, updates and deletes an authority, recording who changed which field', async () => {
    const input = valid();
    const created = await t.gql(CREATE, input);
    expect(created.errors).toBeUndefined();
    const a = created.data!.createAuthority;
    expect(a).toMatchObject({ name: input.name, ars: input.ars, version: 1, state: { code: 'BB' } });

    const updated = await t.gql(UPDATE, { id: a.id, version: 1, population: 26000 });
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateAuthority).toMatchObject({ version: 2, population: 26000, name: input.name });

    const deleted = await t.gql(`mutation { deleteAuthority(id: "${a.id}") { id } }`);
    expect(deleted.data!.deleteAuthority.id).toBe(a.id);
    expect(firstError(await t.gql(`{ Authority(id: "${a.id}") { id } }`)).code).toBe('NOT_FOUND');

    const events = await t.dataSource.query(`SELECT action, actor, changes FROM audit_event WHERE entity_id = $1 ORDER BY occurred_at, action`, [a.id]);
    expect(events.map((e: { action: string }) => e.action)).toEqual(['CREATE', 'UPDATE', 'DELETE']);
    expect(events[0].actor).toBe('admin@test.invalid');
    expect(events[0].changes.ars).toEqual({ from: null, to: input.ars });
    expect(events[1].changes).toEqual({ population: { from: 25000, to: 26000 } });
    expect(events[2].changes.name).toEqual({ from: input.name, to: null });
  });

  it('refuses an update with a stale version and changes nothing', async () => {
    const a = (await t.gql(CREATE, valid())).data!.createAuthority;
    expect((await t.gql(UPDATE, { id: a.id, version: 1, name: 'First edit' })).errors).toBeUndefined();
    const before = await snapshot();
    const stale = await t.gql(UPDATE, { id: a.id, version: 1, name: 'Second edit from an old page' });
    expect(firstError(stale)).toMatchObject({ code: 'CONFLICT' });
    expect(stale.errors![0].message).toMatch(/changed by someone else since you loaded version 1 \(current version is 2\)/);
    expect(await snapshot()).toEqual(before);
    const now = await t.gql(`{ Authority(id: "${a.id}") { name version } }`);
    expect(now.data!.Authority).toEqual({ name: 'First edit', version: 2 });
  });

  it('an update that changes nothing keeps the version and writes no event', async () => {
    const input = valid();
    const a = (await t.gql(CREATE, input)).data!.createAuthority;
    const before = await snapshot();
    const same = await t.gql(UPDATE, { id: a.id, version: 1, name: input.name });
    expect(same.data!.updateAuthority.version).toBe(1);
    expect(await snapshot()).toEqual(before);
  });

  describe('bad input gets a coded error naming the field, and nothing is written', () => {
    const cases: Array<{ label: string; input: () => Record<string, unknown>; field: string; message?: RegExp }> = [
      { label: 'malformed ARS', input: () => ({ ...valid(), ars: '12-062' }), field: 'ars', message: /12 digits/ },
      { label: 'ARS of another state', input: () => ({ ...valid(), ars: '150850000001' }), field: 'ars', message: /Sachsen-Anhalt.*Brandenburg/ },
      { label: 'unknown state', input: () => ({ ...valid(), stateId: '00000000-0000-4000-8000-000000000000' }), field: 'stateId', message: /no state has the id/ },
      { label: 'malformed state id', input: () => ({ ...valid(), stateId: 'Brandenburg' }), field: 'stateId' },
      { label: 'negative population', input: () => ({ ...valid(), population: -1 }), field: 'population', message: /negative/ },
      { label: 'empty name', input: () => ({ ...valid(), name: '   ' }), field: 'name', message: /required/ },
      { label: 'text where a number belongs', input: () => ({ ...valid(), population: 'many' }), field: 'population', message: /Int/ },
      { label: 'missing required field', input: () => ({ ...valid(), name: undefined }), field: 'name' },
      { label: 'unknown enum value', input: () => ({ ...valid(), level: 'VILLAGE' }), field: 'level' },
    ];
    it.each(cases)('$label', async ({ input, field, message }) => {
      const before = await snapshot();
      const r = await t.gql(CREATE, input());
      const e = firstError(r);
      expect(e.code).toBe('VALIDATION');
      expect(e.fields).toContain(field);
      expect(e.message).toContain(field);
      if (message) expect(e.message).toMatch(message);
      expect(JSON.stringify(r.errors)).not.toMatch(/at .*\.(ts|js):\d+/); // no stack trace
      expect(await snapshot()).toEqual(before);
    });

    it('inline literals of the wrong type name the argument too', async () => {
      const r = await t.gql(`mutation { createAuthority(name: "X", kind: FOREIGNERS_AUTHORITY, level: DISTRICT, stateId: "${bb}", ars: "120620000009", population: "many") { id } }`);
      expect(firstError(r)).toMatchObject({ code: 'VALIDATION', fields: ['population'] });
      expect(r.errors![0].message).toMatch(/^population: /);
    });

    it('reports every bad field at once', async () => {
      const r = await t.gql(CREATE, { ...valid(), ars: '1', population: -5, name: '' });
      expect(firstError(r).fields.sort()).toEqual(['ars', 'name', 'population']);
    });

    it('an unknown id is NOT_FOUND for reads, updates and deletes', async () => {
      const id = '00000000-0000-4000-8000-000000000000';
      expect(firstError(await t.gql(`{ Authority(id: "${id}") { id } }`)).code).toBe('NOT_FOUND');
      expect(firstError(await t.gql(`{ Authority(id: "garbage") { id } }`)).code).toBe('NOT_FOUND');
      expect(firstError(await t.gql(UPDATE, { id, version: 1, name: 'x' })).code).toBe('NOT_FOUND');
      expect(firstError(await t.gql(`mutation { deleteState(id: "${id}") { id } }`)).code).toBe('NOT_FOUND');
    });

    it('a duplicate ARS is refused naming the field', async () => {
      const input = valid();
      expect((await t.gql(CREATE, input)).errors).toBeUndefined();
      const before = await snapshot();
      const r = await t.gql(CREATE, { ...input, name: 'Copy' });
      expect(firstError(r)).toMatchObject({ code: 'CONFLICT', fields: ['ars'] });
      expect(await snapshot()).toEqual(before);
    });

    it('an invalid update is refused and leaves the record as it was', async () => {
      const a = (await t.gql(CREATE, valid())).data!.createAuthority;
      const before = await snapshot();
      const r = await t.gql(UPDATE, { id: a.id, version: 1, ars: '150850000002' });
      expect(firstError(r)).toMatchObject({ code: 'VALIDATION', fields: ['ars'] });
      expect(await snapshot()).toEqual(before);
      expect((await t.gql(`{ Authority(id: "${a.id}") { ars version } }`)).data!.Authority).toEqual({ ars: a.ars, version: 1 });
    });
  });

  describe('deleting what others reference is refused with a clear reason', () => {
    it('a state with authorities', async () => {
      const before = await snapshot();
      const r = await t.gql(`mutation { deleteState(id: "${st}") { id } }`);
      expect(firstError(r).code).toBe('REFERENCED');
      expect(r.errors![0].message).toMatch(/Sachsen-Anhalt is still referenced by \d+ authorities and 1 reuse contracts/);
      expect(await snapshot()).toEqual(before);
    });

    it('a service with contracts', async () => {
      const s = await t.gql(`{ allServices(filter: { ozgId: "10255" }) { id } }`);
      const r = await t.gql(`mutation { deleteService(id: "${s.data!.allServices[0].id}") { id } }`);
      expect(firstError(r).code).toBe('REFERENCED');
      expect(r.errors![0].message).toMatch(/Aufenthaltstitel is still referenced by 15 reuse contracts/);
    });

    it('a specialist system in use', async () => {
      const s = await t.gql(`{ allSpecialistSystems(perPage: 1, filter: { q: "OK.VISA" }) { id } }`);
      const r = await t.gql(`mutation { deleteSpecialistSystem(id: "${s.data!.allSpecialistSystems[0].id}") { id } }`);
      expect(firstError(r).code).toBe('REFERENCED');
    });
  });
});

describe('reuse contracts', () => {
  async function newService() {
    const r = await t.gql(`mutation { createService(name: "Testdienst ${Math.random()}", topicField: FAMILY_AND_CHILD) { id } }`);
    return r.data!.createService.id as string;
  }

  it('accepts ordered dates and refuses a signing date before the interest declaration', async () => {
    const serviceId = await newService();
    const ok = await t.gql(`mutation { createReuseContract(stateId: "${bb}", serviceId: "${serviceId}", status: SIGNED, interestDeclaredAt: "2022-01-10", signedAt: "2022-09-01", legalRoute: FIT_STORE) { id status signedAt state { code } service { name } } }`);
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.createReuseContract).toMatchObject({ status: 'SIGNED', signedAt: '2022-09-01', state: { code: 'BB' } });

    const serviceId2 = await newService();
    const before = await snapshot();
    const bad = await t.gql(`mutation { createReuseContract(stateId: "${bb}", serviceId: "${serviceId2}", status: SIGNED, interestDeclaredAt: "2022-01-10", signedAt: "2021-09-01") { id } }`);
    expect(firstError(bad)).toMatchObject({ code: 'VALIDATION', fields: ['signedAt'] });
    expect(bad.errors![0].message).toContain('must not be before interestDeclaredAt');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses impossible dates and a second contract for the same state and service', async () => {
    const serviceId = await newService();
    const impossible = await t.gql(`mutation { createReuseContract(stateId: "${bb}", serviceId: "${serviceId}", status: INTEREST_DECLARED, interestDeclaredAt: "2023-02-31") { id } }`);
    expect(firstError(impossible)).toMatchObject({ code: 'VALIDATION', fields: ['interestDeclaredAt'] });
    expect((await t.gql(`mutation { createReuseContract(stateId: "${bb}", serviceId: "${serviceId}", status: NONE) { id } }`)).errors).toBeUndefined();
    const second = await t.gql(`mutation { createReuseContract(stateId: "${bb}", serviceId: "${serviceId}", status: NONE) { id } }`);
    expect(firstError(second)).toMatchObject({ code: 'CONFLICT', fields: ['serviceId'] });
  });

  it('filters contracts by status and searches by state name', async () => {
    const signed = await t.gql(`{ _allReuseContractsMeta(filter: { status: [SIGNED] }) { count } }`);
    expect(signed.data!._allReuseContractsMeta.count).toBeGreaterThanOrEqual(8);
    const sachsen = await t.gql(`{ allReuseContracts(filter: { q: "Sachsen-Anhalt" }) { state { code } service { ozgId } status } }`);
    expect(sachsen.data!.allReuseContracts).toEqual([{ state: { code: 'ST' }, service: { ozgId: '10255' }, status: 'SIGNED' }]);
  });
});
