import buildGraphQLProvider from 'ra-data-graphql-simple';
import type { DataProvider } from 'react-admin';
import { RESOURCE_NAMES } from './resourceNames';

/** Same origin: the API serves the built console; `vite dev` proxies it (vite.config.ts). */
export const GRAPHQL_URI = '/graphql';

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
 * updateX, deleteX. The schema is introspected on first use.
 */
export function buildDataProvider(): IntrospectingDataProvider {
  return buildGraphQLProvider({ clientOptions: { uri: GRAPHQL_URI } }) as IntrospectingDataProvider;
}

export class ApiUnreachableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ApiUnreachableError';
  }
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
 * console renders only against a reachable API. Rejects with
 * ApiUnreachableError otherwise. Each call builds a fresh provider: the
 * provider caches its introspection promise, a failed one included, so a
 * retry needs a new one.
 */
export async function loadDataProvider(timeoutMs = INTROSPECTION_TIMEOUT_MS): Promise<DataProvider> {
  const dataProvider = buildDataProvider();
  let introspection: IntrospectionSummary;
  try {
    introspection = await withTimeout(dataProvider.getIntrospection(), timeoutMs);
  } catch (error) {
    throw error instanceof ApiUnreachableError ? error : new ApiUnreachableError(describe(error), { cause: error });
  }
  const served = new Set(introspection.resources.map((resource) => resource.type.name));
  const missing = RESOURCE_NAMES.filter((name) => !served.has(name));
  if (missing.length > 0) {
    // The console still starts; lists of these resources will show an error.
    console.warn(`The GraphQL schema at ${GRAPHQL_URI} does not (yet) provide these resources: ${missing.join(', ')}`);
  }
  return dataProvider;
}
