import { addDays, addMonths, endOfLocalDay, localDate, startOfLocalDay, today } from './calendar.js';

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

describe('days in the business time zone', () => {
  it('finds the first and last moment of a Berlin day, in summer and winter time and across clock changes', () => {
    expect(startOfLocalDay('2023-08-31').toISOString()).toBe('2023-08-30T22:00:00.000Z');
    expect(endOfLocalDay('2023-08-31').toISOString()).toBe('2023-08-31T21:59:59.999Z');
    expect(endOfLocalDay('2020-12-31').toISOString()).toBe('2020-12-31T22:59:59.999Z');
    // 26 March 2023 has 23 hours, 29 October 2023 has 25.
    expect(startOfLocalDay('2023-03-26').toISOString()).toBe('2023-03-25T23:00:00.000Z');
    expect(endOfLocalDay('2023-03-26').toISOString()).toBe('2023-03-26T21:59:59.999Z');
    expect(endOfLocalDay('2023-10-29').toISOString()).toBe('2023-10-29T22:59:59.999Z');
    expect(localDate(endOfLocalDay('2024-02-29'))).toBe('2024-02-29');
  });

  it('adds days and months on calendar dates', () => {
    expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addMonths('2023-08-31', -1)).toBe('2023-07-31');
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
    expect(addMonths('2023-01-15', -1)).toBe('2022-12-15');
  });
});
