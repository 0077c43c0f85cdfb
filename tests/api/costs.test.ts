/**
 * Cost allocation through GraphQL on a real database: cost keys and
 * contract-year costs as resources, and costAllocation sharing a year's
 * total among the states that signed for it, exact to the cent.
 */
import { STATES } from '@efa/domain';
import { CostAllocationService } from '../../apps/api/src/costs/cost-allocation.service.js';
import { DEMO_COMBINED_KEY_NAME } from '../../apps/api/src/seed/seed.js';
import { firstError, startTestApp, type GqlResult, type TestApp } from '../support/test-app.js';

let t: TestApp;
const states: Record<string, string> = {};
let aufenthaltstitel: string;
let koenigstein: { id: string; version: number };
let demoCombined: { id: string; components: Array<{ name: string; weight: number; values: Array<{ stateCode: string; value: number }> }> };

function ok<T = any>(r: GqlResult, field: string): T {
  if (r.errors || !r.data) throw new Error(`${field} failed: ${JSON.stringify(r.errors)}`);
  return r.data[field] as T;
}

const ALLOCATION = `query($serviceId: ID!, $year: Int!, $keyIds: [ID!]!) {
  costAllocation(serviceId: $serviceId, year: $year, keyIds: $keyIds) {
    serviceName year operationCents maintenanceCents totalCents
    keys { keyId keyName keyKind totalCents payingStates states { stateCode stateName keyShare share cents pays reason params message } }
  }
}`;
type StateRow = { stateCode: string; keyShare: number; share: number; cents: string; pays: boolean; reason: string | null; params: Record<string, unknown> | null; message: string | null };
type KeyRow = { keyId: string; keyName: string; totalCents: string; payingStates: number; states: StateRow[] };
const allocation = (serviceId: string, year: number, keyIds: string[]) => t.gql(ALLOCATION, { serviceId, year, keyIds });

