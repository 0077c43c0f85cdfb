import { DEFAULT_STAGES } from './pipeline.js';
import { findStage, parseOnboardingStatus, planOnboardingImport, readOnboardingRow, type OnboardingSnapshot } from './import-onboardings.js';
import { suggestMapping } from './import.js';

const stages = DEFAULT_STAGES.map((s) => ({ key: s.key, position: s.position, nameDe: s.name.de, nameEn: s.name.en }));
const now = new Date('2026-12-01T10:00:00Z');
const current = (o: Partial<OnboardingSnapshot> = {}): OnboardingSnapshot => ({
  stage: 'PREPARATION',
  status: 'ACTIVE',
  stageEnteredAt: new Date('2025-01-10T09:00:00Z'),
  liveAt: null,
  plannedGoLive: null,
  owner: null,
  jiraKey: null,
  applyUrl: null,
  ...o,
});

describe('onboarding status rows', () => {
  it('suggests the mapping from German and English headers', () => {
    expect(suggestMapping(['ARS', 'Behörde', 'Land', 'Leistung', 'Phase', 'Status', 'Geplanter Go-Live', 'Go-Live', 'Verantwortlich', 'Jira', 'Antragslink', 'Telefon'], 'onboardings')).toEqual({
      ARS: 'ars',
      Behörde: 'authority',
      Land: 'state',
      Leistung: 'service',
      Phase: 'stage',
      Status: 'status',
      'Geplanter Go-Live': 'plannedGoLive',
      'Go-Live': 'liveAt',
      Verantwortlich: 'owner',
      Jira: 'jiraKey',
      Antragslink: 'applyUrl',
      Telefon: null,
    });
    expect(suggestMapping(['Authority', 'Service', 'Stage', 'Planned go-live', 'Live date', 'Jira key'], 'onboardings')).toMatchObject({
      Authority: 'authority',
      Service: 'service',
      Stage: 'stage',
      'Planned go-live': 'plannedGoLive',
      'Live date': 'liveAt',
      'Jira key': 'jiraKey',
    });
  });

  it('reads dates, status words and texts; a bad date or status is an issue at its column', () => {
    const mapping = { Behörde: 'authority', Status: 'status', 'Go-Live': 'liveAt', Geplant: 'plannedGoLive' };
    expect(readOnboardingRow({ Behörde: 'Landkreis Harz', Status: 'pausiert', 'Go-Live': '30.08.2023', Geplant: '' }, mapping)).toEqual({
      values: { authority: 'Landkreis Harz', status: 'ON_HOLD', liveDate: '2023-08-30' },
      issues: [],
    });
    const bad = readOnboardingRow({ Behörde: 'X', Status: 'irgendwie', 'Go-Live': 'bald', Geplant: '31.02.2024' }, mapping);
    expect(bad.issues.map((i) => [i.column, i.code])).toEqual([
      ['Status', 'IMPORT_UNKNOWN_VALUE'],
      ['Go-Live', 'IMPORT_NOT_A_DATE'],
      ['Geplant', 'IMPORT_NOT_A_DATE'],
    ]);
  });

  it('knows status words and stage names in both languages', () => {
    expect(parseOnboardingStatus('on hold')).toBe('ON_HOLD');
    expect(parseOnboardingStatus('Abgebrochen')).toBe('CANCELLED');
    expect(parseOnboardingStatus('aktiv')).toBe('ACTIVE');
    expect(findStage('Anbindung', stages)?.key).toBe('CONNECTION');
    expect(findStage('connection', stages)?.key).toBe('CONNECTION');
    expect(findStage('Vorbereitung', stages)?.key).toBe('PREPARATION');
    expect(findStage('KICK_OFF', stages)?.key).toBe('KICK_OFF');
    expect(findStage('Produktion', stages)).toBeNull();
  });
});

