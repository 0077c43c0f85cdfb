import DownloadIcon from '@mui/icons-material/Download';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormLabel from '@mui/material/FormLabel';
import InputLabel from '@mui/material/InputLabel';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Select from '@mui/material/Select';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useEffect, useMemo, useState } from 'react';
import { Link, Loading, Title, downloadCSV, useCreatePath, useDataProvider, useGetList, useTranslate } from 'react-admin';
import { refusalOf } from '../common/apiErrors';
import { useRefusalText } from '../common/useRefusalText';
import { useCustomQuery } from '../common/useCustomQuery';
import { useIntlLocale } from '../common/useIntlLocale';
import type { CostDataProvider } from './costApi';
import { comparisonCsv, comparisonRows, formatEuro, formatShare, totalsOf, type StateCostShare } from './logic';

interface ServiceRecord {
  id: string;
  name: string;
  ozgId: string | null;
}
interface CostKeyRecord {
  id: string;
  name: string;
  kind: string;
  year: number;
}
interface ServiceCostRecord {
  id: string;
  serviceId: string;
  year: number;
}

const ALL = { pagination: { page: 1, perPage: 1000 } } as const;

/**
 * Kostenverteilung: a service's recorded costs of a contract year shared by
 * two or more cost keys side by side (states × keys, share and amount,
 * totals, CSV). The sharing is the API's costAllocation (libs/domain rules);
 * the page only chooses and shows.
 */
