/**
 * Rollout waves (project teams): a named group of onboardings of one service
 * with a start and a target go-live date. The progress rule is pure: how far
 * the wave's onboardings are along the pipeline, compared with a linear plan
 * from the wave's start to its target date.
 */
import { issueText, type CodedMessage } from './messages.js';

export const WaveProgressStatus = {
  /** No onboarding (not cancelled) in the wave yet. */
  EMPTY: 'EMPTY',
  /** Every onboarding of the wave is live. */
  DONE: 'DONE',
  ON_TRACK: 'ON_TRACK',
  AT_RISK: 'AT_RISK',
  /** The target date has passed and not every onboarding is live. */
  LATE: 'LATE',
} as const;
export type WaveProgressStatus = (typeof WaveProgressStatus)[keyof typeof WaveProgressStatus];

/** How far behind the plan (as a share of the whole way) still counts as on track. */
export const WAVE_TOLERANCE = 0.1;

export interface WaveMemberFacts {
  /** 1-based position of the onboarding's current stage in its pipeline. */
  stagePosition: number;
  /** Is the onboarding live (last stage, not cancelled)? */
  live: boolean;
  cancelled: boolean;
}

export interface WaveProgress {
  /** Onboardings counted (cancelled ones are not part of the plan). */
  total: number;
  live: number;
  cancelled: number;
  /** Share of the counted onboardings that are live (0..1). */
  shareLive: number;
  /** Stage-weighted progress: the mean of (stage position − 1) / (stages − 1), live = 1 (0..1). */
  progress: number;
  /** Where a linear plan from startsOn to targetGoLive expects the wave today (0..1). */
  expected: number;
  /** Days from today to the target date (negative when passed). */
  daysLeft: number;
  status: WaveProgressStatus;
}

const DAY = 86_400_000;
const days = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY);

/**
 * The progress of a wave on `today` (YYYY-MM-DD): stage-weighted progress of
 * its onboardings against the share of the planned time elapsed.
 * LATE once the target date has passed without every onboarding live;
 * AT_RISK when the progress is more than WAVE_TOLERANCE behind the plan.
 */
export function waveProgress(input: { members: readonly WaveMemberFacts[]; stageCount: number; startsOn: string; targetGoLive: string; today: string }): WaveProgress {
  const counted = input.members.filter((m) => !m.cancelled);
  const total = counted.length;
  const live = counted.filter((m) => m.live).length;
  const span = Math.max(1, input.stageCount - 1);
  const progress = total ? counted.reduce((sum, m) => sum + (m.live ? 1 : Math.min(1, Math.max(0, (m.stagePosition - 1) / span))), 0) / total : 0;
  const planned = days(input.startsOn, input.targetGoLive);
  const elapsed = days(input.startsOn, input.today);
  const expected = planned <= 0 ? (elapsed >= 0 ? 1 : 0) : Math.min(1, Math.max(0, elapsed / planned));
  const daysLeft = days(input.today, input.targetGoLive);
  let status: WaveProgressStatus;
  if (!total) status = WaveProgressStatus.EMPTY;
  else if (live === total) status = WaveProgressStatus.DONE;
  else if (daysLeft < 0) status = WaveProgressStatus.LATE;
  else if (progress + WAVE_TOLERANCE < expected) status = WaveProgressStatus.AT_RISK;
  else status = WaveProgressStatus.ON_TRACK;
  const round = (x: number) => Math.round(x * 10_000) / 10_000;
  return { total, live, cancelled: input.members.length - total, shareLive: total ? round(live / total) : 0, progress: round(progress), expected: round(expected), daysLeft, status };
}

/** An onboarding joins only a wave of its own service. */
export function checkWaveAssignment(onboarding: { serviceId: string; authority: string; service: string }, wave: { serviceId: string; name: string; service: string }): CodedMessage[] {
  return onboarding.serviceId === wave.serviceId ? [] : [issueText('WAVE_OTHER_SERVICE', { wave: wave.name, waveService: wave.service, authority: onboarding.authority, service: onboarding.service })];
}
