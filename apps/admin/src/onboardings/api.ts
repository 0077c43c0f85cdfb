import { parse, type DocumentNode } from 'graphql';
import { useMemo } from 'react';
import { useGuardedSession } from '../common/useGuardedSession';

/**
 * The onboarding workflow's domain operations (advance, move back, pause,
 * resume, cancel, reopen; milestone and obstacle actions). The timeline comes with the show page's
 * record (Onboarding.timeline, ONBOARDING_PAGE_META).
 * They go through the session's Apollo client of ra-data-graphql-simple
 * (SessionDataProvider.client, reached through react-admin's
 * useDataProvider), so there is no second transport. Each mutation sends
 * the `version` the user loaded; a stale one is refused with CONFLICT.
 */

export { isConflict, refusalOf, type Refusal } from '../common/apiErrors';

/** One entry of Onboarding.timeline (as onboardingTimeline). */
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

/** The part of Apollo's client used here. */
export interface OnboardingApi {
  /** Runs one domain mutation; rejects with the API's error (read it with refusalOf). */
  run(operation: DomainOperation, variables: Record<string, unknown>): Promise<Record<string, unknown>>;
}

/** The domain operations over the session's GraphQL client; an UNAUTHENTICATED answer signs out as react-admin does. */
export function useOnboardingApi(): OnboardingApi {
  const { session, guard } = useGuardedSession();
  return useMemo(
    () => ({
      run: async (operation, variables) => (await guard(session.mutate<{ data: Record<string, unknown> }>(OPERATIONS[operation], variables))).data,
    }),
    [session, guard],
  );
}
