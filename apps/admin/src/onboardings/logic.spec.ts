import { DEFAULT_STAGES } from '@efa/domain';
import { advanceCheck, changeValue, daysSince, earlierStages, onboardingUpdate, sparseMeta, stageName, toCsv } from './logic';

const stages = DEFAULT_STAGES.map(({ key, position }) => ({ key, position }));

describe('onboarding logic', () => {
  it('counts whole days in stage', () => {
    expect(daysSince('2026-01-01T00:00:00Z', new Date('2026-01-11T12:00:00Z'))).toBe(10);
    expect(daysSince(null)).toBe(0);
    expect(daysSince('2030-01-01T00:00:00Z', new Date('2026-01-01T00:00:00Z'))).toBe(0);
  });

  it('names stages in the chosen language with fallbacks', () => {
    expect(stageName('KICK_OFF', 'de', [{ key: 'KICK_OFF', nameDe: 'Auftakt', nameEn: 'Kick-off' }])).toBe('Auftakt');
    expect(stageName('PREPARATION', 'en')).toBe('Preparation');
    expect(stageName('PREPARATION', 'de')).toBe('Vorbereitung');
    expect(stageName('CUSTOM', 'de')).toBe('CUSTOM');
  });

  it('explains why advancing is refused', () => {
    const result = advanceCheck({
      onboarding: { stage: 'TEST', status: 'ACTIVE' },
      stages,
      milestones: [{ key: 'TEST_APPLICATION', stage: 'TEST', required: true, status: 'OPEN', nameDe: 'Testantrag', nameEn: 'Test application' }],
      blockers: [{ title: 'DVDV fehlt', severity: 'BLOCKING', resolvedAt: null }],
      contractSigned: false,
      locale: 'de',
    });
    expect(result.toStage).toBe('LIVE');
    expect(result.reasons).toHaveLength(3);
    expect(result.reasons.map((r) => r.code)).toEqual(['BLOCKING_OBSTACLE', 'CONTRACT_NOT_SIGNED', 'MILESTONE_NOT_DONE']);
    expect(result.reasons[0].params).toEqual({ title: 'DVDV fehlt' });
    expect(result.reasons[2].params).toMatchObject({ milestone: 'Testantrag', milestone_de: 'Testantrag', milestone_en: 'Test application', stage: 'TEST' });
  });

  it('allows an unblocked advance before LIVE', () => {
    expect(advanceCheck({ onboarding: { stage: 'INTEREST', status: 'ACTIVE' }, stages, milestones: [], blockers: [], contractSigned: false }).reasons).toEqual([]);
  });

  it('lists earlier stages', () => {
    expect(earlierStages(stages, 'PREPARATION').map((s) => s.key)).toEqual(['INTEREST', 'KICK_OFF']);
    expect(earlierStages(stages, 'INTEREST')).toEqual([]);
  });

  it('formats change values', () => {
    expect(changeValue(null)).toBe('');
    expect(changeValue('TEST')).toBe('TEST');
    expect(changeValue(3)).toBe('3');
  });

  it('sends only allowed fields with the version', () => {
    expect(onboardingUpdate({ id: 'o1', version: 4, notes: 'x', technicalContact: '', stage: 'LIVE' }, ['subjectContact', 'technicalContact'])).toEqual({
      id: 'o1',
      version: 4,
      technicalContact: null,
    });
  });
});

describe('sparseMeta', () => {
  it('keeps its fields when a reader deletes them', () => {
    const meta = sparseMeta(['id', 'stage']);
    delete (meta as { sparseFields?: unknown }).sparseFields;
    expect(meta.sparseFields).toEqual(['id', 'stage']);
    expect({ ...meta }.sparseFields).toEqual(['id', 'stage']);
  });
});

describe('toCsv', () => {
  it('quotes cells with commas, quotes and line breaks', () => {
    expect(toCsv([{ a: 'x', b: 'y,z' }, { a: 'say "hi"', b: null }])).toBe('a,b\nx,"y,z"\n"say ""hi""",');
    expect(toCsv([])).toBe('');
  });
});
