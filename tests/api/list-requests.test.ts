// The console's list requests (react-admin's ra-data-graphql-simple: a page and its count in one request,
// getMany by ids, linked records as `{ id }`): the answers, and the SQL statements they cost.
import { firstError, startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

/** As ra-data-graphql-simple sends getList and getMany: `items` and `total` with the same filter. */
const PAGE = `query Page($page: Int, $perPage: Int, $sortField: String, $sortOrder: String, $filter: AuthorityFilter) {
  items: allAuthorities(page: $page, perPage: $perPage, sortField: $sortField, sortOrder: $sortOrder, filter: $filter) { id stateId state { id } specialistSystemId specialistSystem { id } }
  total: _allAuthoritiesMeta(page: $page, perPage: $perPage, filter: $filter) { count }
}`;
const COUNT = `query Count($filter: AuthorityFilter) { _allAuthoritiesMeta(filter: $filter) { count } }`;

/** The answer and the number of SQL statements of one request (the session check included). */
async function counted(query: string, variables: Record<string, unknown> = {}, as = t.gql) {
  t.counter.reset();
  const r = await as(query, variables);
  expect(r.errors).toBeUndefined();
  return { data: r.data!, statements: t.counter.count };
}

async function stateIds(): Promise<string[]> {
  const r = await t.gql(`{ allStates(perPage: 16, sortField: "code") { id code } }`);
  return r.data!.allStates.map((s: { id: string }) => s.id);
}

describe('a page and its count in one request', () => {
  it('counts from the page when it holds every match (getMany by ids): one list query, no count query', async () => {
    const ids = (await t.gql(`{ allAuthorities(perPage: 7, sortField: "ars") { id } }`)).data!.allAuthorities.map((a: { id: string }) => a.id);
    const unknown = '00000000-0000-4000-8000-000000000000';
    // as react-admin's getMany: ids only, no page size; a duplicate and an id that matches nothing
    const { data, statements } = await counted(PAGE, { filter: { ids: [...ids, ids[0], unknown] } });
    expect(data.items.map((a: { id: string }) => a.id).sort()).toEqual([...ids].sort());
    expect(data.total.count).toBe(7);
    expect(statements).toBe(2); // session check + list
    expect((await counted(COUNT, { filter: { ids: [...ids, unknown] } })).data._allAuthoritiesMeta.count).toBe(7);
  });

  it('counts from the first page when it is not full, and asks the database when there may be more', async () => {
    const [state] = await stateIds();
    const all = (await counted(COUNT, { filter: { stateId: state } })).data._allAuthoritiesMeta.count;
    expect(all).toBeGreaterThan(5);
    const whole = await counted(PAGE, { perPage: all + 1, filter: { stateId: state } });
    expect(whole.data.items).toHaveLength(all);
    expect(whole.data.total.count).toBe(all);
    expect(whole.statements).toBe(2);
    const exactlyFull = await counted(PAGE, { perPage: all, filter: { stateId: state } });
    expect(exactlyFull.data.total.count).toBe(all);
    expect(exactlyFull.statements).toBe(3); // full: there could be more, so the count query runs
    const firstOfMany = await counted(PAGE, { perPage: 5, filter: { stateId: state } });
    expect(firstOfMany.data.items).toHaveLength(5);
    expect(firstOfMany.data.total.count).toBe(all);
    const lastPage = await counted(PAGE, { page: Math.floor(all / 5), perPage: 5, filter: { stateId: state } });
    expect(lastPage.data.items).toHaveLength(all % 5);
    expect(lastPage.data.total.count).toBe(all); // a later page never counts from its rows
  });

  it('counts its own filter when the page beside it has another one', async () => {
    const [first, second] = await stateIds();
    const ofSecond = (await counted(COUNT, { filter: { stateId: second } })).data._allAuthoritiesMeta.count;
    const r = await t.gql(
      `query($a: AuthorityFilter, $b: AuthorityFilter) { allAuthorities(perPage: 1000, filter: $a) { id } _allAuthoritiesMeta(filter: $b) { count } }`,
      { a: { stateId: first }, b: { stateId: second } },
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!._allAuthoritiesMeta.count).toBe(ofSecond);
  });

  it("reports the page's error when the page beside the count is refused", async () => {
    const [state] = await stateIds();
    const r = await t.gql(PAGE, { sortField: 'password', filter: { stateId: state } });
    expect(firstError(r)).toMatchObject({ code: 'VALIDATION', fields: ['sortField'] });
    expect(r.errors).toHaveLength(1);
  });

  it("counts a state coordinator's obstacles as their list shows them (only their own state's)", async () => {
    const coordinator = t.as('STATE_COORDINATOR').gql;
    const both = await counted(`{ items: allBlockers(perPage: 1000) { id } total: _allBlockersMeta { count } }`, {}, coordinator);
    const alone = await counted(`{ _allBlockersMeta { count } }`, {}, coordinator);
    expect(both.data.total.count).toBe(both.data.items.length);
    expect(alone.data._allBlockersMeta.count).toBe(both.data.items.length);
    const everyone = (await counted(`{ _allBlockersMeta { count } }`)).data._allBlockersMeta.count;
    expect(everyone).toBeGreaterThan(both.data.items.length);
  });
});

describe('linked records asked for as { id }', () => {
  it('answers them from the foreign key without a query, and loads them when more is asked for', async () => {
    const onlyIds = await counted(PAGE, { perPage: 50, sortField: 'ars' });
    for (const a of onlyIds.data.items) {
      expect(a.state).toEqual({ id: a.stateId });
      expect(a.specialistSystem).toEqual(a.specialistSystemId ? { id: a.specialistSystemId } : null);
    }
    expect(onlyIds.data.items.some((a: { specialistSystemId: string | null }) => a.specialistSystemId)).toBe(true);
    expect(onlyIds.statements).toBe(3); // session check + list + count: no state or system query

    const more = await counted(`{ allAuthorities(perPage: 50, sortField: "ars") { stateId state { id code } specialistSystemId specialistSystem { id product } } }`);
    for (const a of more.data.allAuthorities) {
      expect(a.state.id).toBe(a.stateId);
      expect(a.state.code).toMatch(/^[A-Z]{2}$/);
      if (a.specialistSystemId) expect(a.specialistSystem).toMatchObject({ id: a.specialistSystemId, product: expect.any(String) });
    }
    expect(more.statements).toBe(4); // session check + list + one IN (...) per relation

    const typed = await counted(`{ allAuthorities(perPage: 3) { state { __typename id } } }`);
    expect(typed.data.allAuthorities[0].state.__typename).toBe('State');
    expect(typed.statements).toBe(2);
  });

  it("answers a service's lead state as { id } without a query", async () => {
    const r = await counted(`{ allServices(perPage: 100) { leadStateId leadState { id } } }`);
    for (const s of r.data.allServices) expect(s.leadState).toEqual(s.leadStateId ? { id: s.leadStateId } : null);
    expect(r.statements).toBe(2);
  });
});

describe('answers to GraphQL requests', () => {
  it('carry no ETag (a POST is never revalidated), while GET answers keep theirs', async () => {
    const token = await t.tokenOf('ADMIN');
    const post = await t.http().post('/graphql').set('content-type', 'application/json').set('authorization', `Bearer ${token}`).send({ query: '{ allStates(perPage: 2) { id } }' });
    expect(post.status).toBe(200);
    expect(post.body.data.allStates).toHaveLength(2);
    expect(post.headers.etag).toBeUndefined();
    const health = await t.http().get('/health');
    expect(health.status).toBe(200);
    expect(health.headers.etag).toMatch(/^W\//);
  });
});
