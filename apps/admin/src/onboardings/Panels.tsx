import { BlockerCategory, BlockerSeverity, enumValues } from '@efa/domain';
import LinkIcon from '@mui/icons-material/Link';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import IconButton from '@mui/material/IconButton';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import Step from '@mui/material/Step';
import StepLabel from '@mui/material/StepLabel';
import Stepper from '@mui/material/Stepper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { Fragment, useMemo, useState } from 'react';
import { useCreate, useLocaleState, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { guideByMilestone, MilestoneGuideBody, MilestoneGuideToggle, useOpenGuides } from '../guides/MilestoneGuide';
import { useIntlLocale } from '../common/useIntlLocale';
import { useOnboardingApi, type DomainOperation } from './api';
import { changeValue, stageName } from './logic';
import { TextPrompt, useMayCall, useProblemDialog } from './shared';
import type { BlockerRecord, MilestoneRecord, OnboardingContextData, OnboardingRecord } from './useOnboardingContext';

function useFormatDate() {
  const locale = useIntlLocale();
  return (value: string | null | undefined, withTime = false) => {
    if (!value) return '';
    const d = new Date(value);
    if (Number.isNaN(d.getTime())) return value;
    return withTime ? d.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' }) : d.toLocaleDateString(locale, { dateStyle: 'medium' } as Intl.DateTimeFormatOptions);
  };
}

/** Runs a domain mutation on a milestone or obstacle, then refreshes; a refusal opens the problem dialog. */
function useRecordAction() {
  const api = useOnboardingApi();
  const notify = useNotify();
  const refresh = useRefresh();
  const problem = useProblemDialog();
  const [busy, setBusy] = useState(false);
  const run = async (operation: DomainOperation, variables: Record<string, unknown>) => {
    setBusy(true);
    try {
      await api.run(operation, variables);
      notify('onboarding.done', { type: 'success' });
      refresh();
    } catch (error) {
      problem.show(error);
    } finally {
      setBusy(false);
    }
  };
  return { run, busy, dialog: problem.dialog };
}

/** The service's stages as a stepper; the current stage active, paused/cancelled marked. */
export const StageStepper = ({ record, context }: { record: OnboardingRecord; context: OnboardingContextData }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  if (!context.stagesPending && context.stages.length === 0) return <Typography variant="body2">{translate('onboarding.no_stages')}</Typography>;
  const active = context.stages.findIndex((s) => s.key === record.stage);
  return (
    <Stepper activeStep={active} alternativeLabel data-testid="stage-stepper" sx={{ py: 1 }}>
      {context.stages.map((s, i) => (
        <Step key={s.id} completed={i < active}>
          <StepLabel
            error={i === active && record.status === 'CANCELLED'}
            optional={
              i === active && record.status !== 'ACTIVE' ? (
                <Typography variant="caption" color={record.status === 'CANCELLED' ? 'error' : 'warning.main'}>
                  {translate(`onboarding.status.${record.status}`, { _: record.status })}
                </Typography>
              ) : undefined
            }
          >
            {stageName(s.key, locale, [s])}
          </StepLabel>
        </Step>
      ))}
    </Stepper>
  );
};

type MilestonePrompt = { kind: 'complete' | 'na'; milestone: MilestoneRecord } | null;

/** The milestone checklist: tick off, not applicable (with a reason), reopen, evidence link. */
export const MilestoneChecklist = ({ context }: { context: OnboardingContextData }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const mayCall = useMayCall();
  const format = useFormatDate();
  const action = useRecordAction();
  const [prompt, setPrompt] = useState<MilestonePrompt>(null);
  // The service's guide sections come with the record (ONBOARDING_PAGE_META).
  const record = useRecordContext<OnboardingRecord>();
  const guide = useMemo(() => guideByMilestone(record?.guideSections ?? []), [record?.guideSections]);
  const guides = useOpenGuides();
  const name = (m: MilestoneRecord) => (locale === 'en' ? m.nameEn : m.nameDe);
  if (!context.milestonesPending && context.milestones.length === 0) return <Typography variant="body2">{translate('milestone.empty')}</Typography>;
  return (
    <>
      <List dense data-testid="milestone-checklist">
        {context.milestones.map((m) => (
          <Fragment key={m.id}>
          <ListItem divider sx={{ gap: 1, alignItems: 'center' }} data-milestone={m.key}>
            <ListItemText
              sx={{ flex: 1, minWidth: 0 }}
              primary={
                <>
                  {name(m)}
                  {m.required && <Chip size="small" label={translate('milestone.required_short')} sx={{ ml: 1 }} variant="outlined" />}
                </>
              }
              secondary={[
                stageName(m.stage, locale, context.stages),
                m.dueDate ? `${translate('milestone.fields.dueDate')}: ${format(m.dueDate)}` : '',
                m.completedAt ? `${translate('milestone.fields.completedAt')}: ${format(m.completedAt)}` : '',
                m.note ?? '',
              ]
                .filter(Boolean)
                .join(' · ')}
            />
            <Box sx={{ display: 'flex', gap: 0.5, alignItems: 'center', flexShrink: 0 }}>
            <Chip
              size="small"
              color={m.status === 'DONE' ? 'success' : m.status === 'NOT_APPLICABLE' ? 'default' : 'warning'}
              label={translate(`milestone.status.${m.status}`, { _: m.status })}
            />
            {m.evidenceUrl && (
              <Tooltip title={translate('milestone.actions.evidence')}>
                <IconButton size="small" href={m.evidenceUrl} target="_blank" rel="noopener noreferrer" aria-label={translate('milestone.actions.evidence')}>
                  <LinkIcon fontSize="small" />
                </IconButton>
              </Tooltip>
            )}
            {m.status === 'OPEN' && mayCall('completeMilestone') && (
              <Button size="small" disabled={action.busy} onClick={() => setPrompt({ kind: 'complete', milestone: m })}>
                {translate('milestone.actions.complete')}
              </Button>
            )}
            {m.status === 'OPEN' && mayCall('markMilestoneNotApplicable') && (
              <Button size="small" disabled={action.busy} onClick={() => setPrompt({ kind: 'na', milestone: m })}>
                {translate('milestone.actions.not_applicable')}
              </Button>
            )}
            {m.status !== 'OPEN' && mayCall('reopenMilestone') && (
              <Button size="small" disabled={action.busy} onClick={() => action.run('reopenMilestone', { id: m.id, version: m.version })}>
                {translate('milestone.actions.reopen')}
              </Button>
            )}
            <MilestoneGuideToggle sections={guide.get(m.key) ?? []} open={guides.isOpen(m.key)} onToggle={() => guides.toggle(m.key)} milestoneKey={m.key} />
            </Box>
          </ListItem>
          <MilestoneGuideBody sections={guide.get(m.key) ?? []} open={guides.isOpen(m.key)} milestoneKey={m.key} />
          </Fragment>
        ))}
      </List>
      <TextPrompt
        open={prompt?.kind === 'complete'}
        title={translate('milestone.dialog.complete_title', { name: prompt ? name(prompt.milestone) : '' })}
        label={translate('milestone.dialog.evidence')}
        required={false}
        multiline={false}
        busy={action.busy}
        onCancel={() => setPrompt(null)}
        onConfirm={(evidenceUrl) => {
          const m = prompt!.milestone;
          setPrompt(null);
          void action.run('completeMilestone', { id: m.id, version: m.version, evidenceUrl: evidenceUrl || undefined });
        }}
      />
      <TextPrompt
        open={prompt?.kind === 'na'}
        title={translate('milestone.dialog.not_applicable_title', { name: prompt ? name(prompt.milestone) : '' })}
        label={translate('milestone.dialog.reason')}
        busy={action.busy}
        onCancel={() => setPrompt(null)}
        onConfirm={(reason) => {
          const m = prompt!.milestone;
          setPrompt(null);
          void action.run('markMilestoneNotApplicable', { id: m.id, version: m.version, reason });
        }}
      />
      {action.dialog}
    </>
  );
};

const CreateBlockerDialog = ({ onboardingId, open, onClose }: { onboardingId: string; open: boolean; onClose: () => void }) => {
  const translate = useTranslate();
  const [create, { isPending }] = useCreate();
  const refresh = useRefresh();
  const problem = useProblemDialog();
  const empty = { title: '', category: 'TECHNICAL', severity: 'DELAYING', description: '', owner: '' };
  const [values, setValues] = useState(empty);
  const set = (key: keyof typeof empty) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: e.target.value }));
  const save = () =>
    create(
      'Blocker',
      { data: { onboardingId, ...values, description: values.description || null, owner: values.owner || null }, meta: { sparseFields: ['id'] } },
      {
        onSuccess: () => {
          setValues(empty);
          onClose();
          refresh();
        },
        onError: (error) => problem.show(error),
      },
    );
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm">
      <DialogTitle>{translate('blocker.dialog.create_title')}</DialogTitle>
      <DialogContent>
        <TextField fullWidth margin="dense" required autoFocus label={translate('blocker.fields.title')} value={values.title} onChange={set('title')} />
        <TextField select fullWidth margin="dense" label={translate('blocker.fields.category')} value={values.category} onChange={set('category')}>
          {enumValues(BlockerCategory).map((c) => (
            <MenuItem key={c} value={c}>
              {translate(`blocker.category.${c}`)}
            </MenuItem>
          ))}
        </TextField>
        <TextField select fullWidth margin="dense" label={translate('blocker.fields.severity')} value={values.severity} onChange={set('severity')}>
          {enumValues(BlockerSeverity).map((c) => (
            <MenuItem key={c} value={c}>
              {translate(`blocker.severity.${c}`)}
            </MenuItem>
          ))}
        </TextField>
        <TextField fullWidth margin="dense" multiline minRows={2} label={translate('blocker.fields.description')} value={values.description} onChange={set('description')} />
        <TextField fullWidth margin="dense" label={translate('blocker.fields.owner')} value={values.owner} onChange={set('owner')} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('onboarding.dialog.abort')}</Button>
        <Button variant="contained" disabled={!values.title.trim() || isPending} onClick={save}>
          {translate('ra.action.save')}
        </Button>
      </DialogActions>
      {problem.dialog}
    </Dialog>
  );
};

