import { DEFAULT_MILESTONES, DEFAULT_STAGES } from './pipeline.js';
import {
  checkAdvance,
  checkCancel,
  checkMoveBack,
  checkPause,
  checkReopen,
  checkResume,
  missingMilestones,
  nextStage,
  resolveLiveAt,
  stageAt,
  type AdvanceContext,
  type MilestoneState,
} from './onboarding.js';
import type { CodedMessage } from './messages.js';

const messages = (reasons: CodedMessage[]) => reasons.map((r) => r.message);

const stages = DEFAULT_STAGES.map((s) => ({ key: s.key, position: s.position }));
const milestones = (status: (m: (typeof DEFAULT_MILESTONES)[number]) => string): MilestoneState[] =>
  DEFAULT_MILESTONES.map((m) => ({ key: m.key, name: m.name.en, stage: m.stage, required: m.required, status: status(m) }));
const allDoneBeforeLive = milestones((m) => (m.stage === 'LIVE' ? 'OPEN' : 'DONE'));
const ctx = (over: Partial<AdvanceContext> = {}): AdvanceContext => ({ stages, milestones: allDoneBeforeLive, blockers: [], contractSigned: true, ...over });
const active = (stage: string) => ({ stage, status: 'ACTIVE' });

describe('advancing an onboarding', () => {
  it('moves to the next stage by default', () => {
    expect(checkAdvance(active('INTEREST'), ctx())).toEqual({ toStage: 'KICK_OFF', reasons: [] });
    expect(nextStage(stages, 'TEST')).toBe('LIVE');
    expect(nextStage(stages, 'LIVE')).toBeUndefined();
  });

  it('may skip forward to a named stage', () => {
    expect(messages(checkAdvance(active('INTEREST'), ctx(), 'CONNECTION').reasons)).toEqual([]);
  });

  it('refuses backwards, unknown stages and moves past the last stage', () => {
    expect(messages(checkAdvance(active('TEST'), ctx(), 'KICK_OFF').reasons)[0]).toMatch(/not after the current stage TEST; use moveOnboardingBack/);
    expect(messages(checkAdvance(active('TEST'), ctx(), 'DONE').reasons)).toEqual(['"DONE" is not a stage of this service\'s pipeline']);
    expect(messages(checkAdvance(active('LIVE'), ctx()).reasons)).toEqual(['the onboarding is already in the last stage (LIVE)']);
  });

  it('refuses while a blocking obstacle is open, naming it; resolved or milder ones do not block', () => {
    const blockers = [
      { title: 'DVDV certificate missing', severity: 'BLOCKING' },
      { title: 'Interface not paid', severity: 'BLOCKING', resolvedAt: '2023-01-01' },
      { title: 'Staff on leave', severity: 'DELAYING' },
    ];
    expect(messages(checkAdvance(active('CONNECTION'), ctx({ blockers })).reasons)).toEqual(['open blocking obstacle: DVDV certificate missing']);
  });

  it('goes LIVE only with a signed contract and every required milestone up to TEST done, listing what is missing', () => {
    expect(messages(checkAdvance(active('TEST'), ctx()).reasons)).toEqual([]);
    const open = milestones((m) => (m.key === 'DVDV_ENTRY' || m.key === 'TEST_APPLICATION' || m.stage === 'LIVE' ? 'OPEN' : 'DONE'));
    expect(messages(checkAdvance(active('TEST'), ctx({ milestones: open, contractSigned: false })).reasons)).toEqual([
      "the state's reuse contract for this service is not signed",
      'required milestone not done: DVDV entry and certificate (or FIT-Connect destination) (CONNECTION)',
      'required milestone not done: Test application received end to end (TEST)',
    ]);
  });

  it('counts milestones marked not applicable as settled', () => {
    const na = milestones((m) => (m.key === 'DVDV_ENTRY' ? 'NOT_APPLICABLE' : m.stage === 'LIVE' ? 'OPEN' : 'DONE'));
    expect(missingMilestones(stages, na, 'LIVE')).toEqual([]);
  });

  it('does not move paused or cancelled onboardings', () => {
    expect(messages(checkAdvance({ stage: 'TEST', status: 'ON_HOLD' }, ctx()).reasons)).toEqual(['the onboarding is paused; resume it first']);
    expect(messages(checkAdvance({ stage: 'TEST', status: 'CANCELLED' }, ctx()).reasons)[0]).toMatch(/cancelled; only an administrator can reopen it/);
  });
});

