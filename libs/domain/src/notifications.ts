/**
 * Notifications: what users can watch, which events they hear about, how an
 * audit event of a write becomes a notification event, and the texts of
 * notifications and mails in German and English. Pure: the API stores and
 * delivers, this decides.
 */
import { localDate } from './calendar.js';

export const WATCH_TARGETS = ['AUTHORITY', 'ONBOARDING', 'SERVICE', 'STATE'] as const;
export type WatchTarget = (typeof WATCH_TARGETS)[number];

export const NOTIFICATION_KINDS = ['STAGE_CHANGED', 'WENT_LIVE', 'BLOCKER_OPENED', 'BLOCKER_RESOLVED', 'MILESTONE_OVERDUE', 'CONTRACT_STATUS_CHANGED', 'ACTION_ITEM_DUE'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** How a user gets mails: none, one per notification, or one digest per ISO week. */
export const MAIL_MODES = ['OFF', 'IMMEDIATE', 'WEEKLY_DIGEST'] as const;
export type MailMode = (typeof MAIL_MODES)[number];

export const LANGUAGES = ['de', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** What the audit log records of a write (see the API's AuditService). */
export interface AuditFacts {
  entityType: string;
  action: string;
  changes: Record<string, { from: unknown; to: unknown }>;
}

/** The kind of notification event a write causes, if any (the write path calls this beside its audit event). */
export function eventKindOf(audit: AuditFacts): NotificationKind | null {
  const c = audit.changes;
  switch (audit.entityType) {
    case 'Onboarding':
      if (audit.action === 'CREATE' || audit.action === 'DELETE') return null;
      if (c.liveAt && c.liveAt.to !== null && c.liveAt.from === null && c.stage) return 'WENT_LIVE';
      if (c.stage) return 'STAGE_CHANGED';
      return null;
    case 'Blocker':
      if (audit.action === 'CREATE') return 'BLOCKER_OPENED';
      if (audit.action !== 'DELETE' && c.resolvedAt && c.resolvedAt.from === null && c.resolvedAt.to !== null) return 'BLOCKER_RESOLVED';
      return null;
    case 'ReuseContract':
      if (audit.action !== 'CREATE' && audit.action !== 'DELETE' && c.status) return 'CONTRACT_STATUS_CHANGED';
      return null;
    default:
      return null;
  }
}

/** Events whose text carries internal data (obstacles): a state coordinator hears of them only in their own state. */
export const INTERNAL_KINDS: readonly NotificationKind[] = ['BLOCKER_OPENED', 'BLOCKER_RESOLVED'];

export type NotificationParams = Record<string, string | number | null | undefined>;

const s = (v: unknown) => (v === null || v === undefined || v === '' ? '–' : String(v));
const where = (p: NotificationParams) => (p.authority ? `${s(p.authority)} · ${s(p.service)}` : `${s(p.state)} · ${s(p.service)}`);

const TITLES: Record<Language, Record<NotificationKind, (p: NotificationParams) => string>> = {
  de: {
    STAGE_CHANGED: (p) => `${where(p)}: Phase ${s(p.fromStage)} → ${s(p.toStage)}`,
    WENT_LIVE: (p) => `${where(p)} ist live (${s(p.liveOn)})`,
    BLOCKER_OPENED: (p) => `${where(p)}: neues Hemmnis „${s(p.title)}“`,
    BLOCKER_RESOLVED: (p) => `${where(p)}: Hemmnis „${s(p.title)}“ gelöst`,
    MILESTONE_OVERDUE: (p) => `${where(p)}: Meilenstein „${s(p.milestoneDe ?? p.milestone)}“ überfällig (fällig ${s(p.dueDate)})`,
    CONTRACT_STATUS_CHANGED: (p) => `${where(p)}: Vertragsstatus ${s(p.fromStatus)} → ${s(p.toStatus)}`,
    ACTION_ITEM_DUE: (p) => `Aufgabe „${s(p.title)}“ ist fällig (${s(p.dueDate)})`,
  },
  en: {
    STAGE_CHANGED: (p) => `${where(p)}: stage ${s(p.fromStage)} → ${s(p.toStage)}`,
    WENT_LIVE: (p) => `${where(p)} is live (${s(p.liveOn)})`,
    BLOCKER_OPENED: (p) => `${where(p)}: new obstacle "${s(p.title)}"`,
    BLOCKER_RESOLVED: (p) => `${where(p)}: obstacle "${s(p.title)}" resolved`,
    MILESTONE_OVERDUE: (p) => `${where(p)}: milestone "${s(p.milestoneEn ?? p.milestone)}" overdue (due ${s(p.dueDate)})`,
    CONTRACT_STATUS_CHANGED: (p) => `${where(p)}: contract status ${s(p.fromStatus)} → ${s(p.toStatus)}`,
    ACTION_ITEM_DUE: (p) => `Action item "${s(p.title)}" is due (${s(p.dueDate)})`,
  },
};

/** The one-line text of a notification in a language. */
export function notificationTitle(kind: NotificationKind, params: NotificationParams, language: Language): string {
  return TITLES[language][kind](params);
}

/** Subject of an immediate mail. */
export function mailSubject(kind: NotificationKind, params: NotificationParams, language: Language): string {
  return `[EfA Rollout] ${notificationTitle(kind, params, language)}`;
}

/** Subject of a weekly digest. */
export function digestSubject(week: string, count: number, language: Language): string {
  return language === 'de' ? `[EfA Rollout] Wochenübersicht ${week}: ${count} Benachrichtigung${count === 1 ? '' : 'en'}` : `[EfA Rollout] Weekly digest ${week}: ${count} notification${count === 1 ? '' : 's'}`;
}

export const MAIL_TEXTS: Record<Language, { greeting: (name: string) => string; open: string; digestIntro: (week: string) => string; why: string }> = {
  de: {
    greeting: (name) => `Guten Tag ${name},`,
    open: 'In der Konsole öffnen',
    digestIntro: (week) => `hier ist Ihre Wochenübersicht für ${week}:`,
    why: 'Sie erhalten diese Nachricht, weil Sie diesen Eintrag beobachten. Ihre Einstellungen ändern Sie in der Konsole unter „Benachrichtigungen“.',
  },
  en: {
    greeting: (name) => `Hello ${name},`,
    open: 'Open in the console',
    digestIntro: (week) => `here is your weekly digest for ${week}:`,
    why: 'You receive this message because you watch this record. Change your settings in the console under "Notifications".',
  },
};

/** The ISO 8601 week (e.g. 2026-W49) of a calendar date YYYY-MM-DD. */
export function isoWeekOfDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day); // the Thursday of this week decides the year
  const year = t.getUTCFullYear();
  const week = Math.ceil(((t.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 + 1) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The ISO week of a moment in the business time zone. */
export function isoWeekOf(at: Date): string {
  return isoWeekOfDate(localDate(at));
}

/** The week whose digest is due at `now`: the ISO week before the current one. */
export function digestWeekDue(now: Date): string {
  return isoWeekOf(new Date(now.getTime() - 7 * 86_400_000));
}

/** The console path of what a notification is about (hash router). */
export function consolePath(ref: { onboardingId?: string | null; authorityId?: string | null; serviceId?: string | null; stateId?: string | null }): string {
  if (ref.onboardingId) return `/#/Onboarding/${ref.onboardingId}/show`;
  if (ref.authorityId) return `/#/Authority/${ref.authorityId}/show`;
  if (ref.serviceId) return `/#/Service/${ref.serviceId}/show`;
  if (ref.stateId) return `/#/State/${ref.stateId}/show`;
  return '/#/notifications';
}
