import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { Link, useTranslate } from 'react-admin';
import { useDashboardFormat } from './format';
import { listPath, onboardingsPath, scopeFilter, statusFilters } from './links';
import { COUNT_FIELDS, FUNNEL_FIELDS, type DashboardPanel, type DashboardPanelProps } from './panel';

type Figure = 'live' | 'inRollout' | 'paused' | 'notStarted' | 'shareLive' | 'authorities';
const FIGURES: Figure[] = ['live', 'inRollout', 'paused', 'notStarted', 'shareLive', 'authorities'];

/**
 * The headline figures: authorities live, in rollout, paused, not started,
 * the share live and the authorities in scope. Each count opens the list
 * behind it (not started has no list filter in the API yet).
 */
const HeadlinePanel = ({ figures, scope }: DashboardPanelProps) => {
  const translate = useTranslate();
  const format = useDashboardFormat();
  const totals = figures.totals;
  if (!totals) return null;
  const filters = statusFilters(figures.funnel ?? []);
  const own = scopeFilter(scope, figures.serviceId);
  const pathOf: Partial<Record<Figure, string>> = {
    live: onboardingsPath({ ...own, ...filters.live }, { field: 'liveAt', order: 'DESC' }),
    inRollout: onboardingsPath({ ...own, ...filters.inRollout }),
    paused: onboardingsPath({ ...own, ...filters.paused }),
    authorities: listPath('Authority', scope.state ? { stateId: scope.state.id } : {}),
  };
  const valueOf = (figure: Figure) => (figure === 'shareLive' ? format.percent(totals.shareLive) : format.number(totals[figure]));
  return (
    <Box
      component="section"
      aria-label={translate('dashboard.headline.title')}
      data-testid="dashboard-headline"
      sx={{ display: 'grid', gap: 1.5, gridTemplateColumns: { xs: 'repeat(2, 1fr)', sm: 'repeat(3, 1fr)', lg: 'repeat(6, 1fr)' } }}
    >
      {FIGURES.map((figure) => {
        const label = translate(`dashboard.headline.${figure}`);
        const path = pathOf[figure];
        const body = (
          <>
            <Typography variant="body2" color="text.secondary">
              {label}
            </Typography>
            <Typography variant="h4" component="p" data-testid={`headline-${figure}`} data-value={figure === 'shareLive' ? totals.shareLive : totals[figure]}>
              {valueOf(figure)}
            </Typography>
            {figure === 'shareLive' ? (
              <Typography variant="caption" color="text.secondary">
                {translate('dashboard.headline.share_of', { live: format.number(totals.live), authorities: format.number(totals.authorities) })}
              </Typography>
            ) : null}
          </>
        );
        return (
          <Paper key={figure} variant="outlined" sx={{ p: 1.5, borderTop: 4, borderTopColor: figure === 'live' || figure === 'shareLive' ? 'success.main' : 'divider' }}>
            {path ? (
              <Link to={path} title={translate('dashboard.headline.open', { label })} sx={{ display: 'block', color: 'inherit', textDecoration: 'none', '&:hover p': { textDecoration: 'underline' } }}>
                {body}
              </Link>
            ) : (
              body
            )}
          </Paper>
        );
      })}
    </Box>
  );
};

export const headlinePanel: DashboardPanel = {
  id: 'headline',
  fields: [`totals { ${COUNT_FIELDS} }`, FUNNEL_FIELDS],
  width: 12,
  Component: HeadlinePanel,
};