describe('coded reasons', () => {
  it('gives each reason a stable code and the params its message names, milestone names in both languages', () => {
    const named = DEFAULT_MILESTONES.map((m) => ({ key: m.key, name: m.name.en, nameDe: m.name.de, nameEn: m.name.en, stage: m.stage, required: m.required, status: m.key === 'TEST_APPLICATION' ? 'OPEN' : 'DONE' }));
    const blockers = [{ title: 'DVDV certificate missing', severity: 'BLOCKING' }];
    expect(checkAdvance(active('TEST'), ctx({ milestones: named, blockers, contractSigned: false })).reasons).toEqual([
      { code: 'BLOCKING_OBSTACLE', params: { title: 'DVDV certificate missing' }, message: 'open blocking obstacle: DVDV certificate missing' },
      { code: 'CONTRACT_NOT_SIGNED', params: {}, message: "the state's reuse contract for this service is not signed" },
      {
        code: 'MILESTONE_NOT_DONE',
        params: { milestone: 'Test application received end to end', key: 'TEST_APPLICATION', stage: 'TEST', milestone_de: 'Testantrag Ende-zu-Ende erfolgreich', milestone_en: 'Test application received end to end' },
        message: 'required milestone not done: Test application received end to end (TEST)',
      },
    ]);
    expect(checkMoveBack(active('KICK_OFF'), stages, 'TEST', '')).toEqual([
      { code: 'STAGE_NOT_BEFORE', params: { stage: 'TEST', current: 'KICK_OFF' }, message: 'TEST is not before the current stage KICK_OFF' },
      { code: 'MOVE_BACK_NEEDS_REASON', params: {}, message: 'moving back needs a reason' },
    ]);
  });
});

describe('moving back, pausing, resuming, cancelling, reopening', () => {
  it('moves back only to an earlier stage and only with a reason', () => {
    expect(messages(checkMoveBack(active('TEST'), stages, 'CONNECTION', 'certificate expired'))).toEqual([]);
    expect(messages(checkMoveBack(active('TEST'), stages, 'CONNECTION', '  '))).toEqual(['moving back needs a reason']);
    expect(messages(checkMoveBack(active('KICK_OFF'), stages, 'TEST', 'x'))).toEqual(['TEST is not before the current stage KICK_OFF']);
  });

  it('pauses and cancels only with a reason', () => {
    expect(messages(checkPause(active('TEST'), 'law change'))).toEqual([]);
    expect(messages(checkPause(active('TEST'), ''))).toEqual(['pausing needs a reason']);
    expect(messages(checkCancel(active('TEST'), null))).toEqual(['cancelling needs a reason']);
    expect(messages(checkCancel({ stage: 'TEST', status: 'CANCELLED' }, 'again'))).toEqual(['the onboarding is already cancelled']);
  });

  it('resumes only a paused onboarding and reopens only a cancelled one', () => {
    expect(messages(checkResume({ stage: 'TEST', status: 'ON_HOLD' }))).toEqual([]);
    expect(messages(checkResume(active('TEST')))).toEqual(['the onboarding is not paused']);
    expect(messages(checkReopen({ stage: 'TEST', status: 'CANCELLED' }, 'new budget'))).toEqual([]);
    expect(messages(checkReopen(active('TEST'), 'x'))).toEqual(['only a cancelled onboarding can be reopened']);
  });
});

describe('go-live date', () => {
  const now = new Date('2023-08-31T12:00:00Z');
  it('defaults to now, accepts a past date and refuses a future one', () => {
    expect(resolveLiveAt(undefined, now).liveAt).toEqual(now);
    expect(resolveLiveAt('2020-12-15T00:00:00Z', now).liveAt).toEqual(new Date('2020-12-15T00:00:00Z'));
    expect(messages(resolveLiveAt('2024-01-01', now).reasons)[0]).toMatch(/must not be in the future/);
    expect(messages(resolveLiveAt('31.02.2023', now).reasons)[0]).toMatch(/is not a date/);
    const enteredTest = new Date('2023-07-01T00:00:00Z');
    expect(messages(resolveLiveAt('2023-06-30T00:00:00Z', now, enteredTest).reasons)[0]).toMatch(/must not be before the onboarding entered its current stage/);
    expect(resolveLiveAt('2023-07-02T00:00:00Z', now, enteredTest).liveAt).toEqual(new Date('2023-07-02T00:00:00Z'));
  });
});

describe('stage on a date', () => {
  const log = [
    { toStage: 'INTEREST', toStatus: 'ACTIVE', occurredAt: '2020-06-01T10:00:00Z' },
    { toStage: 'TEST', toStatus: 'ACTIVE', occurredAt: '2020-11-20T10:00:00Z' },
    { toStage: 'KICK_OFF', toStatus: 'ACTIVE', occurredAt: '2020-07-01T10:00:00Z' },
    { toStage: 'LIVE', toStatus: 'ACTIVE', occurredAt: '2020-12-15T10:00:00Z' },
  ];
  it('is the last transition at or before the date, whatever the order of the log', () => {
    expect(stageAt(log, new Date('2020-05-31T00:00:00Z'))).toBeUndefined();
    expect(stageAt(log, new Date('2020-08-08T00:00:00Z'))).toEqual({ stage: 'KICK_OFF', status: 'ACTIVE' });
    expect(stageAt(log, new Date('2020-12-15T10:00:00Z'))).toEqual({ stage: 'LIVE', status: 'ACTIVE' });
  });
});
