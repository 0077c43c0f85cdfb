import { mayCall, mayWriteInState, type Principal, type Role } from '@efa/domain';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { useFieldValue, useGetIdentity, useGetList, useLocaleState, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { useRefusalText } from '../common/useRefusalText';
import { isConflict, refusalOf, type Refusal } from './api';
import { stageName, type StageLabelSource } from './logic';

/** The signed-in user as libs/domain's Principal (null while loading). */
export function usePrincipal(): Principal | null {
  const { identity } = useGetIdentity();
  if (!identity) return null;
  const { role, stateId } = identity as { role?: Role; stateId?: string | null };
  return role ? { userId: String(identity.id), role, stateId: stateId ?? null } : null;
}

/** May the signed-in user call this GraphQL operation (libs/domain's OPERATION_ACCESS)? Optionally only in this state. */
export function useMayCall(): (operation: string, stateId?: string | null) => boolean {
  const principal = usePrincipal();
  return useCallback(
    (operation: string, stateId?: string | null) =>
      principal !== null && mayCall(principal, operation) === 'ALLOWED' && (stateId === undefined || mayWriteInState(principal, stateId)),
    [principal],
  );
}

export interface ServiceStage extends StageLabelSource {
  id: string;
  serviceId: string;
  position: number;
}

/** Every service's stages (template data, small), for localized stage labels in lists. */
export function useAllStages(enabled = true): ServiceStage[] {
  const { data } = useGetList<ServiceStage>('ServiceStage', { pagination: { page: 1, perPage: 1000 }, sort: { field: 'position', order: 'ASC' } }, { staleTime: 5 * 60_000, enabled });
  return data ?? [];
}

/** The stages of one service, in pipeline order. */
export function useServiceStages(serviceId: string | undefined): { stages: ServiceStage[]; isPending: boolean } {
  const { data, isPending } = useGetList<ServiceStage>(
    'ServiceStage',
    { filter: { serviceId }, pagination: { page: 1, perPage: 100 }, sort: { field: 'position', order: 'ASC' } },
    { enabled: Boolean(serviceId) },
  );
  return { stages: data ?? [], isPending };
}

/** The stage of the record (`source`) by its localized name, from the record's service's stages. */
export const StageField = ({ source = 'stage', stages }: { source?: string; stages?: ServiceStage[]; label?: string; sortable?: boolean }) => {
  const value = useFieldValue({ source }) as string | undefined;
  const record = useRecordContext<{ serviceId?: string }>();
  const [locale] = useLocaleState();
  // Given the record's own stages (the show page), the list of every service's stages is not needed.
  const all = useAllStages(stages === undefined);
  const own = (stages ?? all).filter((s) => !record?.serviceId || s.serviceId === record.serviceId);
  return (
    <Typography component="span" variant="body2">
      {value ? stageName(value, locale, own) : ''}
    </Typography>
  );
};

/** An enum value by its label under `<prefix>.<VALUE>`; unknown values as they are. */
export const MessageEnumField = ({ source, prefix }: { source: string; prefix: string; label?: string; sortable?: boolean }) => {
  const value = useFieldValue({ source }) as string | undefined;
  const translate = useTranslate();
  return (
    <Typography component="span" variant="body2">
      {value ? translate(`${prefix}.${value}`, { _: value }) : ''}
    </Typography>
  );
};

/** Choices for a select input from the values of `<prefix>.*`. */
export function messageChoices(values: readonly string[], prefix: string): { id: string; name: string }[] {
  return values.map((id) => ({ id, name: `${prefix}.${id}` }));
}

/**
 * A refused or failed action, explained in a dialog: the API's reasons as a
 * list (TRANSITION_NOT_ALLOWED, VALIDATION), or for a stale version
 * (CONFLICT) a clear message with a Reload action.
 */
export function useProblemDialog(): { show: (error: unknown) => void; dialog: ReactNode } {
  const [problem, setProblem] = useState<Refusal | null>(null);
  const translate = useTranslate();
  const refresh = useRefresh();
  const text = useRefusalText();
  const close = () => setProblem(null);
  const show = useCallback((error: unknown) => setProblem(refusalOf(error)), []);
  const conflict = problem !== null && isConflict(problem);
  const dialog = (
    <Dialog open={problem !== null} onClose={close} aria-labelledby="onboarding-problem-title">
      <DialogTitle id="onboarding-problem-title">
        {translate(conflict ? 'onboarding.conflict_title' : problem?.code === 'TRANSITION_NOT_ALLOWED' ? 'onboarding.refused_title' : 'onboarding.failed_title')}
      </DialogTitle>
      <DialogContent>
        {conflict ? (
          <DialogContentText>{translate('onboarding.conflict_text')}</DialogContentText>
        ) : problem && problem.reasons.length > 0 ? (
          <>
            <DialogContentText>{translate('onboarding.refused_text')}</DialogContentText>
            <ul data-testid="refusal-reasons">
              {problem.reasons.map((reason, i) => (
                <li key={i}>{text(reason)}</li>
              ))}
            </ul>
          </>
        ) : (
          <DialogContentText>{problem?.message}</DialogContentText>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={close}>{translate('onboarding.close')}</Button>
        {conflict && (
          <Button
            variant="contained"
            onClick={() => {
              close();
              refresh();
            }}
          >
            {translate('onboarding.reload')}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
  return useMemo(() => ({ show, dialog }), [show, dialog]);
}

export interface TextPromptProps {
  open: boolean;
  title: string;
  label: string;
  hint?: string;
  /** Must the text be given (a reason)? */
  required?: boolean;
  multiline?: boolean;
  busy?: boolean;
  children?: ReactNode;
  onCancel: () => void;
  onConfirm: (text: string) => void;
}

/** Asks for a reason (or a comment, resolution, link) before an action. */
export const TextPrompt = ({ open, title, label, hint, required = true, multiline = true, busy, children, onCancel, onConfirm }: TextPromptProps) => {
  const translate = useTranslate();
  const [text, setText] = useState('');
  const valid = !required || text.trim().length > 0;
  return (
    <Dialog open={open} onClose={onCancel} fullWidth maxWidth="sm" TransitionProps={{ onExited: () => setText('') }}>
      <DialogTitle>{title}</DialogTitle>
      <DialogContent>
        {hint && <DialogContentText sx={{ mb: 1 }}>{hint}</DialogContentText>}
        {children}
        <TextField
          autoFocus
          fullWidth
          margin="dense"
          label={label}
          required={required}
          multiline={multiline}
          minRows={multiline ? 2 : undefined}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>{translate('onboarding.dialog.abort')}</Button>
        <Button variant="contained" disabled={!valid || busy} onClick={() => onConfirm(text.trim())}>
          {translate('onboarding.dialog.confirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
