import Grid from '@mui/material/Grid';
import type { ReactNode } from 'react';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import {
  BooleanField,
  EditButton,
  Labeled,
  Link as RaLink,
  Show,
  TextField,
  TopToolbar,
  UrlField,
  useCreatePath,
  useLocaleState,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { LocalizedDateField } from '../common/fields';
import { ONBOARDING_PAGE_META, publicStatusPath } from './logic';
import { OverdueActionItemsSection } from '../meetings/OverdueActionItemsSection';
import { BlockerPanel, MilestoneChecklist, NotesPanel, StageStepper, Timeline, TransitionLog } from './Panels';
import { MessageEnumField, StageField, useMayCall } from './shared';
import { useOnboardingContext, type OnboardingRecord } from './useOnboardingContext';
import { WorkflowButtons } from './WorkflowButtons';
import { WatchToggle } from '../notifications/WatchToggle';
import { Section } from '../common/Section';

const f = (field: string) => `onboarding.fields.${field}`;

const Actions = () => {
  const record = useRecordContext<OnboardingRecord>();
  const mayCall = useMayCall();
  const context = useOnboardingContext(record);
  // Coordinators may edit the contacts of their own state's onboardings only.
  const mayEdit = record ? mayCall('updateOnboarding', context.stateId ?? null) : false;
  return (
    <TopToolbar>
      <WatchToggle targetType="ONBOARDING" watching={record?.watching} />
      {mayEdit && <EditButton />}
    </TopToolbar>
  );
};

const Field = ({ label, children }: { label: string; children: ReactNode }) => (
  <Grid size={{ xs: 12, sm: 6, md: 4 }}>
    <Labeled label={label}>{children as React.ReactElement}</Labeled>
  </Grid>
);

/** "Öffentliche Statusseite": what applicants see for this service at this authority. */
const PublicStatusLink = ({ ozgId, ars }: { ozgId?: string; ars?: string }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  if (!ozgId || !ars) return <span>—</span>;
  return (
    <Link href={publicStatusPath(ozgId, ars, locale)} target="_blank" rel="noopener" data-testid="public-status-link">
      {translate('onboarding.public.link')}
    </Link>
  );
};

/**
 * A referenced record by its name, linked to its page, as ReferenceField link="show" shows it; the
 * record came with the onboarding (ONBOARDING_PAGE_META), so no getMany of its own.
 */
const ShowLink = ({ resource, target }: { resource: string; target?: { id: string; name: string } }) => {
  const createPath = useCreatePath();
  if (!target) return <Typography component="span" variant="body2">—</Typography>;
  return (
    <RaLink to={createPath({ resource, id: target.id, type: 'show' })}>
      <Typography component="span" variant="body2">
        {target.name}
      </Typography>
    </RaLink>
  );
};

const OnboardingDetail = () => {
  const record = useRecordContext<OnboardingRecord>();
  const context = useOnboardingContext(record);
  if (!record) return null;
  return (
    <>
      <Section title="onboarding.sections.pipeline" testId="section-pipeline">
        <StageStepper record={record} context={context} />
        <WorkflowButtons record={record} context={context} />
      </Section>
      <Section title="onboarding.sections.master">
        <Grid container spacing={1}>
          <Field label={f('authorityId')}>
            <ShowLink resource="Authority" target={record.authority} />
          </Field>
          <Field label={f('serviceId')}>
            <ShowLink resource="Service" target={record.service} />
          </Field>
          <Field label="wave.fields.waveId">
            <ShowLink resource="Wave" target={record.wave} />
          </Field>
          <Field label={f('stage')}>
            <StageField stages={context.stages} />
          </Field>
          <Field label={f('status')}>
            <MessageEnumField source="status" prefix="onboarding.status" />
          </Field>
          <Field label={f('statusReason')}>
            <TextField source="statusReason" />
          </Field>
          <Field label={f('stageEnteredAt')}>
            <LocalizedDateField source="stageEnteredAt" showTime />
          </Field>
          <Field label={f('plannedGoLive')}>
            <LocalizedDateField source="plannedGoLive" />
          </Field>
          <Field label={f('liveAt')}>
            <LocalizedDateField source="liveAt" showTime />
          </Field>
          <Field label={f('owner')}>
            <TextField source="owner" />
          </Field>
          <Field label={f('subjectContact')}>
            <TextField source="subjectContact" />
          </Field>
          <Field label={f('technicalContact')}>
            <TextField source="technicalContact" />
          </Field>
          <Field label={f('applyUrl')}>
            <UrlField source="applyUrl" target="_blank" rel="noopener noreferrer" />
          </Field>
          <Field label={f('publishPlan')}>
            <BooleanField source="publishPlan" valueLabelTrue="onboarding.public.yes" valueLabelFalse="onboarding.public.no" />
          </Field>
          <Field label="onboarding.public.link">
            <PublicStatusLink ozgId={context.ozgId} ars={context.ars} />
          </Field>
          <Field label={f('jiraKey')}>
            <TextField source="jiraKey" />
          </Field>
          <Field label={f('notes')}>
            <TextField source="notes" sx={{ whiteSpace: 'pre-line' }} />
          </Field>
          <Field label={f('version')}>
            <TextField source="version" />
          </Field>
        </Grid>
      </Section>
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, lg: 7 }}>
          <Section title="onboarding.sections.milestones" testId="section-milestones">
            <MilestoneChecklist context={context} />
          </Section>
        </Grid>
        <Grid size={{ xs: 12, lg: 5 }}>
          <Section title="onboarding.sections.blockers" testId="section-blockers">
            <BlockerPanel record={record} context={context} />
          </Section>
        </Grid>
      </Grid>
      <Section title="meeting.overdue.title" testId="section-overdue-action-items">
        <OverdueActionItemsSection onboardingId={record.id} items={record.overdueActionItems} />
      </Section>
      <Section title="onboarding.sections.notes" testId="section-notes">
        <NotesPanel record={record} />
      </Section>
      <Section title="onboarding.sections.transitions">
        <TransitionLog record={record} context={context} />
      </Section>
      <Section title="onboarding.sections.timeline">
        <Timeline record={record} />
      </Section>
    </>
  );
};

const OnboardingShow = () => (
  <Show queryOptions={{ meta: ONBOARDING_PAGE_META }} actions={<Actions />} sx={{ '& .RaShow-card': { background: 'none', boxShadow: 'none' } }}>
    <OnboardingDetail />
  </Show>
);

export default OnboardingShow;
