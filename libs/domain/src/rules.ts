import { z } from 'zod';
import type { FieldIssue } from './errors.js';
import { AuthorityKind, AuthorityLevel, BlockerCategory, BlockerSeverity, ContractStatus, LegalRoute, MilestoneStatus, MunicipalAccessModel, ReuseVariant, TopicField, enumValues } from './enums.js';
import { ARS_PATTERN, checkArs } from './identifiers.js';
import { STATE_CODES } from './states.js';
import { Role } from './access.js';
import { VERSION_PATTERN } from './versions.js';

/**
 * Validation rules shared by API and console, as zod schemas. Each schema
 * takes the complete record as it would be after the write (create input, or
 * the existing record merged with an update); `validate*` returns every
 * problem found, each naming its input field.
 */

const text = (max: number) =>
  z
    .string({ error: 'is required' })
    .refine((s) => s.trim().length > 0, 'is required')
    .refine((s) => s.length <= max, { message: `must be at most ${max} characters` });
const optionalText = (max: number) => z.string().max(max, `must be at most ${max} characters`).nullish();
const enumOf = <T extends Record<string, string>>(e: T) => {
  const values = enumValues(e) as unknown as [string, ...string[]];
  return z.enum(values, { error: (iss) => `must be one of ${values.join(', ')}, got "${String(iss.input)}"` });
};
const HTTP_URL = /^https?:\/\/[^\s/?#]+\.[^\s/?#]+(?::\d+)?(?:[/?#]\S*)?$/i;
const httpUrl = z.string().max(500, 'must be at most 500 characters').regex(HTTP_URL, 'must be an http(s) address');
const wholeNumber = (min: number, max: number) =>
  z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(min, min === 0 ? 'must not be negative' : `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

/** Is this a real calendar date in ISO form (rejects 2023-02-31)? */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}
const isoDate = z.string().refine(isIsoDate, 'must be a real date written YYYY-MM-DD');

function issuesOf(result: { success: boolean; error?: z.ZodError }, rename: Record<string, string> = {}): FieldIssue[] {
  if (result.success || !result.error) return [];
  return result.error.issues.map((i) => {
    const head = String(i.path[0] ?? '');
    const field = [rename[head] ?? head, ...i.path.slice(1).map(String)].filter(Boolean).join('.');
    return { field: field || 'input', message: i.message };
  });
}

export const stateSchema = z.object({
  code: z.enum(STATE_CODES, { error: (iss) => `must be one of the 16 state codes (${STATE_CODES.join(', ')}), got "${String(iss.input)}"` }),
  name: text(100),
  arsPrefix: z.string().regex(/^(0[1-9]|1[0-6])$/, 'must be two digits 01-16'),
  koenigsteinShare: z.number().min(0, 'must be a percentage between 0 and 100').max(100, 'must be a percentage between 0 and 100').nullish(),
});
export type StateRecord = z.input<typeof stateSchema>;
export const validateState = (s: object): FieldIssue[] => issuesOf(stateSchema.safeParse(s));

export const authoritySchema = z
  .object({
    name: text(200),
    kind: enumOf(AuthorityKind),
    level: enumOf(AuthorityLevel),
    /** The code of the state the authority belongs to (resolved from stateId by the caller). */
    stateCode: z.string({ error: 'must name an existing state' }),
    ars: z.string({ error: 'is required (12 digits)' }).regex(ARS_PATTERN, 'must be exactly 12 digits'),
    population: wholeNumber(0, 100_000_000).nullish(),
    website: httpUrl.nullish(),
    email: z.email('is not an e-mail address').max(200).nullish(),
    notes: optionalText(10_000),
  })
  .superRefine((a, ctx) => {
    if (!ARS_PATTERN.test(a.ars)) return;
    for (const issue of checkArs(a.ars, a.stateCode)) ctx.addIssue({ code: 'custom', path: ['ars'], message: issue.message });
  });
export type AuthorityRecord = z.input<typeof authoritySchema>;
export const validateAuthority = (a: object): FieldIssue[] => issuesOf(authoritySchema.safeParse(a), { stateCode: 'stateId' });

export const serviceSchema = z.object({
  name: text(200),
  ozgId: z.string().regex(/^\d{1,6}$/, 'must be 1 to 6 digits').nullish(),
  leikaKeys: z.array(z.string().regex(/^\d{14}$/, 'must be a 14-digit LeiKa key')).max(200).nullish(),
  topicField: enumOf(TopicField),
  provider: optionalText(200),
  ozgType: wholeNumber(1, 5).nullish(),
  maturityLevel: wholeNumber(0, 4).nullish(),
  standard: optionalText(100),
  requiredStandardVersion: z.string().regex(VERSION_PATTERN, 'must be a version like 1.17').nullish(),
  website: httpUrl.nullish(),
  description: optionalText(10_000),
});
export type ServiceRecord = z.input<typeof serviceSchema>;
export const validateService = (s: object): FieldIssue[] => issuesOf(serviceSchema.safeParse(s));

export const specialistSystemSchema = z.object({
  vendor: text(100),
  product: text(100),
  standard: text(100),
  supportedVersions: z.array(z.string().regex(VERSION_PATTERN, 'must be a version like 1.17')).max(50),
  ozgInterface: z.boolean(),
});
export type SpecialistSystemRecord = z.input<typeof specialistSystemSchema>;
export const validateSpecialistSystem = (s: object): FieldIssue[] => issuesOf(specialistSystemSchema.safeParse(s));

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
        ctx.addIssue({ code: 'custom', path: [field], message: `(${value}) must not be before ${previous[0]} (${previous[1]})` });
      }
      previous = [field, value];
    }
    const rank = CONTRACT_ORDER.indexOf(c.status as ContractStatus);
    for (const [status, field] of CONTRACT_STATUS_DATES) {
      const stepRank = CONTRACT_ORDER.indexOf(status);
      if (stepRank === rank && !c[field]) {
        ctx.addIssue({ code: 'custom', path: [field], message: `is required when the status is ${c.status}` });
      }
      // A step after the current status cannot have a date yet (a terminated contract may skip steps).
      if (stepRank > rank && c[field]) {
        ctx.addIssue({ code: 'custom', path: [field], message: `must be empty while the status is ${c.status}` });
      }
    }
  });
export type ContractRecord = z.input<typeof contractSchema>;
export const validateContract = (c: object): FieldIssue[] => issuesOf(contractSchema.safeParse(c));

const STAGE_KEY = /^[A-Z][A-Z0-9_]*$/;
const stageKey = z.string({ error: 'is required' }).max(50, 'must be at most 50 characters').regex(STAGE_KEY, 'must be upper-case letters, digits and _ (e.g. KICK_OFF)');

export const serviceStageSchema = z.object({
  key: stageKey,
  nameDe: text(100),
  nameEn: text(100),
  position: wholeNumber(1, 100),
});
export const validateServiceStage = (s: object): FieldIssue[] => issuesOf(serviceStageSchema.safeParse(s));

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
export const validateMilestoneTemplate = (m: object): FieldIssue[] => issuesOf(milestoneTemplateSchema.safeParse(m));

/** The fields of an onboarding a user edits directly (stage and status move only through the workflow mutations). */
export const onboardingSchema = z.object({
  plannedGoLive: isoDate.nullish(),
  owner: optionalText(200),
  subjectContact: optionalText(500),
  technicalContact: optionalText(500),
  applyUrl: httpUrl.nullish(),
  jiraKey: z.string().regex(/^[A-Z][A-Z0-9_]*-\d+$/, 'must be a Jira issue key like EFA-123').nullish(),
  notes: optionalText(10_000),
});
export const validateOnboarding = (o: object): FieldIssue[] => issuesOf(onboardingSchema.safeParse(o));

export const milestoneSchema = z
  .object({
    status: enumOf(MilestoneStatus),
    dueDate: isoDate.nullish(),
    completedAt: isoDate.nullish(),
    evidenceUrl: httpUrl.nullish(),
    note: optionalText(5_000),
  })
  .superRefine((m, ctx) => {
    if (m.status === MilestoneStatus.DONE && !m.completedAt) ctx.addIssue({ code: 'custom', path: ['completedAt'], message: 'is required when the milestone is done' });
    if (m.status !== MilestoneStatus.DONE && m.completedAt) ctx.addIssue({ code: 'custom', path: ['completedAt'], message: 'must be empty unless the milestone is done' });
    if (m.status === MilestoneStatus.NOT_APPLICABLE && !m.note?.trim()) ctx.addIssue({ code: 'custom', path: ['note'], message: 'must give the reason why the milestone does not apply' });
  });
export const validateMilestone = (m: object): FieldIssue[] => issuesOf(milestoneSchema.safeParse(m));

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
      ctx.addIssue({ code: 'custom', path: ['resolvedAt'], message: `(${b.resolvedAt}) must not be before openedAt (${b.openedAt})` });
    }
  });
export const validateBlocker = (b: object): FieldIssue[] => issuesOf(blockerSchema.safeParse(b));

export const reuseVariantSchema = z.object({ variant: enumOf(ReuseVariant), note: optionalText(5_000) });
export const validateReuseVariant = (v: object): FieldIssue[] => issuesOf(reuseVariantSchema.safeParse(v));

export const userSchema = z
  .object({
    email: z.email('is not an e-mail address').max(200),
    displayName: text(200),
    role: enumOf(Role),
    stateId: z.string().nullish(),
    active: z.boolean(),
  })
  .superRefine((u, ctx) => {
    if (u.role === Role.STATE_COORDINATOR && !u.stateId) ctx.addIssue({ code: 'custom', path: ['stateId'], message: 'is required for a state coordinator' });
    if (u.role !== Role.STATE_COORDINATOR && u.stateId) ctx.addIssue({ code: 'custom', path: ['stateId'], message: 'is only for state coordinators' });
  });
export const validateUser = (u: object): FieldIssue[] => issuesOf(userSchema.safeParse(u));
