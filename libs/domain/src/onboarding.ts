import { BlockerSeverity, MilestoneStatus, OnboardingStatus } from './enums.js';
import { refusalReason, type CodedMessage } from './messages.js';

/**
 * The onboarding workflow's guards, as pure functions. Each returns the list
 * of reasons a move is refused (empty = allowed), so the console can explain
 * a refusal before the API enforces it with TRANSITION_NOT_ALLOWED.
 */

export interface StageRef {
  key: string;
  position: number;
}

export interface OnboardingState {
  stage: string;
  status: OnboardingStatus | string;
}

export interface MilestoneState {
  key: string;
  /** The name in reasons (the API gives the English one)… */
  name?: string;
  /** …and both names, passed on in the reason's params (milestone_de, milestone_en) for clients that translate. */
  nameDe?: string;
  nameEn?: string;
  stage: string;
  required: boolean;
  status: MilestoneStatus | string;
}

export interface BlockerState {
  title: string;
  severity: BlockerSeverity | string;
  resolvedAt?: string | Date | null;
}

export interface AdvanceContext {
  /** The pipeline of the service, in any order. */
  stages: readonly StageRef[];
  milestones: readonly MilestoneState[];
  blockers: readonly BlockerState[];
  /** Is the reuse contract of the authority's state for this service signed (or is the state the lead state)? */
  contractSigned: boolean;
  /** The stage that means "live" (last stage of the pipeline). */
  liveStage?: string;
}


function ordered(stages: readonly StageRef[]): StageRef[] {
  return [...stages].sort((a, b) => a.position - b.position);
}

export function stageIndex(stages: readonly StageRef[], key: string): number {
  return ordered(stages).findIndex((s) => s.key === key);
}

export function nextStage(stages: readonly StageRef[], current: string): string | undefined {
  const list = ordered(stages);
  const i = list.findIndex((s) => s.key === current);
  return i >= 0 ? list[i + 1]?.key : undefined;
}

export function lastStage(stages: readonly StageRef[]): string | undefined {
  const list = ordered(stages);
  return list[list.length - 1]?.key;
}

function statusReasons(o: OnboardingState): CodedMessage[] {
  if (o.status === OnboardingStatus.CANCELLED) return [refusalReason('ONBOARDING_CANCELLED')];
  if (o.status === OnboardingStatus.ON_HOLD) return [refusalReason('ONBOARDING_PAUSED')];
  return [];
}

const isOpen = (m: MilestoneState) => m.status !== MilestoneStatus.DONE && m.status !== MilestoneStatus.NOT_APPLICABLE;

/** Required milestones of the stages before `toStage` that are neither done nor marked not applicable. */
export function missingMilestones(stages: readonly StageRef[], milestones: readonly MilestoneState[], toStage: string): MilestoneState[] {
  const target = stageIndex(stages, toStage);
  return milestones.filter((m) => m.required && isOpen(m) && stageIndex(stages, m.stage) < target);
}

export function openBlockingBlockers(blockers: readonly BlockerState[]): BlockerState[] {
  return blockers.filter((b) => b.severity === BlockerSeverity.BLOCKING && !b.resolvedAt);
}

/**
 * May the onboarding advance to `toStage` (default: the next stage)?
 * - only an active onboarding moves; forward only;
 * - no open blocker of severity BLOCKING;
 * - LIVE needs the state's signed contract and every required milestone before LIVE done.
 */
export function checkAdvance(o: OnboardingState, ctx: AdvanceContext, toStage?: string | null): { toStage?: string; reasons: CodedMessage[] } {
  const reasons = statusReasons(o);
  const target = toStage ?? nextStage(ctx.stages, o.stage);
  if (!target) return { reasons: [...reasons, refusalReason('ALREADY_LAST_STAGE', { stage: o.stage })] };
  const from = stageIndex(ctx.stages, o.stage);
  const to = stageIndex(ctx.stages, target);
  if (to < 0) return { reasons: [...reasons, refusalReason('UNKNOWN_STAGE', { stage: target })] };
  if (to <= from) reasons.push(refusalReason('STAGE_NOT_AFTER', { stage: target, current: o.stage }));
  for (const b of openBlockingBlockers(ctx.blockers)) reasons.push(refusalReason('BLOCKING_OBSTACLE', { title: b.title }));
  const live = ctx.liveStage ?? lastStage(ctx.stages);
  if (target === live) {
    if (!ctx.contractSigned) reasons.push(refusalReason('CONTRACT_NOT_SIGNED'));
    for (const m of missingMilestones(ctx.stages, ctx.milestones, target)) reasons.push(refusalReason('MILESTONE_NOT_DONE', milestoneParams(m)));
  }
  return { toStage: target, reasons };
}

