import type { ExportColumn } from './logic';

/**
 * Fetching what an export writes: every row matching the list's filter and
 * sort, page by page through the data provider, then the referenced records
 * (authority, service, state, ...) in batches by id: one request per 1,000
 * distinct ids, never one per row.
 */

/** The part of react-admin's data provider the export uses. */
export interface ListSource {
  getList(
    resource: string,
    params: {
      filter: Record<string, unknown>;
      sort: { field: string; order: string };
      pagination: { page: number; perPage: number };
      meta?: Record<string, unknown>;
    },
  ): Promise<{ data: Record<string, any>[]; total?: number }>;
}

/** The API's largest page (`perPage` 1..1000). */
export const PAGE_SIZE = 1000;

/**
 * A reference the export resolves: the ids in `source` of the rows (or, with
 * `of`, of the records another reference resolved), fetched from `resource`
 * with only `fields` (plus id).
 */
export interface ReferenceSpec {
  key: string;
  resource: string;
  source: string;
  fields: readonly string[];
  /** Read `source` from the records of this (earlier) reference instead of the rows. */
  of?: string;
}

/** What a list exports: the fields to ask for, the references to resolve, the columns. */
export interface ExportDefinition<R = Record<string, any>> {
  /** Message key of the list's (plural) name: file and sheet name. */
  title: string;
  /** The fields the rows are fetched with (GraphQL sparse fields; id is added). */
  fields: readonly string[];
  references?: readonly ReferenceSpec[];
  /** Extra data the columns need (e.g. every service's stages), loaded once per export. */
  lookups?: (source: ListSource) => Promise<Record<string, unknown>>;
  columns: readonly ExportColumn<R>[];
}

export interface Progress {
  phase: 'rows' | 'references' | 'file';
  loaded: number;
  total: number;
}

export class ExportCancelled extends Error {
  constructor() {
    super('The export was cancelled.');
    this.name = 'ExportCancelled';
  }
}

function check(signal?: AbortSignal) {
  if (signal?.aborted) throw new ExportCancelled();
}

/** Fresh each call: ra-data-graphql-simple deletes `meta.sparseFields` after reading it. */
const sparse = (fields: readonly string[]) => ({ sparseFields: ['id', ...fields.filter((f) => f !== 'id')] });

/**
 * Every row of `resource` matching `filter`, in the order of `sort`, fetched
 * `pageSize` at a time (a row seen twice, because the data changed between
 * two pages, is kept once).
 */
export async function fetchAllRows(
  source: ListSource,
  resource: string,
  query: { filter: Record<string, unknown>; sort: { field: string; order: string }; fields: readonly string[] },
  options: { pageSize?: number; signal?: AbortSignal; onProgress?: (p: Progress) => void } = {},
): Promise<Record<string, any>[]> {
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const rows: Record<string, any>[] = [];
  const seen = new Set<unknown>();
  for (let page = 1; ; page++) {
    check(options.signal);
    const { data, total } = await source.getList(resource, {
      filter: query.filter,
      sort: query.sort,
      pagination: { page, perPage: pageSize },
      meta: sparse(query.fields),
    });
    for (const row of data) {
      if (seen.has(row.id)) continue;
      seen.add(row.id);
      rows.push(row);
    }
    const expected = total ?? rows.length;
    options.onProgress?.({ phase: 'rows', loaded: rows.length, total: Math.max(expected, rows.length) });
    if (data.length < pageSize || rows.length >= expected) return rows;
  }
}

/**
 * The records of `resource` with these ids, `batchSize` ids per request.
 * (Through getList with an `ids` filter, an explicit page as large as the
 * batch and only the fields the export writes, `meta`; the API also answers
 * every id of a getMany without a page size since the list fix.)
 */
export async function fetchByIds(
  source: ListSource,
  resource: string,
  ids: readonly string[],
  fields: readonly string[],
  options: { batchSize?: number; signal?: AbortSignal } = {},
): Promise<Map<string, Record<string, any>>> {
  const batchSize = options.batchSize ?? PAGE_SIZE;
  const found = new Map<string, Record<string, any>>();
  for (let i = 0; i < ids.length; i += batchSize) {
    check(options.signal);
    const batch = ids.slice(i, i + batchSize);
    const { data } = await source.getList(resource, {
      filter: { ids: batch },
      sort: { field: 'id', order: 'ASC' },
      pagination: { page: 1, perPage: batch.length },
      meta: sparse(fields),
    });
    for (const record of data) found.set(String(record.id), record);
  }
  return found;
}

/** Distinct non-empty ids of `source` in these records. */
export function idsOf(records: Iterable<Record<string, any>>, source: string): string[] {
  const ids = new Set<string>();
  for (const record of records) {
    const id = record?.[source];
    if (id !== null && id !== undefined && id !== '') ids.add(String(id));
  }
  return [...ids];
}

/** Resolves the references in order (a reference `of` another comes after it); returns the records by key and id. */
export async function resolveReferences(
  source: ListSource,
  rows: readonly Record<string, any>[],
  references: readonly ReferenceSpec[],
  options: { batchSize?: number; signal?: AbortSignal; onProgress?: (p: Progress) => void } = {},
): Promise<Map<string, Map<string, Record<string, any>>>> {
  const resolved = new Map<string, Map<string, Record<string, any>>>();
  let done = 0;
  for (const ref of references) {
    options.onProgress?.({ phase: 'references', loaded: done, total: references.length });
    const from = ref.of ? (resolved.get(ref.of)?.values() ?? []) : rows;
    resolved.set(ref.key, await fetchByIds(source, ref.resource, idsOf(from, ref.source), ref.fields, options));
    done++;
  }
  options.onProgress?.({ phase: 'references', loaded: done, total: references.length });
  return resolved;
}
