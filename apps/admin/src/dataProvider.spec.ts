import { jest } from '@jest/globals';
import { buildSchema, introspectionFromSchema } from 'graphql';
import type { DataProvider } from 'react-admin';
import { REFERENCE_STALE_TIME_MS, createQueryClient, createSessionDataProvider, loadDataProvider } from './dataProvider';
import { errorCodesOf } from './graphql';

/** A schema with one resource in ra-data-graphql-simple's convention. */
const SCHEMA = buildSchema(`
  type State { id: ID! code: String! }
  type ListMetadata { count: Int }
  type Query {
    State(id: ID!): State
    allStates(page: Int, perPage: Int, sortField: String, sortOrder: String): [State!]!
    _allStatesMeta(page: Int, perPage: Int): ListMetadata
  }
`);

/** A fetch that answers every request with `body` and records the queries it was sent. */
function answering(body: unknown, sent: string[]): typeof globalThis.fetch {
  return (async (_url: unknown, init?: { body?: string }) => {
    sent.push((JSON.parse(init?.body ?? '{}') as { query: string }).query);
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  }) as typeof globalThis.fetch;
}

describe('session data provider', () => {
  it('builds the provider on the first request, keeps it, and builds a new one after reset', async () => {
    let builds = 0;
    const load = async () => {
      const build = ++builds;
      return { getList: async () => ({ data: [{ id: build }], total: 1 }) } as unknown as DataProvider;
    };
    const provider = createSessionDataProvider(load);
    expect(builds).toBe(0); // nothing before the first request (no introspection before sign-in)
    const params = { pagination: { page: 1, perPage: 10 }, sort: { field: 'id', order: 'ASC' as const }, filter: {} };
    expect((await provider.getList('State', params)).data).toEqual([{ id: 1 }]);
    expect((await provider.getList('State', params)).data).toEqual([{ id: 1 }]);
    provider.reset();
    expect((await provider.getList('State', params)).data).toEqual([{ id: 2 }]);
    expect(builds).toBe(2);
  });

  it('does not keep a failed build: the next request tries again', async () => {
    let attempts = 0;
    const load = async () => {
      attempts += 1;
      if (attempts === 1) throw new Error('introspection refused');
      return { getOne: async () => ({ data: { id: 'x' } }) } as unknown as DataProvider;
    };
    const provider = createSessionDataProvider(load);
    await expect(provider.getOne('State', { id: 'x' })).rejects.toThrow('introspection refused');
    await expect(provider.getOne('State', { id: 'x' })).resolves.toEqual({ data: { id: 'x' } });
  });

  it('introspects the schema with one plain request (not through the Apollo cache) and finds the resources in it', async () => {
    const sent: string[] = [];
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined); // the console's resources are missing here
    const provider = await loadDataProvider(5_000, { fetch: answering({ data: introspectionFromSchema(SCHEMA) }, sent) });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toContain('__schema');
    expect((await provider.getIntrospection()).resources.map((r) => r.type.name)).toEqual(['State']);
    expect(sent).toHaveLength(1); // the provider uses the schema it was given
    expect(warn.mock.calls[0]?.[0]).toContain('does not (yet) provide these resources');
    warn.mockRestore();
  });

  it("rejects with the API's error code when the introspection is refused (an ended session)", async () => {
    const sent: string[] = [];
    const refused = loadDataProvider(5_000, { fetch: answering({ errors: [{ message: 'not signed in', extensions: { code: 'UNAUTHENTICATED' } }] }, sent) });
    await expect(refused.catch(errorCodesOf)).resolves.toEqual(['UNAUTHENTICATED']);
  });
});

describe('query client', () => {
  /** Asks twice for the same query key, as two visits of a page do; answers how often the data provider was asked. */
  async function twice(client: ReturnType<typeof createQueryClient>, key: unknown[]): Promise<number> {
    let calls = 0;
    const queryFn = async () => [{ id: 'a', name: `answer ${++calls}` }];
    await client.fetchQuery({ queryKey: key, queryFn });
    await client.fetchQuery({ queryKey: key, queryFn });
    return calls;
  }

  it('keeps getMany answers of rarely changing reference data (react-admin ReferenceField) for a while', async () => {
    const client = createQueryClient();
    for (const resource of ['State', 'Service', 'SpecialistSystem', 'Wave']) {
      expect(await twice(client, [resource, 'getMany', { ids: ['a'], meta: undefined }])).toBe(1);
      expect(client.getQueryDefaults([resource, 'getMany', { ids: ['b'] }]).staleTime).toBe(REFERENCE_STALE_TIME_MS);
    }
    client.clear();
  });

  it('asks again for everything else: lists, single records (show and edit forms) and other resources', async () => {
    const client = createQueryClient();
    expect(await twice(client, ['State', 'getOne', { id: 'a', meta: undefined }])).toBe(2);
    expect(await twice(client, ['State', 'getList', { pagination: { page: 1, perPage: 25 } }])).toBe(2);
    expect(await twice(client, ['Wave', 'getOne', { id: 'a', meta: undefined }])).toBe(2);
    expect(await twice(client, ['Authority', 'getMany', { ids: ['a'], meta: undefined }])).toBe(2);
    expect(await twice(client, ['Onboarding', 'getMany', { ids: ['a'], meta: undefined }])).toBe(2);
    client.clear();
  });
});
