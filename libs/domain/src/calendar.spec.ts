import { localDate, today } from './calendar.js';

describe('business calendar (Europe/Berlin)', () => {
  it('counts the day in Berlin, not in UTC', () => {
    // 00:30 in Berlin on 1 March is still 28 February in UTC.
    expect(localDate(new Date('2023-02-28T23:30:00Z'))).toBe('2023-03-01');
    // summer time: UTC+2
    expect(localDate(new Date('2023-08-30T22:30:00Z'))).toBe('2023-08-31');
    expect(localDate(new Date('2023-08-30T21:30:00Z'))).toBe('2023-08-30');
    expect(today(new Date('2026-11-22T12:00:00Z'))).toBe('2026-11-22');
  });
});
