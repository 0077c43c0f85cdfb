import { fetchAllRows, fetchByIds, resolveReferences, ExportCancelled, type ListSource } from './fetch';

/** A fake data provider over in-memory tables: filters by `ids` and `stateId`, sorts by one field, pages. */
function fakeSource(tables: Record<string, Record<string, any>[]>) {
  const calls: Array<{ resource: string; params: any }> = [];
  const source: ListSource = {
    async getList(resource, params) {
      calls.push({ resource, params: JSON.parse(JSON.stringify(params)) });
      let rows = tables[resource] ?? [];
      const ids = params.filter.ids as string[] | undefined;
      if (ids) rows = rows.filter((r) => ids.includes(r.id));
      if (params.filter.stateId) rows = rows.filter((r) => r.stateId === params.filter.stateId);
      const { field, order } = params.sort;
      rows = [...rows].sort((a, b) => (a[field] < b[field] ? -1 : a[field] > b[field] ? 1 : 0) * (order === 'DESC' ? -1 : 1));
      const { page, perPage } = params.pagination;
      return { data: rows.slice((page - 1) * perPage, page * perPage), total: rows.length };
    },
  };
  return { source, calls };
}

const states = [
  { id: 's1', name: 'Brandenburg' },
  { id: 's2', name: 'Sachsen-Anhalt' },
];
const authorities = Array.from({ length: 2501 }, (_, i) => ({ id: `a${String(i).padStart(5, '0')}`, name: `Behörde ${i}`, stateId: i % 3 === 0 ? 's2' : 's1' }));

describe('fetchAllRows', () => {
  it('fetches every row matching the filter, page by page in the list order, reporting progress', async () => {
    const { source, calls } = fakeSource({ Authority: authorities });
    const progress: number[] = [];
    const rows = await fetchAllRows(
      source,
      'Authority',
      { filter: { stateId: 's1' }, sort: { field: 'name', order: 'DESC' }, fields: ['name', 'stateId'] },
      { pageSize: 500, onProgress: (p) => progress.push(p.loaded) },
    );
    const expected = authorities.filter((a) => a.stateId === 's1');
    expect(rows).toHaveLength(expected.length);
    expect(rows[0].name).toBe([...expected].map((a) => a.name).sort().reverse()[0]);
    expect(calls.map((c) => c.params.pagination)).toEqual([1, 2, 3, 4].map((page) => ({ page, perPage: 500 })));
    expect(calls[0].params.filter).toEqual({ stateId: 's1' });
    expect(calls[0].params.meta).toEqual({ sparseFields: ['id', 'name', 'stateId'] });
    expect(progress).toEqual([500, 1000, 1500, expected.length]);
  });

  it('stops when cancelled', async () => {
    const { source } = fakeSource({ Authority: authorities });
    const controller = new AbortController();
    const run = fetchAllRows(source, 'Authority', { filter: {}, sort: { field: 'name', order: 'ASC' }, fields: ['name'] }, {
      pageSize: 100,
      signal: controller.signal,
      onProgress: (p) => p.loaded >= 300 && controller.abort(),
    });
    await expect(run).rejects.toBeInstanceOf(ExportCancelled);
  });
});

describe('references', () => {
  it('asks for each distinct id once, in batches, never one request per row', async () => {
    const { source, calls } = fakeSource({ Authority: authorities });
    const ids = authorities.map((a) => a.id);
    const found = await fetchByIds(source, 'Authority', ids, ['name'], { batchSize: 1000 });
    expect(found.size).toBe(2501);
    expect(calls).toHaveLength(3);
    expect(calls.map((c) => c.params.pagination.perPage)).toEqual([1000, 1000, 501]);
  });

  it('resolves references of references (the state of an onboarding\'s authority)', async () => {
    const onboardings = [
      { id: 'o1', authorityId: 'a00000' },
      { id: 'o2', authorityId: 'a00001' },
      { id: 'o3', authorityId: 'a00001' },
    ];
    const { source, calls } = fakeSource({ Authority: authorities, State: states });
    const resolved = await resolveReferences(source, onboardings, [
      { key: 'authority', resource: 'Authority', source: 'authorityId', fields: ['name', 'stateId'] },
      { key: 'authorityState', resource: 'State', source: 'stateId', fields: ['name'], of: 'authority' },
    ]);
    expect(resolved.get('authority')!.get('a00001')!.name).toBe('Behörde 1');
    expect(resolved.get('authorityState')!.get('s2')!.name).toBe('Sachsen-Anhalt');
    expect(calls.map((c) => [c.resource, c.params.filter.ids])).toEqual([
      ['Authority', ['a00000', 'a00001']],
      ['State', ['s2', 's1']],
    ]);
  });
});
