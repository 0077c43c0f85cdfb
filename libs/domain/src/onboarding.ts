import { BlockerSeverity, MilestoneStatus, OnboardingStatus } from './enums.js';

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
  name?: string;
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

export interface Refusal {
  code: 'TRANSITION_NOT_ALLOWED';
  reasons: string[];
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

function statusReasons(o: OnboardingState): string[] {
  if (o.status === OnboardingStatus.CANCELLED) return ['the onboarding is cancelled; only an administrator can reopen it'];
  if (o.status === OnboardingStatus.ON_HOLD) return ['the onboarding is paused; resume it first'];
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
export function checkAdvance(o: OnboardingState, ctx: AdvanceContext, toStage?: string | null): { toStage?: string; reasons: string[] } {
  const reasons = statusReasons(o);
  const target = toStage ?? nextStage(ctx.stages, o.stage);
  if (!target) return { reasons: [...reasons, `the onboarding is already in the last stage (${o.stage})`] };
  const from = stageIndex(ctx.stages, o.stage);
  const to = stageIndex(ctx.stages, target);
  if (to < 0) return { reasons: [...reasons, `"${target}" is not a stage of this service's pipeline`] };
  if (to <= from) reasons.push(`${target} is not after the current stage ${o.stage}; use moveOnboardingBack with a reason to go back`);
  for (const b of openBlockingBlockers(ctx.blockers)) reasons.push(`open blocking obstacle: ${b.title}`);
  const live = ctx.liveStage ?? lastStage(ctx.stages);
  if (target === live) {
    if (!ctx.contractSigned) reasons.push("the state's reuse contract for this service is not signed");
    for (const m of missingMilestones(ctx.stages, ctx.milestones, target)) reasons.push(`required milestone not done: ${m.name ?? m.key} (${m.stage})`);
  }
  return { toStage: target, reasons };
}

export function checkMoveBack(o: OnboardingState, stages: readonly StageRef[], toStage: string, reason: string | null | undefined): string[] {
  const reasons = statusReasons(o);
  const from = stageIndex(stages, o.stage);
  const to = stageIndex(stages, toStage);
  if (to < 0) reasons.push(`"${toStage}" is not a stage of this service's pipeline`);
  else if (to >= from) reasons.push(`${toStage} is not before the current stage ${o.stage}`);
  if (!reason?.trim()) reasons.push('moving back needs a reason');
  return reasons;
}

export function checkPause(o: OnboardingState, reason: string | null | undefined): string[] {
  const reasons = statusReasons(o);
  if (!reason?.trim()) reasons.push('pausing needs a reason');
  return reasons;
}

export function checkResume(o: OnboardingState): string[] {
  if (o.status === OnboardingStatus.ON_HOLD) return [];
  if (o.status === OnboardingStatus.CANCELLED) return ['the onboarding is cancelled; only an administrator can reopen it'];
  return ['the onboarding is not paused'];
}

export function checkCancel(o: OnboardingState, reason: string | null | undefined): string[] {
  const reasons: string[] = [];
  if (o.status === OnboardingStatus.CANCELLED) reasons.push('the onboarding is already cancelled');
  if (!reason?.trim()) reasons.push('cancelling needs a reason');
  return reasons;
}

export function checkReopen(o: OnboardingState, reason: string | null | undefined): string[] {
  const reasons: string[] = [];
  if (o.status !== OnboardingStatus.CANCELLED) reasons.push('only a cancelled onboarding can be reopened');
  if (!reason?.trim()) reasons.push('reopening needs a reason');
  return reasons;
}

/**
 * The go-live moment: now by default; a back-dated record may give one, never
 * in the future and never before the onboarding entered its current stage
 * (the transition log stays in order).
 */
export function resolveLiveAt(given: Date | string | null | undefined, now: Date, notBefore?: Date): { liveAt?: Date; reasons: string[] } {
  if (given === null || given === undefined) return { liveAt: now, reasons: [] };
  const d = given instanceof Date ? given : new Date(given);
  if (Number.isNaN(d.getTime())) return { reasons: [`liveAt is not a date: "${String(given)}"`] };
  if (d.getTime() > now.getTime()) return { reasons: [`liveAt (${d.toISOString()}) must not be in the future`] };
  if (notBefore && d.getTime() < notBefore.getTime()) {
    return { reasons: [`liveAt (${d.toISOString()}) must not be before the onboarding entered its current stage (${notBefore.toISOString()})`] };
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
