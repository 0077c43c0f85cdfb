/**
 * Plain GraphQL over fetch for the few operations the console sends itself
 * (the account operations of the authProvider), and the reading of the
 * API's error codes from whatever shape an error arrives in. No imports:
 * the boot screen's session check uses it before react-admin is loaded.
 */

/** Same origin: the API serves the built console; `vite dev` proxies it (vite.config.ts). */
export const GRAPHQL_URI = '/graphql';

/** One entry of a GraphQL response's `errors`, as the API formats it. */
export interface GraphQLErrorInfo {
  message: string;
  extensions?: {
    /** UNAUTHENTICATED, FORBIDDEN, RATE_LIMITED, VALIDATION, ... (libs/domain's ErrorCode) */
    code?: string;
    issues?: { field: string; message: string }[];
    [key: string]: unknown;
  };
}

/** The API could not be reached, or did not answer with GraphQL (network error, timeout, proxy error page). */
export class ApiUnreachableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ApiUnreachableError';
  }
}

/** The API answered, with GraphQL errors. */
export class GraphQLRequestError extends Error {
  readonly errors: GraphQLErrorInfo[];
  /** HTTP status of the answer (200 for errors raised by resolvers). */
  readonly status: number;

  constructor(errors: GraphQLErrorInfo[], status: number) {
    super(errors.map((e) => e.message).join('; ') || `GraphQL error (HTTP ${status})`);
    this.name = 'GraphQLRequestError';
    this.errors = errors;
    this.status = status;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** One GraphQL error entry as the API sends it. */
export interface ApiErrorEntry {
  message: string;
  extensions?: { code?: string; issues?: Array<{ field: string; message: string; code?: string; params?: Record<string, unknown> }>; reasons?: unknown; refusals?: unknown; [key: string]: unknown };
}

/**
 * Every GraphQL error entry an error carries, wherever the client libraries
 * put them: GraphQLRequestError (`errors`), Apollo's ApolloError
 * (`graphQLErrors`, or `networkError.result.errors` for a non-2xx answer),
 * react-admin's HttpError around those (`body`), and any `cause` chain.
 */
export function apiErrorsOf(error: unknown, depth = 0): ApiErrorEntry[] {
  if (!isObject(error) || depth > 5) return [];
  const found: ApiErrorEntry[] = [];
  const lists = [error.errors, error.graphQLErrors, isObject(error.result) ? error.result.errors : undefined];
  for (const list of lists) {
    if (Array.isArray(list)) found.push(...list.filter(isObject).map((e) => ({ ...e, message: typeof e.message === 'string' ? e.message : '' }) as ApiErrorEntry));
  }
  for (const key of ['body', 'networkError', 'cause'] as const) {
    if (error[key] !== error) found.push(...apiErrorsOf(error[key], depth + 1));
  }
  return found;
}

/** The API's error codes (`extensions.code`) an error carries. */
export function errorCodesOf(error: unknown): string[] {
  return [...new Set(apiErrorsOf(error).flatMap((e) => (typeof e.extensions?.code === 'string' ? [e.extensions.code] : [])))];
}

/** Does this error say that the request had no valid session (never signed in, expired, signed out elsewhere)? */
export function isUnauthenticated(error: unknown): boolean {
  if (errorCodesOf(error).includes('UNAUTHENTICATED')) return true;
  const statusOf = (e: unknown): unknown => (isObject(e) ? (e.status ?? e.statusCode) : undefined);
  return statusOf(error) === 401 || (isObject(error) && statusOf(error.networkError) === 401);
}

export interface PostGraphQLOptions {
  /** Reject with ApiUnreachableError when the API has not answered within this time. */
  timeoutMs?: number;
  fetch?: typeof globalThis.fetch;
}

/**
 * Sends one GraphQL operation to the API with the session cookie (same
 * origin) and returns its `data`. Rejects with GraphQLRequestError when the
 * answer carries errors, with ApiUnreachableError when there is no GraphQL
 * answer at all.
 */
export async function postGraphQL<T>(query: string, variables: Record<string, unknown> = {}, options: PostGraphQLOptions = {}): Promise<T> {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const controller = new AbortController();
  const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => controller.abort(), options.timeoutMs);
  let response: Response;
  let body: unknown;
  try {
    response = await doFetch(GRAPHQL_URI, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query, variables }),
      signal: controller.signal,
    });
    body = await response.json().catch(() => undefined);
  } catch (error) {
    const message = controller.signal.aborted
      ? `No answer from ${GRAPHQL_URI} within ${Math.round((options.timeoutMs ?? 0) / 1000)} s.`
      : `${GRAPHQL_URI}: ${error instanceof Error ? error.message : String(error)}`;
    throw new ApiUnreachableError(message, { cause: error });
  } finally {
    clearTimeout(timer);
  }
  const errors = isObject(body) && Array.isArray(body.errors) ? (body.errors as GraphQLErrorInfo[]) : [];
  if (errors.length > 0) throw new GraphQLRequestError(errors, response.status);
  if (!response.ok || !isObject(body) || !isObject(body.data)) {
    throw new ApiUnreachableError(`${GRAPHQL_URI} answered HTTP ${response.status} without GraphQL data`);
  }
  return body.data as T;
}