const CREATE_COST = `mutation($serviceId: ID!, $year: Int!, $op: Cents!, $mt: Cents!) {
  createServiceCost(serviceId: $serviceId, year: $year, operationCents: $op, maintenanceCents: $mt) { id version year operationCents maintenanceCents totalCents service { name } }
}`;
const CREATE_KEY = `mutation($name: String!, $kind: CostKeyKind!, $year: Int!, $factors: [StateValueInput!], $components: [CostKeyComponentInput!]) {
  createCostKey(name: $name, kind: $kind, year: $year, factors: $factors, components: $components) { id version name kind year factors { stateCode value } shares { stateCode value } }
}`;
const count = async (table: string) => (await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;
const equal = (value = 1) => STATES.map((s) => ({ stateCode: s.code, value }));
const sumCents = (k: KeyRow) => k.states.reduce((s, r) => s + BigInt(r.cents), 0n);

beforeAll(async () => {
  t = await startTestApp();
  for (const s of ok<Array<{ id: string; code: string }>>(await t.gql(`{ allStates(perPage: 100) { id code } }`), 'allStates')) states[s.code] = s.id;
  aufenthaltstitel = ok<Array<{ id: string }>>(await t.gql(`{ allServices(filter: { ozgId: "10255" }) { id } }`), 'allServices')[0].id;
  const keys = ok<Array<any>>(await t.gql(`{ allCostKeys(perPage: 100) { id version name kind year components { name weight values { stateCode value } } } }`), 'allCostKeys');
  koenigstein = keys.find((k) => k.kind === 'KOENIGSTEINER' && k.year === 2016);
  demoCombined = keys.find((k) => k.name === DEMO_COMBINED_KEY_NAME);
  // > 2^31 cents: 30,000,000.00 EUR operation + 1,234,567.89 EUR maintenance
  ok(await t.gql(CREATE_COST, { serviceId: aufenthaltstitel, year: 2023, op: '3000000000', mt: '123456789' }), 'createServiceCost');
  ok(await t.gql(CREATE_COST, { serviceId: aufenthaltstitel, year: 2022, op: '100000001', mt: '0' }), 'createServiceCost');
});
afterAll(async () => t?.close());

describe('seeded cost keys', () => {
  it('hold the Königsteiner Schlüssel 2016 with its published factors, and a combined demo key derived from the seeded authorities', async () => {
    const k = ok(await t.gql(`query($id: ID!) { CostKey(id: $id) { name year factors { stateCode value } shares { stateCode value } } }`, { id: koenigstein.id }), 'CostKey');
    expect(k.name).toBe('Königsteiner Schlüssel');
    expect(k.factors).toEqual(STATES.map((s) => ({ stateCode: s.code, value: s.koenigsteinShare2016 })));
    expect(k.shares.reduce((s: number, x: { value: number }) => s + x.value, 0)).toBeCloseTo(100, 9);
    expect(demoCombined.components.map((c) => [c.name, c.weight])).toEqual([
      ['Königsteiner Schlüssel 2016', 0.5],
      ['Ausländerbehörden (Anzahl im Bestand)', 0.5],
    ]);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM authority a JOIN state s ON s.id = a.state_id WHERE s.code = 'NW'`);
    expect(demoCombined.components[1].values.find((v) => v.stateCode === 'NW')!.value).toBe(n);
  });
});

describe('costAllocation', () => {
  it('shares the total exactly, to the cent, among the states that signed by the end of the year', async () => {
    const a = ok(await allocation(aufenthaltstitel, 2023, [koenigstein.id, demoCombined.id]), 'costAllocation');
    expect(a).toMatchObject({ serviceName: 'Aufenthaltstitel', year: 2023, operationCents: '3000000000', maintenanceCents: '123456789', totalCents: '3123456789' });
    expect(a.keys.map((k: KeyRow) => k.keyId)).toEqual([koenigstein.id, demoCombined.id]);
    for (const k of a.keys as KeyRow[]) {
      expect(sumCents(k)).toBe(3123456789n);
      expect(k.totalCents).toBe('3123456789');
      expect(k.states.map((s) => s.stateCode)).toEqual(STATES.map((s) => s.code));
      // signed by 31.12.2023 in the seed: 8 by the end of 2022 and RP, SL, HB in early 2023
      expect(k.states.filter((s) => s.pays).map((s) => s.stateCode).sort()).toEqual(['HB', 'HE', 'MV', 'NI', 'NW', 'RP', 'SH', 'SL', 'SN', 'ST', 'TH']);
      expect(k.payingStates).toBe(11);
      for (const s of k.states.filter((x) => !x.pays)) expect(s).toMatchObject({ cents: '0', share: 0 });
      expect(k.states.find((s) => s.stateCode === 'BB')).toMatchObject({ reason: 'NO_CONTRACT' });
      expect(k.states.find((s) => s.stateCode === 'HH')).toMatchObject({ reason: 'NOT_SIGNED', message: 'the reuse contract is not signed' });
      expect(k.states.filter((s) => s.pays).reduce((sum, s) => sum + s.share, 0)).toBeCloseTo(1, 12);
    }
  });

  it('renormalises the Königsteiner Schlüssel over the signing states', async () => {
    const a = ok(await allocation(aufenthaltstitel, 2023, [koenigstein.id]), 'costAllocation');
    const rows: StateRow[] = a.keys[0].states;
    const payers = STATES.filter((s) => rows.find((r) => r.stateCode === s.code)!.pays);
    const sum = payers.reduce((s, p) => s + p.koenigsteinShare2016, 0);
    for (const p of payers) {
      const row = rows.find((r) => r.stateCode === p.code)!;
      expect(row.share).toBeCloseTo(p.koenigsteinShare2016 / sum, 12);
      expect(Math.abs(Number(row.cents) - (3123456789 * p.koenigsteinShare2016) / sum)).toBeLessThan(1);
      expect(row.keyShare).toBeCloseTo(p.koenigsteinShare2016 / 100, 9);
    }
  });

  it('counts only contracts signed by the end of the year: for 2022 the three signed in 2023 do not pay', async () => {
    const a = ok(await allocation(aufenthaltstitel, 2022, [koenigstein.id]), 'costAllocation');
    const k: KeyRow = a.keys[0];
    expect(k.payingStates).toBe(8);
    expect(sumCents(k)).toBe(100000001n);
    for (const code of ['RP', 'SL', 'HB']) expect(k.states.find((s) => s.stateCode === code)).toMatchObject({ pays: false, cents: '0', reason: 'SIGNED_LATER' });
  });

  it('a combined key differs from the Königsteiner Schlüssel as its components say', async () => {
    const a = ok(await allocation(aufenthaltstitel, 2023, [koenigstein.id, demoCombined.id]), 'costAllocation');
    const [ks, combined]: KeyRow[] = a.keys;
    const cents = (k: KeyRow, code: string) => Number(k.states.find((s) => s.stateCode === code)!.cents);
    // the expected mix: 50 % Königsteiner share + 50 % share of the seeded foreigners' authorities, renormalised over the payers
    const norm = (c: (typeof demoCombined.components)[number]) => {
      const total = c.values.reduce((s, v) => s + v.value, 0);
      return (code: string) => c.values.find((v) => v.stateCode === code)!.value / total;
    };
    const [kPart, aPart] = demoCombined.components.map(norm);
    const payers = combined.states.filter((s) => s.pays).map((s) => s.stateCode);
    const mix = (code: string) => 0.5 * kPart(code) + 0.5 * aPart(code);
    const mixSum = payers.reduce((s, c) => s + mix(c), 0);
    for (const code of payers) expect(Math.abs(cents(combined, code) - (3123456789 * mix(code)) / mixSum)).toBeLessThan(1);
    // NW has 21 % of the Königsteiner Schlüssel but only 53 of 401 districts: it pays less under the combined key; Thüringen (23 districts) more
    expect(cents(combined, 'NW')).toBeLessThan(cents(ks, 'NW'));
    expect(cents(combined, 'TH')).toBeGreaterThan(cents(ks, 'TH'));
  });

  it('an equal key created through the API splits evenly among the payers, while the Königsteiner Schlüssel does not', async () => {
    const key = ok(await t.gql(CREATE_KEY, { name: 'Test: gleiche Anteile', kind: 'COMBINED', year: 2023, components: [{ name: 'je Land 1', weight: 1, values: equal() }] }), 'createCostKey');
    expect(key.factors).toEqual([]);
    expect(key.shares.every((s: { value: number }) => Math.abs(s.value - 100 / 16) < 1e-9)).toBe(true);
    const a = ok(await allocation(aufenthaltstitel, 2023, [key.id, koenigstein.id]), 'costAllocation');
    const amounts = (k: KeyRow) => k.states.filter((s) => s.pays).map((s) => Number(s.cents));
    const even = amounts(a.keys[0]);
    expect(Math.max(...even) - Math.min(...even)).toBeLessThanOrEqual(1);
    expect(even.reduce((s, x) => s + x, 0)).toBe(3123456789);
    const ks = amounts(a.keys[1]);
    expect(Math.max(...ks) - Math.min(...ks)).toBeGreaterThan(100_000_000);
  });

  it('leaves out contracts terminated before the year and counts those terminated during it', async () => {
    const service = ok(await t.gql(`mutation { createService(name: "Kostentest", topicField: FAMILY_AND_CHILD) { id } }`), 'createService').id;
    const contract = `mutation($stateId: ID!, $serviceId: ID!, $status: ContractStatus!, $signedAt: LocalDate, $terminatedAt: LocalDate) {
      createReuseContract(stateId: $stateId, serviceId: $serviceId, status: $status, interestDeclaredAt: "2020-01-01", signedAt: $signedAt, terminatedAt: $terminatedAt) { id } }`;
    ok(await t.gql(contract, { stateId: states.BY, serviceId: service, status: 'SIGNED', signedAt: '2021-03-01' }), 'createReuseContract');
    ok(await t.gql(contract, { stateId: states.HE, serviceId: service, status: 'TERMINATED', signedAt: '2021-03-01', terminatedAt: '2022-12-31' }), 'createReuseContract');
    ok(await t.gql(contract, { stateId: states.BE, serviceId: service, status: 'TERMINATED', signedAt: '2021-03-01', terminatedAt: '2023-06-30' }), 'createReuseContract');
    ok(await t.gql(CREATE_COST, { serviceId: service, year: 2023, op: '1000', mt: '1' }), 'createServiceCost');
    const k: KeyRow = ok(await allocation(service, 2023, [koenigstein.id]), 'costAllocation').keys[0];
    expect(k.states.filter((s) => s.pays).map((s) => s.stateCode)).toEqual(['BY', 'BE']);
    expect(k.states.find((s) => s.stateCode === 'HE')).toMatchObject({ reason: 'TERMINATED_BEFORE', params: { terminatedAt: '2022-12-31', year: 2023 }, message: 'terminated on 2022-12-31, before 2023' });
    expect(sumCents(k)).toBe(1001n);
  });

  it('is what CostAllocationService.allocateByKey returns (the entry point for the monthly report)', async () => {
    const viaGraphql: KeyRow = ok(await allocation(aufenthaltstitel, 2023, [koenigstein.id]), 'costAllocation').keys[0];
    const direct = await t.app.get(CostAllocationService).allocateByKey(aufenthaltstitel, 2023, koenigstein.id);
    expect(direct.states.map((s) => [s.stateCode, s.share, String(s.cents), s.pays])).toEqual(viaGraphql.states.map((s) => [s.stateCode, s.share, s.cents, s.pays]));
    await expect(t.app.get(CostAllocationService).allocateByKey(aufenthaltstitel, 2019, koenigstein.id)).rejects.toMatchObject({ code: 'VALIDATION', issues: [{ field: 'year' }] });
  });

  it('refuses bad arguments with VALIDATION naming them', async () => {
    const unknown = '00000000-0000-4000-8000-000000000001';
    const cases: Array<[string, number, string[], string[], RegExp, string]> = [
      [aufenthaltstitel, 2023, [unknown], ['keyIds'], /no cost key has the id/, 'NO_SUCH_COST_KEY'],
      [aufenthaltstitel, 2023, ['not-an-id'], ['keyIds'], /no cost key has the id "not-an-id"/, 'NO_SUCH_COST_KEY'],
      [aufenthaltstitel, 2023, [], ['keyIds'], /at least one/, 'COST_KEYS_REQUIRED'],
      [aufenthaltstitel, 2023, [koenigstein.id, koenigstein.id], ['keyIds'], /more than once/, 'LISTED_MORE_THAN_ONCE'],
      [aufenthaltstitel, 1999, [koenigstein.id], ['year'], /between 2000 and 2100/, 'YEAR_OUT_OF_RANGE'],
      [aufenthaltstitel, 2019, [koenigstein.id], ['year'], /no costs are recorded for Aufenthaltstitel in 2019/, 'NO_COSTS_RECORDED'],
      [unknown, 2023, [koenigstein.id], ['serviceId'], /no service has the id/, 'REFERENCE_NOT_FOUND'],
    ];
    for (const [serviceId, year, keyIds, fields, message, code] of cases) {
      const r = await allocation(serviceId, year, keyIds);
      expect({ keyIds, year, error: firstError(r) }).toEqual({ keyIds, year, error: { code: 'VALIDATION', message: expect.stringMatching(message), fields } });
      expect({ keyIds, year, issue: r.errors?.[0]?.extensions?.issues?.[0]?.code }).toEqual({ keyIds, year, issue: code });
    }
  });
});

describe('cost keys and service costs as resources', () => {
  it('refuses an incomplete or negative key, naming the field, and writes nothing', async () => {
    const before = [await count('cost_key'), await count('audit_event')];
    const factors = STATES.map((s) => ({ stateCode: s.code, value: s.koenigsteinShare2016 }));
    const bad: Array<[Record<string, unknown>, string[]]> = [
      [{ name: 'K', kind: 'KOENIGSTEINER', year: 2024, factors: factors.slice(1) }, ['factors']],
      [{ name: 'K', kind: 'KOENIGSTEINER', year: 2024, factors: [...factors.slice(1), { stateCode: 'SH', value: -3 }] }, ['factors']],
      [{ name: 'K', kind: 'COMBINED', year: 2024, components: [{ name: 'a', weight: 0, values: equal() }] }, ['components']],
      [{ name: 'K', kind: 'COMBINED', year: 2024, components: [{ name: 'a', weight: 1, values: equal(-1) }] }, ['components[0].values']],
      [{ name: 'K', kind: 'KOENIGSTEINER', year: 1999, factors }, ['year']],
      [{ name: 'Königsteiner Schlüssel', kind: 'KOENIGSTEINER', year: 2016, factors }, ['name']],
    ];
    for (const [vars, fields] of bad) {
      const r = await t.gql(CREATE_KEY, vars);
      expect({ vars, error: firstError(r) }).toEqual({ vars, error: expect.objectContaining({ code: 'VALIDATION', fields }) });
    }
    expect([await count('cost_key'), await count('audit_event')]).toEqual(before);
  });

  it('updates a key with its version and recomputes its shares', async () => {
    const created = ok(await t.gql(CREATE_KEY, { name: 'Test: Königsteiner geändert', kind: 'KOENIGSTEINER', year: 2025, factors: equal(2) }), 'createCostKey');
    const changed = equal(2).map((f) => (f.stateCode === 'BB' ? { ...f, value: 6 } : f));
    const r = await t.gql(`mutation($id: ID!, $version: Int!, $factors: [StateValueInput!]) { updateCostKey(id: $id, version: $version, factors: $factors) { version shares { stateCode value } } }`, {
      id: created.id,
      version: created.version,
      factors: [...changed].reverse(),
    });
    const updated = ok(r, 'updateCostKey');
    expect(updated.version).toBe(created.version + 1);
    expect(updated.shares.find((s: { stateCode: string }) => s.stateCode === 'BB').value).toBeCloseTo((6 / 36) * 100, 9);
    const stale = await t.gql(`mutation($id: ID!, $version: Int!) { updateCostKey(id: $id, version: $version, year: 2026) { id } }`, { id: created.id, version: created.version });
    expect(firstError(stale).code).toBe('CONFLICT');
  });

  it('records costs in cents beyond 32 bits, once per service and year, and refuses bad amounts naming the argument', async () => {
    const r = ok(await t.gql(`{ allServiceCosts(filter: { serviceId: "${aufenthaltstitel}", year: 2023 }) { year operationCents totalCents service { name } } }`), 'allServiceCosts');
    expect(r).toEqual([{ year: 2023, operationCents: '3000000000', totalCents: '3123456789', service: { name: 'Aufenthaltstitel' } }]);
    const before = await count('service_cost');
    const twice = await t.gql(CREATE_COST, { serviceId: aufenthaltstitel, year: 2023, op: '1', mt: '1' });
    expect(firstError(twice)).toMatchObject({ code: 'VALIDATION', fields: ['year'] });
    for (const [op, field] of [['-5', 'op'], ['1.5', 'op'], ['99999999999999999999', 'op']]) {
      const bad = await t.gql(CREATE_COST, { serviceId: aufenthaltstitel, year: 2030, op, mt: '0' });
      expect({ op, error: firstError(bad) }).toEqual({ op, error: expect.objectContaining({ code: 'VALIDATION', message: expect.stringContaining(field) }) });
    }
    const year = await t.gql(CREATE_COST, { serviceId: aufenthaltstitel, year: 2101, op: '1', mt: '1' });
    expect(firstError(year)).toMatchObject({ code: 'VALIDATION', fields: ['year'] });
    expect(await count('service_cost')).toBe(before);
  });

  it('lets steering members read the allocation and refuses their writes', async () => {
    const read = await t.as('STEERING_MEMBER').gql(ALLOCATION, { serviceId: aufenthaltstitel, year: 2023, keyIds: [koenigstein.id] });
    expect(read.errors).toBeUndefined();
    const write = await t.as('STEERING_MEMBER').gql(CREATE_COST, { serviceId: aufenthaltstitel, year: 2031, op: '1', mt: '1' });
    expect(firstError(write).code).toBe('FORBIDDEN');
  });

  it('the database itself refuses what the rules forbid (checks of migration 1764100000000)', async () => {
    const refused = async (sql: string, params: unknown[] = []) => {
      await expect(t.dataSource.query(sql, params)).rejects.toMatchObject({ driverError: expect.objectContaining({ code: expect.stringMatching(/^23/) }) });
    };
    const key = (name: string, kind: string, year: number, factors: unknown, components: unknown) =>
      refused(`INSERT INTO cost_key (name, kind, year, factors, components) VALUES ($1, $2, $3, $4, $5)`, [name, kind, year, JSON.stringify(factors), JSON.stringify(components)]);
    await key('neg', 'KOENIGSTEINER', 2024, { BB: -1, NW: 2 }, []);
    await key('text', 'KOENIGSTEINER', 2024, { BB: 'x' }, []);
    await key('year', 'KOENIGSTEINER', 1999, { BB: 1 }, []);
    await key('mixed', 'KOENIGSTEINER', 2024, { BB: 1 }, [{ name: 'a', weight: 1, values: { BB: 1 } }]);
    await key('weights', 'COMBINED', 2024, {}, [{ name: 'a', weight: 0, values: { BB: 1 } }]);
    await key('negweight', 'COMBINED', 2024, {}, [{ name: 'a', weight: -1, values: { BB: 1 } }, { name: 'b', weight: 2, values: { BB: 1 } }]);
    await key('Königsteiner Schlüssel', 'KOENIGSTEINER', 2016, { BB: 1 }, []);
    await refused(`INSERT INTO service_cost (service_id, year, operation_cents, maintenance_cents) VALUES ($1, 2040, -1, 0)`, [aufenthaltstitel]);
    await refused(`INSERT INTO service_cost (service_id, year, operation_cents, maintenance_cents) VALUES ($1, 2023, 1, 0)`, [aufenthaltstitel]);
  });
});
