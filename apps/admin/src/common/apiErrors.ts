import { HttpError } from 'react-admin';

/**
 * Reading the API's GraphQL errors (extensions.code, extensions.issues)
 * from whatever wraps them (react-admin's HttpError around Apollo's
 * ApolloError, `cause` chains), and turning them into what react-admin's
 * forms understand. No imports of the data provider: the provider's error
 * mapping (dataProvider.ts) and the views both use it.
 */

export interface ApiIssue {
  field: string;
  message: string;
}

export interface ApiErrorEntry {
  message: string;
  extensions?: { code?: string; issues?: ApiIssue[]; [key: string]: unknown };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Every GraphQL error entry an error carries. */
export function apiErrorsOf(error: unknown, depth = 0): ApiErrorEntry[] {
  if (!isObject(error) || depth > 5) return [];
  const found: ApiErrorEntry[] = [];
  for (const key of ['errors', 'graphQLErrors'] as const) {
    const list = error[key];
    if (Array.isArray(list)) found.push(...list.filter((e): e is ApiErrorEntry => isObject(e) && typeof e.message === 'string'));
  }
  if (isObject(error.result) && Array.isArray(error.result.errors)) found.push(...(error.result.errors as ApiErrorEntry[]));
  for (const key of ['body', 'networkError', 'cause'] as const) {
    if (error[key] !== error) found.push(...apiErrorsOf(error[key], depth + 1));
  }
  return found;
}

/** Does the error carry this API error code (e.g. CONFLICT)? */
export function hasApiCode(error: unknown, code: string): boolean {
  return apiErrorsOf(error).some((e) => e.extensions?.code === code);
}

/** The field issues of a VALIDATION error ([] for other errors). */
export function apiIssuesOf(error: unknown): ApiIssue[] {
  return apiErrorsOf(error)
    .filter((e) => e.extensions?.code === 'VALIDATION')
    .flatMap((e) => (Array.isArray(e.extensions?.issues) ? e.extensions.issues : []));
}

/**
 * react-admin's server-side validation: a refused save whose error has
 * `body.errors` ({ field: message }) shows each message at its input and
 * keeps the form's values. Issues without a known field go to `root.serverError`.
 * Other errors pass unchanged.
 */
export function toReactAdminError(error: unknown): unknown {
  const issues = apiIssuesOf(error);
  if (issues.length === 0) return error;
  const errors: Record<string, unknown> = {};
  const general: string[] = [];
  for (const { field, message } of issues) {
    if (!field || field === 'input') general.push(message);
    else if (!(field in errors)) errors[field] = message;
    else errors[field] = `${String(errors[field])}; ${message}`;
  }
  if (general.length > 0) errors.root = { serverError: general.join('; ') };
  const message = issues.map((i) => `${i.field}: ${i.message}`).join('; ');
  const graphQLErrors = apiErrorsOf(error);
  return new HttpError(message, 400, { errors, graphQLErrors });
}
