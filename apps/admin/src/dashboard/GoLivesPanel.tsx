import Stack from '@mui/material/Stack';
import { useTheme } from '@mui/material/styles';
import Typography from '@mui/material/Typography';
import { localDate } from '@efa/domain';
import { useMemo } from 'react';
import { Link, useNavigate, useTranslate } from 'react-admin';
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { chartPoints } from './goLiveSeries';
import { useDashboardFormat } from './format';
import { onboardingsPath, scopeFilter, statusFilters } from './links';
import { FUNNEL_FIELDS, type DashboardPanel, type DashboardPanelProps } from './panel';
import { PanelCard } from './PanelCard';

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
  const theme = useTheme();
  const navigate = useNavigate();
  const months = figures.goLivesPerMonth ?? [];
  const asOfMonth = localDate(new Date(figures.asOf)).slice(0, 7);
  const points = useMemo(() => chartPoints(months, asOfMonth), [months, asOfMonth]);
  const filters = statusFilters(figures.funnel ?? []);
  const own = scopeFilter(scope, figures.serviceId);
  const livePath = onboardingsPath({ ...own, ...filters.live }, { field: 'liveAt', order: 'DESC' });
  const plannedPath = onboardingsPath({ ...own, ...filters.inRollout }, { field: 'plannedGoLive', order: 'ASC' });
  const liveNow = months.filter((m) => m.month <= asOfMonth).at(-1)?.cumulative ?? 0;
  const plannedAhead = months.reduce((sum, m) => sum + (m.month > asOfMonth ? m.planned : 0), 0);
  const axis = { stroke: theme.palette.text.secondary, fontSize: 12 };
  const colors = { goLives: theme.palette.success.main, planned: theme.palette.warning.main, total: theme.palette.primary.main };

  return (
    <PanelCard id="golives" title="dashboard.goLives.title" hint="dashboard.goLives.hint">
      {liveNow === 0 && plannedAhead === 0 ? (
        <Typography color="text.secondary">{translate('dashboard.goLives.empty')}</Typography>
      ) : (
        <>
          <div style={{ width: '100%', height: 320 }} data-testid="golives-chart">
            <ResponsiveContainer>
              <ComposedChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
                <CartesianGrid stroke={theme.palette.divider} vertical={false} />
                <XAxis dataKey="month" tickFormatter={format.month} tick={axis} stroke={theme.palette.divider} minTickGap={24} />
                <YAxis yAxisId="month" tick={axis} stroke={theme.palette.divider} allowDecimals={false} width={40} />
                <YAxis yAxisId="total" orientation="right" tick={axis} stroke={theme.palette.divider} allowDecimals={false} width={48} />
                <Tooltip
                  labelFormatter={(label) => format.month(String(label))}
                  formatter={(value) => format.number(Number(value))}
                  contentStyle={{ background: theme.palette.background.paper, borderColor: theme.palette.divider, color: theme.palette.text.primary }}
                  cursor={{ fill: theme.palette.action.hover }}
                />
                <Legend wrapperStyle={{ fontSize: 13, color: theme.palette.text.primary }} />
                <Bar yAxisId="month" dataKey="goLives" name={translate('dashboard.goLives.goLives')} fill={colors.goLives} cursor="pointer" isAnimationActive={false} onClick={() => navigate(livePath)} />
                <Bar yAxisId="month" dataKey="planned" name={translate('dashboard.goLives.planned')} fill={colors.planned} fillOpacity={0.6} cursor="pointer" isAnimationActive={false} onClick={() => navigate(plannedPath)} />
                <Line yAxisId="total" dataKey="cumulative" name={translate('dashboard.goLives.cumulative')} stroke={colors.total} strokeWidth={2} dot={false} connectNulls={false} isAnimationActive={false} />
                <Line yAxisId="total" dataKey="forecast" name={translate('dashboard.goLives.forecast')} stroke={colors.total} strokeWidth={2} strokeDasharray="6 4" dot={false} isAnimationActive={false} />
              </ComposedChart>
            </ResponsiveContainer>
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
