import { validateMeeting } from '@efa/domain';
import AutoFixHighIcon from '@mui/icons-material/AutoFixHigh';
import { Box, Button } from '@mui/material';
import { useFormContext } from 'react-hook-form';
import {
  ArrayInput,
  AutocompleteArrayInput,
  AutocompleteInput,
  DateTimeInput,
  ReferenceArrayInput,
  ReferenceInput,
  SelectInput,
  SimpleForm,
  SimpleFormIterator,
  TextInput,
  required,
  useDataProvider,
  useLocaleState,
  useNotify,
  useTranslate,
} from 'react-admin';
import { useRuleValidator } from '../common/forms';
import type { MeetingDataProvider } from './meetingApi';
import { KIND_CHOICES, withoutTypename } from './shared';

const f = (field: string) => `meeting.fields.${field}`;
const toIso = (v: unknown) => (v ? new Date(String(v)).toISOString() : v);

/** The values a create or update sends: instants as ISO, attachments without __typename, empty texts as null. */
export function toMeetingInput(data: Record<string, unknown>) {
  const { items: _items, ...rest } = data;
  const empty = (v: unknown) => (v === '' ? null : v);
  return withoutTypename({
    ...rest,
    startsAt: toIso(rest.startsAt),
    endsAt: toIso(rest.endsAt),
    location: empty(rest.location),
    onlineUrl: empty(rest.onlineUrl),
    waveId: empty(rest.waveId) ?? null,
    agenda: empty(rest.agenda),
    minutes: empty(rest.minutes),
    attachments: ((rest.attachments as unknown[] | undefined) ?? []).filter(Boolean),
  });
}

/** "Tagesordnung vorbefüllen": asks the API for the agenda from the changes since the previous meeting of the same kind and puts it into the agenda field. */
const PrefillAgendaButton = () => {
  const { getValues, setValue } = useFormContext();
  const translate = useTranslate();
  const dataProvider = useDataProvider<MeetingDataProvider>();
  const notify = useNotify();
  const [locale] = useLocaleState();
  const prefill = async () => {
    const { id, kind, startsAt, serviceIds, stateIds } = getValues();
    if (!kind || !startsAt) {
      notify('meeting.actions.prefill_needs', { type: 'warning' });
      return;
    }
    try {
      const { data } = await dataProvider.getAgendaSuggestion({
        meetingId: id ? String(id) : undefined,
        kind,
        startsAt: String(toIso(startsAt)),
        serviceIds: serviceIds ?? [],
        stateIds: stateIds ?? [],
        language: locale === 'en' ? 'en' : 'de',
      });
      setValue('agenda', data.markdown, { shouldDirty: true });
      notify(data.previousMeetingTitle ? 'meeting.actions.prefill_done' : 'meeting.actions.prefill_done_first', { type: 'info', messageArgs: { previous: data.previousMeetingTitle ?? '' } });
    } catch (error) {
      notify(error instanceof Error ? error.message : String(error), { type: 'error' });
    }
  };
  return (
    <Button startIcon={<AutoFixHighIcon />} onClick={() => void prefill()} sx={{ alignSelf: 'flex-start', mb: 1 }} data-testid="prefill-agenda">
      {translate('meeting.actions.prefill')}
    </Button>
  );
};

/** Create and edit form of a meeting, checked by libs/domain's rules at the fields. */
export const MeetingForm = () => {
  const validate = useRuleValidator((r) => validateMeeting(r), (v) => toMeetingInput(v) as object);
  return (
    <SimpleForm validate={validate}>
      <Box sx={{ display: 'grid', gap: 1, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, width: '100%' }}>
        <SelectInput source="kind" label={f('kind')} choices={KIND_CHOICES} validate={required()} />
        <TextInput source="title" label={f('title')} validate={required()} />
        <DateTimeInput source="startsAt" label={f('startsAt')} validate={required()} />
        <DateTimeInput source="endsAt" label={f('endsAt')} validate={required()} />
        <TextInput source="timeZone" label={f('timeZone')} />
        <TextInput source="location" label={f('location')} />
        <TextInput source="onlineUrl" label={f('onlineUrl')} />
      </Box>
      <ReferenceInput source="waveId" reference="Wave" sort={{ field: 'name', order: 'ASC' }} perPage={200}>
        <AutocompleteInput label={f('waveId')} optionText="name" helperText={false} />
      </ReferenceInput>
      <ReferenceArrayInput source="serviceIds" reference="Service" sort={{ field: 'name', order: 'ASC' }} perPage={200}>
        <AutocompleteArrayInput label={f('serviceIds')} optionText="name" />
      </ReferenceArrayInput>
      <ReferenceArrayInput source="stateIds" reference="State" sort={{ field: 'name', order: 'ASC' }} perPage={16}>
        <AutocompleteArrayInput label={f('stateIds')} optionText="name" />
      </ReferenceArrayInput>
      <ReferenceArrayInput source="authorityIds" reference="Authority" sort={{ field: 'name', order: 'ASC' }}>
        <AutocompleteArrayInput label={f('authorityIds')} optionText="name" />
      </ReferenceArrayInput>
      <PrefillAgendaButton />
      <TextInput source="agenda" label={f('agenda')} multiline minRows={4} fullWidth />
      <TextInput source="minutes" label={f('minutes')} multiline minRows={4} fullWidth />
      <ArrayInput source="attachments" label={f('attachments')}>
        <SimpleFormIterator inline disableReordering>
          <TextInput source="title" label={f('attachment_title')} />
          <TextInput source="url" label={f('attachment_url')} />
        </SimpleFormIterator>
      </ArrayInput>
    </SimpleForm>
  );
};
