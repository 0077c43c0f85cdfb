import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Grid from '@mui/material/Grid';
import MuiLink from '@mui/material/Link';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useMemo } from 'react';
import {
  CreateButton,
  DataTable,
  EditButton,
  Link,
  Labeled,
  ReferenceField,
  ReferenceManyField,
  Show,
  TextField,
  TopToolbar,
  useLocaleState,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { LocalizedDateField } from '../common/fields';
import { ONBOARDING_META } from '../onboardings/logic';
import { MessageEnumField, StageField, useAllStages, useMayCall } from '../onboardings/shared';
import { MEETING_META, MeetingTimeField } from '../meetings/shared';
import { WAVE_STATUS_COLOR, WaveStatusChip } from './WaveList';
import { Section } from '../common/Section';

const f = (field: string) => `wave.fields.${field}`;

interface WaveRecord {
  id: string;
  serviceId: string;
  name: string;
  description: string | null;
  startsOn: string;
  targetGoLive: string;
  organisations: string[];
  members: { id: string; displayName: string; role: string }[];
  progress: {
    total: number;
    live: number;
    cancelled: number;
    shareLive: number;
    progress: number;
    expected: number;
    daysLeft: number;
    status: keyof typeof WAVE_STATUS_COLOR;
    stages: { stage: string; position: number; count: number }[];
  };
}

/** The progress bar (stage-weighted progress) with a marker where the linear plan expects the wave today. */
const ProgressPanel = ({ wave }: { wave: WaveRecord }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const stages = useAllStages();
  const p = wave.progress;
  const pct = (x: number) => Math.round(x * 100);
  const stageName = (key: string) => {
    const s = stages.find((st) => st.serviceId === wave.serviceId && st.key === key);
    return s ? (locale === 'en' ? s.nameEn : s.nameDe) : key;
  };
  return (
    <Section title="wave.progress.title" testId="wave-progress">
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 1, flexWrap: 'wrap' }} useFlexGap>
        <Chip color={WAVE_STATUS_COLOR[p.status]} label={translate(`wave.status.${p.status}`)} data-testid="wave-progress-status" />
        <Typography variant="body2">{translate('wave.progress.live', { live: p.live, total: p.total })}</Typography>
        <Typography variant="body2" color={p.daysLeft < 0 ? 'error' : 'text.secondary'}>
          {p.daysLeft >= 0 ? translate('wave.progress.days_left', { smart_count: p.daysLeft }) : translate('wave.progress.days_over', { smart_count: -p.daysLeft })}
        </Typography>
      </Stack>
      <Box sx={{ position: 'relative', my: 2 }}>
        <LinearProgress
          variant="determinate"
          value={pct(p.progress)}
          color={p.status === 'EMPTY' ? 'primary' : WAVE_STATUS_COLOR[p.status as Exclude<typeof p.status, 'EMPTY'>]}
          sx={{ height: 14, borderRadius: 1 }}
          aria-label={translate('wave.progress.bar', { progress: pct(p.progress), expected: pct(p.expected) })}
          data-testid="wave-progress-bar"
        />
        <Box
          title={translate('wave.progress.bar', { progress: pct(p.progress), expected: pct(p.expected) })}
          sx={{ position: 'absolute', top: -4, bottom: -4, left: `calc(${pct(p.expected)}% - 1px)`, width: 2, bgcolor: 'text.primary' }}
        />
      </Box>
      <Typography variant="body2" data-testid="wave-progress-text">
        {translate('wave.progress.bar', { progress: pct(p.progress), expected: pct(p.expected) })}
      </Typography>
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mb: 2 }}>
        {translate('wave.progress.hint')}
      </Typography>
      <Typography variant="subtitle2">{translate('wave.progress.per_stage')}</Typography>
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', mt: 1 }} data-testid="wave-stage-counts">
        {p.stages.map((s) => (
          <Chip key={s.stage} variant="outlined" label={`${stageName(s.stage)}: ${s.count}`} data-stage={s.stage} />
        ))}
      </Stack>
    </Section>
  );
};

const Actions = () => {
  const record = useRecordContext<WaveRecord>();
  const translate = useTranslate();
  const mayCall = useMayCall();
  return (
    <TopToolbar>
      {record && (
        <>
          <Button component={Link} to={`/board?service=${record.serviceId}&wave=${record.id}`} size="small">
            {translate('wave.board')}
          </Button>
          <Button component={Link} to={`/?service=${record.serviceId}&wave=${record.id}`} size="small">
            {translate('wave.dashboard')}
          </Button>
        </>
      )}
      {mayCall('updateWave') && <EditButton />}
    </TopToolbar>
  );
};

