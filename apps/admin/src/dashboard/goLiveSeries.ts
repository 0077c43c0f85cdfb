import type { GoLiveMonth } from './dashboardApi';

export interface GoLivePoint {
  month: string;
  goLives: number;
  planned: number;
  /** Live in total, up to the as-of month. */
  cumulative?: number;
  /** Live in total if the planned go-lives happen, from the as-of month on. */
  forecast?: number;
}

/**
 * The months as the chart draws them: the running total up to the as-of
 * month, and from there a forecast that adds the planned go-lives.
 */
export function chartPoints(months: readonly GoLiveMonth[], asOfMonth: string): GoLivePoint[] {
  let forecast: number | undefined;
  return months.map((m) => {
    const past = m.month <= asOfMonth;
    if (m.month === asOfMonth) forecast = m.cumulative;
    else if (!past) forecast = (forecast ?? months.filter((x) => x.month <= asOfMonth).at(-1)?.cumulative ?? 0) + m.planned;
    return {
      month: m.month,
      goLives: past ? m.goLives : 0,
      planned: past ? 0 : m.planned,
      cumulative: past ? m.cumulative : undefined,
      forecast: m.month >= asOfMonth ? forecast : undefined,
    };
  });
}

