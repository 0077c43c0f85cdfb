import { MilestoneStatus, enumValues } from '@efa/domain';
import { BooleanInput, DataTable, EditButton, List, ReferenceField, SearchInput, SelectArrayInput, TextField, TextInput, useLocaleState, useRecordContext } from 'react-admin';
import { LocalizedDateField } from '../common/fields';
import { ResourceTable } from '../common/ResourceTable';
import { ONBOARDING_META } from '../onboardings/logic';
import { MessageEnumField, messageChoices, StageField } from '../onboardings/shared';
import { MILESTONE_META } from '../onboardings/useOnboardingContext';
import { ListActions } from '../export/ListActions';

const f = (field: string) => `milestone.fields.${field}`;

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectArrayInput key="status" source="status" label={f('status')} choices={messageChoices(enumValues(MilestoneStatus), 'milestone.status')} alwaysOn />,
  <BooleanInput key="overdue" source="overdue" label={f('overdue')} defaultValue />,
  <BooleanInput key="required" source="required" label={f('required')} defaultValue />,
  <TextInput key="onboardingId" source="onboardingId" label={f('onboardingId')} />,
];

const MilestoneName = () => {
  const record = useRecordContext<{ nameDe: string; nameEn: string }>();
  const [locale] = useLocaleState();
  return <span>{record ? (locale === 'en' ? record.nameEn : record.nameDe) : ''}</span>;
};

/** The onboarding by its authority's name, linking to the onboarding's page. */
export const OnboardingRef = () => (
  <ReferenceField source="onboardingId" reference="Onboarding" link="show" queryOptions={{ meta: ONBOARDING_META }}>
    <ReferenceField source="authorityId" reference="Authority" link={false} /> · <ReferenceField source="serviceId" reference="Service" link={false} />
  </ReferenceField>
);

const MilestoneList = () => (
  <List filters={filters} sort={{ field: 'dueDate', order: 'ASC' }} queryOptions={{ meta: MILESTONE_META }} actions={<ListActions />} title="milestone.menu">
    <ResourceTable rowClick={(_id, _resource, record) => `/Onboarding/${String(record.onboardingId)}/show`}>
      <DataTable.Col source="onboardingId" label={f('onboardingId')}>
        <OnboardingRef />
      </DataTable.Col>
      <DataTable.Col source="position" label={f('name')}>
        <MilestoneName />
      </DataTable.Col>
      <DataTable.Col source="stage" label={f('stage')}>
        <StageField />
      </DataTable.Col>
      <DataTable.Col source="status" label={f('status')}>
        <MessageEnumField source="status" prefix="milestone.status" />
      </DataTable.Col>
      <DataTable.Col source="required" label={f('required')}>
        <TextField source="required" />
      </DataTable.Col>
      <DataTable.Col source="dueDate" label={f('dueDate')}>
        <LocalizedDateField source="dueDate" />
      </DataTable.Col>
      <DataTable.Col source="completedAt" label={f('completedAt')}>
        <LocalizedDateField source="completedAt" />
      </DataTable.Col>
      <DataTable.Col label="">
        <EditButton />
      </DataTable.Col>
    </ResourceTable>
  </List>
);

export default MilestoneList;