function milestoneParams(m: MilestoneState): Record<string, string> {
  const params: Record<string, string> = { milestone: m.name ?? m.nameEn ?? m.key, key: m.key, stage: m.stage };
  if (m.nameDe) params.milestone_de = m.nameDe;
  if (m.nameEn) params.milestone_en = m.nameEn;
  return params;
}

export function checkMoveBack(o: OnboardingState, stages: readonly StageRef[], toStage: string, why: string | null | undefined): CodedMessage[] {
  const reasons = statusReasons(o);
  const from = stageIndex(stages, o.stage);
  const to = stageIndex(stages, toStage);
  if (to < 0) reasons.push(refusalReason('UNKNOWN_STAGE', { stage: toStage }));
  else if (to >= from) reasons.push(refusalReason('STAGE_NOT_BEFORE', { stage: toStage, current: o.stage }));
  if (!why?.trim()) reasons.push(refusalReason('MOVE_BACK_NEEDS_REASON'));
  return reasons;
}

export function checkPause(o: OnboardingState, why: string | null | undefined): CodedMessage[] {
  const reasons = statusReasons(o);
  if (!why?.trim()) reasons.push(refusalReason('PAUSE_NEEDS_REASON'));
  return reasons;
}

export function checkResume(o: OnboardingState): CodedMessage[] {
  if (o.status === OnboardingStatus.ON_HOLD) return [];
  if (o.status === OnboardingStatus.CANCELLED) return [refusalReason('ONBOARDING_CANCELLED')];
  return [refusalReason('ONBOARDING_NOT_PAUSED')];
}

export function checkCancel(o: OnboardingState, why: string | null | undefined): CodedMessage[] {
  const reasons: CodedMessage[] = [];
  if (o.status === OnboardingStatus.CANCELLED) reasons.push(refusalReason('ONBOARDING_ALREADY_CANCELLED'));
  if (!why?.trim()) reasons.push(refusalReason('CANCEL_NEEDS_REASON'));
  return reasons;
}

export function checkReopen(o: OnboardingState, why: string | null | undefined): CodedMessage[] {
  const reasons: CodedMessage[] = [];
  if (o.status !== OnboardingStatus.CANCELLED) reasons.push(refusalReason('ONBOARDING_NOT_CANCELLED'));
  if (!why?.trim()) reasons.push(refusalReason('REOPEN_NEEDS_REASON'));
  return reasons;
}

/**
 * The go-live moment: now by default; a back-dated record may give one, never
 * in the future and never before the onboarding entered its current stage
 * (the transition log stays in order).
 */
export function resolveLiveAt(given: Date | string | null | undefined, now: Date, notBefore?: Date): { liveAt?: Date; reasons: CodedMessage[] } {
  if (given === null || given === undefined) return { liveAt: now, reasons: [] };
  const d = given instanceof Date ? given : new Date(given);
  if (Number.isNaN(d.getTime())) return { reasons: [refusalReason('LIVE_AT_NOT_A_DATE', { value: String(given) })] };
  if (d.getTime() > now.getTime()) return { reasons: [refusalReason('LIVE_AT_IN_FUTURE', { value: d.toISOString() })] };
  if (notBefore && d.getTime() < notBefore.getTime()) {
    return { reasons: [refusalReason('LIVE_AT_BEFORE_STAGE', { value: d.toISOString(), enteredAt: notBefore.toISOString() })] };
  }
  return { liveAt: d, reasons: [] };
}

export interface TransitionRecord {
  toStage: string;
  toStatus: string;
  occurredAt: Date | string;
}

/**
 * Stage and status of an onboarding at a moment, from its transition log
 * (the last transition at or before `at`); undefined if it did not exist yet.
 */
export function stageAt(transitions: readonly TransitionRecord[], at: Date): { stage: string; status: string } | undefined {
  let last: TransitionRecord | undefined;
  for (const t of transitions) {
    const when = new Date(t.occurredAt).getTime();
    if (when <= at.getTime() && (!last || when >= new Date(last.occurredAt).getTime())) last = t;
  }
  return last ? { stage: last.toStage, status: last.toStatus } : undefined;
}
