import { validateWave } from '@efa/domain';
import {
  AutocompleteArrayInput,
  DateInput,
  ReferenceInput,
  SelectInput,
  SimpleForm,
  TextInput,
  required,
} from 'react-admin';
import { useCustomQuery } from '../common/useCustomQuery';
import { useRuleValidator } from '../common/forms';
import { useWaveApi } from './waveApi';

const f = (field: string) => `wave.fields.${field}`;

/** Organisations are edited as lines of text and sent as a list. */
export const organisationsOf = (value: unknown): string[] =>
  (Array.isArray(value) ? value : String(value ?? '').split('\n')).map((s: string) => s.trim()).filter(Boolean);

/** What createWave / updateWave take, from the form's values. */
export const waveInput = (data: Record<string, unknown>) => ({
  ...(data.id ? { id: data.id, version: data.version } : {}),
  serviceId: data.serviceId,
  name: data.name,
  description: data.description || null,
  startsOn: data.startsOn || null,
  targetGoLive: data.targetGoLive,
  memberUserIds: (data.memberUserIds as string[] | undefined) ?? [],
  organisations: organisationsOf(data.organisations),
});

const MemberInput = () => {
  const api = useWaveApi();
  const { data } = useCustomQuery('candidates', async () => ({ data: await api.memberCandidates() }));
  return <AutocompleteArrayInput source="memberUserIds" label={f('memberUserIds')} choices={data ?? []} optionText="displayName" />;
};

export const WaveForm = ({ create = false }: { create?: boolean }) => {
  const validate = useRuleValidator(
    (w) => validateWave(w).filter((i) => i.field !== 'serviceId' && !i.field.startsWith('memberUserIds')),
    (v) => ({ ...waveInput(v), startsOn: v.startsOn || '1900-01-01' }),
  );
  return (
    <SimpleForm validate={validate}>
      <ReferenceInput source="serviceId" reference="Service" sort={{ field: 'name', order: 'ASC' }}>
        <SelectInput label={f('serviceId')} optionText="name" validate={required()} disabled={!create} />
      </ReferenceInput>
      <TextInput source="name" label={f('name')} validate={required()} />
      <DateInput source="startsOn" label={f('startsOn')} />
      <DateInput source="targetGoLive" label={f('targetGoLive')} validate={required()} />
      <TextInput source="description" label={f('description')} multiline minRows={2} />
      <MemberInput />
      <TextInput
        source="organisations"
        label={f('organisations')}
        multiline
        minRows={2}
        format={(v: unknown) => (Array.isArray(v) ? v.join('\n') : ((v as string) ?? ''))}
        parse={(v: string) => v}
      />
    </SimpleForm>
  );
};
