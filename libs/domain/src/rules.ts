import { z } from 'zod';
import type { FieldIssue } from './errors.js';
import { ISSUE_TEMPLATES, isIssueCode, type IssueCode, type MessageParams } from './messages.js';
import { AuthorityKind, AuthorityLevel, BlockerCategory, BlockerSeverity, ContractStatus, LegalRoute, MilestoneStatus, MunicipalAccessModel, ReuseVariant, TopicField, enumValues } from './enums.js';
import { ARS_PATTERN, checkArs } from './identifiers.js';
import { STATE_CODES } from './states.js';
import { Role } from './access.js';
import { VERSION_PATTERN } from './versions.js';

/**
 * Validation rules shared by API and console, as zod schemas. Each schema
 * takes the complete record as it would be after the write (create input, or
 * the existing record merged with an update); `validate*` returns every
 * problem found, each naming its input field. The schemas' messages are
 * issue codes (messages.ts); `issuesOf` turns them into {field, code, params,
 * message} with the English message.
 */

const c = (code: IssueCode) => code;
const text = (max: number) =>
  z
    .string({ error: c('REQUIRED') })
    .refine((s) => s.trim().length > 0, c('REQUIRED'))
    .refine((s) => s.length <= max, { message: c('TOO_LONG'), params: { max } });
const optionalText = (max: number) => z.string().max(max, c('TOO_LONG')).nullish();
const enumOf = <T extends Record<string, string>>(e: T) => {
  const values = enumValues(e) as unknown as [string, ...string[]];
  return z.enum(values, { error: () => c('NOT_ONE_OF') });
};
const HTTP_URL = /^https?:\/\/[^\s/?#]+\.[^\s/?#]+(?::\d+)?(?:[/?#]\S*)?$/i;
const httpUrl = z.string().max(500, c('TOO_LONG')).regex(HTTP_URL, c('NOT_HTTP_URL'));
const wholeNumber = (min: number, max: number) =>
  z
    .number({ error: c('NOT_A_NUMBER') })
    .int(c('NOT_WHOLE_NUMBER'))
    .min(min, min === 0 ? c('NEGATIVE') : c('TOO_SMALL'))
    .max(max, c('TOO_LARGE'));

/** Is this a real calendar date in ISO form (rejects 2023-02-31)? */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}
const isoDate = z.string().refine(isIsoDate, c('NOT_A_DATE'));

/** Zod reports the refused input (for "got …" in NOT_ONE_OF). */
const WITH_INPUT = { reportInput: true } as const;

function issuesOf(result: { success: boolean; error?: z.ZodError }, rename: Record<string, string> = {}): FieldIssue[] {
  if (result.success || !result.error) return [];
  return result.error.issues.map((i) => {
    const head = String(i.path[0] ?? '');
    const field = [rename[head] ?? head, ...i.path.slice(1).map(String)].filter(Boolean).join('.');
    if (!isIssueCode(i.message)) return { field: field || 'input', message: i.message };
    const params = paramsOf(i);
    return { field: field || 'input', code: i.message, params, message: ISSUE_TEMPLATES[i.message](params) };
  });
}

/** The params of a coded zod issue: the limit it broke, the allowed values, or what a custom check gave. */
function paramsOf(i: z.core.$ZodIssue): MessageParams {
  const params: MessageParams = {};
  if (i.code === 'too_big') params.max = Number(i.maximum);
  if (i.code === 'too_small') params.min = Number(i.minimum);
  if (i.code === 'invalid_value') {
    params.values = i.values.map(String).join(', ');
    params.input = String(i.input);
  }
  if (i.code === 'custom' && i.params) Object.assign(params, i.params);
  return params;
}

export const stateSchema = z.object({
  code: z.enum(STATE_CODES, { error: () => c('NOT_A_STATE_CODE') }),
  name: text(100),
  arsPrefix: z.string().regex(/^(0[1-9]|1[0-6])$/, c('ARS_PREFIX_FORMAT')),
  koenigsteinShare: z.number().min(0, c('NOT_A_PERCENTAGE')).max(100, c('NOT_A_PERCENTAGE')).nullish(),
});
export type StateRecord = z.input<typeof stateSchema>;
export const validateState = (s: object): FieldIssue[] => issuesOf(stateSchema.safeParse(s, WITH_INPUT));

