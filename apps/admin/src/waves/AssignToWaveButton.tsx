import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { useGetList, useListContext, useNotify, useRefresh, useTranslate, useUnselectAll } from 'react-admin';
import { useRefusalText } from '../common/useRefusalText';
import { refusalOf } from '../common/apiErrors';
import { useWaveApi } from './waveApi';

const REMOVE = '__none__';

/** Bulk action of the onboarding list: assignToWave for the selected onboardings (one mutation, one transaction). */
export const AssignToWaveButton = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const unselectAll = useUnselectAll('Onboarding');
  const text = useRefusalText();
  const { selectedIds } = useListContext();
  const api = useWaveApi();
  const [open, setOpen] = useState(false);
  const [waveId, setWaveId] = useState('');
  const [busy, setBusy] = useState(false);
  const { data: waves } = useGetList<{ id: string; name: string }>(
    'Wave',
    { pagination: { page: 1, perPage: 500 }, sort: { field: 'name', order: 'ASC' }, meta: { sparseFields: ['id', 'name'] } },
    { enabled: open },
  );
  const submit = async () => {
    setBusy(true);
    try {
      const target = waveId === REMOVE ? null : waveId;
      await api.assign(selectedIds.map(String), target);
      notify(target ? 'wave.assign.done' : 'wave.assign.removed', { type: 'success', messageArgs: { smart_count: selectedIds.length } });
      setOpen(false);
      unselectAll();
      refresh();
    } catch (error) {
      const refusal = refusalOf(error);
      const message = refusal.reasons.map((r) => text(r)).join('; ') || refusal.message;
      notify('wave.assign.failed', { type: 'error', messageArgs: { message } });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-testid="assign-to-wave">
        {translate('wave.assign.button')}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} fullWidth maxWidth="sm">
        <DialogTitle>{translate('wave.assign.title', { smart_count: selectedIds.length })}</DialogTitle>
        <DialogContent>
          <TextField
            select
            fullWidth
            margin="dense"
            label={translate('wave.assign.wave')}
            value={waveId}
            onChange={(e) => setWaveId(e.target.value)}
            slotProps={{ htmlInput: { 'data-testid': 'assign-wave-select' } }}
          >
            {(waves ?? []).map((w) => (
              <MenuItem key={w.id} value={w.id}>
                {w.name}
              </MenuItem>
            ))}
            <MenuItem value={REMOVE}>{translate('wave.assign.remove')}</MenuItem>
          </TextField>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{translate('wave.assign.cancel')}</Button>
          <Button variant="contained" disabled={!waveId || busy} onClick={() => void submit()}>
            {translate('wave.assign.confirm')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
};
