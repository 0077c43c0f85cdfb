/**
 * The fields of an onboarding the console reads per view (ra-data-graphql-simple's `sparseFields`:
 * a field's name, or a linked field with its own fields): the read contract between apps/admin and
 * the API, shared with bench/console-requests.mjs so the benchmark sends exactly what the console sends.
 */
export type SparseField = string | { readonly [field: string]: readonly SparseField[] };

/** The onboarding list (and references to an onboarding). */
export const ONBOARDING_LIST_FIELDS = [
  'id',
  'version',
  'authorityId',
  'serviceId',
  'waveId',
  'stage',
  'status',
  'statusReason',
  'stageEnteredAt',
  'plannedGoLive',
  'liveAt',
  'owner',
  'jiraKey',
] as const;

/** The edit form: the list's fields, the details, transitions and notes. */
export const ONBOARDING_FULL_FIELDS = [
  ...ONBOARDING_LIST_FIELDS,
  'subjectContact',
  'technicalContact',
  'applyUrl',
  'publishPlan',
  'notes',
  'createdAt',
  'updatedAt',
  { transitions: ['id', 'kind', 'fromStage', 'fromStatus', 'toStage', 'toStatus', 'actor', 'comment', 'occurredAt'] },
  { noteEntries: ['id', 'author', 'writtenAt', 'text', 'source'] },
] as const;

/**
 * The show page's one query: the record with everything the page shows of it (transitions, notes,
 * milestones, obstacles, the service's stages and guide, the referenced authority, service and wave,
 * whether the contract lets it go live, the timeline), so the page is one round trip. A refresh
 * (after an action on the page) reloads all of it together, so no part of the page is older than another.
 */
export const ONBOARDING_PAGE_FIELDS = [
  ...ONBOARDING_FULL_FIELDS,
  'contractSigned',
  { milestones: ['id', 'version', 'onboardingId', 'key', 'nameDe', 'nameEn', 'stage', 'status', 'required', 'position', 'dueDate', 'completedAt', 'evidenceUrl', 'note'] },
  { blockers: ['id', 'version', 'onboardingId', 'title', 'description', 'category', 'severity', 'owner', 'openedAt', 'resolvedAt', 'resolution'] },
  { authority: ['id', 'name', 'stateId', 'ars'] },
  { service: ['id', 'name', 'leadStateId', 'ozgId'] },
  { wave: ['id', 'name'] },
  { stages: ['id', 'serviceId', 'key', 'nameDe', 'nameEn', 'position'] },
  { guideSections: ['id', 'serviceId', 'position', 'title', 'body', 'milestoneKey', 'revision'] },
  { timeline: ['id', 'action', 'actor', 'entityType', 'entityId', 'subject', 'comment', 'occurredAt', { changes: ['field', 'from', 'to'] }] },
  'watching',
  { overdueActionItems: ['total', { items: ['itemId', 'meetingId', 'meetingTitle', 'text', 'owner', 'status', 'dueDate', 'daysOverdue', 'onboardingId', 'authorityId', 'authorityName', 'stateCode'] }] },
] as const;
