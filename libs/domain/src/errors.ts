/**
 * Coded errors shared by the API and the console. The API maps each code to a
 * GraphQL error with `extensions.code`; the console can explain a refusal by
 * its code and the fields named in `issues`.
 */
export const ErrorCode = {
  VALIDATION: 'VALIDATION',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  FORBIDDEN: 'FORBIDDEN',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  TRANSITION_NOT_ALLOWED: 'TRANSITION_NOT_ALLOWED',
  REFERENCED: 'REFERENCED',
  UNAVAILABLE: 'UNAVAILABLE',
  RATE_LIMITED: 'RATE_LIMITED',
  LIMIT_EXCEEDED: 'LIMIT_EXCEEDED',
  INTERNAL: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

import type { CodedMessage, MessageParams } from './messages.js';

/**
 * One problem with one input field: which field, what is wrong (English), and
 * for the rules of libs/domain a stable `code` with its `params` (messages.ts).
 */
export interface FieldIssue {
  field: string;
  message: string;
  code?: string;
  params?: MessageParams;
}

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly issues: FieldIssue[];
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: { issues?: FieldIssue[]; details?: Record<string, unknown> } = {}) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.issues = options.issues ?? [];
    this.details = options.details ?? {};
  }

  static validation(issues: FieldIssue[]): DomainError {
    return new DomainError(ErrorCode.VALIDATION, issues.map((i) => `${i.field}: ${i.message}`).join('; '), { issues });
  }

  static notFound(entity: string, id: string): DomainError {
    return new DomainError(ErrorCode.NOT_FOUND, `${entity} with id ${id} does not exist`, { details: { entity, id } });
  }

  /**
   * A move the rules refuse, with every reason: `details.reasons` holds the
   * English messages, `details.refusals` the coded reasons ({code, params,
   * message}) that clients translate.
   */
  static notAllowed(refusals: CodedMessage[]): DomainError {
    const reasons = refusals.map((r) => r.message);
    return new DomainError(ErrorCode.TRANSITION_NOT_ALLOWED, `Not allowed: ${reasons.join('; ')}`, { details: { reasons, refusals } });
  }

  /** Throws TRANSITION_NOT_ALLOWED when there are reasons. */
  static refuseIf(reasons: CodedMessage[]): void {
    if (reasons.length > 0) throw DomainError.notAllowed(reasons);
  }

  static conflict(entity: string, id: string, expectedVersion: number, actualVersion?: number): DomainError {
    const actual = actualVersion === undefined ? '' : ` (current version is ${actualVersion})`;
    return new DomainError(
      ErrorCode.CONFLICT,
      `${entity} ${id} was changed by someone else since you loaded version ${expectedVersion}${actual}; reload and apply your change again`,
      { details: { entity, id, expectedVersion, actualVersion } },
    );
  }
}

/** Throws a VALIDATION error when there are issues. */
export function assertNoIssues(issues: FieldIssue[]): void {
  if (issues.length > 0) throw DomainError.validation(issues);
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError || (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'DomainError' && 'code' in e);
}