export const authoritySchema = z
  .object({
    name: text(200),
    kind: enumOf(AuthorityKind),
    level: enumOf(AuthorityLevel),
    /** The code of the state the authority belongs to (resolved from stateId by the caller). */
    stateCode: z.string({ error: c('STATE_REQUIRED') }),
    ars: z.string({ error: c('ARS_REQUIRED') }).regex(ARS_PATTERN, c('ARS_FORMAT')),
    population: wholeNumber(0, 100_000_000).nullish(),
    website: httpUrl.nullish(),
    email: z.email(c('NOT_EMAIL')).max(200, c('TOO_LONG')).nullish(),
    notes: optionalText(10_000),
  })
  .superRefine((a, ctx) => {
    if (!ARS_PATTERN.test(a.ars)) return;
    for (const issue of checkArs(a.ars, a.stateCode)) ctx.addIssue({ code: 'custom', path: ['ars'], message: issue.code ?? issue.message, params: issue.params });
  });
export type AuthorityRecord = z.input<typeof authoritySchema>;
export const validateAuthority = (a: object): FieldIssue[] => issuesOf(authoritySchema.safeParse(a, WITH_INPUT), { stateCode: 'stateId' });

export const serviceSchema = z.object({
  name: text(200),
  ozgId: z.string().regex(/^\d{1,6}$/, c('OZG_ID_FORMAT')).nullish(),
  leikaKeys: z.array(z.string().regex(/^\d{14}$/, c('LEIKA_FORMAT'))).max(200).nullish(),
  topicField: enumOf(TopicField),
  provider: optionalText(200),
  ozgType: wholeNumber(1, 5).nullish(),
  maturityLevel: wholeNumber(0, 4).nullish(),
  standard: optionalText(100),
  requiredStandardVersion: z.string().regex(VERSION_PATTERN, c('VERSION_FORMAT')).nullish(),
  website: httpUrl.nullish(),
  description: optionalText(10_000),
});
export type ServiceRecord = z.input<typeof serviceSchema>;
export const validateService = (s: object): FieldIssue[] => issuesOf(serviceSchema.safeParse(s, WITH_INPUT));

export const specialistSystemSchema = z.object({
  vendor: text(100),
  product: text(100),
  standard: text(100),
  supportedVersions: z.array(z.string().regex(VERSION_PATTERN, c('VERSION_FORMAT'))).max(50),
  ozgInterface: z.boolean(),
});
export type SpecialistSystemRecord = z.input<typeof specialistSystemSchema>;
export const validateSpecialistSystem = (s: object): FieldIssue[] => issuesOf(specialistSystemSchema.safeParse(s, WITH_INPUT));

/** The date each contract status needs, in lifecycle order. */
export const CONTRACT_STATUS_DATES = [
  [ContractStatus.INTEREST_DECLARED, 'interestDeclaredAt'],
  [ContractStatus.NEGOTIATING, 'negotiationStartedAt'],
  [ContractStatus.SIGNED, 'signedAt'],
  [ContractStatus.TERMINATED, 'terminatedAt'],
] as const;

const CONTRACT_ORDER = enumValues(ContractStatus);

