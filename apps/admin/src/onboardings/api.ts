import { parse, type DocumentNode } from 'graphql';
import { useMemo } from 'react';
import { useDataProvider, useLogoutIfAccessDenied } from 'react-admin';

/**
 * The onboarding workflow's domain operations (advance, move back, pause,
 * resume, cancel, reopen; milestone and obstacle actions; the timeline).
 * They go through the session's Apollo client of ra-data-graphql-simple
 * (SessionDataProvider.client, reached through react-admin's
 * useDataProvider), so there is no second transport. Each mutation sends
 * the `version` the user loaded; a stale one is refused with CONFLICT.
 */

/** A refused or failed operation, read from the API's GraphQL error. */
export interface Refusal {
  /** TRANSITION_NOT_ALLOWED, CONFLICT, FORBIDDEN, VALIDATION, ... */
  code?: string;
  /** `extensions.reasons` (TRANSITION_NOT_ALLOWED) or the field messages of VALIDATION. */
  reasons: string[];
  message: string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function strings(list: unknown): string[] {
  return Array.isArray(list) ? list.filter((r): r is string => typeof r === 'string') : [];
}

/**
 * Reads code and reasons from whatever shape an error arrives in: Apollo's
 * CombinedGraphQLErrors / ApolloError (`errors`, `graphQLErrors`), a non-2xx
 * answer (`networkError.result.errors`), react-admin's HttpError (`body`),
 * and `cause` chains.
 */
export function refusalOf(error: unknown, depth = 0): Refusal {
  const fallback: Refusal = { reasons: [], message: error instanceof Error ? error.message : String(error) };
  if (!isObject(error) || depth > 5) return fallback;
  const lists = [error.graphQLErrors, error.errors, isObject(error.result) ? error.result.errors : undefined];
  for (const list of lists) {
    if (!Array.isArray(list) || list.length === 0) continue;
    const first: unknown = list[0];
    if (!isObject(first)) continue;
    const extensions = isObject(first.extensions) ? first.extensions : {};
    const issues = Array.isArray(extensions.issues)
      ? extensions.issues.flatMap((i) => (isObject(i) && typeof i.message === 'string' ? [typeof i.field === 'string' && i.field ? `${i.field}: ${i.message}` : i.message] : []))
      : [];
    return {
      code: typeof extensions.code === 'string' ? extensions.code : undefined,
      reasons: [...strings(extensions.reasons), ...issues],
      message: typeof first.message === 'string' ? first.message : fallback.message,
    };
  }
  for (const key of ['body', 'networkError', 'cause'] as const) {
    if (isObject(error[key]) && error[key] !== error) {
      const inner = refusalOf(error[key], depth + 1);
      if (inner.code || inner.reasons.length > 0) return inner;
    }
  }
  return fallback;
}

/** Is this a stale-version refusal (someone else saved in between)? */
export const isConflict = (refusal: Refusal): boolean => refusal.code === 'CONFLICT';

/** One entry of onboardingTimeline. */
export interface TimelineEntry {
  id: string;
  action: string;
  actor: string;
  entityType: string;
  entityId: string | null;
  subject: string | null;
  comment: string | null;
  occurredAt: string;
  changes: { field: string; from: unknown; to: unknown }[];
}

const ONBOARDING_FIELDS = 'id version stage stageEnteredAt status statusReason liveAt';
const MILESTONE_FIELDS = 'id version status completedAt note evidenceUrl';
const BLOCKER_FIELDS = 'id version resolvedAt resolution';

const doc = (text: string) => parse(text);

const OPERATIONS = {
  advanceOnboarding: doc(`mutation advanceOnboarding($id: ID!, $version: Int!, $toStage: String, $comment: String, $liveAt: DateTime) {
    data: advanceOnboarding(id: $id, version: $version, toStage: $toStage, comment: $comment, liveAt: $liveAt) { ${ONBOARDING_FIELDS} } }`),
  moveOnboardingBack: doc(`mutation moveOnboardingBack($id: ID!, $version: Int!, $toStage: String!, $reason: String!) {
    data: moveOnboardingBack(id: $id, version: $version, toStage: $toStage, reason: $reason) { ${ONBOARDING_FIELDS} } }`),
  pauseOnboarding: doc(`mutation pauseOnboarding($id: ID!, $version: Int!, $reason: String!) {
    data: pauseOnboarding(id: $id, version: $version, reason: $reason) { ${ONBOARDING_FIELDS} } }`),
  resumeOnboarding: doc(`mutation resumeOnboarding($id: ID!, $version: Int!) {
    data: resumeOnboarding(id: $id, version: $version) { ${ONBOARDING_FIELDS} } }`),
  cancelOnboarding: doc(`mutation cancelOnboarding($id: ID!, $version: Int!, $reason: String!) {
    data: cancelOnboarding(id: $id, version: $version, reason: $reason) { ${ONBOARDING_FIELDS} } }`),
  reopenOnboarding: doc(`mutation reopenOnboarding($id: ID!, $version: Int!, $reason: String!) {
    data: reopenOnboarding(id: $id, version: $version, reason: $reason) { ${ONBOARDING_FIELDS} } }`),
  completeMilestone: doc(`mutation completeMilestone($id: ID!, $version: Int!, $evidenceUrl: String, $note: String) {
    data: completeMilestone(id: $id, version: $version, evidenceUrl: $evidenceUrl, note: $note) { ${MILESTONE_FIELDS} } }`),
  markMilestoneNotApplicable: doc(`mutation markMilestoneNotApplicable($id: ID!, $version: Int!, $reason: String!) {
    data: markMilestoneNotApplicable(id: $id, version: $version, reason: $reason) { ${MILESTONE_FIELDS} } }`),
  reopenMilestone: doc(`mutation reopenMilestone($id: ID!, $version: Int!, $note: String) {
    data: reopenMilestone(id: $id, version: $version, note: $note) { ${MILESTONE_FIELDS} } }`),
  resolveBlocker: doc(`mutation resolveBlocker($id: ID!, $version: Int!, $resolution: String!) {
    data: resolveBlocker(id: $id, version: $version, resolution: $resolution) { ${BLOCKER_FIELDS} } }`),
  reopenBlocker: doc(`mutation reopenBlocker($id: ID!, $version: Int!, $reason: String!) {
    data: reopenBlocker(id: $id, version: $version, reason: $reason) { ${BLOCKER_FIELDS} } }`),
} satisfies Record<string, DocumentNode>;

export type DomainOperation = keyof typeof OPERATIONS;

const TIMELINE = doc(`query onboardingTimeline($id: ID!, $limit: Int!) {
  data: onboardingTimeline(id: $id, limit: $limit) { id action actor entityType entityId subject comment occurredAt changes { field from to } } }`);

/** The part of Apollo's client used here. */
interface GraphQLClient {
  mutate(options: { mutation: DocumentNode; variables?: Record<string, unknown>; fetchPolicy?: 'no-cache' }): Promise<{ data?: unknown }>;
  query(options: { query: DocumentNode; variables?: Record<string, unknown>; fetchPolicy?: 'no-cache' }): Promise<{ data?: unknown }>;
}

function isClient(value: unknown): value is GraphQLClient {
  return isObject(value) && typeof value.mutate === 'function' && typeof value.query === 'function';
}

export interface OnboardingApi {
  /** Runs one domain mutation; rejects with the API's error (read it with refusalOf). */
  run(operation: DomainOperation, variables: Record<string, unknown>): Promise<Record<string, unknown>>;
  timeline(id: string, limit?: number): Promise<TimelineEntry[]>;
}

/** The domain operations over the session's GraphQL client; an UNAUTHENTICATED answer signs out as react-admin does. */
export function useOnboardingApi(): OnboardingApi {
  const dataProvider = useDataProvider();
  const logoutIfAccessDenied = useLogoutIfAccessDenied();
  return useMemo(() => {
    const client = async (): Promise<GraphQLClient> => {
      const value: unknown = await (dataProvider as unknown as { client: () => Promise<unknown> }).client();
      if (!isClient(value)) throw new Error('The data provider offers no GraphQL client.');
      return value;
    };
    const guard = async <T,>(promise: Promise<T>): Promise<T> => {
      try {
        return await promise;
      } catch (error) {
        const refusal = refusalOf(error);
        if (refusal.code === 'UNAUTHENTICATED') await logoutIfAccessDenied(error);
        throw error;
      }
    };
    return {
      run: async (operation, variables) =>
        guard(
          (async () => {
            const result = await (await client()).mutate({ mutation: OPERATIONS[operation], variables, fetchPolicy: 'no-cache' });
            return (result.data as { data: Record<string, unknown> }).data;
          })(),
        ),
      timeline: async (id, limit = 200) =>
        guard(
          (async () => {
            const result = await (await client()).query({ query: TIMELINE, variables: { id, limit }, fetchPolicy: 'no-cache' });
            return (result.data as { data: TimelineEntry[] }).data;
          })(),
        ),
    };
  }, [dataProvider, logoutIfAccessDenied]);
}
