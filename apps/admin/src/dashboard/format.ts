import { BUSINESS_TIME_ZONE } from '@efa/domain';
import { useMemo } from 'react';
import { useIntlLocale } from '../common/useIntlLocale';

/** Numbers, shares, dates and months in the user's language (de-DE: 1.234, 12,5 %, 31.08.2023, Aug. 2023). */
export function useDashboardFormat() {
  const locale = useIntlLocale();
  return useMemo(() => {
    const number = new Intl.NumberFormat(locale);
    const days = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
    const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
    const wholePercent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
    const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    const month = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' });
    const moment = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: BUSINESS_TIME_ZONE });
    return {
      number: (n: number) => number.format(n),
      /** Days, one decimal at most (a median); a dash when there is none. */
      days: (n: number | null) => (n === null ? '–' : days.format(n)),
      percent: (share: number) => percent.format(share),
      wholePercent: (share: number) => wholePercent.format(share),
      /** A calendar date YYYY-MM-DD. */
      date: (iso: string) => date.format(new Date(`${iso}T00:00:00Z`)),
      /** A month YYYY-MM. */
      month: (yearMonth: string) => month.format(new Date(`${yearMonth}-01T00:00:00Z`)),
      /** A moment, as the date it is in Berlin. */
      momentDate: (iso: string) => moment.format(new Date(iso)),
    };
  }, [locale]);
}

export type DashboardFormat = ReturnType<typeof useDashboardFormat>;