export const contractSchema = z
  .object({
    status: enumOf(ContractStatus),
    legalRoute: enumOf(LegalRoute).nullish(),
    municipalAccess: enumOf(MunicipalAccessModel).nullish(),
    interestDeclaredAt: isoDate.nullish(),
    negotiationStartedAt: isoDate.nullish(),
    signedAt: isoDate.nullish(),
    terminatedAt: isoDate.nullish(),
    notes: optionalText(10_000),
  })
  .superRefine((c, ctx) => {
    // Dates follow the lifecycle: interest <= negotiation <= signed <= terminated.
    let previous: [string, string] | undefined;
    for (const [, field] of CONTRACT_STATUS_DATES) {
      const value = c[field];
      if (!value || !isIsoDate(value)) continue;
      if (previous && value < previous[1]) {
        ctx.addIssue({ code: 'custom', path: [field], message: 'DATE_BEFORE', params: { value, other: previous[0], otherValue: previous[1] } });
      }
      previous = [field, value];
    }
    const rank = CONTRACT_ORDER.indexOf(c.status as ContractStatus);
    for (const [status, field] of CONTRACT_STATUS_DATES) {
      const stepRank = CONTRACT_ORDER.indexOf(status);
      if (stepRank === rank && !c[field]) {
        ctx.addIssue({ code: 'custom', path: [field], message: 'REQUIRED_FOR_STATUS', params: { status: c.status } });
      }
      // A step after the current status cannot have a date yet (a terminated contract may skip steps).
      if (stepRank > rank && c[field]) {
        ctx.addIssue({ code: 'custom', path: [field], message: 'EMPTY_FOR_STATUS', params: { status: c.status } });
      }
    }
  });
export type ContractRecord = z.input<typeof contractSchema>;
export const validateContract = (c: object): FieldIssue[] => issuesOf(contractSchema.safeParse(c, WITH_INPUT));

const STAGE_KEY = /^[A-Z][A-Z0-9_]*$/;
const stageKey = z.string({ error: c('REQUIRED') }).max(50, c('TOO_LONG')).regex(STAGE_KEY, c('STAGE_KEY_FORMAT'));

export const serviceStageSchema = z.object({
  key: stageKey,
  nameDe: text(100),
  nameEn: text(100),
  position: wholeNumber(1, 100),
});
export const validateServiceStage = (s: object): FieldIssue[] => issuesOf(serviceStageSchema.safeParse(s, WITH_INPUT));

export const milestoneTemplateSchema = z.object({
  key: stageKey,
  stageKey: stageKey,
  nameDe: text(300),
  nameEn: text(300),
  required: z.boolean(),
  position: wholeNumber(1, 1000),
  dueDays: wholeNumber(0, 3650).nullish(),
  active: z.boolean(),
});
export const validateMilestoneTemplate = (m: object): FieldIssue[] => issuesOf(milestoneTemplateSchema.safeParse(m, WITH_INPUT));

/** The fields of an onboarding a user edits directly (stage and status move only through the workflow mutations). */
export const onboardingSchema = z.object({
  plannedGoLive: isoDate.nullish(),
  owner: optionalText(200),
  subjectContact: optionalText(500),
  technicalContact: optionalText(500),
  applyUrl: httpUrl.nullish(),
  publishPlan: z.boolean().optional(),
  jiraKey: z.string().regex(/^[A-Z][A-Z0-9_]*-\d+$/, c('JIRA_KEY_FORMAT')).nullish(),
  notes: optionalText(10_000),
});
export const validateOnboarding = (o: object): FieldIssue[] => issuesOf(onboardingSchema.safeParse(o, WITH_INPUT));

export const milestoneSchema = z
  .object({
    status: enumOf(MilestoneStatus),
    dueDate: isoDate.nullish(),
    completedAt: isoDate.nullish(),
    evidenceUrl: httpUrl.nullish(),
    note: optionalText(5_000),
  })
  .superRefine((m, ctx) => {
    if (m.status === MilestoneStatus.DONE && !m.completedAt) ctx.addIssue({ code: 'custom', path: ['completedAt'], message: c('COMPLETED_AT_REQUIRED') });
    if (m.status !== MilestoneStatus.DONE && m.completedAt) ctx.addIssue({ code: 'custom', path: ['completedAt'], message: c('COMPLETED_AT_NOT_DONE') });
    if (m.status === MilestoneStatus.NOT_APPLICABLE && !m.note?.trim()) ctx.addIssue({ code: 'custom', path: ['note'], message: c('NOT_APPLICABLE_NEEDS_REASON') });
  });
export const validateMilestone = (m: object): FieldIssue[] => issuesOf(milestoneSchema.safeParse(m, WITH_INPUT));

