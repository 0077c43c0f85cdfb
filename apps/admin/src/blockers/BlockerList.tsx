import { BlockerCategory, BlockerSeverity, enumValues } from '@efa/domain';
import { BooleanInput, DataTable, EditButton, List, ReferenceInput, SearchInput, SelectArrayInput, SelectInput, TextField, TextInput } from 'react-admin';
import { LocalizedDateField } from '../common/fields';
import { ResourceTable } from '../common/ResourceTable';
import { OnboardingRef } from '../milestones/MilestoneList';
import { MessageEnumField, messageChoices } from '../onboardings/shared';
import { BLOCKER_META } from '../onboardings/useOnboardingContext';
import { ListActions } from '../export/ListActions';

const f = (field: string) => `blocker.fields.${field}`;

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <BooleanInput key="open" source="open" label={f('open')} alwaysOn />,
  <SelectArrayInput key="severity" source="severity" label={f('severity')} choices={messageChoices(enumValues(BlockerSeverity), 'blocker.severity')} alwaysOn />,
  <SelectArrayInput key="category" source="category" label={f('category')} choices={messageChoices(enumValues(BlockerCategory), 'blocker.category')} />,
  <ReferenceInput key="stateId" source="stateId" reference="State" sort={{ field: 'name', order: 'ASC' }}>
    <SelectInput label="onboarding.fields.stateId" optionText="name" />
  </ReferenceInput>,
  <ReferenceInput key="serviceId" source="serviceId" reference="Service" sort={{ field: 'name', order: 'ASC' }}>
    <SelectInput label="onboarding.fields.serviceId" optionText="name" />
  </ReferenceInput>,
  <TextInput key="onboardingId" source="onboardingId" label={f('onboardingId')} />,
];

const BlockerList = () => (
  <List
    filters={filters}
    filterDefaultValues={{ open: true }}
    sort={{ field: 'openedAt', order: 'DESC' }}
    queryOptions={{ meta: BLOCKER_META }}
    actions={<ListActions />}
    title="blocker.menu"
  >
    <ResourceTable rowClick={(_id, _resource, record) => `/Onboarding/${String(record.onboardingId)}/show`}>
      <DataTable.Col source="title" label={f('title')} />
      <DataTable.Col source="onboardingId" label={f('onboardingId')}>
        <OnboardingRef />
      </DataTable.Col>
      <DataTable.Col source="severity" label={f('severity')}>
        <MessageEnumField source="severity" prefix="blocker.severity" />
      </DataTable.Col>
      <DataTable.Col source="category" label={f('category')}>
        <MessageEnumField source="category" prefix="blocker.category" />
      </DataTable.Col>
      <DataTable.Col source="owner" label={f('owner')}>
        <TextField source="owner" />
      </DataTable.Col>
      <DataTable.Col source="openedAt" label={f('openedAt')}>
        <LocalizedDateField source="openedAt" />
      </DataTable.Col>
      <DataTable.Col source="resolvedAt" label={f('resolvedAt')}>
        <LocalizedDateField source="resolvedAt" />
      </DataTable.Col>
      <DataTable.Col label="">
        <EditButton />
      </DataTable.Col>
    </ResourceTable>
  </List>
);

export default BlockerList;
