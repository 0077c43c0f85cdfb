import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { useLocaleState, useNotify, useRefresh, useTranslate } from 'react-admin';
import { useRefusalText } from '../common/useRefusalText';
import { useOnboardingApi, type DomainOperation } from './api';
import { advanceCheck, earlierStages, stageName } from './logic';
import { TextPrompt, useMayCall, useProblemDialog } from './shared';
import type { OnboardingContextData, OnboardingRecord } from './useOnboardingContext';

type Prompt = 'advance' | 'moveBack' | 'pause' | 'cancel' | 'reopen' | null;

/**
 * Advance / Move back / Pause / Resume / Cancel / Reopen, each one domain
 * mutation with the record's version. Shown only to roles that may call the
 * mutation; Advance is disabled, and the reasons libs/domain's checkAdvance
 * gives for the loaded milestones and obstacles are listed below the buttons.
 */
export const WorkflowButtons = ({ record, context }: { record: OnboardingRecord; context: OnboardingContextData }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const mayCall = useMayCall();
  const api = useOnboardingApi();
  const notify = useNotify();
  const refresh = useRefresh();
  const problem = useProblemDialog();
  const text = useRefusalText();
  const [prompt, setPrompt] = useState<Prompt>(null);
  const [busy, setBusy] = useState(false);
  const earlier = earlierStages(context.stages, record.stage);
  const [backTo, setBackTo] = useState<string>('');

  const run = async (operation: DomainOperation, variables: Record<string, unknown>) => {
    setBusy(true);
    try {
      await api.run(operation, { id: record.id, version: record.version, ...variables });
      setPrompt(null);
      notify('onboarding.done', { type: 'success' });
      refresh();
    } catch (error) {
      setPrompt(null);
      problem.show(error);
    } finally {
      setBusy(false);
    }
  };

  const check = advanceCheck({
    onboarding: record,
    stages: context.stages,
    milestones: context.milestones,
    blockers: context.blockers,
    contractSigned: context.contractSigned,
    locale,
  });
  const loading = context.stagesPending || context.milestonesPending || context.blockersPending;
  const target = check.toStage ? stageName(check.toStage, locale, context.stages) : '';
  const label = (stage: string) => stageName(stage, locale, context.stages);

  const buttons = [];
  const atLastStage = !check.toStage && !loading && record.status === 'ACTIVE';
  const mayAdvance = mayCall('advanceOnboarding') && record.status !== 'CANCELLED' && !atLastStage;
  const blocked = check.reasons.length > 0;
  if (mayAdvance) {
    buttons.push(
      <Tooltip key="advance" title={blocked ? translate('onboarding.advance_blocked') : target}>
        <span>
          <Button variant="contained" size="small" disabled={blocked || loading || busy} onClick={() => setPrompt('advance')}>
            {translate('onboarding.actions.advance')}
          </Button>
        </span>
      </Tooltip>,
    );
  }
  if (mayCall('moveOnboardingBack') && record.status === 'ACTIVE' && earlier.length > 0) {
    buttons.push(
      <Button
        key="back"
        size="small"
        disabled={busy}
        onClick={() => {
          setBackTo(earlier[earlier.length - 1].key);
          setPrompt('moveBack');
        }}
      >
        {translate('onboarding.actions.move_back')}
      </Button>,
    );
  }
  if (mayCall('pauseOnboarding') && record.status === 'ACTIVE') {
    buttons.push(
      <Button key="pause" size="small" disabled={busy} onClick={() => setPrompt('pause')}>
        {translate('onboarding.actions.pause')}
      </Button>,
    );
  }
  if (mayCall('resumeOnboarding') && record.status === 'ON_HOLD') {
    buttons.push(
      <Button key="resume" size="small" variant="outlined" disabled={busy} onClick={() => run('resumeOnboarding', {})}>
        {translate('onboarding.actions.resume')}
      </Button>,
    );
  }
  if (mayCall('cancelOnboarding') && record.status !== 'CANCELLED') {
    buttons.push(
      <Button key="cancel" size="small" color="error" disabled={busy} onClick={() => setPrompt('cancel')}>
        {translate('onboarding.actions.cancel')}
      </Button>,
    );
  }
  if (mayCall('reopenOnboarding') && record.status === 'CANCELLED') {
    buttons.push(
      <Button key="reopen" size="small" disabled={busy} onClick={() => setPrompt('reopen')}>
        {translate('onboarding.actions.reopen')}
      </Button>,
    );
  }
  if (buttons.length === 0) return problem.dialog;

  const hint = translate('onboarding.dialog.reason_hint');
  return (
    <>
    <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center' }} data-testid="workflow-buttons">
      {buttons}
      {atLastStage && (
        <Typography variant="body2" color="text.secondary">
          {translate('onboarding.last_stage')}
        </Typography>
      )}
      <TextPrompt
        open={prompt === 'advance'}
        title={translate('onboarding.dialog.advance_title', { stage: target })}
        label={translate('onboarding.dialog.comment')}
        required={false}
        busy={busy}
        onCancel={() => setPrompt(null)}
        onConfirm={(comment) => run('advanceOnboarding', { toStage: check.toStage, comment: comment || undefined })}
      />
      <TextPrompt
        open={prompt === 'moveBack'}
        title={translate('onboarding.dialog.move_back_title')}
        label={translate('onboarding.dialog.reason')}
        hint={hint}
        busy={busy}
        onCancel={() => setPrompt(null)}
        onConfirm={(reason) => run('moveOnboardingBack', { toStage: backTo, reason })}
      >
        <TextField select fullWidth margin="dense" label={translate('onboarding.dialog.target_stage')} value={backTo} onChange={(e) => setBackTo(e.target.value)}>
          {earlier.map((s) => (
            <MenuItem key={s.key} value={s.key}>
              {label(s.key)}
            </MenuItem>
          ))}
        </TextField>
      </TextPrompt>
      <TextPrompt
        open={prompt === 'pause'}
        title={translate('onboarding.dialog.pause_title')}
        label={translate('onboarding.dialog.reason')}
        hint={hint}
        busy={busy}
        onCancel={() => setPrompt(null)}
        onConfirm={(reason) => run('pauseOnboarding', { reason })}
      />
      <TextPrompt
        open={prompt === 'cancel'}
        title={translate('onboarding.dialog.cancel_title')}
        label={translate('onboarding.dialog.reason')}
        hint={hint}
        busy={busy}
        onCancel={() => setPrompt(null)}
        onConfirm={(reason) => run('cancelOnboarding', { reason })}
      />
      <TextPrompt
        open={prompt === 'reopen'}
        title={translate('onboarding.dialog.reopen_title')}
        label={translate('onboarding.dialog.reason')}
        hint={hint}
        busy={busy}
        onCancel={() => setPrompt(null)}
        onConfirm={(reason) => run('reopenOnboarding', { reason })}
      />
      {problem.dialog}
    </Box>
    {mayAdvance && blocked && !loading && (
      <Alert severity="info" sx={{ mt: 1 }} data-testid="advance-reasons">
        {translate('onboarding.advance_blocked_to', { stage: target })}
        <ul style={{ margin: 0, paddingLeft: 16 }}>
          {check.reasons.map((r, i) => (
            <li key={i}>{text({ kind: 'reason', ...r }, context.stages)}</li>
          ))}
        </ul>
      </Alert>
    )}
    </>
  );
};
