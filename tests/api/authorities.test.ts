import { firstError, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

const LIST = `query List($page: Int, $perPage: Int, $sortField: String, $sortOrder: String, $filter: AuthorityFilter) {
  allAuthorities(page: $page, perPage: $perPage, sortField: $sortField, sortOrder: $sortOrder, filter: $filter) {
    id name ars population kind level stateId state { code name } specialistSystem { vendor product }
  }
  _allAuthoritiesMeta(filter: $filter) { count }
}`;

async function stateId(code: string): Promise<string> {
  const r = await t.gql(`{ allStates(perPage: 16, filter: { code: "${code}" }) { id } }`);
  return r.data!.allStates[0].id;
}

describe('authorities through GraphQL', () => {
  it('lists all 401 seeded authorities with their states', async () => {
    const r = await t.gql(LIST, { perPage: 500 });
    expect(r.errors).toBeUndefined();
    expect(r.data!._allAuthoritiesMeta.count).toBe(401);
    expect(r.data!.allAuthorities).toHaveLength(401);
    for (const a of r.data!.allAuthorities) {
      expect(a.state.code).toMatch(/^[A-Z]{2}$/);
      expect(a.ars.startsWith(a.ars.slice(0, 2))).toBe(true);
    }
    const harz = r.data!.allAuthorities.find((a: { ars: string }) => a.ars === '150850000000');
    expect(harz).toMatchObject({ name: 'Ausländerbehörde Landkreis Harz', state: { code: 'ST', name: 'Sachsen-Anhalt' }, level: 'DISTRICT' });
  });

  it("answers every record react-admin's getMany asks for by ids (no page size given), not only the first 25", async () => {
    const all = await t.gql(LIST, { perPage: 60, sortField: 'ars' });
    const ids = all.data!.allAuthorities.map((a: { id: string }) => a.id);
    const r = await t.gql(`query Many($filter: AuthorityFilter) { allAuthorities(filter: $filter) { id } }`, { filter: { ids } });
    expect(r.errors).toBeUndefined();
    expect(r.data!.allAuthorities.map((a: { id: string }) => a.id).sort()).toEqual([...ids].sort());
    const listed = await t.gql(LIST, {});
    expect(listed.data!.allAuthorities).toHaveLength(25); // without ids the default page stays 25
  });

  it('searches by name and by ARS prefix', async () => {
    const byName = await t.gql(LIST, { filter: { q: 'teltow' } });
    expect(byName.data!.allAuthorities.map((a: { name: string }) => a.name)).toEqual(['Ausländerbehörde Landkreis Teltow-Fläming']);
    const byArs = await t.gql(LIST, { perPage: 100, filter: { q: '12' } });
    expect(byArs.data!._allAuthoritiesMeta.count).toBe(18); // Brandenburg: 14 Landkreise + 4 kreisfreie Städte
  });

  it('filters by state, level, specialist system and population and sorts by any listed column', async () => {
    const bb = await stateId('BB');
    const cities = await t.gql(LIST, { perPage: 100, sortField: 'population', sortOrder: 'DESC', filter: { stateId: bb, level: 'DISTRICT_FREE_CITY' } });
    expect(cities.data!.allAuthorities.map((a: { name: string }) => a.name)).toEqual([
      'Ausländerbehörde Stadt Potsdam',
      'Ausländerbehörde Stadt Cottbus',
      'Ausländerbehörde Stadt Brandenburg an der Havel',
      'Ausländerbehörde Stadt Frankfurt (Oder)',
    ]);
    const big = await t.gql(LIST, { perPage: 10, filter: { population_gte: 1_000_000 } });
    expect(big.data!.allAuthorities.map((a: { ars: string }) => a.ars).sort()).toEqual(['020000000000', '032410000000', '053150000000', '091620000000', '110000000000']);
    const systems = await t.gql(`{ allSpecialistSystems(perPage: 1, filter: { q: "AUSO" }) { id } }`);
    const auso = systems.data!.allSpecialistSystems[0].id;
    const withAuso = await t.gql(LIST, { perPage: 500, filter: { specialistSystemId: auso } });
    expect(withAuso.data!._allAuthoritiesMeta.count).toBeGreaterThan(0);
    expect(withAuso.data!.allAuthorities.every((a: { specialistSystem: { product: string } }) => a.specialistSystem.product === 'AUSO')).toBe(true);
    for (const sortField of ['name', 'kind', 'level', 'stateId', 'ars', 'population', 'specialistSystemId', 'createdAt', 'updatedAt']) {
      const r = await t.gql(LIST, { perPage: 5, sortField, sortOrder: 'DESC' });
      expect(r.errors).toBeUndefined();
    }
    const byArs = await t.gql(LIST, { perPage: 3, sortField: 'ars', sortOrder: 'ASC' });
    expect(byArs.data!.allAuthorities.map((a: { ars: string }) => a.ars)).toEqual(['010010000000', '010020000000', '010030000000']);
  });

  it('sorts a reference column by the name it shows (state, service, authority), not by the id', async () => {
    // The database's own order of the names (its collation) is the reference: each list's names must follow it.
    const inOrder = (names: string[], reference: string[]) => {
      const rank = new Map(reference.map((n, i) => [n, i]));
      const ranks = names.map((n) => rank.get(n)!);
      return ranks.every((r, i) => r !== undefined && (i === 0 || ranks[i - 1] <= r));
    };
    const states = await t.gql(`{ allStates(perPage: 100, sortField: "name", sortOrder: "ASC") { name } }`);
    const byState = await t.gql(`{ allAuthorities(perPage: 1000, sortField: "stateId", sortOrder: "ASC") { state { name } } }`);
    const stateNames = byState.data!.allAuthorities.map((a: { state: { name: string } }) => a.state.name);
    expect(new Set(stateNames).size).toBe(16);
    expect(inOrder(stateNames, states.data!.allStates.map((s: { name: string }) => s.name))).toBe(true);
    const authorities = await t.gql(`{ allAuthorities(perPage: 1000, sortField: "name", sortOrder: "DESC") { name } }`);
    const onboardings = await t.gql(`{ allOnboardings(perPage: 200, sortField: "authorityId", sortOrder: "DESC") { authority { name } } }`);
    const names = onboardings.data!.allOnboardings.map((o: { authority: { name: string } }) => o.authority.name);
    expect(names.length).toBeGreaterThan(100);
    expect(inOrder(names, authorities.data!.allAuthorities.map((a: { name: string }) => a.name))).toBe(true);
  });

  it('pages through a list without overlap', async () => {
    const p0 = await t.gql(LIST, { page: 0, perPage: 50, sortField: 'ars' });
    const p1 = await t.gql(LIST, { page: 1, perPage: 50, sortField: 'ars' });
    const ids0 = p0.data!.allAuthorities.map((a: { id: string }) => a.id);
    const ids1 = p1.data!.allAuthorities.map((a: { id: string }) => a.id);
    expect(ids0).toHaveLength(50);
    expect(ids1).toHaveLength(50);
    expect(ids0.filter((id: string) => ids1.includes(id))).toEqual([]);
  });

  it('refuses a sort on an unknown column and bad paging, naming the argument', async () => {
    expect(firstError(await t.gql(LIST, { sortField: 'password' }))).toMatchObject({ code: 'VALIDATION', fields: ['sortField'] });
    expect(firstError(await t.gql(LIST, { perPage: 100000 }))).toMatchObject({ code: 'VALIDATION', fields: ['perPage'] });
    expect(firstError(await t.gql(LIST, { page: -1 }))).toMatchObject({ code: 'VALIDATION', fields: ['page'] });
    expect(firstError(await t.gql(LIST, { filter: { stateId: 'not-an-id' } }))).toMatchObject({ code: 'VALIDATION', fields: ['filter.stateId'] });
  });

  it('resolves relations with a constant number of SQL statements, whatever the page size', async () => {
    const statementsFor = async (perPage: number) => {
      t.counter.reset();
      const r = await t.gql(LIST, { perPage });
      expect(r.data!.allAuthorities).toHaveLength(perPage);
      return t.counter.count;
    };
    const for10 = await statementsFor(10);
    const for100 = await statementsFor(100);
    expect(for100).toBe(for10);
    // session lookup + list + count + one IN (...) per relation (state, specialist system)
    expect(for100).toBeLessThanOrEqual(5);
  });
});
