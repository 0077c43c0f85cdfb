import type { StageCount } from './dashboardApi';
import type { DashboardScope } from './useDashboardScope';

/**
 * Where a figure clicks through to: react-admin's list URL with the filter
 * (and sort) in its query string, `/Onboarding?filter={…}`, using the
 * filters OnboardingFilter offers (serviceId, stateId, stage, status,
 * specialistSystemId, hasBlockingBlocker). Lists show today's data.
 */

export type OnboardingListFilter = {
  serviceId?: string;
  stateId?: string;
  waveId?: string;
  stage?: string[];
  status?: ('ACTIVE' | 'ON_HOLD' | 'CANCELLED')[];
  specialistSystemId?: string;
  hasBlockingBlocker?: boolean;
};

export function listPath(resource: string, filter: Record<string, unknown>, sort?: { field: string; order: 'ASC' | 'DESC' }): string {
  const query = new URLSearchParams({ filter: JSON.stringify(filter), page: '1' });
  if (sort) {
    query.set('sort', sort.field);
    query.set('order', sort.order);
  }
  return `/${resource}?${query.toString()}`;
}

/** The scope's own filter: the service shown and the state narrowed to. */
export function scopeFilter(scope: Pick<DashboardScope, 'state'> & { waveId?: string }, serviceId: string): OnboardingListFilter {
  return { serviceId, ...(scope.state ? { stateId: scope.state.id } : {}), ...(scope.waveId ? { waveId: scope.waveId } : {}) };
}

export const onboardingsPath = (filter: OnboardingListFilter, sort?: { field: string; order: 'ASC' | 'DESC' }) => listPath('Onboarding', filter, sort);

/** The last stage of the pipeline (go-live) and the ones before it, from the funnel. */
export function splitStages(funnel: readonly StageCount[]): { live?: string; before: string[] } {
  const ordered = [...funnel].sort((a, b) => a.position - b.position);
  const last = ordered.at(-1);
  return { live: last?.stage, before: ordered.slice(0, -1).map((s) => s.stage) };
}

/**
 * The filters behind the headline figures, as the API counts them:
 * live = in the last stage and not cancelled; in rollout = active in an
 * earlier stage; paused = on hold in an earlier stage.
 */
export function statusFilters(funnel: readonly StageCount[]) {
  const { live, before } = splitStages(funnel);
  return {
    live: { stage: live ? [live] : [], status: ['ACTIVE', 'ON_HOLD'] } satisfies OnboardingListFilter,
    inRollout: { stage: before, status: ['ACTIVE'] } satisfies OnboardingListFilter,
    paused: { stage: before, status: ['ON_HOLD'] } satisfies OnboardingListFilter,
    cancelled: { status: ['CANCELLED'] } satisfies OnboardingListFilter,
  };
}

/** The monthly steering report's REST route (the session cookie goes along): `/reports/monthly.xlsx?serviceId=…&asOf=…&since=…&costKeyId=…`. */
export function monthlyReportUrl(format: 'xlsx' | 'html', params: { serviceId: string; asOf?: string; since: string; costKeyId?: string }): string {
  const query = new URLSearchParams({ serviceId: params.serviceId });
  if (params.asOf) query.set('asOf', params.asOf);
  query.set('since', params.since);
  if (params.costKeyId) query.set('costKeyId', params.costKeyId);
  return `/reports/monthly.${format}?${query.toString()}`;
}

/** One onboarding's page (where its milestones and obstacles are). */
export const onboardingPath = (id: string) => `/Onboarding/${id}/show`;

/** The obstacles list (BlockerFilter: open, category, severity, serviceId, stateId). */
export const blockersPath = (scope: Pick<DashboardScope, 'state'>, serviceId: string, filter: { category?: string[]; severity?: string[] } = {}) =>
  listPath('Blocker', { open: true, serviceId, ...(scope.state ? { stateId: scope.state.id } : {}), ...filter }, { field: 'openedAt', order: 'ASC' });
