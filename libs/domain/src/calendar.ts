/**
 * The product's calendar: German authorities work in Europe/Berlin, so
 * "today" (for default dates, "not in the future", "overdue") is the date
 * there, not in UTC.
 */
export const BUSINESS_TIME_ZONE = 'Europe/Berlin';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date (YYYY-MM-DD) of a moment in the business time zone. */
export function localDate(at: Date, timeZone: string = BUSINESS_TIME_ZONE): string {
  let f = formatters.get(timeZone);
  if (!f) {
    // en-CA writes dates as YYYY-MM-DD.
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f.format(at);
}

/** Today in the business time zone. */
export function today(now: Date = new Date()): string {
  return localDate(now);
}

/** The calendar date `days` after (or before, if negative) a date written YYYY-MM-DD. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The same day `months` months earlier or later, clamped to the month's last day (31 March - 1 month = 28/29 February). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, last))).toISOString().slice(0, 10);
}

/** The first moment of a calendar date in the business time zone (midnight there, as an instant). */
export function startOfLocalDay(date: string, timeZone: string = BUSINESS_TIME_ZONE): Date {
  const [y, m, d] = date.split('-').map(Number);
  const wall = Date.UTC(y, m - 1, d);
  let instant = wall;
  // The zone's offset at the instant; twice, in case the first guess fell on the other side of a clock change.
  for (let i = 0; i < 2; i++) instant = wall - offsetOf(new Date(instant), timeZone);
  return new Date(instant);
}

/** The last millisecond of a calendar date in the business time zone: "as of 31.08.2023" means the end of that day. */
export function endOfLocalDay(date: string, timeZone: string = BUSINESS_TIME_ZONE): Date {
  return new Date(startOfLocalDay(addDays(date, 1), timeZone).getTime() - 1);
}

/**
 * The instant of a wall-clock time in the business time zone (what a person
 * in Berlin reads on the clock): 12.03.2024 10:15 there is 09:15 UTC.
 */
export function localDateTime(year: number, month: number, day: number, hour = 0, minute = 0, timeZone: string = BUSINESS_TIME_ZONE): Date {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  let instant = wall;
  for (let i = 0; i < 2; i++) instant = wall - offsetOf(new Date(instant), timeZone);
  return new Date(instant);
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** How far the zone's wall clock is ahead of UTC at an instant, in milliseconds. */
function offsetOf(at: Date, timeZone: string): number {
  let f = offsetFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    offsetFormatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value]));
  const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return wall - Math.floor(at.getTime() / 1000) * 1000;
}
