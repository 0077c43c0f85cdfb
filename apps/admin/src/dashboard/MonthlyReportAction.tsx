import { addDays, addMonths } from '@efa/domain';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { useGetList, useTranslate } from 'react-admin';
import { isIsoDate } from './asOf';
import { useDashboardFormat } from './format';
import { monthlyReportUrl } from './links';
import type { DashboardScope } from './useDashboardScope';

interface CostKeyOption {
  id: string;
  name: string;
  year: number;
}

/**
 * "Monatsbericht": the monthly steering report for the dashboard's service and date (today: now),
 * with the changes since a date (default one month earlier) and optionally a cost key for the
 * cost shares (default: the contract year's Königsteiner key). Downloads the XLSX or opens the
 * printable page in a new tab, both plain links to the API's REST routes (the session cookie goes along).
 */
export const MonthlyReportAction = ({ scope, serviceId }: { scope: DashboardScope; serviceId: string }) => {
  const translate = useTranslate();
  const format = useDashboardFormat();
  const [open, setOpen] = useState(false);
  const defaultSince = addMonths(scope.date, -1);
  const [since, setSince] = useState<string | null>(null);
  const [costKeyId, setCostKeyId] = useState('');
  const { data: keys } = useGetList<CostKeyOption>(
    'CostKey',
    { pagination: { page: 1, perPage: 200 }, sort: { field: 'year', order: 'DESC' }, meta: { sparseFields: ['id', 'name', 'year'] } },
    { enabled: open, staleTime: 5 * 60_000 },
  );
  const sinceDate = since ?? defaultSince;
  const valid = isIsoDate(sinceDate) && sinceDate < scope.date;
  const params = { serviceId, asOf: scope.isPast ? scope.date : undefined, since: sinceDate, costKeyId: costKeyId || undefined };

  return (
    <>
      <Button size="small" variant="outlined" onClick={() => setOpen(true)} data-testid="monthly-report">
        {translate('dashboard.report.action')}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby="monthly-report-title" fullWidth maxWidth="sm">
        <DialogTitle id="monthly-report-title">{translate('dashboard.report.title')}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{translate('dashboard.report.hint', { date: format.date(scope.date) })}</DialogContentText>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <TextField
              type="date"
              size="small"
              label={translate('dashboard.report.since')}
              value={sinceDate}
              onChange={(event) => setSince(event.target.value)}
              error={!valid}
              helperText={valid ? translate('dashboard.report.since_hint') : translate('dashboard.report.since_invalid', { date: format.date(scope.date) })}
              slotProps={{ htmlInput: { max: addDays(scope.date, -1), 'data-testid': 'monthly-report-since' }, inputLabel: { shrink: true } }}
            />
            <TextField
              select
              size="small"
              label={translate('dashboard.report.cost_key')}
              value={costKeyId}
              onChange={(event) => setCostKeyId(event.target.value)}
              helperText={translate('dashboard.report.cost_key_hint')}
              slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
            >
              <MenuItem value="">{translate('dashboard.report.cost_key_default')}</MenuItem>
              {(keys ?? []).map((k) => (
                <MenuItem key={k.id} value={k.id}>
                  {k.name} {k.year}
                </MenuItem>
              ))}
            </TextField>
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{translate('ra.action.close')}</Button>
          <Button component="a" href={valid ? monthlyReportUrl('html', params) : undefined} target="_blank" rel="noopener" disabled={!valid}>
            {translate('dashboard.report.print')}
          </Button>
          <Button variant="contained" component="a" href={valid ? monthlyReportUrl('xlsx', params) : undefined} download disabled={!valid}>
            {translate('dashboard.report.download')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
};
