import { DEFAULT_STAGES, OnboardingStatus, enumValues } from '@efa/domain';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import {
  BooleanInput,
  CreateButton,
  DataTable,
  List,
  ReferenceField,
  ReferenceInput,
  SearchInput,
  SelectArrayInput,
  SelectInput,
  useLocaleState,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { LocalizedDateField } from '../common/fields';
import { ResourceTable } from '../common/ResourceTable';
import { ListActions } from '../export/ListActions';
import { AssignToWaveButton } from '../waves/AssignToWaveButton';
import { daysSince, ONBOARDING_META } from './logic';
import { MessageEnumField, messageChoices, StageField, useAllStages, useMayCall } from './shared';

const f = (field: string) => `onboarding.fields.${field}`;

const StageFilterInput = (props: { source: string; label: string }) => {
  const [locale] = useLocaleState();
  const choices = DEFAULT_STAGES.map((s) => ({ id: s.key, name: locale === 'en' ? s.name.en : s.name.de }));
  return <SelectArrayInput {...props} choices={choices} translateChoice={false} />;
};

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <ReferenceInput key="stateId" source="stateId" reference="State" sort={{ field: 'name', order: 'ASC' }} alwaysOn>
    <SelectInput label={f('stateId')} optionText="name" />
  </ReferenceInput>,
  <ReferenceInput key="serviceId" source="serviceId" reference="Service" sort={{ field: 'name', order: 'ASC' }} alwaysOn>
    <SelectInput label={f('serviceId')} optionText="name" />
  </ReferenceInput>,
  <ReferenceInput key="waveId" source="waveId" reference="Wave" sort={{ field: 'name', order: 'ASC' }} alwaysOn>
    <SelectInput label="wave.fields.waveId" optionText="name" />
  </ReferenceInput>,
  <StageFilterInput key="stage" source="stage" label={f('stage')} />,
  <SelectArrayInput key="status" source="status" label={f('status')} choices={messageChoices(enumValues(OnboardingStatus), 'onboarding.status')} />,
  <ReferenceInput key="specialistSystemId" source="specialistSystemId" reference="SpecialistSystem" sort={{ field: 'product', order: 'ASC' }}>
    <SelectInput label={f('specialistSystemId')} optionText="product" />
  </ReferenceInput>,
  <BooleanInput key="overdue" source="overdue" label={f('overdue')} defaultValue />,
  <BooleanInput key="hasBlockingBlocker" source="hasBlockingBlocker" label={f('hasBlockingBlocker')} defaultValue />,
];

interface OnboardingRow {
  id: string;
  authorityId: string;
  serviceId: string;
  stage: string;
  status: string;
  stageEnteredAt: string;
  plannedGoLive: string | null;
  liveAt: string | null;
  owner: string | null;
  jiraKey: string | null;
}

const DaysInStage = () => {
  const record = useRecordContext<OnboardingRow>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Typography component="span" variant="body2">
      ({translate('onboarding.days', { smart_count: daysSince(record.stageEnteredAt) })})
    </Typography>
  );
};

const Empty = () => {
  const translate = useTranslate();
  return (
    <Box textAlign="center" m={4} data-testid="onboardings-empty">
      <Typography variant="h6" paragraph>
        {translate('onboarding.empty')}
      </Typography>
      <Typography variant="body2" paragraph>
        {translate('onboarding.empty_hint')}
      </Typography>
      <CreateButton variant="contained" label="onboarding.actions.create" />
    </Box>
  );
};

const OnboardingList = () => {
  useAllStages();
  const mayCall = useMayCall();
  return (
    <List
      filters={filters}
      sort={{ field: 'stageEnteredAt', order: 'ASC' }}
      queryOptions={{ meta: ONBOARDING_META }}
      actions={<ListActions />}
      empty={<Empty />}
      title="onboarding.menu"
    >
      <ResourceTable bulkActionButtons={mayCall('assignToWave') ? <AssignToWaveButton /> : false}>
        <DataTable.Col source="authorityId" label={f('authorityId')}>
          <ReferenceField source="authorityId" reference="Authority" link={false} />
        </DataTable.Col>
        <DataTable.Col source="serviceId" label={f('serviceId')}>
          <ReferenceField source="serviceId" reference="Service" link={false} />
        </DataTable.Col>
        <DataTable.Col source="waveId" label="wave.fields.waveId">
          <ReferenceField source="waveId" reference="Wave" link="show" emptyText="—" />
        </DataTable.Col>
        <DataTable.Col source="stage" label={f('stage')}>
          <StageField />
        </DataTable.Col>
        <DataTable.Col source="status" label={f('status')}>
          <MessageEnumField source="status" prefix="onboarding.status" />
        </DataTable.Col>
        <DataTable.Col source="stageEnteredAt" label={f('stageEnteredAt')}>
          <LocalizedDateField source="stageEnteredAt" /> <DaysInStage />
        </DataTable.Col>
        <DataTable.Col source="plannedGoLive" label={f('plannedGoLive')}>
          <LocalizedDateField source="plannedGoLive" />
        </DataTable.Col>
        <DataTable.Col source="liveAt" label={f('liveAt')}>
          <LocalizedDateField source="liveAt" />
        </DataTable.Col>
      </ResourceTable>
    </List>
  );
};

export default OnboardingList;
