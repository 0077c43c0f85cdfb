import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { useMemo } from 'react';
import { Link, Loading, Title, useDataProvider, useTranslate } from 'react-admin';
import { refusalOf } from '../common/apiErrors';
import { useCustomQuery } from '../common/useCustomQuery';
import type { DashboardDataProvider, DashboardResult } from './dashboardApi';
import { DashboardToolbar } from './DashboardToolbar';
import { useDashboardFormat } from './format';
import { onboardingsPath, scopeFilter } from './links';
import { DASHBOARD_PANELS } from './panels';
import { MonthlyReportAction } from './MonthlyReportAction';
import { useDashboardScope } from './useDashboardScope';

const FIELDS = DASHBOARD_PANELS.flatMap((p) => p.fields);
const NATIONAL_FIELDS = DASHBOARD_PANELS.flatMap((p) => p.nationalFields ?? []);

/**
 * The console's home page for every role: the steering group's figures for
 * a service, all of Germany or one state, as of any date, from the API's
 * `dashboard` query (one request for all panels). Service, state and date
 * live in the URL; a coordinator starts on their own state.
 */
const DashboardPage = () => {
  const translate = useTranslate();
  const format = useDashboardFormat();
  const scope = useDashboardScope();
  const dataProvider = useDataProvider<DashboardDataProvider>();
  const key = scope.ready ? JSON.stringify([scope.serviceId ?? null, scope.state?.id ?? null, scope.asOf ?? null, scope.waveId ?? null]) : undefined;
  const { data, error, isPending, reload } = useCustomQuery<DashboardResult>(key, () =>
    dataProvider.getDashboard({ serviceId: scope.serviceId, asOf: scope.asOf, stateId: scope.state?.id, waveId: scope.waveId, fields: FIELDS, nationalFields: NATIONAL_FIELDS }),
  );
  const scopeName = scope.state?.name ?? translate('dashboard.scope_national');
  const listOfScope = useMemo(() => (data ? onboardingsPath(scopeFilter(scope, data.figures.serviceId)) : undefined), [data, scope]);

  return (
    <Box sx={{ mt: 1, mb: 3, minWidth: 0 }} data-testid="dashboard" aria-busy={isPending}>
      <Title title="dashboard.title" />
      <DashboardToolbar scope={scope} serviceId={data?.figures.serviceId} />
      <Box sx={{ height: 4, my: 1 }}>{isPending && data ? <LinearProgress aria-label={translate('dashboard.loading')} /> : null}</Box>
      {error ? (
        <Alert
          severity="error"
          sx={{ mb: 2 }}
          action={
            <Button color="inherit" size="small" onClick={reload}>
              {translate('dashboard.retry')}
            </Button>
          }
        >
          {translate('dashboard.error', { message: refusalOf(error).message })}
        </Alert>
      ) : null}
      {!data && isPending ? <Loading loadingPrimary="dashboard.loading" loadingSecondary="" /> : null}
      {data ? (
        <>
          <Typography variant="h5" component="h1" data-testid="dashboard-heading" sx={{ mb: 0.5 }}>
            {translate('dashboard.heading', { service: data.figures.serviceName, scope: scopeName, date: format.momentDate(data.figures.asOf) })}
          </Typography>
          <Box sx={{ mb: 2, display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'baseline' }}>
            {listOfScope ? <Link to={listOfScope}>{translate('dashboard.open_onboardings', { scope: scopeName })}</Link> : null}
            <MonthlyReportAction scope={scope} serviceId={data.figures.serviceId} />
          </Box>
          {scope.isPast ? (
            <Alert severity="info" sx={{ mb: 2 }}>
              {translate('dashboard.past_hint', { date: format.date(scope.date) })}
            </Alert>
          ) : null}
          {data.figures.totals && data.figures.totals.authorities === 0 ? (
            <Alert severity="info" sx={{ mb: 2 }}>
              {translate('dashboard.empty')}
            </Alert>
          ) : null}
          <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: 'repeat(12, minmax(0, 1fr))' } }}>
            {DASHBOARD_PANELS.map(({ id, width, Component }) => (
              <Box key={id} sx={{ gridColumn: { md: `span ${width}` }, minWidth: 0 }}>
                <Component figures={data.figures} national={data.national} scope={scope} />
              </Box>
            ))}
          </Box>
        </>
      ) : null}
    </Box>
  );
};

export default DashboardPage;