type BlockerPrompt = { kind: 'resolve' | 'reopen'; blocker: BlockerRecord } | null;

/** The onboarding's obstacles: list, record a new one, resolve with a resolution, reopen with a reason. */
export const BlockerPanel = ({ record, context }: { record: OnboardingRecord; context: OnboardingContextData }) => {
  const translate = useTranslate();
  const mayCall = useMayCall();
  const format = useFormatDate();
  const action = useRecordAction();
  const [creating, setCreating] = useState(false);
  const [prompt, setPrompt] = useState<BlockerPrompt>(null);
  return (
    <>
      {mayCall('createBlocker') && (
        <Button size="small" variant="outlined" onClick={() => setCreating(true)} sx={{ mb: 1 }}>
          {translate('blocker.actions.create')}
        </Button>
      )}
      {!context.blockersPending && context.blockers.length === 0 ? (
        <Typography variant="body2">{translate('blocker.empty')}</Typography>
      ) : (
        <List dense data-testid="blocker-list">
          {context.blockers.map((b) => (
            <ListItem key={b.id} divider sx={{ flexWrap: 'wrap', gap: 1 }}>
              <ListItemText
                primary={b.title}
                secondary={[
                  translate(`blocker.category.${b.category}`, { _: b.category }),
                  `${translate('blocker.fields.openedAt')}: ${format(b.openedAt)}`,
                  b.owner ?? '',
                  b.resolvedAt ? `${translate('blocker.fields.resolvedAt')}: ${format(b.resolvedAt)} – ${b.resolution ?? ''}` : '',
                  b.description ?? '',
                ]
                  .filter(Boolean)
                  .join(' · ')}
              />
              <Chip size="small" color={b.severity === 'BLOCKING' ? 'error' : b.severity === 'DELAYING' ? 'warning' : 'default'} label={translate(`blocker.severity.${b.severity}`, { _: b.severity })} />
              <Chip size="small" variant="outlined" label={translate(b.resolvedAt ? 'blocker.resolved' : 'blocker.open')} />
              {!b.resolvedAt && mayCall('resolveBlocker') && (
                <Button size="small" disabled={action.busy} onClick={() => setPrompt({ kind: 'resolve', blocker: b })}>
                  {translate('blocker.actions.resolve')}
                </Button>
              )}
              {b.resolvedAt && mayCall('reopenBlocker') && (
                <Button size="small" disabled={action.busy} onClick={() => setPrompt({ kind: 'reopen', blocker: b })}>
                  {translate('blocker.actions.reopen')}
                </Button>
              )}
            </ListItem>
          ))}
        </List>
      )}
      <CreateBlockerDialog onboardingId={record.id} open={creating} onClose={() => setCreating(false)} />
      <TextPrompt
        open={prompt?.kind === 'resolve'}
        title={translate('blocker.dialog.resolve_title', { title: prompt?.blocker.title ?? '' })}
        label={translate('blocker.dialog.resolution')}
        busy={action.busy}
        onCancel={() => setPrompt(null)}
        onConfirm={(resolution) => {
          const b = prompt!.blocker;
          setPrompt(null);
          void action.run('resolveBlocker', { id: b.id, version: b.version, resolution });
        }}
      />
      <TextPrompt
        open={prompt?.kind === 'reopen'}
        title={translate('blocker.dialog.reopen_title', { title: prompt?.blocker.title ?? '' })}
        label={translate('blocker.dialog.reason')}
        busy={action.busy}
        onCancel={() => setPrompt(null)}
        onConfirm={(reason) => {
          const b = prompt!.blocker;
          setPrompt(null);
          void action.run('reopenBlocker', { id: b.id, version: b.version, reason });
        }}
      />
      {action.dialog}
    </>
  );
};

