/**
 * Onboarding status import, the pure part: the fields of the `onboardings`
 * spreadsheet target, reading a row's cells, and planning what an imported
 * state means for an onboarding (a stage/status move recorded as an
 * administrative IMPORT transition, plus field changes). Shared by the
 * spreadsheet target and the Jira import.
 */
import { localDate, startOfLocalDay } from './calendar.js';
import { OnboardingStatus } from './enums.js';
import { arsFromCell, cellText, foldText, parseDateValue, rowIssue, type ColumnMapping, type FieldChanges, type RawValue, type RowIssue } from './import.js';
import type { IssueCode, MessageParams } from './messages.js';
import { lastStage, stageIndex, type StageRef } from './onboarding.js';

const STATUS_WORDS: Record<string, OnboardingStatus> = {
  aktiv: 'ACTIVE', active: 'ACTIVE', laufend: 'ACTIVE', 'in arbeit': 'ACTIVE', fortgesetzt: 'ACTIVE',
  pausiert: 'ON_HOLD', ruhend: 'ON_HOLD', 'ruhend gestellt': 'ON_HOLD', 'on hold': 'ON_HOLD', paused: 'ON_HOLD',
  abgebrochen: 'CANCELLED', storniert: 'CANCELLED', cancelled: 'CANCELLED', canceled: 'CANCELLED',
};

/** An onboarding status from a cell: the key (ON_HOLD) or a German or English word (pausiert, paused). */
export function parseOnboardingStatus(text: string): OnboardingStatus | null {
  const upper = text.trim().toUpperCase().replace(/[\s-]+/g, '_');
  if ((Object.values(OnboardingStatus) as string[]).includes(upper)) return upper as OnboardingStatus;
  return STATUS_WORDS[foldText(text)] ?? null;
}

export interface PipelineStage extends StageRef {
  nameDe?: string | null;
  nameEn?: string | null;
}

/** A stage of a pipeline by key or German/English name ("CONNECTION", "Anbindung", "connection"). */
export function findStage(text: string, stages: readonly PipelineStage[]): PipelineStage | null {
  const folded = foldText(text);
  return stages.find((s) => foldText(s.key) === folded || (s.nameDe && foldText(s.nameDe) === folded) || (s.nameEn && foldText(s.nameEn) === folded)) ?? null;
}

/** The cells of one row of the onboardings target, as text by field (blank cells left out), and the dates read. */
export interface OnboardingRow {
  ars?: string;
  authority?: string;
  state?: string;
  service?: string;
  stage?: string;
  status?: OnboardingStatus;
  plannedGoLive?: string;
  liveDate?: string;
  owner?: string;
  jiraKey?: string;
  applyUrl?: string;
}

/** Reads a row of the onboardings target: texts, dates and the status word; what cannot be read is an issue at its column. */
export function readOnboardingRow(cells: Record<string, RawValue>, mapping: ColumnMapping): { values: OnboardingRow; issues: RowIssue[] } {
  const values: OnboardingRow = {};
  const issues: RowIssue[] = [];
  for (const [column, field] of Object.entries(mapping)) {
    if (!field) continue;
    const raw = cells[column];
    const text = cellText(raw);
    if (text === null) continue;
    switch (field) {
      case 'ars': {
        values.ars = arsFromCell(text);
        break;
      }
      case 'plannedGoLive':
      case 'liveAt': {
        const d = parseDateValue(raw);
        if (!d.ok) issues.push(rowIssue(column, field, d.code, d.params));
        else if (d.value) values[field === 'liveAt' ? 'liveDate' : 'plannedGoLive'] = d.value;
        break;
      }
      case 'status': {
        const s = parseOnboardingStatus(text);
        if (s) values.status = s;
        else issues.push(rowIssue(column, 'status', 'IMPORT_UNKNOWN_VALUE', { input: text, values: 'ACTIVE (aktiv), ON_HOLD (pausiert), CANCELLED (abgebrochen)' }));
        break;
      }
      case 'authority':
      case 'state':
      case 'service':
      case 'stage':
      case 'owner':
      case 'jiraKey':
      case 'applyUrl':
        values[field] = text;
        break;
    }
  }
  return { values, issues };
}

// ---------------------------------------------------------------------------
// Planning the change of one onboarding

/** An onboarding as the plan needs it. */
export interface OnboardingSnapshot {
  stage: string;
  status: string;
  stageEnteredAt: Date;
  liveAt: Date | null;
  plannedGoLive: string | null;
  owner: string | null;
  jiraKey: string | null;
  applyUrl: string | null;
}

/** What an import says about an onboarding (only what it gives). */
export interface OnboardingTarget {
  stage?: string;
  status?: OnboardingStatus;
  /** The go-live: a moment (Jira's Resolved) or a calendar date (a spreadsheet cell, compared by day in Europe/Berlin). */
  liveAt?: Date | string;
  plannedGoLive?: string;
  owner?: string;
  jiraKey?: string;
  applyUrl?: string;
}

