import { useGetList, useGetOne } from 'react-admin';
import { sparseMeta } from './logic';
import { useServiceStages, type ServiceStage } from './shared';

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

const SERVICE_META = sparseMeta(['id', 'leadStateId', 'ozgId']);
const CONTRACT_META = sparseMeta(['id', 'status']);

/** Everything the show page's workflow needs besides the record: stages, milestones, obstacles, contract. */
export function useOnboardingContext(record: OnboardingRecord | undefined) {
  const { stages, isPending: stagesPending } = useServiceStages(record?.serviceId);
  const enabled = Boolean(record?.id);
  const milestones = useGetList<MilestoneRecord>(
    'Milestone',
    { filter: { onboardingId: record?.id }, pagination: { page: 1, perPage: 200 }, sort: { field: 'position', order: 'ASC' }, meta: MILESTONE_META },
    { enabled },
  );
  const blockers = useGetList<BlockerRecord>(
    'Blocker',
    { filter: { onboardingId: record?.id }, pagination: { page: 1, perPage: 200 }, sort: { field: 'openedAt', order: 'DESC' }, meta: BLOCKER_META },
    { enabled },
  );
  const authority = useGetOne<{ id: string; stateId: string; ars: string }>('Authority', { id: record?.authorityId ?? '' }, { enabled: Boolean(record?.authorityId) });
  const stateId = authority.data?.stateId;
  const service = useGetOne<{ id: string; leadStateId: string | null; ozgId: string | null }>(
    'Service',
    { id: record?.serviceId ?? '', meta: SERVICE_META },
    { enabled: Boolean(record?.serviceId) },
  );
  const contracts = useGetList<{ id: string; status: string }>(
    'ReuseContract',
    { filter: { stateId, serviceId: record?.serviceId }, pagination: { page: 1, perPage: 10 }, sort: { field: 'status', order: 'ASC' }, meta: CONTRACT_META },
    { enabled: Boolean(stateId && record?.serviceId) },
  );
  const contractSigned =
    (stateId !== undefined && service.data?.leadStateId === stateId) || (contracts.data ?? []).some((c) => c.status === 'SIGNED');
  return {
    stages: stages as ServiceStage[],
    stagesPending,
    milestones: milestones.data ?? [],
    milestonesPending: milestones.isPending,
    blockers: blockers.data ?? [],
    blockersPending: blockers.isPending,
    stateId,
    contractSigned,
    /** The authority's ARS and the service's OZG-ID: the keys of the public status page. */
    ars: authority.data?.ars,
    ozgId: service.data?.ozgId ?? undefined,
  };
}

export type OnboardingContextData = ReturnType<typeof useOnboardingContext>;