/** The transition log (oldest first). */
export const TransitionLog = ({ record, context }: { record: OnboardingRecord; context: OnboardingContextData }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const format = useFormatDate();
  const transitions = record.transitions ?? [];
  if (transitions.length === 0) return <Typography variant="body2">{translate('onboarding.transitions.empty')}</Typography>;
  const label = (stage: string | null) => (stage ? stageName(stage, locale, context.stages) : '');
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" data-testid="transition-log">
        <TableHead>
          <TableRow>
            {(['occurredAt', 'kind', 'from', 'to', 'actor', 'comment'] as const).map((c) => (
              <TableCell key={c}>{translate(`onboarding.transitions.${c}`)}</TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {transitions.map((t) => (
            <TableRow key={t.id}>
              <TableCell>{format(t.occurredAt, true)}</TableCell>
              <TableCell>{translate(`onboarding.transitions.kinds.${t.kind}`, { _: t.kind })}</TableCell>
              <TableCell>
                {label(t.fromStage)}
                {t.fromStatus && t.fromStatus !== 'ACTIVE' ? ` (${translate(`onboarding.status.${t.fromStatus}`, { _: t.fromStatus })})` : ''}
              </TableCell>
              <TableCell>
                {label(t.toStage)}
                {t.toStatus !== 'ACTIVE' ? ` (${translate(`onboarding.status.${t.toStatus}`, { _: t.toStatus })})` : ''}
              </TableCell>
              <TableCell>{t.actor}</TableCell>
              <TableCell>{t.comment ?? ''}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
};

/** The onboarding's dated notes (e.g. comments of the Jira issue it was tracked in), oldest first. */
export const NotesPanel = ({ record }: { record: OnboardingRecord }) => {
  const translate = useTranslate();
  const format = useFormatDate();
  const notes = record.noteEntries ?? [];
  if (notes.length === 0) return <Typography variant="body2">{translate('onboarding.notes.empty')}</Typography>;
  return (
    <List dense data-testid="onboarding-notes">
      {notes.map((n) => (
        <ListItem key={n.id} divider alignItems="flex-start">
          <ListItemText
            primary={`${format(n.writtenAt, true)} · ${n.author} · ${translate(`onboarding.notes.sources.${n.source}`, { _: n.source })}`}
            secondary={n.text}
            slotProps={{ secondary: { sx: { whiteSpace: 'pre-line' } } }}
          />
        </ListItem>
      ))}
    </List>
  );
};

/** onboardingTimeline: who changed what (onboarding, milestones, obstacles), field from → to, newest first. */
export const Timeline = ({ record }: { record: OnboardingRecord }) => {
  const translate = useTranslate();
  const format = useFormatDate();
  // The timeline comes with the record (ONBOARDING_PAGE_META: Onboarding.timeline, as onboardingTimeline).
  const data = record.timeline;
  if (!data) return null;
  if (data.length === 0) return <Typography variant="body2">{translate('onboarding.timeline.empty')}</Typography>;
  const empty = translate('onboarding.timeline.no_value');
  return (
    <List dense data-testid="onboarding-timeline">
      {data.map((entry) => (
        <ListItem key={entry.id} divider alignItems="flex-start">
          <ListItemText
            primary={`${format(entry.occurredAt, true)} · ${entry.actor} · ${translate(`onboarding.timeline.entity.${entry.entityType}`, { _: entry.entityType })}${entry.subject ? ` „${entry.subject}“` : ''} · ${entry.action}`}
            secondary={
              <>
                {entry.changes.map((c) => (
                  <span key={c.field} style={{ display: 'block' }}>
                    {c.field}: {changeValue(c.from) || empty} → {changeValue(c.to) || empty}
                  </span>
                ))}
                {entry.comment && <span style={{ display: 'block', fontStyle: 'italic' }}>{entry.comment}</span>}
              </>
            }
          />
        </ListItem>
      ))}
    </List>
  );
};
