import { DomainError, addMonths, endOfLocalDay, isIsoDate, issueAt, localDate, type FieldIssue } from '@efa/domain';
import { UUID_PATTERN } from '../common/crud.service.js';

export interface ReportParams {
  serviceId: string | null;
  asOf: Date;
  since: Date;
  /** The cost key of the cost-share section; null: the default (the contract year's Königsteiner Schlüssel). */
  costKeyId: string | null;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A date (the end of that day in Europe/Berlin) or an ISO date-time; undefined when absent. */
function moment(field: string, value: unknown, issues: FieldIssue[]): Date | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') {
    issues.push(issueAt(field, 'GIVEN_ONCE'));
    return undefined;
  }
  if (isIsoDate(value)) return endOfLocalDay(value);
  const at = DATE_TIME.test(value) ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(at.getTime())) issues.push(issueAt(field, 'NOT_A_DATE_OR_DATE_TIME', { value: JSON.stringify(value) }));
  return at;
}

/**
 * The report routes' query parameters: serviceId (default: the dashboard's default service),
 * asOf (default now), since (the previous report's date; default one month before asOf's date),
 * costKeyId (the cost key of the cost shares; whether it exists is checked when the report is built).
 * Bad input is a VALIDATION error naming the parameter.
 */
export function parseReportParams(query: Record<string, unknown>, now: Date = new Date()): ReportParams {
  const issues: FieldIssue[] = [];
  const { serviceId } = query;
  if (serviceId !== undefined && serviceId !== '' && (typeof serviceId !== 'string' || !UUID_PATTERN.test(serviceId))) {
    issues.push(issueAt('serviceId', 'NOT_AN_ID', { value: JSON.stringify(serviceId) }));
  }
  const { costKeyId } = query;
  if (costKeyId !== undefined && typeof costKeyId !== 'string') issues.push({ field: 'costKeyId', message: 'must be given once' });
  const asOf = moment('asOf', query.asOf, issues) ?? now;
  const since = moment('since', query.since, issues) ?? (Number.isNaN(asOf.getTime()) ? asOf : endOfLocalDay(addMonths(localDate(asOf), -1)));
  if (!issues.length && since.getTime() >= asOf.getTime()) issues.push(issueAt('since', 'MUST_BE_BEFORE', { other: 'asOf' }));
  if (issues.length) throw DomainError.validation(issues);
  return { serviceId: typeof serviceId === 'string' && serviceId ? serviceId : null, asOf, since, costKeyId: typeof costKeyId === 'string' && costKeyId ? costKeyId : null };
}
