import { QueryClient } from '@tanstack/react-query';
import { getIntrospectionQuery, print, type DocumentNode, type IntrospectionQuery, type IntrospectionSchema } from 'graphql';
import type { DataProvider, GetListParams, GetListResult } from 'react-admin';
import { ApiUnreachableError, errorCodesOf, GRAPHQL_URI, isUnauthenticated, postGraphQL, type PostGraphQLOptions } from './graphql';
import { toReactAdminError } from './common/apiErrors';
import { localizeCoded } from './common/codedMessages';
import { i18nProvider } from './i18n/i18nProvider';
import { RESOURCE_NAMES } from './resourceNames';

export { ApiUnreachableError, GRAPHQL_URI };

/**
 * Small reference data that changes rarely and is shown only as a label in other resources' pages
 * (react-admin's ReferenceField and the selected value of a ReferenceInput ask for it with getMany):
 * the states, the services, the specialist systems and the waves.
 */
export const STABLE_REFERENCES = ['State', 'Service', 'SpecialistSystem', 'Wave'] as const;

/** How long a getMany answer of STABLE_REFERENCES counts as fresh (not asked for again on the next page). */
export const REFERENCE_STALE_TIME_MS = 5 * 60_000;

/**
 * The console's query client (react-admin's cache). By default every page asks again for everything it
 * shows; the labels of STABLE_REFERENCES are asked for once in REFERENCE_STALE_TIME_MS instead, so that
 * a list page after the first sends its list query and no reference queries for them (a list of
 * authorities: 1 request instead of 3). Only their getMany: their own pages (getList, getOne: show and
 * edit forms, wave progress) are fresh on every visit, so that nobody edits or reads figures from a
 * stale copy; a label a colleague renamed shows the new name within five minutes, one's own changes at
 * once (react-admin updates its cache after a mutation), and sign-out clears the cache.
 */
export function createQueryClient(): QueryClient {
  const client = new QueryClient();
  for (const resource of STABLE_REFERENCES) client.setQueryDefaults([resource, 'getMany'], { staleTime: REFERENCE_STALE_TIME_MS });
  return client;
}

/** How long the console waits for the schema before it reports the API as unreachable. */
export const INTROSPECTION_TIMEOUT_MS = 15_000;

/** The part of ra-data-graphql's introspection result the console looks at. */
interface IntrospectionSummary {
  resources: { type: { name: string } }[];
}

/**
 * ra-data-graphql-simple's provider also carries `getIntrospection`
 * (typed on ra-data-graphql's GraphqlDataProvider, which the simple
 * provider's declared return type leaves out).
 */
export type IntrospectingDataProvider = DataProvider & {
  getIntrospection: () => Promise<IntrospectionSummary>;
};

/**
 * A data provider for the API's GraphQL schema, which follows
 * ra-data-graphql-simple's convention for every resource X: X(id),
 * allXs(page, perPage, sortField, sortOrder, filter), _allXsMeta, createX,
 * updateX, deleteX. Requests send the session cookie (same origin). With
 * `schema` (fetchSchema's answer) the provider uses it; without, it
 * introspects the schema on first use through its Apollo client.
 */
export async function buildDataProvider(schema?: IntrospectionSchema): Promise<IntrospectingDataProvider> {
  // Loaded on first use, not with the console's first chunks: ra-data-graphql-simple brings Apollo Client
  // and graphql-js (~70 kB gzip), and the home page (the dashboard) reads its figures without them.
  const { default: buildGraphQLProvider } = await import('ra-data-graphql-simple');
  return buildGraphQLProvider({
    clientOptions: { uri: GRAPHQL_URI, credentials: 'same-origin' },
    ...(schema ? { introspection: { schema } } : {}),
  }) as IntrospectingDataProvider;
}

/**
 * The API's schema (the standard introspection query), over plain fetch
 * with the session cookie. Not through the provider's Apollo client:
 * ra-data-graphql would run it with a cache-writing fetch policy, and
 * writing thousands of schema objects into Apollo's normalised cache cost
 * the browser more than the rest of the console's start (measured with a
 * CPU profile of a console load). Rejects like postGraphQL
 * (GraphQLRequestError with the API's codes, ApiUnreachableError).
 */
export async function fetchSchema(options: PostGraphQLOptions = {}): Promise<IntrospectionSchema> {
  return (await postGraphQL<IntrospectionQuery>(getIntrospectionQuery(), {}, options)).__schema;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new ApiUnreachableError(`No answer from ${GRAPHQL_URI} within ${Math.round(ms / 1000)} s.`)),
      ms,
    );
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** A one-line technical description of why the introspection failed. */
function describe(error: unknown): string {
  if (error instanceof Error) {
    const status = (error as { networkError?: { statusCode?: number } }).networkError?.statusCode;
    return status && !error.message.includes(String(status)) ? `${error.message} (HTTP ${status})` : error.message;
  }
  return String(error);
}

/**
 * Builds the data provider and waits for the schema introspection, so the
 * console works only against a reachable API. Rejects with the API's error
 * when it answered with one (UNAUTHENTICATED: the session has ended, which
 * the authProvider's checkError recognises), with ApiUnreachableError
 * otherwise. Each call builds a fresh provider: the provider caches its
 * introspection promise, a failed one included, so a retry needs a new one.
 */
