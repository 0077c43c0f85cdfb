import { BooleanInput, DataTable, EditButton, List, ReferenceField, SearchInput, SelectArrayInput, SelectInput, TextField, TextInput } from 'react-admin';
import { LocalizedDateField } from '../common/fields';
import { ResourceTable } from '../common/ResourceTable';
import { OnboardingRef } from '../milestones/MilestoneList';
import { MessageEnumField } from '../onboardings/shared';
import { ITEM_KIND_CHOICES, ITEM_META, ItemStatusField, STATUS_CHOICES } from './shared';

const f = (field: string) => `meeting.item_fields.${field}`;

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <BooleanInput key="overdue" source="overdue" label={f('overdue')} alwaysOn />,
  <BooleanInput key="mine" source="mine" label={f('mine')} alwaysOn />,
  <SelectInput key="kind" source="kind" label={f('kind')} choices={ITEM_KIND_CHOICES} alwaysOn />,
  <SelectArrayInput key="status" source="status" label={f('status')} choices={STATUS_CHOICES} />,
  <TextInput key="ownerOrganisation" source="ownerOrganisation" label={f('ownerOrganisation')} />,
  <BooleanInput key="open" source="open" label={f('open')} />,
];

/** Action items (and decisions) of all meetings: overdue, mine, by owner; each opens its meeting. */
const MeetingItemList = () => (
  <List filters={filters} filterDefaultValues={{ kind: 'ACTION_ITEM' }} sort={{ field: 'dueDate', order: 'ASC' }} queryOptions={{ meta: ITEM_META }} exporter={false} title="meeting.items_menu">
    <ResourceTable rowClick={(_id, _resource, record) => `/Meeting/${String(record.meetingId)}/show`}>
      <DataTable.Col source="text" label={f('text')} />
      <DataTable.Col source="kind" label={f('kind')}>
        <MessageEnumField source="kind" prefix="meeting.item_kind" />
      </DataTable.Col>
      <DataTable.Col source="ownerOrganisation" label={f('owner')}>
        <TextField source="ownerName" />
      </DataTable.Col>
      <DataTable.Col source="dueDate" label={f('dueDate')}>
        <LocalizedDateField source="dueDate" />
      </DataTable.Col>
      <DataTable.Col source="status" label={f('status')}>
        <ItemStatusField />
      </DataTable.Col>
      <DataTable.Col source="onboardingId" label={f('onboardingId')} disableSort>
        <OnboardingRef />
      </DataTable.Col>
      <DataTable.Col source="meetingId" label={f('meetingId')} disableSort>
        <ReferenceField source="meetingId" reference="Meeting" link="show" queryOptions={{ meta: { sparseFields: ['id', 'title'] } }} />
      </DataTable.Col>
      <DataTable.Col label="">
        <EditButton />
      </DataTable.Col>
    </ResourceTable>
  </List>
);

export default MeetingItemList;
