import { checkAdvance, DEFAULT_STAGES, ONBOARDING_FULL_FIELDS, ONBOARDING_LIST_FIELDS, ONBOARDING_PAGE_FIELDS, type BlockerState, type CodedMessage, type MilestoneState, type SparseField, type StageRef } from '@efa/domain';

/** Whole days from `since` until `now` (0 for a missing or future date). */
export function daysSince(since: string | Date | null | undefined, now: Date = new Date()): number {
  if (!since) return 0;
  const t = new Date(since).getTime();
  if (Number.isNaN(t)) return 0;
  return Math.max(0, Math.floor((now.getTime() - t) / 86_400_000));
}

export interface StageLabelSource {
  key: string;
  nameDe: string;
  nameEn: string;
}

/** A stage's name in the chosen language: the service's stage, else the default pipeline's, else the key. */
export function stageName(key: string, locale: string, stages: readonly StageLabelSource[] = []): string {
  const own = stages.find((s) => s.key === key);
  if (own) return locale === 'en' ? own.nameEn : own.nameDe;
  const fallback = DEFAULT_STAGES.find((s) => s.key === key);
  if (fallback) return locale === 'en' ? fallback.name.en : fallback.name.de;
  return key;
}

export interface AdvanceInput {
  onboarding: { stage: string; status: string };
  stages: readonly StageRef[];
  milestones: readonly (MilestoneState & { nameDe?: string; nameEn?: string })[];
  blockers: readonly BlockerState[];
  contractSigned: boolean;
  locale?: string;
}

/**
 * What libs/domain's checkAdvance says about advancing to the next stage,
 * from the loaded milestones and obstacles: the target stage and the reasons
 * it would be refused (empty: allowed), coded (translate them with
 * localizeCoded); the milestones' names in both languages go with them.
 */
export function advanceCheck({ onboarding, stages, milestones, blockers, contractSigned, locale }: AdvanceInput): { toStage?: string; reasons: CodedMessage[] } {
  const named = milestones.map((m) => ({ ...m, name: (locale === 'en' ? m.nameEn : m.nameDe) ?? m.name }));
  return checkAdvance(onboarding, { stages, milestones: named, blockers, contractSigned });
}

/** Stages before the current one (targets of a move back), in pipeline order. */
export function earlierStages<T extends StageRef>(stages: readonly T[], current: string): T[] {
  const sorted = [...stages].sort((a, b) => a.position - b.position);
  const i = sorted.findIndex((s) => s.key === current);
  return i <= 0 ? [] : sorted.slice(0, i);
}

/** A FieldChange value as text ('' for empty). */
export function changeValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** Only the fields a role may send with updateOnboarding (plus version), empty strings as null. */
export const ONBOARDING_DETAIL_FIELDS = ['plannedGoLive', 'owner', 'subjectContact', 'technicalContact', 'applyUrl', 'publishPlan', 'jiraKey', 'notes'] as const;

/** The public status page of one service at one authority (server-rendered by the API's public module). */
export function publicStatusPath(ozgId: string, ars: string, lang: string = 'de'): string {
  return `/public/${lang === 'en' ? 'en' : 'de'}/services/${encodeURIComponent(ozgId)}/authorities/${encodeURIComponent(ars)}`;
}

export function onboardingUpdate(data: Record<string, unknown>, allowed: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { id: data.id, version: data.version };
  for (const field of allowed) {
    if (field in data) out[field] = data[field] === '' ? null : data[field];
  }
  return out;
}

/**
 * `meta` asking ra-data-graphql-simple for only these fields. The Onboarding
 * type has `stageOn(at: DateTime!)`, which a full-field query cannot select
 * (the required argument is missing), so every Onboarding query names its
 * fields. ra-data-graphql-simple deletes `meta.sparseFields` after reading
 * it; this object keeps them, so a refetch (refresh) asks the same fields.
 */
/** A sparse field: a field's name, or a linked field with its own sparse fields. */
export type { SparseField } from '@efa/domain';

export function sparseMeta(fields: readonly SparseField[]): { sparseFields: SparseField[] } {
  const target = { sparseFields: [...fields] };
  return new Proxy(target, { deleteProperty: () => true });
}

export { ONBOARDING_LIST_FIELDS, ONBOARDING_FULL_FIELDS, ONBOARDING_PAGE_FIELDS } from '@efa/domain';

export const ONBOARDING_META = sparseMeta(ONBOARDING_LIST_FIELDS);

export const ONBOARDING_FULL_META = sparseMeta(ONBOARDING_FULL_FIELDS);

export const ONBOARDING_PAGE_META = sparseMeta(ONBOARDING_PAGE_FIELDS);

/** CSV text (comma-separated, quoted where needed, header from the first row's keys). */
export function toCsv(rows: readonly Record<string, unknown>[]): string {
  if (rows.length === 0) return '';
  const keys = Object.keys(rows[0]);
  const cell = (value: unknown) => {
    const text = value === null || value === undefined ? '' : String(value);
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [keys.join(','), ...rows.map((row) => keys.map((k) => cell(row[k])).join(','))].join('\n');
}
