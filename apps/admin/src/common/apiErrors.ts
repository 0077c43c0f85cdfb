import { HttpError } from 'react-admin';
import { apiErrorsOf, type ApiErrorEntry } from '../graphql';
import type { CodedText } from './codedMessages';

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
  code?: string;
  params?: Record<string, unknown>;
}

/** One reason of a refusal (a coded reason of TRANSITION_NOT_ALLOWED) or one field issue (VALIDATION); translate it with localizeCoded. */
export interface RefusalItem extends CodedText {
  kind: 'reason' | 'issue';
  field?: string;
}

export { apiErrorsOf, type ApiErrorEntry };

/** A refused or failed operation, read from the API's GraphQL error. */
export interface Refusal {
  /** TRANSITION_NOT_ALLOWED, CONFLICT, FORBIDDEN, VALIDATION, ... */
  code?: string;
  /** The coded reasons of TRANSITION_NOT_ALLOWED (`extensions.refusals`, else the plain `extensions.reasons`), then the field issues of VALIDATION. */
  reasons: RefusalItem[];
  message: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** The coded reasons of a refusal ({code, params, message}); plain English reasons of an older API as messages only. */
export function refusalItemsOf(refusals: unknown, reasons: unknown): RefusalItem[] {
  if (Array.isArray(refusals) && refusals.length > 0) {
    return refusals
      .filter((r): r is Record<string, unknown> => isRecord(r) && typeof r.message === 'string')
      .map((r) => ({ kind: 'reason', code: typeof r.code === 'string' ? r.code : undefined, params: isRecord(r.params) ? r.params : undefined, message: r.message as string }));
  }
  return Array.isArray(reasons) ? reasons.filter((r): r is string => typeof r === 'string').map((message) => ({ kind: 'reason', message })) : [];
}

/** Code, reasons and message of the first API error an error carries (else just its message). */
export function refusalOf(error: unknown): Refusal {
  const [first] = apiErrorsOf(error);
  if (!first) return { reasons: [], message: error instanceof Error ? error.message : String(error) };
  const ext = first.extensions ?? {};
  const reasons = refusalItemsOf(ext.refusals, ext.reasons);
  const issues: RefusalItem[] = Array.isArray(ext.issues) ? ext.issues.map((i) => ({ kind: 'issue', field: i.field || undefined, code: i.code, params: i.params, message: i.message })) : [];
  return { code: typeof ext.code === 'string' ? ext.code : undefined, reasons: [...reasons, ...issues], message: first.message };
}

/** Is this a stale-version refusal (someone else saved in between)? A CONFLICT naming a field is a duplicate instead. */
export const isConflict = (refusal: Refusal): boolean => refusal.code === 'CONFLICT' && !refusal.reasons.some((r) => r.kind === 'issue');

/** Does the error carry this API error code (e.g. CONFLICT)? */
export function hasApiCode(error: unknown, code: string): boolean {
  return apiErrorsOf(error).some((e) => e.extensions?.code === code);
}

/** The field issues of a VALIDATION error, or of a CONFLICT that names its field (a duplicate); [] for other errors. */
export function apiIssuesOf(error: unknown): ApiIssue[] {
  return apiErrorsOf(error)
    .filter((e) => e.extensions?.code === 'VALIDATION' || e.extensions?.code === 'CONFLICT')
    .flatMap((e) => (Array.isArray(e.extensions?.issues) ? e.extensions.issues : []));
}

/**
 * react-admin's server-side validation: a refused save whose error has
 * `body.errors` ({ field: message }) shows each message at its input and
 * keeps the form's values. Issues without a known field go to `root.serverError`.
 * Other errors pass unchanged.
 */
export function toReactAdminError(error: unknown, text: (issue: ApiIssue) => string = (issue) => issue.message): unknown {
  const issues = apiIssuesOf(error);
  if (issues.length === 0) return error;
  const errors: Record<string, unknown> = {};
  const general: string[] = [];
  for (const issue of issues) {
    const { field } = issue;
    const message = text(issue);
    if (!field || field === 'input') general.push(message);
    else if (!(field in errors)) errors[field] = message;
    else errors[field] = `${String(errors[field])}; ${message}`;
  }
  if (general.length > 0) errors.root = { serverError: general.join('; ') };
  const message = issues.map((i) => `${i.field}: ${i.message}`).join('; ');
  const graphQLErrors = apiErrorsOf(error);
  return new HttpError(message, 400, { errors, graphQLErrors });
}
