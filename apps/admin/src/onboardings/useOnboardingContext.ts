import { useMemo } from 'react';
import type { GuideSectionRecord } from '../guides/MilestoneGuide';
import type { OverdueActionItems } from '../meetings/meetingApi';
import type { TimelineEntry } from './api';
import { sparseMeta } from './logic';
import type { ServiceStage } from './shared';

export interface OnboardingRecord {
  id: string;
  version: number;
  authorityId: string;
  serviceId: string;
  stage: string;
  status: string;
  statusReason: string | null;
  stageEnteredAt: string;
  plannedGoLive: string | null;
  liveAt: string | null;
  owner: string | null;
  subjectContact: string | null;
  technicalContact: string | null;
  applyUrl: string | null;
  publishPlan?: boolean;
  jiraKey: string | null;
  notes: string | null;
  transitions?: TransitionRecord[];
  noteEntries?: NoteRecord[];
  // What the show page loads with the record (ONBOARDING_PAGE_META); a null `wave` is left out.
  milestones?: MilestoneRecord[];
  blockers?: BlockerRecord[];
  authority?: { id: string; name: string; stateId: string; ars: string };
  service?: { id: string; name: string; leadStateId: string | null; ozgId: string | null };
  wave?: { id: string; name: string };
  stages?: ServiceStage[];
  guideSections?: GuideSectionRecord[];
  contractSigned?: boolean;
  timeline?: TimelineEntry[];
  watching?: boolean;
  overdueActionItems?: OverdueActionItems;
}

/** A dated note of an onboarding (e.g. an imported Jira comment). */
export interface NoteRecord {
  id: string;
  author: string;
  writtenAt: string;
  text: string;
  source: string;
}

export interface TransitionRecord {
  id: string;
  kind: string;
  fromStage: string | null;
  fromStatus: string | null;
  toStage: string;
  toStatus: string;
  actor: string;
  comment: string | null;
  occurredAt: string;
}

export interface MilestoneRecord {
  id: string;
  version: number;
  onboardingId: string;
  key: string;
  nameDe: string;
  nameEn: string;
  stage: string;
  status: string;
  required: boolean;
  position: number;
  dueDate: string | null;
  completedAt: string | null;
  evidenceUrl: string | null;
  note: string | null;
}

export interface BlockerRecord {
  id: string;
  version: number;
  onboardingId: string;
  title: string;
  description: string | null;
  category: string;
  severity: string;
  owner: string | null;
  openedAt: string;
  resolvedAt: string | null;
  resolution: string | null;
}

export const MILESTONE_META = sparseMeta(['id', 'version', 'onboardingId', 'key', 'nameDe', 'nameEn', 'stage', 'status', 'required', 'position', 'dueDate', 'completedAt', 'evidenceUrl', 'note']);
export const BLOCKER_META = sparseMeta(['id', 'version', 'onboardingId', 'title', 'description', 'category', 'severity', 'owner', 'openedAt', 'resolvedAt', 'resolution']);

/**
 * Everything the show page's workflow needs besides the record's own fields: stages, milestones,
 * obstacles, the authority's state, the contract. All of it comes with the record (ONBOARDING_PAGE_META:
 * one query), so it is exactly as fresh as the record and a refresh reloads it together.
 */
export function useOnboardingContext(record: OnboardingRecord | undefined) {
  return useMemo(() => {
    const loaded = record?.milestones !== undefined;
    return {
      stages: record?.stages ?? [],
      stagesPending: !loaded,
      milestones: record?.milestones ?? [],
      milestonesPending: !loaded,
      blockers: record?.blockers ?? [],
      blockersPending: !loaded,
      stateId: record?.authority?.stateId,
      contractSigned: record?.contractSigned ?? false,
      /** The authority's ARS and the service's OZG-ID: the keys of the public status page. */
      ars: record?.authority?.ars,
      ozgId: record?.service?.ozgId ?? undefined,
    };
  }, [record]);
}

export type OnboardingContextData = ReturnType<typeof useOnboardingContext>;
