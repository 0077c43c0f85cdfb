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