const CostAllocationPage = () => {
  const translate = useTranslate();
  const refusalText = useRefusalText();
  const intlLocale = useIntlLocale();
  const createPath = useCreatePath();
  const dataProvider = useDataProvider<CostDataProvider>();
  const services = useGetList<ServiceRecord>('Service', { ...ALL, sort: { field: 'name', order: 'ASC' }, meta: { sparseFields: ['id', 'name', 'ozgId'] } });
  const keys = useGetList<CostKeyRecord>('CostKey', { ...ALL, sort: { field: 'name', order: 'ASC' }, meta: { sparseFields: ['id', 'name', 'kind', 'year'] } });
  const costs = useGetList<ServiceCostRecord>('ServiceCost', { ...ALL, sort: { field: 'year', order: 'DESC' }, meta: { sparseFields: ['id', 'serviceId', 'year'] } });

  const [serviceId, setServiceId] = useState<string>('');
  const [year, setYear] = useState<number | ''>('');
  const [keyIds, setKeyIds] = useState<string[]>([]);

  // Defaults: the service with recorded costs (Aufenthaltstitel first), its latest year, the first two keys.
  useEffect(() => {
    if (serviceId || !services.data || !costs.data) return;
    const withCosts = services.data.filter((s) => costs.data!.some((c) => c.serviceId === s.id));
    const pick = withCosts.find((s) => s.ozgId === '10255') ?? withCosts[0] ?? services.data.find((s) => s.ozgId === '10255') ?? services.data[0];
    if (pick) setServiceId(pick.id);
  }, [serviceId, services.data, costs.data]);
  const years = useMemo(() => [...new Set((costs.data ?? []).filter((c) => c.serviceId === serviceId).map((c) => c.year))].sort((a, b) => b - a), [costs.data, serviceId]);
  useEffect(() => {
    if (year === '' || !years.includes(year)) setYear(years[0] ?? '');
  }, [years, year]);
  useEffect(() => {
    if (keyIds.length === 0 && keys.data && keys.data.length) setKeyIds(keys.data.slice(0, 2).map((k) => k.id));
  }, [keys.data, keyIds.length]);

  const ready = Boolean(serviceId) && year !== '' && keyIds.length > 0;
  const orderedKeyIds = (keys.data ?? []).map((k) => k.id).filter((id) => keyIds.includes(id));
  const allocation = useCustomQuery(ready ? `${serviceId}|${year}|${orderedKeyIds.join(',')}` : undefined, () =>
    dataProvider.getCostAllocation({ serviceId, year: Number(year), keyIds: orderedKeyIds }),
  );

  const error = services.error ?? keys.error ?? costs.error;
  if (error) return <Alert severity="error" sx={{ mt: 2 }}>{error instanceof Error ? error.message : String(error)}</Alert>;
  if (services.isPending || keys.isPending || costs.isPending) return <Loading />;

  const euro = (cents: string) => formatEuro(cents, intlLocale);
  // Why a state pays nothing, and why the API refused the comparison: coded, in the console's language (the arguments' fields go unnamed).
  const reasonText = (s: StateCostShare) => refusalText({ kind: 'reason', code: s.reason ?? undefined, params: s.params ?? undefined, message: s.message ?? s.reason ?? '' });
  const problemText = (e: unknown) => {
    const refusal = refusalOf(e);
    return refusal.reasons.length ? refusal.reasons.map((r) => refusalText({ ...r, field: undefined })).join('; ') : refusal.message;
  };
  const data = ready && !allocation.isPending ? allocation.data : undefined;
  const rows = data ? comparisonRows(data) : [];
  const totals = data ? totalsOf(data) : [];
  const toggleKey = (id: string) => setKeyIds((ids) => (ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id]));

  return (
    <Box sx={{ mt: 1, minWidth: 0 }}>
      <Title title="costs.title" />
      <Paper variant="outlined" sx={{ p: 2, mb: 2 }}>
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} useFlexGap sx={{ alignItems: { md: 'flex-start' } }}>
          <FormControl size="small" sx={{ minWidth: 280 }}>
            <InputLabel id="cost-service-label">{translate('costs.service')}</InputLabel>
            <Select labelId="cost-service-label" label={translate('costs.service')} value={serviceId} onChange={(e) => setServiceId(String(e.target.value))} data-testid="cost-service">
              {(services.data ?? []).map((s) => (
                <MenuItem key={s.id} value={s.id}>
                  {s.name}
                </MenuItem>
              ))}
            </Select>
          </FormControl>
          <FormControl size="small" sx={{ minWidth: 140 }} disabled={years.length === 0}>
            <InputLabel id="cost-year-label">{translate('costs.year')}</InputLabel>
            <Select labelId="cost-year-label" label={translate('costs.year')} value={year} onChange={(e) => setYear(Number(e.target.value))} data-testid="cost-year">
              {years.map((y) => (
                <MenuItem key={y} value={y}>
                  {y}
                </MenuItem>
              ))}
            </Select>
          </FormControl>
          <FormControl component="fieldset" variant="standard">
            <FormLabel component="legend">{translate('costs.keys')}</FormLabel>
            <FormGroup row>
              {(keys.data ?? []).map((k) => (
                <FormControlLabel
                  key={k.id}
                  control={<Checkbox size="small" checked={keyIds.includes(k.id)} onChange={() => toggleKey(k.id)} />}
                  label={`${k.name} (${k.year})`}
                />
              ))}
            </FormGroup>
          </FormControl>
        </Stack>
        {keyIds.length === 1 && (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
            {translate('costs.choose_two')}
          </Typography>
        )}
      </Paper>

      {serviceId && years.length === 0 && (
        <Alert severity="info" sx={{ mb: 2 }}>
          {translate('costs.no_costs')}{' '}
          <Link to={createPath({ resource: 'ServiceCost', type: 'create' })}>{translate('costs.record_costs')}</Link>
        </Alert>
      )}
      {ready && allocation.isPending && <Loading />}
      {ready && allocation.error ? (
        <Alert severity="error" sx={{ mb: 2 }}>
          {problemText(allocation.error)}
        </Alert>
      ) : null}

      {data && (
        <>
          <Stack direction="row" spacing={2} sx={{ mb: 1, alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
            <Typography variant="body1" data-testid="recorded-total" data-cents={data.totalCents}>
              {translate('costs.recorded', {
                service: data.serviceName,
                year: data.year,
                operation: euro(data.operationCents),
                maintenance: euro(data.maintenanceCents),
                total: euro(data.totalCents),
              })}
            </Typography>
            <Box sx={{ flexGrow: 1 }} />
            <Button
              size="small"
              startIcon={<DownloadIcon />}
              onClick={() => downloadCSV(comparisonCsv(data, reasonText), `kostenverteilung-${data.serviceName}-${data.year}`)}
              data-testid="cost-export"
            >
              {translate('costs.export')}
            </Button>
          </Stack>
          <TableContainer component={Paper} variant="outlined" sx={{ maxHeight: 'calc(100vh - 280px)' }}>
            <Table size="small" stickyHeader data-testid="cost-allocation-table">
              <TableHead>
                <TableRow>
                  <TableCell rowSpan={2}>{translate('costs.state')}</TableCell>
                  {data.keys.map((k) => (
                    <TableCell key={k.keyId} colSpan={2} align="center" sx={{ borderLeft: 1, borderLeftColor: 'divider' }}>
                      {k.keyName} ({k.keyYear})
                      <Typography variant="caption" component="div" color="text.secondary">
                        {translate('costs.paying', { smart_count: k.payingStates })}
                      </Typography>
                    </TableCell>
                  ))}
                </TableRow>
                <TableRow>
                  {data.keys.map((k) => [
                    <TableCell key={`${k.keyId}-s`} align="right" sx={{ borderLeft: 1, borderLeftColor: 'divider', top: 57 }}>
                      {translate('costs.share')}
                    </TableCell>,
                    <TableCell key={`${k.keyId}-a`} align="right" sx={{ top: 57 }}>
                      {translate('costs.amount')}
                    </TableCell>,
                  ])}
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((row) => (
                  <TableRow key={row.stateCode} data-state={row.stateCode}>
                    <TableCell component="th" scope="row" sx={{ whiteSpace: 'nowrap' }}>
                      {row.stateName} ({row.stateCode})
                    </TableCell>
                    {row.cells.map((cell, i) =>
                      cell.pays ? (
                        [
                          <TableCell key={`${i}-s`} align="right" sx={{ borderLeft: 1, borderLeftColor: 'divider' }}>
                            {formatShare(cell.share, intlLocale)}
                          </TableCell>,
                          <TableCell key={`${i}-a`} align="right" data-cents={cell.cents}>
                            {euro(cell.cents)}
                          </TableCell>,
                        ]
                      ) : (
                        <TableCell key={`${i}-n`} colSpan={2} align="right" sx={{ borderLeft: 1, borderLeftColor: 'divider', color: 'text.secondary' }} data-cents={cell.cents}>
                          {euro(cell.cents)}
                          <Typography variant="caption" component="div">
                            {reasonText(cell)}
                          </Typography>
                        </TableCell>
                      ),
                    )}
                  </TableRow>
                ))}
                <TableRow sx={{ '& td, & th': { fontWeight: 600, borderTop: 2, borderTopColor: 'divider' } }}>
                  <TableCell component="th" scope="row">
                    {translate('costs.total')}
                  </TableCell>
                  {totals.map((t) => [
                    <TableCell key={`${t.keyId}-s`} align="right" sx={{ borderLeft: 1, borderLeftColor: 'divider' }}>
                      {formatShare(t.share, intlLocale)}
                    </TableCell>,
                    <TableCell key={`${t.keyId}-a`} align="right" data-testid={`total-${t.keyId}`} data-cents={t.cents}>
                      {euro(t.cents)}
                    </TableCell>,
                  ])}
                </TableRow>
              </TableBody>
            </Table>
          </TableContainer>
        </>
      )}
    </Box>
  );
};

export default CostAllocationPage;
