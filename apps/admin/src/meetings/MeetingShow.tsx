import { Box, Link as MuiLink, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { ChipField, EditButton, ReferenceArrayField, ReferenceField, Show, SingleFieldList, TopToolbar, useRecordContext, useTranslate } from 'react-admin';
import { Markdown } from './Markdown';
import { MeetingItems } from './MeetingItems';
import { MEETING_META, useMeetingTimeFormat, type MeetingRecord } from './shared';
import { Section } from '../common/Section';

/** The records a meeting lists (services, states, authorities) as chips linking to their pages. */
const LinkedChips = ({ source, reference }: { source: string; reference: string }) => (
  <ReferenceArrayField source={source} reference={reference}>
    <SingleFieldList linkType="show">
      <ChipField source="name" size="small" />
    </SingleFieldList>
  </ReferenceArrayField>
);

const Line = ({ label, children }: { label: string; children: ReactNode }) => {
  const translate = useTranslate();
  return (
    <Box sx={{ display: 'flex', gap: 1, mb: 0.5, flexWrap: 'wrap' }}>
      <Typography variant="body2" color="text.secondary" sx={{ minWidth: 200 }}>
        {translate(label)}
      </Typography>
      <Box>{children}</Box>
    </Box>
  );
};

const MeetingDetail = () => {
  const record = useRecordContext<MeetingRecord>();
  const translate = useTranslate();
  const time = useMeetingTimeFormat();
  if (!record) return null;
  return (
    <Box>
      <Section title="meeting.sections.details">
        <Typography variant="h5" component="p" gutterBottom data-testid="meeting-title">
          {record.title}
        </Typography>
        <Line label="meeting.fields.kind">{translate(`meeting.kind.${record.kind}`)}</Line>
        <Line label="meeting.fields.startsAt">{time(record)}</Line>
        {record.location ? <Line label="meeting.fields.location">{record.location}</Line> : null}
        {record.onlineUrl ? (
          <Line label="meeting.fields.onlineUrl">
            <MuiLink href={record.onlineUrl} target="_blank" rel="noopener noreferrer">
              {record.onlineUrl}
            </MuiLink>
          </Line>
        ) : null}
        {record.waveId ? (
          <Line label="meeting.fields.waveId">
            <span data-testid="meeting-wave">
              <ReferenceField source="waveId" reference="Wave" link="show" />
            </span>
          </Line>
        ) : null}
        <Line label="meeting.fields.serviceIds">
          <LinkedChips source="serviceIds" reference="Service" />
        </Line>
        <Line label="meeting.fields.stateIds">
          <LinkedChips source="stateIds" reference="State" />
        </Line>
        <Line label="meeting.fields.authorityIds">
          <LinkedChips source="authorityIds" reference="Authority" />
        </Line>
        {record.attachments?.length ? (
          <Line label="meeting.fields.attachments">
            {record.attachments.map((a) => (
              <div key={a.url}>
                <MuiLink href={a.url} target="_blank" rel="noopener noreferrer">
                  {a.title}
                </MuiLink>
              </div>
            ))}
          </Line>
        ) : null}
      </Section>
      <Section title="meeting.sections.agenda" testId="meeting-agenda">
        {record.agenda?.trim() ? <Markdown text={record.agenda} testId="agenda-rendered" /> : <Typography color="text.secondary">{translate('meeting.no_agenda')}</Typography>}
      </Section>
      <Section title="meeting.sections.items">
        <MeetingItems meetingId={record.id} />
      </Section>
      <Section title="meeting.sections.minutes" testId="meeting-minutes">
        {record.minutes?.trim() ? <Markdown text={record.minutes} testId="minutes-rendered" /> : <Typography color="text.secondary">{translate('meeting.no_minutes')}</Typography>}
      </Section>
    </Box>
  );
};

const MeetingShow = () => (
  <Show
    queryOptions={{ meta: MEETING_META }}
    actions={
      <TopToolbar>
        <EditButton />
      </TopToolbar>
    }
    sx={{ '& .RaShow-card': { background: 'none', boxShadow: 'none' } }}
  >
    <MeetingDetail />
  </Show>
);

export default MeetingShow;