export interface OnboardingImportPlan {
  /** The stage/status change, written as one IMPORT transition at `at`; null = none. */
  move: { toStage: string; toStatus: OnboardingStatus; liveAt: Date | null; at: Date } | null;
  /** Plain field changes (planned go-live, owner, Jira key, apply URL; liveAt when live already). */
  patch: Partial<Record<'plannedGoLive' | 'owner' | 'jiraKey' | 'applyUrl' | 'liveAt', unknown>>;
  /** Everything that changes, as the report shows it. */
  changes: FieldChanges;
  /** Why the row cannot be applied, by field. */
  issues: Array<{ field: string; code: IssueCode; params: MessageParams }>;
}

const sameLive = (current: Date | null, wanted: Date | string): boolean =>
  current !== null && (typeof wanted === 'string' ? localDate(current) === wanted : current.getTime() === wanted.getTime());

/**
 * What importing `target` into `current` (null: a new onboarding in the
 * pipeline's first stage) changes. A different stage or status is one
 * administrative move (the import's transition, not the workflow's guarded
 * ones): to the last stage it sets the go-live (given, else kept, else
 * `at`), away from it clears it; a cancelled onboarding becomes active
 * again only for someone who may reopen it. A go-live date for an onboarding
 * that is not live is refused; so is one in the future.
 */
export function planOnboardingImport(
  current: OnboardingSnapshot | null,
  target: OnboardingTarget,
  stages: readonly StageRef[],
  options: { now: Date; at?: Date; mayReopen: boolean; firstStage?: string },
): OnboardingImportPlan {
  const issues: OnboardingImportPlan['issues'] = [];
  const changes: FieldChanges = {};
  const patch: OnboardingImportPlan['patch'] = {};
  const live = lastStage(stages);
  const fromStage = current?.stage ?? options.firstStage ?? [...stages].sort((a, b) => a.position - b.position)[0]?.key ?? '';
  const fromStatus = (current?.status ?? OnboardingStatus.ACTIVE) as OnboardingStatus;
  const toStage = target.stage ?? fromStage;
  const toStatus = target.status ?? fromStatus;
  if (target.stage !== undefined && stageIndex(stages, target.stage) < 0) issues.push({ field: 'stage', code: 'NOT_A_STAGE_OF_SERVICE', params: { stage: target.stage } });
  if (fromStatus === OnboardingStatus.CANCELLED && toStatus !== OnboardingStatus.CANCELLED && !options.mayReopen) issues.push({ field: 'status', code: 'IMPORT_REOPEN_NEEDS_ADMIN', params: {} });
  const at = options.at && options.at.getTime() <= options.now.getTime() ? options.at : options.now;
  let liveAt: Date | null = toStage === live ? (current?.liveAt ?? null) : null;
  if (target.liveAt !== undefined) {
    const wanted = typeof target.liveAt === 'string' ? startOfLocalDay(target.liveAt) : target.liveAt;
    if (toStage !== live) issues.push({ field: 'liveAt', code: 'IMPORT_LIVE_DATE_NOT_LIVE', params: { stage: live ?? '' } });
    else if (wanted.getTime() > options.now.getTime()) issues.push({ field: 'liveAt', code: 'NOT_IN_FUTURE', params: { value: typeof target.liveAt === 'string' ? target.liveAt : target.liveAt.toISOString() } });
    else if (!sameLive(current?.liveAt ?? null, target.liveAt)) {
      if (current && current.stage !== toStage && wanted.getTime() < current.stageEnteredAt.getTime()) {
        issues.push({ field: 'liveAt', code: 'IMPORT_LIVE_BEFORE_STAGE', params: { value: wanted.toISOString(), enteredAt: current.stageEnteredAt.toISOString(), stage: current.stage } });
      } else liveAt = wanted;
    }
  }
  if (toStage === live && !liveAt) liveAt = at;
  const moves = !current || toStage !== current.stage || toStatus !== current.status;
  let move: OnboardingImportPlan['move'] = null;
  if (moves && (current || toStage !== fromStage || toStatus !== OnboardingStatus.ACTIVE)) {
    // The log stays in order: never before the stage was entered.
    const when = toStage === live && liveAt && toStage !== current?.stage ? liveAt : at;
    const notBefore = current?.stageEnteredAt;
    move = { toStage, toStatus, liveAt, at: notBefore && when.getTime() < notBefore.getTime() ? notBefore : when };
  }
  if (!current || toStage !== current.stage) changes.stage = { from: current?.stage ?? null, to: toStage };
  if (!current || toStatus !== current.status) changes.status = { from: current?.status ?? null, to: toStatus };
  const currentLive = current?.liveAt ?? null;
  if ((currentLive?.getTime() ?? null) !== (liveAt?.getTime() ?? null)) {
    changes.liveAt = { from: currentLive?.toISOString() ?? null, to: liveAt?.toISOString() ?? null };
    if (!move) patch.liveAt = liveAt;
  }
  for (const field of ['plannedGoLive', 'owner', 'jiraKey', 'applyUrl'] as const) {
    const to = target[field];
    if (to === undefined) continue;
    const from = current ? current[field] : null;
    if (from !== to) {
      changes[field] = { from, to };
      patch[field] = to;
    }
  }
  return { move, patch, changes, issues };
}