export const blockerSchema = z
  .object({
    title: text(300),
    description: optionalText(10_000),
    category: enumOf(BlockerCategory),
    severity: enumOf(BlockerSeverity),
    owner: optionalText(200),
    openedAt: isoDate,
    resolvedAt: isoDate.nullish(),
    resolution: optionalText(10_000),
  })
  .superRefine((b, ctx) => {
    if (b.resolvedAt && isIsoDate(b.openedAt) && b.resolvedAt < b.openedAt) {
      ctx.addIssue({ code: 'custom', path: ['resolvedAt'], message: c('DATE_BEFORE'), params: { value: b.resolvedAt, other: 'openedAt', otherValue: b.openedAt } });
    }
  });
export const validateBlocker = (b: object): FieldIssue[] => issuesOf(blockerSchema.safeParse(b, WITH_INPUT));

export const reuseVariantSchema = z.object({ variant: enumOf(ReuseVariant), note: optionalText(5_000) });
export const validateReuseVariant = (v: object): FieldIssue[] => issuesOf(reuseVariantSchema.safeParse(v, WITH_INPUT));

export const userSchema = z
  .object({
    email: z.email(c('NOT_EMAIL')).max(200, c('TOO_LONG')),
    displayName: text(200),
    role: enumOf(Role),
    stateId: z.string().nullish(),
    active: z.boolean(),
  })
  .superRefine((u, ctx) => {
    if (u.role === Role.STATE_COORDINATOR && !u.stateId) ctx.addIssue({ code: 'custom', path: ['stateId'], message: c('STATE_FOR_COORDINATOR') });
    if (u.role !== Role.STATE_COORDINATOR && u.stateId) ctx.addIssue({ code: 'custom', path: ['stateId'], message: c('STATE_ONLY_FOR_COORDINATOR') });
  });
export const validateUser = (u: object): FieldIssue[] => issuesOf(userSchema.safeParse(u, WITH_INPUT));

const MILESTONE_KEY = /^[A-Z][A-Z0-9_]*$/;

/** A rollout wave / project team (waves.ts): one service, a name, a start and a target go-live date, members. */
export const waveSchema = z
  .object({
    serviceId: z.string({ error: c('REQUIRED') }).min(1, c('REQUIRED')),
    name: text(200),
    description: optionalText(10_000),
    startsOn: isoDate,
    targetGoLive: isoDate,
    memberUserIds: z.array(z.string()).max(100, c('TOO_LARGE')),
    organisations: z.array(text(200)).max(100, c('TOO_LARGE')),
  })
  .superRefine((w, ctx) => {
    if (isIsoDate(w.startsOn) && isIsoDate(w.targetGoLive) && w.targetGoLive < w.startsOn) {
      ctx.addIssue({ code: 'custom', path: ['targetGoLive'], message: c('DATE_BEFORE'), params: { value: w.targetGoLive, other: 'startsOn', otherValue: w.startsOn } });
    }
    const seen = new Set<string>();
    w.organisations.forEach((o, i) => {
      const key = o.trim().toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['organisations', i], message: c('LISTED_TWICE'), params: { value: o } });
      seen.add(key);
    });
  });
export const validateWave = (w: object): FieldIssue[] => issuesOf(waveSchema.safeParse(w, WITH_INPUT));

/** A section of a service's connection guide (Integrationsleitfaden): Markdown linked to a milestone template key. */
export const guideSectionSchema = z.object({
  serviceId: z.string({ error: c('REQUIRED') }).min(1, c('REQUIRED')),
  title: text(300),
  body: z.string({ error: c('REQUIRED') }).max(100_000, c('TOO_LONG')),
  milestoneKey: z.string().regex(MILESTONE_KEY, c('STAGE_KEY_FORMAT')).nullish(),
  position: wholeNumber(1, 10_000),
});
export const validateGuideSection = (s: object): FieldIssue[] => issuesOf(guideSectionSchema.safeParse(s, WITH_INPUT));
/** The building blocks of the schemas above, for the schemas of other domain files (meetings.ts). */
export const schemaParts = { text, optionalText, enumOf, httpUrl, isoDate, issuesOf, WITH_INPUT } as const;
