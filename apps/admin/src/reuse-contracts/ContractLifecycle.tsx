import { Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, TextField } from '@mui/material';
import { useState } from 'react';
import { useCanAccess, useDataProvider, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { useSaveErrorHandler } from '../common/forms';
import type { ReuseContractRecord } from '../types';
import type { ContractDataProvider } from './contractApi';

type Step = 'declareInterest' | 'startNegotiation' | 'signContract' | 'terminateContract';

/** The step the lifecycle offers next, by status. */
const NEXT: Record<string, Step[]> = {
  NONE: ['declareInterest'],
  INTEREST_DECLARED: ['startNegotiation', 'terminateContract'],
  NEGOTIATING: ['signContract', 'terminateContract'],
  SIGNED: ['terminateContract'],
  TERMINATED: [],
};

const today = () => new Date().toISOString().slice(0, 10);

/**
 * The contract's lifecycle buttons (show page): declare interest, start
 * negotiation, sign (with the date of signature), terminate (with a
 * reason). Each asks for its date (not in the future) and sends the loaded
 * version; offered only to roles that may change contracts.
 */
export const ContractLifecycle = () => {
  const record = useRecordContext<ReuseContractRecord>();
  const { canAccess } = useCanAccess({ action: 'edit', resource: 'ReuseContract', record });
  const dataProvider = useDataProvider<ContractDataProvider>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const onError = useSaveErrorHandler();
  const [step, setStep] = useState<Step | null>(null);
  const [date, setDate] = useState(today());
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  if (!record || !canAccess) return null;
  const steps = NEXT[record.status] ?? [];
  if (steps.length === 0) return null;

  const open = (s: Step) => {
    setStep(s);
    setDate(today());
    setReason('');
  };
  const submit = async () => {
    if (!step) return;
    setBusy(true);
    const base = { id: String(record.id), version: record.version };
    try {
      if (step === 'declareInterest') await dataProvider.declareInterest({ ...base, at: date });
      else if (step === 'startNegotiation') await dataProvider.startNegotiation({ ...base, at: date });
      else if (step === 'signContract') await dataProvider.signContract({ ...base, signedAt: date });
      else await dataProvider.terminateContract({ ...base, at: date, reason });
      notify('crud.contract.done', { type: 'success', messageArgs: { step: translate(`crud.contract.${step}`) } });
      setStep(null);
      refresh();
    } catch (error) {
      const fieldErrors = (error as { body?: { errors?: Record<string, string> } }).body?.errors;
      if (fieldErrors) notify(Object.entries(fieldErrors).map(([f, m]) => `${f}: ${String(m)}`).join('; '), { type: 'error' });
      else onError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', px: 2, pb: 2 }}>
      {steps.map((s) => (
        <Button key={s} variant={s === 'terminateContract' ? 'outlined' : 'contained'} color={s === 'terminateContract' ? 'error' : 'primary'} onClick={() => open(s)}>
          {translate(`crud.contract.${s}`)}
        </Button>
      ))}
      <Dialog open={step !== null} onClose={() => setStep(null)} aria-labelledby="contract-step-title">
        <DialogTitle id="contract-step-title">{step ? translate(`crud.contract.${step}`) : ''}</DialogTitle>
        <DialogContent sx={{ display: 'flex', flexDirection: 'column', gap: 2, pt: '8px !important', minWidth: 320 }}>
          <TextField
            type="date"
            label={translate(step === 'signContract' ? 'resources.ReuseContract.fields.signedAt' : 'crud.contract.date')}
            value={date}
            onChange={(e) => setDate(e.target.value)}
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { max: today() } }}
            required
          />
          {step === 'terminateContract' ? (
            <TextField label={translate('crud.contract.reason')} value={reason} onChange={(e) => setReason(e.target.value)} multiline minRows={2} required />
          ) : null}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setStep(null)}>{translate('ra.action.cancel')}</Button>
          <Button
            variant="contained"
            onClick={submit}
            disabled={busy || !date || date > today() || (step === 'terminateContract' && !reason.trim())}
          >
            {translate('ra.action.confirm')}
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
};
