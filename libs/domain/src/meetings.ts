/**
 * Meetings (steering group, project meetings, kick-offs, information events,
 * workshops) and what they record: decisions and action items. Pure rules:
 * the schemas of both records, when an action item is overdue, and the agenda
 * a meeting can be prefilled with from the changes since the previous meeting
 * of the same kind.
 */
import { z } from 'zod';
import type { FieldIssue } from './errors.js';
import { schemaParts } from './rules.js';
import { issueText, type IssueCode } from './messages.js';

const { text, optionalText, enumOf, httpUrl, isoDate, issuesOf, WITH_INPUT } = schemaParts;
const c = (code: IssueCode) => code;

export const MeetingKind = {
  STEERING_GROUP: 'STEERING_GROUP',
  PROJECT_MEETING: 'PROJECT_MEETING',
  KICK_OFF: 'KICK_OFF',
  INFORMATION_EVENT: 'INFORMATION_EVENT',
  WORKSHOP: 'WORKSHOP',
} as const;
export type MeetingKind = (typeof MeetingKind)[keyof typeof MeetingKind];

/** What a meeting records: a decision taken, or an action item someone has to do. */
export const MeetingItemKind = {
  DECISION: 'DECISION',
  ACTION_ITEM: 'ACTION_ITEM',
} as const;
export type MeetingItemKind = (typeof MeetingItemKind)[keyof typeof MeetingItemKind];

export const ActionItemStatus = {
  OPEN: 'OPEN',
  IN_PROGRESS: 'IN_PROGRESS',
  DONE: 'DONE',
  CANCELLED: 'CANCELLED',
} as const;
export type ActionItemStatus = (typeof ActionItemStatus)[keyof typeof ActionItemStatus];

/** Statuses in which an action item still has to be done. */
export const OPEN_ACTION_ITEM_STATUSES: readonly ActionItemStatus[] = [ActionItemStatus.OPEN, ActionItemStatus.IN_PROGRESS];