const WaveDetail = () => {
  const record = useRecordContext<WaveRecord>();
  const translate = useTranslate();
  const onboardingMeta = useMemo(() => ONBOARDING_META, []);
  if (!record) return null;
  return (
    <>
      <Section title="wave.name">
        <Grid container spacing={1}>
          <Grid size={{ xs: 12, sm: 6, md: 4 }}>
            <Labeled label={f('name')}>
              <TextField source="name" />
            </Labeled>
          </Grid>
          <Grid size={{ xs: 12, sm: 6, md: 4 }}>
            <Labeled label={f('serviceId')}>
              <ReferenceField source="serviceId" reference="Service" link="show" />
            </Labeled>
          </Grid>
          <Grid size={{ xs: 12, sm: 6, md: 2 }}>
            <Labeled label={f('startsOn')}>
              <LocalizedDateField source="startsOn" />
            </Labeled>
          </Grid>
          <Grid size={{ xs: 12, sm: 6, md: 2 }}>
            <Labeled label={f('targetGoLive')}>
              <LocalizedDateField source="targetGoLive" />
            </Labeled>
          </Grid>
          <Grid size={12}>
            <Labeled label={f('description')}>
              <TextField source="description" sx={{ whiteSpace: 'pre-line' }} />
            </Labeled>
          </Grid>
        </Grid>
      </Section>
      <ProgressPanel wave={record} />
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 4 }}>
          <Section title="wave.members" testId="wave-members">
            {record.members.length === 0 && record.organisations.length === 0 ? (
              <Typography variant="body2">{translate('wave.no_members')}</Typography>
            ) : (
              <Stack spacing={1}>
                {record.members.map((m) => (
                  <Typography key={m.id} variant="body2">
                    {m.displayName} <Chip size="small" variant="outlined" label={translate(`app.enum.Role.${m.role}`, { _: m.role })} />
                  </Typography>
                ))}
                {record.organisations.length > 0 && <Typography variant="subtitle2">{translate('wave.organisations')}</Typography>}
                {record.organisations.map((o) => (
                  <Typography key={o} variant="body2">
                    {o}
                  </Typography>
                ))}
              </Stack>
            )}
          </Section>
        </Grid>
        <Grid size={{ xs: 12, md: 8 }}>
          <Section title="wave.onboardings" testId="wave-onboardings">
            <ReferenceManyField reference="Onboarding" target="waveId" perPage={200} sort={{ field: 'authorityId', order: 'ASC' }} queryOptions={{ meta: onboardingMeta }}>
              <DataTable rowClick="show" bulkActionButtons={false}>
                <DataTable.Col source="authorityId" label="onboarding.fields.authorityId">
                  <ReferenceField source="authorityId" reference="Authority" link={false} />
                </DataTable.Col>
                <DataTable.Col source="stage" label="onboarding.fields.stage">
                  <StageField />
                </DataTable.Col>
                <DataTable.Col source="status" label="onboarding.fields.status">
                  <MessageEnumField source="status" prefix="onboarding.status" />
                </DataTable.Col>
                <DataTable.Col source="plannedGoLive" label="onboarding.fields.plannedGoLive">
                  <LocalizedDateField source="plannedGoLive" />
                </DataTable.Col>
              </DataTable>
            </ReferenceManyField>
          </Section>
        </Grid>
      </Grid>
      <WaveMeetings wave={record} />
    </>
  );
};

/** "Termine": the wave's meetings (latest first), and a button creating one prefilled with the wave and its service. */
const WaveMeetings = ({ wave }: { wave: WaveRecord }) => {
  const translate = useTranslate();
  const mayCall = useMayCall();
  return (
    <Section title="wave.meetings" testId="wave-meetings">
      {mayCall('createMeeting') && (
        <CreateButton
          resource="Meeting"
          label="wave.new_meeting"
          state={{ record: { waveId: wave.id, serviceIds: [wave.serviceId] } }}
          data-testid="wave-new-meeting"
          sx={{ mb: 1 }}
        />
      )}
      <ReferenceManyField reference="Meeting" target="waveId" perPage={100} sort={{ field: 'startsAt', order: 'DESC' }} queryOptions={{ meta: MEETING_META }} empty={<Typography variant="body2">{translate('wave.no_meetings')}</Typography>}>
        <DataTable rowClick="show" bulkActionButtons={false}>
          <DataTable.Col source="startsAt" label="meeting.fields.startsAt">
            <MeetingTimeField />
          </DataTable.Col>
          <DataTable.Col source="kind" label="meeting.fields.kind">
            <MessageEnumField source="kind" prefix="meeting.kind" />
          </DataTable.Col>
          <DataTable.Col source="title" label="meeting.fields.title" />
          <DataTable.Col source="onlineUrl" label="meeting.fields.onlineUrl">
            <MeetingLink />
          </DataTable.Col>
        </DataTable>
      </ReferenceManyField>
    </Section>
  );
};

const MeetingLink = () => {
  const record = useRecordContext<{ onlineUrl: string | null }>();
  return record?.onlineUrl ? (
    <MuiLink href={record.onlineUrl} target="_blank" rel="noopener noreferrer" onClick={(e) => e.stopPropagation()}>
      {record.onlineUrl}
    </MuiLink>
  ) : null;
};

const WaveShow = () => (
  <Show actions={<Actions />} title={<WaveTitle />} sx={{ '& .RaShow-card': { background: 'none', boxShadow: 'none' } }}>
    <WaveDetail />
  </Show>
);

const WaveTitle = () => {
  const record = useRecordContext<WaveRecord>();
  return <span>{record?.name ?? ''}</span>;
};

export { WaveStatusChip };
export default WaveShow;
