import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { Link, useLocaleState, useTranslate } from 'react-admin';
import { stageName } from '../onboardings/logic';
import { useServiceStages } from '../onboardings/shared';
import { useDashboardFormat } from './format';
import { onboardingsPath, scopeFilter } from './links';
import { FUNNEL_FIELDS, type DashboardPanel, type DashboardPanelProps } from './panel';
import { PanelCard } from './PanelCard';

/**
 * The funnel: onboardings (active and paused, not cancelled) per stage of
 * the service's pipeline, as horizontal bars. A stage opens the onboardings
 * list filtered by service, state, that stage and status active or paused:
 * the same onboardings the API counts.
 */
const FunnelPanel = ({ figures, scope }: DashboardPanelProps) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const format = useDashboardFormat();
  const { stages } = useServiceStages(figures.serviceId);
  const funnel = [...(figures.funnel ?? [])].sort((a, b) => a.position - b.position);
  const max = Math.max(1, ...funnel.map((s) => s.count));
  const own = scopeFilter(scope, figures.serviceId);
  return (
    <PanelCard id="funnel" title="dashboard.funnel.title" hint="dashboard.funnel.hint">
      {funnel.every((s) => s.count === 0) ? (
        <Typography color="text.secondary">{translate('dashboard.funnel.empty')}</Typography>
      ) : (
        <Box component="ol" sx={{ listStyle: 'none', p: 0, m: 0, display: 'grid', gap: 1 }}>
          {funnel.map((s) => {
            const name = stageName(s.stage, locale, stages);
            return (
              <li key={s.stage} data-stage={s.stage}>
                <Link
                  to={onboardingsPath({ ...own, stage: [s.stage], status: ['ACTIVE', 'ON_HOLD'] })}
                  aria-label={translate('dashboard.funnel.open', { stage: name, count: format.number(s.count) })}
                  sx={{ display: 'grid', gridTemplateColumns: 'minmax(7rem, 11rem) 1fr auto', alignItems: 'center', gap: 1, color: 'inherit', textDecoration: 'none', '&:hover .bar': { filter: 'brightness(1.15)' }, '&:hover .label': { textDecoration: 'underline' } }}
                >
                  <Typography className="label" variant="body2" noWrap>
                    {name}
                  </Typography>
                  <Box sx={{ height: 22, bgcolor: 'action.hover', borderRadius: 0.5, overflow: 'hidden' }}>
                    <Box className="bar" sx={{ height: '100%', width: `${(s.count / max) * 100}%`, minWidth: s.count ? 3 : 0, bgcolor: 'primary.main' }} />
                  </Box>
                  <Typography variant="body2" sx={{ minWidth: '6rem', textAlign: 'right' }} data-testid={`funnel-count-${s.stage}`} data-value={s.count}>
                    <strong>{format.number(s.count)}</strong>
                    {s.paused ? (
                      <Typography component="span" variant="caption" color="text.secondary">
                        {' '}
                        ({translate('dashboard.funnel.paused', { smart_count: s.paused })})
                      </Typography>
                    ) : null}
                  </Typography>
                </Link>
              </li>
            );
          })}
        </Box>
      )}
    </PanelCard>
  );
};

export const funnelPanel: DashboardPanel = {
  id: 'funnel',
  fields: [FUNNEL_FIELDS],
  width: 7,
  Component: FunnelPanel,
};
