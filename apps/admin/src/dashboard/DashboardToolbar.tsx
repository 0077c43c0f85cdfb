import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useGetList, useTranslate } from 'react-admin';
import { isIsoDate, todayDate } from './asOf';
import { ALL_STATES, type DashboardScope } from './useDashboardScope';

/**
 * What the dashboard shows: the service, the state (or all of Germany) and
 * the date ("Stand"); every change goes into the URL, which can be shared.
 */
export const DashboardToolbar = ({ scope, serviceId }: { scope: DashboardScope; serviceId?: string }) => {
  const translate = useTranslate();
  const today = todayDate();
  const { data: services } = useGetList<{ id: string; name: string }>(
    'Service',
    { pagination: { page: 1, perPage: 1000 }, sort: { field: 'name', order: 'ASC' }, meta: { sparseFields: ['id', 'name'] } },
    { staleTime: 5 * 60_000 },
  );
  const states = [...scope.states.values()].sort((a, b) => a.name.localeCompare(b.name));
  const selectedService = scope.serviceId ?? serviceId ?? '';
  const { data: waves } = useGetList<{ id: string; name: string }>(
    'Wave',
    { pagination: { page: 1, perPage: 200 }, sort: { field: 'name', order: 'ASC' }, filter: { serviceId: selectedService }, meta: { sparseFields: ['id', 'name'] } },
    { enabled: Boolean(selectedService) },
  );
  return (
    <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: { sm: 'center' } }} data-testid="dashboard-toolbar">
      <TextField
        select
        size="small"
        fullWidth={false}
        label={translate('dashboard.service')}
        value={services?.some((s) => s.id === selectedService) ? selectedService : ''}
        onChange={(event) => scope.update({ service: event.target.value, wave: null })}
        sx={{ minWidth: 260 }}
        slotProps={{ select: { inputProps: { 'data-testid': 'dashboard-service' } } }}
      >
        {(services ?? []).map((s) => (
          <MenuItem key={s.id} value={s.id}>
            {s.name}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        size="small"
        fullWidth={false}
        label={translate('resources.State.name', { smart_count: 1 })}
        value={scope.state?.code ?? ALL_STATES}
        onChange={(event) => scope.update({ state: event.target.value === ALL_STATES ? null : event.target.value })}
        sx={{ minWidth: 220 }}
      >
        <MenuItem value={ALL_STATES}>{translate('dashboard.national')}</MenuItem>
        {states.map((s) => (
          <MenuItem key={s.code} value={s.code}>
            {s.name}
            {s.id === scope.ownStateId ? ` (${translate('dashboard.own_state')})` : ''}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        size="small"
        fullWidth={false}
        label={translate('wave.name')}
        value={waves?.some((w) => w.id === scope.waveId) ? scope.waveId : ''}
        onChange={(event) => scope.update({ wave: event.target.value || null })}
        sx={{ minWidth: 220 }}
        slotProps={{ select: { inputProps: { 'data-testid': 'dashboard-wave' } } }}
      >
        <MenuItem value="">{translate('wave.all')}</MenuItem>
        {(waves ?? []).map((w) => (
          <MenuItem key={w.id} value={w.id}>
            {w.name}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        type="date"
        size="small"
        fullWidth={false}
        sx={{ width: 180 }}
        label={translate('dashboard.as_of')}
        title={translate('dashboard.as_of_hint')}
        value={scope.date}
        onChange={(event) => {
          const value = event.target.value;
          if (isIsoDate(value)) scope.update({ asOf: value >= today ? null : value });
        }}
        slotProps={{ htmlInput: { max: today, 'data-testid': 'dashboard-as-of' }, inputLabel: { shrink: true } }}
      />
      {scope.isPast ? (
        <Button size="small" onClick={() => scope.update({ asOf: null })}>
          {translate('dashboard.today')}
        </Button>
      ) : null}
      {scope.state ? (
        <Button size="small" onClick={() => scope.update({ state: null })}>
          {translate('dashboard.show_national')}
        </Button>
      ) : null}
    </Stack>
  );
};