/** Is this a time zone the runtime knows by its IANA name (Europe/Berlin)? */
export function isTimeZone(value: string): boolean {
  if (!/^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)*$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const moment = z.union([z.date(), z.string()]).transform((v, ctx) => {
  const d = v instanceof Date ? v : new Date(v);
  if (Number.isNaN(d.getTime())) {
    ctx.addIssue({ code: 'custom', message: c('NOT_A_DATE_TIME') });
    return z.NEVER;
  }
  return d;
});

export const meetingAttachmentSchema = z.object({ title: text(200), url: httpUrl });
export type MeetingAttachment = z.input<typeof meetingAttachmentSchema>;

export const meetingSchema = z
  .object({
    kind: enumOf(MeetingKind),
    title: text(300),
    startsAt: moment,
    endsAt: moment,
    timeZone: z.string({ error: c('REQUIRED') }).refine(isTimeZone, c('NOT_A_TIME_ZONE')),
    location: optionalText(500),
    onlineUrl: httpUrl.nullish(),
    agenda: optionalText(100_000),
    minutes: optionalText(200_000),
    attachments: z.array(meetingAttachmentSchema).max(100, c('TOO_MANY_ATTACHMENTS')).nullish(),
  });
export type MeetingRecord = z.input<typeof meetingSchema>;
/** Every problem of a meeting, each at its field; the end is checked against the start even when other fields are wrong. */
export function validateMeeting(m: object): FieldIssue[] {
  const issues = issuesOf(meetingSchema.safeParse(m, WITH_INPUT));
  const { startsAt, endsAt } = m as { startsAt?: unknown; endsAt?: unknown };
  const start = toMoment(startsAt);
  const end = toMoment(endsAt);
  if (start && end && !(start.getTime() < end.getTime())) issues.push({ field: 'endsAt', ...issueText('ENDS_NOT_AFTER_START') });
  return issues;
}

/**
 * A meeting of a wave is about the wave's service: a meeting that lists no services gets the
 * wave's service; one that lists services must list the wave's (else an issue at `waveId`).
 * Returns the services to store.
 */
export function meetingWaveServices(
  serviceIds: readonly string[] | null | undefined,
  wave: { serviceId: string; name: string; service: string } | null,
): { serviceIds: string[]; issues: FieldIssue[] } {
  const ids = [...(serviceIds ?? [])];
  if (!wave) return { serviceIds: ids, issues: [] };
  if (!ids.length) return { serviceIds: [wave.serviceId], issues: [] };
  if (ids.includes(wave.serviceId)) return { serviceIds: ids, issues: [] };
  return { serviceIds: ids, issues: [{ field: 'waveId', ...issueText('MEETING_WAVE_OTHER_SERVICE', { wave: wave.name, service: wave.service }) }] };
}

function toMoment(v: unknown): Date | null {
  const d = v instanceof Date ? v : typeof v === 'string' ? new Date(v) : null;
  return d && !Number.isNaN(d.getTime()) ? d : null;
}

export const meetingItemSchema = z
  .object({
    kind: enumOf(MeetingItemKind),
    text: text(5_000),
    ownerUserId: z.string().nullish(),
    ownerOrganisation: optionalText(200),
    dueDate: isoDate.nullish(),
    status: enumOf(ActionItemStatus).nullish(),
  })
  .superRefine((i, ctx) => {
    const org = i.ownerOrganisation?.trim();
    if (i.ownerUserId && org) ctx.addIssue({ code: 'custom', path: ['ownerOrganisation'], message: c('OWNER_USER_OR_ORGANISATION') });
    if (i.kind === MeetingItemKind.ACTION_ITEM) {
      if (!i.ownerUserId && !org) ctx.addIssue({ code: 'custom', path: ['ownerOrganisation'], message: c('OWNER_REQUIRED') });
      if (!i.status) ctx.addIssue({ code: 'custom', path: ['status'], message: c('REQUIRED') });
    } else {
      if (i.status) ctx.addIssue({ code: 'custom', path: ['status'], message: c('ONLY_FOR_ACTION_ITEMS') });
      if (i.dueDate) ctx.addIssue({ code: 'custom', path: ['dueDate'], message: c('ONLY_FOR_ACTION_ITEMS') });
    }
  });
export type MeetingItemRecord = z.input<typeof meetingItemSchema>;
export const validateMeetingItem = (i: object): FieldIssue[] => issuesOf(meetingItemSchema.safeParse(i, WITH_INPUT));

/**
 * Is an action item overdue on `date` (YYYY-MM-DD, the business calendar's today or asOf)?
 * Only action items with a due date before that day that are still open or in progress.
 */
export function isOverdue(item: { kind: string; status?: string | null; dueDate?: string | null }, date: string): boolean {
  return (
    item.kind === MeetingItemKind.ACTION_ITEM &&
    Boolean(item.dueDate) &&
    OPEN_ACTION_ITEM_STATUSES.includes(item.status as ActionItemStatus) &&
    (item.dueDate as string) < date
  );
}

/** Whole days an item is overdue on `date` (0 when it is not). */
export function daysOverdue(item: { kind: string; status?: string | null; dueDate?: string | null }, date: string): number {
  if (!isOverdue(item, date)) return 0;
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${item.dueDate}T00:00:00Z`)) / 86_400_000);
}

/** The facts an agenda is prefilled from: what changed since the previous meeting of the same kind. */
export interface AgendaFacts {
  /** The previous meeting of the same kind, if any. */
  previous?: { title: string; startsAt: Date } | null;
  /** The moment the changes are counted from (the previous meeting's start, else a default window). */
  since: Date;
  newlyLive: Array<{ authorityName: string; stateCode: string; serviceName: string; liveSince: Date | string }>;
  newlyBlocked: Array<{ authorityName: string; stateCode: string; serviceName: string; obstacles: string }>;
  contractsSigned: Array<{ stateCode: string; stateName: string; serviceName: string; signedAt: string }>;
  overdueActionItems: Array<{ text: string; owner: string; dueDate: string; daysOverdue: number }>;
}

export type AgendaLanguage = 'de' | 'en';

const AGENDA_TEXT = {
  de: {
    heading: (since: string, prev?: string) => (prev ? `Änderungen seit der letzten Sitzung „${prev}“ (${since})` : `Änderungen seit ${since}`),
    welcome: 'Begrüßung und Feststellung der Tagesordnung',
    newlyLive: 'Neu live',
    newlyBlocked: 'Neu blockiert',
    contractsSigned: 'Neu unterzeichnete Nachnutzungsverträge',
    overdue: 'Überfällige Aufgaben',
    none: 'keine',
    signedOn: 'unterzeichnet am',
    due: 'fällig seit',
    days: (n: number) => (n === 1 ? '1 Tag' : `${n} Tage`),
    other: 'Verschiedenes',
    locale: 'de-DE',
  },
  en: {
    heading: (since: string, prev?: string) => (prev ? `Changes since the last meeting "${prev}" (${since})` : `Changes since ${since}`),
    welcome: 'Welcome and adoption of the agenda',
    newlyLive: 'Newly live',
    newlyBlocked: 'Newly blocked',
    contractsSigned: 'Reuse contracts signed',
    overdue: 'Overdue action items',
    none: 'none',
    signedOn: 'signed on',
    due: 'due since',
    days: (n: number) => (n === 1 ? '1 day' : `${n} days`),
    other: 'Any other business',
    locale: 'en-GB',
  },
} as const;

/** Escapes text for Markdown so names cannot open links, emphasis, HTML or headings. */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!<>|~&]/g, (ch) => `\\${ch}`).replace(/\s*\n\s*/g, ' ');
}

/** Date formatters by locale and time zone, made once: each Intl.DateTimeFormat holds an ICU object outside the JS heap until a major GC. */
const agendaDateFormats = new Map<string, Intl.DateTimeFormat>();

function formatDate(d: Date | string, lang: AgendaLanguage, timeZone: string): string {
  const dateOnly = typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d);
  const date = dateOnly ? new Date(`${d}T12:00:00Z`) : new Date(d);
  const locale = AGENDA_TEXT[lang].locale;
  const zone = dateOnly ? 'UTC' : timeZone;
  const key = `${locale}|${zone}`;
  let format = agendaDateFormats.get(key);
  if (!format) agendaDateFormats.set(key, (format = new Intl.DateTimeFormat(locale, { timeZone: zone, day: '2-digit', month: '2-digit', year: 'numeric' })));
  return format.format(date);
}

/**
 * The agenda a meeting is prefilled with, as Markdown: a numbered list of
 * items, the changes since the previous meeting of the same kind (newly live,
 * newly blocked, contracts signed, overdue action items) as sub-lists. Every
 * name from the data is escaped, so the agenda is plain text in Markdown.
 */
export function buildAgenda(facts: AgendaFacts, lang: AgendaLanguage = 'de', timeZone = 'Europe/Berlin'): string {
  const t = AGENDA_TEXT[lang];
  const e = escapeMarkdown;
  const since = formatDate(facts.since, lang, timeZone);
  const section = (title: string, lines: string[]) => [`   - **${title}**${lines.length ? ` (${lines.length})` : `: ${t.none}`}`, ...lines.map((l) => `     - ${l}`)];
  const lines = [
    `1. ${t.welcome}`,
    `2. ${t.heading(since, facts.previous ? e(facts.previous.title) : undefined)}`,
    ...section(
      t.newlyLive,
      facts.newlyLive.map((r) => `${e(r.authorityName)} (${e(r.stateCode)}), ${e(r.serviceName)}: ${formatDate(r.liveSince, lang, timeZone)}`),
    ),
    ...section(
      t.newlyBlocked,
      facts.newlyBlocked.map((r) => `${e(r.authorityName)} (${e(r.stateCode)}), ${e(r.serviceName)}: ${e(r.obstacles)}`),
    ),
    ...section(
      t.contractsSigned,
      facts.contractsSigned.map((r) => `${e(r.stateName)} (${e(r.stateCode)}), ${e(r.serviceName)}: ${t.signedOn} ${formatDate(r.signedAt, lang, timeZone)}`),
    ),
    `3. ${t.overdue}${facts.overdueActionItems.length ? ` (${facts.overdueActionItems.length})` : `: ${t.none}`}`,
    ...facts.overdueActionItems.map((i) => `   - ${e(i.text)} – ${e(i.owner)}, ${t.due} ${formatDate(i.dueDate, lang, timeZone)} (${t.days(i.daysOverdue)})`),
    `4. ${t.other}`,
  ];
  return `${lines.join('\n')}\n`;
}
