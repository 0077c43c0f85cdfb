import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { localDate } from '@efa/domain';
import { lazy, Suspense, useMemo } from 'react';
import { Link, useTranslate } from 'react-admin';
import { chartPoints } from './goLiveSeries';
import { useDashboardFormat } from './format';
import { onboardingsPath, scopeFilter, statusFilters } from './links';
import { FUNNEL_FIELDS, type DashboardPanel, type DashboardPanelProps } from './panel';
import { PanelCard } from './PanelCard';

/** The chart and its library (recharts, ~125 kB gzip) load after the figures: the panel's text and links do not wait for them. */
const GoLivesChart = lazy(() => import('./GoLivesChart'));

/**
 * Go-lives per month (bars), the running total of authorities live (line)
 * and, after the as-of date, the planned go-lives and the total they would
 * give (dashed). A bar opens the list of live onboardings (latest first) or
 * of those planned to go live (earliest first); the links below say the same
 * for keyboard and screen-reader users. No animation: the figures are read, not watched.
 */
const GoLivesPanel = ({ figures, scope }: DashboardPanelProps) => {
  const translate = useTranslate();
  const format = useDashboardFormat();
  const months = figures.goLivesPerMonth ?? [];
  const asOfMonth = localDate(new Date(figures.asOf)).slice(0, 7);
  const points = useMemo(() => chartPoints(months, asOfMonth), [months, asOfMonth]);
  const filters = statusFilters(figures.funnel ?? []);
  const own = scopeFilter(scope, figures.serviceId);
  const livePath = onboardingsPath({ ...own, ...filters.live }, { field: 'liveAt', order: 'DESC' });
  const plannedPath = onboardingsPath({ ...own, ...filters.inRollout }, { field: 'plannedGoLive', order: 'ASC' });
  const liveNow = months.filter((m) => m.month <= asOfMonth).at(-1)?.cumulative ?? 0;
  const plannedAhead = months.reduce((sum, m) => sum + (m.month > asOfMonth ? m.planned : 0), 0);

  return (
    <PanelCard id="golives" title="dashboard.goLives.title" hint="dashboard.goLives.hint">
      {liveNow === 0 && plannedAhead === 0 ? (
        <Typography color="text.secondary">{translate('dashboard.goLives.empty')}</Typography>
      ) : (
        <>
          <div style={{ width: '100%', height: 320 }} data-testid="golives-chart">
            <Suspense fallback={<Skeleton variant="rectangular" width="100%" height={320} />}>
              <GoLivesChart points={points} livePath={livePath} plannedPath={plannedPath} />
            </Suspense>
          </div>
          <Typography variant="body2" sx={{ mt: 1 }}>
            {translate('dashboard.goLives.summary', { live: format.number(liveNow), date: format.momentDate(figures.asOf), smart_count: plannedAhead })}
          </Typography>
          <Stack direction="row" spacing={2} sx={{ mt: 0.5 }}>
            <Link to={livePath}>{translate('dashboard.goLives.open_live')}</Link>
            {plannedAhead > 0 ? <Link to={plannedPath}>{translate('dashboard.goLives.open_planned')}</Link> : null}
          </Stack>
        </>
      )}
    </PanelCard>
  );
};

export const goLivesPanel: DashboardPanel = {
  id: 'golives',
  fields: ['goLivesPerMonth { month goLives cumulative planned }', FUNNEL_FIELDS],
  width: 12,
  Component: GoLivesPanel,
};
