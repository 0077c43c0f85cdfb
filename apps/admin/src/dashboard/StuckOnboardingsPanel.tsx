import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { Link, useDataProvider, useLocaleState, useTranslate } from 'react-admin';
import { useCustomQuery } from '../common/useCustomQuery';
import { stageName } from '../onboardings/logic';
import { useServiceStages } from '../onboardings/shared';
import type { DashboardDataProvider } from './dashboardApi';
import { useDashboardFormat } from './format';
import { onboardingPath } from './links';
import type { DashboardPanel, DashboardPanelProps } from './panel';
import { PanelCard } from './PanelCard';

/** The API's default threshold, asked for with the other panels; another one is asked for by this panel alone. */
const DEFAULT_DAYS = 90;
const LIMIT = 6;
const stuckFields = (minDays: number) => `stuckOnboardings(minDays: ${minDays}, limit: ${LIMIT}) { total items { onboardingId authorityName stateCode stage status days } }`;

/**
 * Onboardings stuck in one stage for at least a number of days at the date (active or paused),
 * longest first, each opening its onboarding. The threshold is an input; changed, the panel asks
 * the API for this one field.
 */
const StuckOnboardingsPanel = ({ figures, scope }: DashboardPanelProps) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const format = useDashboardFormat();
  const { stages } = useServiceStages(figures.serviceId);
  const dataProvider = useDataProvider<DashboardDataProvider>();
  const [draft, setDraft] = useState(String(DEFAULT_DAYS));
  const [minDays, setMinDays] = useState(DEFAULT_DAYS);
  const own = useCustomQuery(minDays === DEFAULT_DAYS ? undefined : JSON.stringify([figures.serviceId, figures.asOf, scope.state?.id ?? null, scope.waveId ?? null, minDays]), () =>
    dataProvider.getDashboard({ serviceId: figures.serviceId, asOf: figures.asOf, stateId: scope.state?.id, waveId: scope.waveId, fields: [stuckFields(minDays)], nationalFields: [] }),
  );
  const stuck = minDays === DEFAULT_DAYS ? figures.stuckOnboardings : own.data?.figures.stuckOnboardings;
  const apply = () => {
    const n = Number(draft);
    if (Number.isInteger(n) && n >= 0) setMinDays(n);
  };
  const valid = /^\d+$/.test(draft);
  return (
    <PanelCard id="stuck" title="dashboard.stuck.title" hint="dashboard.stuck.hint">
      <TextField
        type="number"
        size="small"
        label={translate('dashboard.stuck.min_days')}
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={apply}
        onKeyDown={(event) => event.key === 'Enter' && apply()}
        error={!valid}
        helperText={valid ? translate('dashboard.stuck.min_days_hint') : translate('dashboard.stuck.min_days_invalid')}
        slotProps={{ htmlInput: { min: 0, step: 1, 'data-testid': 'stuck-min-days' } }}
        sx={{ mb: 1, width: 320 }}
      />
      {stuck ? (
        <>
          <Typography sx={{ mb: 1 }} data-testid="stuck-total" data-value={stuck.total}>
            {translate('dashboard.stuck.total', { smart_count: stuck.total, count: format.number(stuck.total), days: format.number(minDays) })}
          </Typography>
          {stuck.items.length > 0 ? (
            <Table size="small">
              <TableHead>
                <TableRow>
                  <TableCell>{translate('dashboard.stuck.authority')}</TableCell>
                  <TableCell>{translate('dashboard.stuck.stage')}</TableCell>
                  <TableCell align="right">{translate('dashboard.stuck.days')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {stuck.items.map((o) => (
                  <TableRow key={o.onboardingId} data-onboarding={o.onboardingId}>
                    <TableCell>
                      <Link to={onboardingPath(o.onboardingId)}>{o.authorityName}</Link> ({o.stateCode})
                    </TableCell>
                    <TableCell>
                      {stageName(o.stage, locale, stages)}
                      {o.status === 'ON_HOLD' ? ` · ${translate('onboarding.status.ON_HOLD')}` : ''}
                    </TableCell>
                    <TableCell align="right">{format.number(o.days)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          ) : null}
        </>
      ) : own.error ? (
        <Typography color="error">{translate('dashboard.stuck.error')}</Typography>
      ) : (
        <Typography color="text.secondary">{translate('dashboard.loading')}</Typography>
      )}
    </PanelCard>
  );
};

export const stuckOnboardingsPanel: DashboardPanel = {
  id: 'stuck',
  fields: [stuckFields(DEFAULT_DAYS)],
  width: 6,
  Component: StuckOnboardingsPanel,
};
