import { STATES, STATE_CODES, isStateCode, stateByArsPrefix, stateByCode } from './states.js';

describe('states', () => {
  it('lists the 16 real states with distinct codes and prefixes 01-16', () => {
    expect(STATES).toHaveLength(16);
    expect(new Set(STATES.map((s) => s.code)).size).toBe(16);
    expect(STATES.map((s) => s.arsPrefix).sort()).toEqual(Array.from({ length: 16 }, (_, i) => String(i + 1).padStart(2, '0')));
  });

  it('has a Königsteiner Schlüssel 2016 that sums to 100 percent', () => {
    const sum = STATES.reduce((acc, s) => acc + s.koenigsteinShare2016, 0);
    expect(sum).toBeCloseTo(100, 4);
  });

  it('recognises only real state codes', () => {
    for (const code of STATE_CODES) expect(isStateCode(code)).toBe(true);
    expect(isStateCode('XX')).toBe(false);
    expect(isStateCode('bb')).toBe(false);
    expect(isStateCode(12)).toBe(false);
  });

  it('finds states by code and prefix', () => {
    expect(stateByCode('BB')?.name).toBe('Brandenburg');
    expect(stateByArsPrefix('15')?.code).toBe('ST');
    expect(stateByArsPrefix('17')).toBeUndefined();
  });
});