export async function loadDataProvider(timeoutMs = INTROSPECTION_TIMEOUT_MS, options: Pick<PostGraphQLOptions, 'fetch'> = {}): Promise<IntrospectingDataProvider> {
  let dataProvider: IntrospectingDataProvider;
  let introspection: IntrospectionSummary;
  try {
    dataProvider = await buildDataProvider(await fetchSchema({ ...options, timeoutMs }));
    introspection = await withTimeout(dataProvider.getIntrospection(), timeoutMs);
  } catch (error) {
    if (error instanceof ApiUnreachableError || isUnauthenticated(error) || errorCodesOf(error).length > 0) throw error;
    throw new ApiUnreachableError(describe(error), { cause: error });
  }
  const served = new Set(introspection.resources.map((resource) => resource.type.name));
  const missing = RESOURCE_NAMES.filter((name) => !served.has(name));
  if (missing.length > 0) {
    // The console still starts; lists of these resources will show an error.
    console.warn(`The GraphQL schema at ${GRAPHQL_URI} does not (yet) provide these resources: ${missing.join(', ')}`);
  }
  return dataProvider;
}

/**
 * The error mapping of the CRUD methods: a VALIDATION error with field
 * issues becomes react-admin's server-side validation error
 * (`body.errors`: each message at its input, in the console's language,
 * the form keeps its values);
 * every other error passes unchanged (checkError still sees its codes).
 */
export function mapError(error: unknown): unknown {
  return toReactAdminError(error, (issue) => localizeCoded('issue', issue, i18nProvider.translate, i18nProvider.getLocale()));
}

const METHODS = ['getList', 'getOne', 'getMany', 'getManyReference', 'create', 'update', 'updateMany', 'delete', 'deleteMany'] as const;

/** The console's data provider: one ra-data-graphql-simple provider per session. */
export type SessionDataProvider = DataProvider & {
  /** Drops the provider (and its Apollo client and schema); the next request builds a new one. Call on sign-in and sign-out. */
  reset: () => void;
  /** Builds the provider and introspects the schema now, so the first page does not wait for it. */
  warmUp: () => void;
  /**
   * A GraphQL operation beyond the CRUD methods (domain mutations, history) over the session's
   * Apollo client, uncached; errors mapped like the CRUD methods'. Resolves to the result's data.
   */
  mutate: <R>(mutation: DocumentNode, variables?: Record<string, unknown>) => Promise<R>;
  query: <R>(query: DocumentNode, variables?: Record<string, unknown>) => Promise<R>;
  /**
   * getList without any client-side cache: the same GraphQL query
   * ra-data-graphql-simple builds (filters, sort, page, `meta.sparseFields`),
   * sent as a plain POST and parsed by its response parser. Apollo's
   * normalized cache, which getList writes every row into and reads back
   * from, is skipped: for the list export's thousands of rows it cost more
   * than the API's answer (export/ExportMenu.tsx).
   */
  getListUncached: (resource: string, params: GetListParams) => Promise<GetListResult>;
};

/** ra-data-graphql-simple's buildQuery: introspection -> (fetch type, resource, params) -> query, variables and parser. */
type BuildQueryFactory = (introspection: unknown) => (
  fetchType: string,
  resource: string,
  params: unknown,
) => { query: DocumentNode; variables: Record<string, unknown>; parseResponse: (response: { data: unknown }) => GetListResult };

interface ApolloLike {
  mutate(options: { mutation: DocumentNode; variables?: Record<string, unknown>; fetchPolicy: 'no-cache' }): Promise<{ data?: unknown }>;
  query(options: { query: DocumentNode; variables?: Record<string, unknown>; fetchPolicy: 'no-cache' }): Promise<{ data?: unknown }>;
}

/**
 * The data provider <Admin> gets. It builds ra-data-graphql-simple's
 * provider (which introspects the schema) on the first request, which
 * the console sends only once signed in (auth/SignedIn.tsx), and builds
 * a new one after `reset()`, so nothing of one session (schema, Apollo
 * cache) outlives it. A failed build is not kept: the next request tries again.
 */
export function createSessionDataProvider(load: () => Promise<DataProvider> = loadDataProvider): SessionDataProvider {
  let current: Promise<DataProvider> | undefined;
  const provider = (): Promise<DataProvider> => {
    if (!current) {
      const attempt = load();
      current = attempt;
      attempt.catch(() => {
        if (current === attempt) current = undefined;
      });
    }
    return current;
  };
  const methods = Object.fromEntries(
    METHODS.map((method) => [
      method,
      async (resource: string, params: unknown) => {
        const target = (await provider()) as unknown as Record<string, (resource: string, params: unknown) => Promise<unknown>>;
        return target[method](resource, params).catch((error: unknown) => {
          throw mapError(error);
        });
      },
    ]),
  );
  const run = async <R,>(operation: (client: ApolloLike) => Promise<{ data?: unknown }>): Promise<R> => {
    const client = ((await provider()) as Partial<{ client: ApolloLike }>).client;
    if (!client) throw new Error('The data provider offers no GraphQL client.');
    try {
      return (await operation(client)).data as R;
    } catch (error) {
      throw mapError(error);
    }
  };
  return {
    ...(methods as unknown as DataProvider),
    reset: () => {
      current = undefined;
    },
    warmUp: () => {
      provider().catch(() => undefined);
    },
    mutate: (mutation, variables) => run((client) => client.mutate({ mutation, variables, fetchPolicy: 'no-cache' })),
    query: (query, variables) => run((client) => client.query({ query, variables, fetchPolicy: 'no-cache' })),
    getListUncached: async (resource, params) => {
      const target = (await provider()) as Partial<IntrospectingDataProvider>;
      if (!target.getIntrospection) throw new Error('The data provider offers no schema introspection.');
      const [introspection, { buildQuery }] = await Promise.all([target.getIntrospection(), import('ra-data-graphql-simple')]);
      const request = (buildQuery as unknown as BuildQueryFactory)(introspection)('GET_LIST', resource, params);
      try {
        const data = await postGraphQL<unknown>(print(request.query), request.variables);
        return request.parseResponse({ data });
      } catch (error) {
        throw mapError(error);
      }
    },
  };
}