describe('planning an imported onboarding state', () => {
  it('changes nothing when the row says what is stored (idempotent)', () => {
    const o = current({ stage: 'LIVE', liveAt: new Date('2023-08-30T07:00:00Z'), plannedGoLive: '2023-08-31', jiraKey: 'EFAAT-101' });
    const plan = planOnboardingImport(o, { stage: 'LIVE', liveAt: '2023-08-30', plannedGoLive: '2023-08-31', jiraKey: 'EFAAT-101' }, stages, { now, mayReopen: false });
    expect(plan).toEqual({ move: null, patch: {}, changes: {}, issues: [] });
  });

  it('moves forward or back as one administrative move, setting the go-live when it reaches the last stage', () => {
    const live = planOnboardingImport(current({ stageEnteredAt: new Date('2024-01-10T09:00:00Z') }), { stage: 'LIVE', liveAt: '2024-05-02' }, stages, { now, mayReopen: false });
    expect(live.issues).toEqual([]);
    expect(live.move).toEqual({ toStage: 'LIVE', toStatus: 'ACTIVE', liveAt: new Date('2024-05-01T22:00:00Z'), at: new Date('2024-05-01T22:00:00Z') });
    expect(live.changes).toMatchObject({ stage: { from: 'PREPARATION', to: 'LIVE' }, liveAt: { from: null, to: '2024-05-01T22:00:00.000Z' } });
    const back = planOnboardingImport(current({ stage: 'LIVE', liveAt: new Date('2024-05-02T08:00:00Z') }), { stage: 'TEST' }, stages, { now, mayReopen: false });
    expect(back.move).toEqual({ toStage: 'TEST', toStatus: 'ACTIVE', liveAt: null, at: now });
    expect(back.changes.liveAt).toEqual({ from: '2024-05-02T08:00:00.000Z', to: null });
  });

  it('never dates a move before the stage was entered, nor in the future', () => {
    const o = current({ stageEnteredAt: new Date('2025-06-01T00:00:00Z') });
    expect(planOnboardingImport(o, { stage: 'TEST' }, stages, { now, at: new Date('2025-01-01T00:00:00Z'), mayReopen: false }).move?.at).toEqual(new Date('2025-06-01T00:00:00Z'));
    expect(planOnboardingImport(o, { stage: 'TEST' }, stages, { now, at: new Date('2030-01-01T00:00:00Z'), mayReopen: false }).move?.at).toEqual(now);
  });

  it('refuses a go-live date for a stage that is not live, a future go-live, an unknown stage, and reopening without the right', () => {
    expect(planOnboardingImport(current(), { stage: 'TEST', liveAt: '2024-01-01' }, stages, { now, mayReopen: false }).issues).toEqual([
      { field: 'liveAt', code: 'IMPORT_LIVE_DATE_NOT_LIVE', params: { stage: 'LIVE' } },
    ]);
    expect(planOnboardingImport(current(), { stage: 'LIVE', liveAt: '2024-05-02' }, stages, { now, mayReopen: false }).issues).toMatchObject([
      { field: 'liveAt', code: 'IMPORT_LIVE_BEFORE_STAGE', params: { stage: 'PREPARATION' } },
    ]);
    expect(planOnboardingImport(current(), { stage: 'LIVE', liveAt: '2027-01-01' }, stages, { now, mayReopen: false }).issues).toMatchObject([{ field: 'liveAt', code: 'NOT_IN_FUTURE' }]);
    expect(planOnboardingImport(current(), { stage: 'GOLIVE' }, stages, { now, mayReopen: false }).issues).toMatchObject([{ field: 'stage', code: 'NOT_A_STAGE_OF_SERVICE' }]);
    const cancelled = current({ status: 'CANCELLED' });
    expect(planOnboardingImport(cancelled, { status: 'ACTIVE' }, stages, { now, mayReopen: false }).issues).toMatchObject([{ field: 'status', code: 'IMPORT_REOPEN_NEEDS_ADMIN' }]);
    expect(planOnboardingImport(cancelled, { status: 'ACTIVE' }, stages, { now, mayReopen: true }).issues).toEqual([]);
  });

  it('plans a new onboarding: no move when it starts in the first stage, a move when it starts further on', () => {
    const first = planOnboardingImport(null, { plannedGoLive: '2027-03-01' }, stages, { now, mayReopen: false });
    expect(first.move).toBeNull();
    expect(first.changes).toEqual({ stage: { from: null, to: 'INTEREST' }, status: { from: null, to: 'ACTIVE' }, plannedGoLive: { from: null, to: '2027-03-01' } });
    const paused = planOnboardingImport(null, { stage: 'CONNECTION', status: 'ON_HOLD' }, stages, { now, mayReopen: false });
    expect(paused.move).toEqual({ toStage: 'CONNECTION', toStatus: 'ON_HOLD', liveAt: null, at: now });
  });
});
