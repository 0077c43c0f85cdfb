import { asOfMoment, endOfDay, isIsoDate } from './asOf';

describe('dashboard "as of" dates', () => {
  it('reads only existing calendar dates', () => {
    expect(isIsoDate('2023-08-31')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('31.08.2023')).toBe(false);
    expect(isIsoDate(undefined)).toBe(false);
  });

  it('means the end of the day in Berlin, summer and winter', () => {
    expect(endOfDay('2023-08-31').toISOString()).toBe('2023-08-31T21:59:59.999Z');
    expect(endOfDay('2020-12-31').toISOString()).toBe('2020-12-31T22:59:59.999Z');
    expect(endOfDay('2023-03-26').toISOString()).toBe('2023-03-26T21:59:59.999Z'); // the day summer time starts
    expect(endOfDay('2023-10-29').toISOString()).toBe('2023-10-29T22:59:59.999Z'); // the day it ends
  });

  it('asks for "now" for today, a future or a missing date', () => {
    const now = new Date('2026-12-02T10:00:00Z');
    expect(asOfMoment(undefined, now)).toBeUndefined();
    expect(asOfMoment('2026-12-02', now)).toBeUndefined();
    expect(asOfMoment('2027-01-01', now)).toBeUndefined();
    expect(asOfMoment('2026-12-01', now)).toBe('2026-12-01T22:59:59.999Z');
  });
});
