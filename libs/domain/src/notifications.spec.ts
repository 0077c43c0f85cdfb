import { consolePath, digestWeekDue, eventKindOf, isoWeekOfDate, mailSubject, notificationTitle } from './notifications.js';

describe('eventKindOf: which writes notify', () => {
  it('an onboarding that reaches a live date went live; other stage moves are stage changes; other edits nothing', () => {
    expect(eventKindOf({ entityType: 'Onboarding', action: 'ADVANCE', changes: { stage: { from: 'TEST', to: 'LIVE' }, liveAt: { from: null, to: '2026-12-01T10:00:00Z' } } })).toBe('WENT_LIVE');
    expect(eventKindOf({ entityType: 'Onboarding', action: 'ADVANCE', changes: { stage: { from: 'INTEREST', to: 'KICK_OFF' } } })).toBe('STAGE_CHANGED');
    expect(eventKindOf({ entityType: 'Onboarding', action: 'UPDATE', changes: { owner: { from: null, to: 'x' } } })).toBeNull();
    expect(eventKindOf({ entityType: 'Onboarding', action: 'CREATE', changes: { stage: { from: null, to: 'INTEREST' } } })).toBeNull();
  });

  it('obstacles opened and resolved; contract status changes; nothing else', () => {
    expect(eventKindOf({ entityType: 'Blocker', action: 'CREATE', changes: {} })).toBe('BLOCKER_OPENED');
    expect(eventKindOf({ entityType: 'Blocker', action: 'RESOLVE', changes: { resolvedAt: { from: null, to: '2026-12-01' } } })).toBe('BLOCKER_RESOLVED');
    expect(eventKindOf({ entityType: 'Blocker', action: 'REOPEN', changes: { resolvedAt: { from: '2026-12-01', to: null } } })).toBeNull();
    expect(eventKindOf({ entityType: 'ReuseContract', action: 'SIGN', changes: { status: { from: 'NEGOTIATING', to: 'SIGNED' } } })).toBe('CONTRACT_STATUS_CHANGED');
    expect(eventKindOf({ entityType: 'Authority', action: 'UPDATE', changes: { name: { from: 'a', to: 'b' } } })).toBeNull();
  });
});

describe('ISO weeks', () => {
  it.each([
    ['2026-01-01', '2026-W01'],
    ['2027-01-01', '2026-W53'],
    ['2024-12-30', '2025-W01'],
    ['2026-12-02', '2026-W49'],
    ['2026-12-06', '2026-W49'],
    ['2026-12-07', '2026-W50'],
  ])('%s is in %s', (date, week) => expect(isoWeekOfDate(date)).toBe(week));

  it('the digest due on a Monday morning in Berlin is the week before', () => {
    expect(digestWeekDue(new Date('2026-12-07T06:00:00Z'))).toBe('2026-W49');
  });
});

describe('texts', () => {
  it('German and English, with the record and a console path', () => {
    const p = { authority: 'Landkreis Beispiel', service: 'Aufenthaltstitel', liveOn: '2026-12-01' };
    expect(notificationTitle('WENT_LIVE', p, 'de')).toBe('Landkreis Beispiel · Aufenthaltstitel ist live (2026-12-01)');
    expect(mailSubject('WENT_LIVE', p, 'en')).toBe('[EfA Rollout] Landkreis Beispiel · Aufenthaltstitel is live (2026-12-01)');
    expect(notificationTitle('CONTRACT_STATUS_CHANGED', { state: 'Bayern', service: 'X', fromStatus: 'NONE', toStatus: 'SIGNED' }, 'de')).toBe('Bayern · X: Vertragsstatus NONE → SIGNED');
    expect(consolePath({ onboardingId: 'o', authorityId: 'a' })).toBe('/#/Onboarding/o/show');
    expect(consolePath({ stateId: 's' })).toBe('/#/State/s/show');
  });
});
