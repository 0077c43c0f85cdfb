import { checkWaveAssignment, validateGuideSection, validateWave, waveProgress } from './index.js';

const at = (stagePosition: number, extra: Partial<{ live: boolean; cancelled: boolean }> = {}) => ({ stagePosition, live: false, cancelled: false, ...extra });
const plan = { stageCount: 6, startsOn: '2026-01-01', targetGoLive: '2026-11-01' };

describe('waveProgress', () => {
  it('is EMPTY without onboardings and ignores cancelled ones', () => {
    expect(waveProgress({ ...plan, members: [], today: '2026-06-01' })).toMatchObject({ total: 0, status: 'EMPTY', progress: 0 });
    expect(waveProgress({ ...plan, members: [at(3, { cancelled: true })], today: '2026-06-01' })).toMatchObject({ total: 0, cancelled: 1, status: 'EMPTY' });
  });

  it('compares stage-weighted progress with the linear plan from start to target date', () => {
    // 2026-06-01 is 151 of 304 days: about half of the way expected.
    const r = waveProgress({ ...plan, members: [at(4), at(3), at(6, { live: true })], today: '2026-06-01' });
    expect(r.expected).toBeCloseTo(151 / 304, 4);
    // (3/5 + 2/5 + 1) / 3 = 2/3
    expect(r.progress).toBeCloseTo(2 / 3, 4);
    expect(r).toMatchObject({ total: 3, live: 1, shareLive: 0.3333, status: 'ON_TRACK', daysLeft: 153 });
  });

  it('is AT_RISK when more than the tolerance behind the plan, ON_TRACK within it', () => {
    expect(waveProgress({ ...plan, members: [at(1), at(2)], today: '2026-06-01' }).status).toBe('AT_RISK');
    // progress 0.4, expected ≈ 0.4967: within 0.1
    expect(waveProgress({ ...plan, members: [at(3), at(3)], today: '2026-06-01' }).status).toBe('ON_TRACK');
  });

  it('is LATE after the target date unless all are live, then DONE', () => {
    expect(waveProgress({ ...plan, members: [at(5), at(6, { live: true })], today: '2026-11-02' })).toMatchObject({ status: 'LATE', daysLeft: -1, expected: 1 });
    expect(waveProgress({ ...plan, members: [at(6, { live: true }), at(6, { live: true })], today: '2026-11-02' })).toMatchObject({ status: 'DONE', shareLive: 1, progress: 1 });
  });

  it('expects nothing before the start and everything on the target date', () => {
    expect(waveProgress({ ...plan, members: [at(1)], today: '2025-12-01' })).toMatchObject({ expected: 0, status: 'ON_TRACK' });
    expect(waveProgress({ ...plan, members: [at(6, { live: true }), at(1)], today: '2026-11-01' })).toMatchObject({ expected: 1, daysLeft: 0, status: 'AT_RISK' });
  });
});

describe('wave rules', () => {
  const wave = { serviceId: 's1', name: 'Welle 1', startsOn: '2026-01-01', targetGoLive: '2026-06-30', memberUserIds: [], organisations: ['DIKOM'] };
  it('accepts a complete wave and names every bad field', () => {
    expect(validateWave(wave)).toEqual([]);
    const issues = validateWave({ ...wave, name: ' ', targetGoLive: '2025-12-31', organisations: ['DIKOM', 'dikom'] });
    expect(issues.map((i) => [i.field, i.code])).toEqual([
      ['name', 'REQUIRED'],
      ['targetGoLive', 'DATE_BEFORE'],
      ['organisations.1', 'LISTED_TWICE'],
    ]);
    expect(validateWave({ ...wave, targetGoLive: '2026-02-30' }).map((i) => i.field)).toEqual(['targetGoLive']);
  });

  it('refuses an onboarding of another service', () => {
    expect(checkWaveAssignment({ serviceId: 's1', authority: 'A', service: 'X' }, { serviceId: 's1', name: 'W', service: 'X' })).toEqual([]);
    expect(checkWaveAssignment({ serviceId: 's2', authority: 'Landkreis Harz', service: 'Wohngeld' }, { serviceId: 's1', name: 'Welle 1', service: 'Aufenthaltstitel' })[0]).toMatchObject({
      code: 'WAVE_OTHER_SERVICE',
      message: `the wave "Welle 1" is for Aufenthaltstitel, but Landkreis Harz's onboarding is for Wohngeld`,
    });
  });

  it('validates guide sections: title, milestone key format, position', () => {
    expect(validateGuideSection({ serviceId: 's', title: 'DVDV', body: '# x', milestoneKey: 'DVDV_ENTRY', position: 1 })).toEqual([]);
    expect(validateGuideSection({ serviceId: 's', title: '', body: 'x', milestoneKey: 'dvdv', position: 0 }).map((i) => [i.field, i.code])).toEqual([
      ['title', 'REQUIRED'],
      ['milestoneKey', 'STAGE_KEY_FORMAT'],
      ['position', 'TOO_SMALL'],
    ]);
  });
});
