import { BUSINESS_TIME_ZONE, localDate } from '@efa/domain';

/**
 * "Stand" (as of) on the dashboard is a calendar date; the API takes a
 * moment. A date means the end of that day in the business time zone
 * (Europe/Berlin), so "Stand 31.08.2023" includes every go-live of the 31st.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Is this a calendar date YYYY-MM-DD that exists? */
export function isIsoDate(value: string | null | undefined): value is string {
  const m = value ? DATE.exec(value) : null;
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

/** Minutes the time zone is ahead of UTC at this moment (Europe/Berlin: 60 or 120). */
function offsetMinutes(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return Math.round((local - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/** The last millisecond of a calendar date in the time zone, as a moment. */
export function endOfDay(date: string, timeZone: string = BUSINESS_TIME_ZONE): Date {
  if (!isIsoDate(date)) throw new Error(`Not a date: ${date}`);
  const [y, m, d] = date.split('-').map(Number);
  const wall = Date.UTC(y, m - 1, d, 23, 59, 59, 999);
  // The offset at the end of the day (a DST change happens at night, before it).
  return new Date(wall - offsetMinutes(new Date(wall - 12 * 3_600_000), timeZone) * 60_000);
}

/**
 * The moment to ask the API for: undefined (now) for today or no date, so
 * the figures equal what the lists show; else the end of that day.
 */
export function asOfMoment(date: string | undefined, now: Date = new Date()): string | undefined {
  if (!date || !isIsoDate(date) || date >= localDate(now)) return undefined;
  return endOfDay(date).toISOString();
}

/** Today's date in the business time zone (the date picker's default and maximum). */
export const todayDate = (now: Date = new Date()): string => localDate(now);
