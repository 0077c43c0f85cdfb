import type { DataProvider } from 'react-admin';
import { createSessionDataProvider } from './dataProvider';

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
});
