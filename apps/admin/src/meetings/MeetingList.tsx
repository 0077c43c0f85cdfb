import { DataTable, DateInput, List, ReferenceInput, SearchInput, SelectArrayInput, SelectInput, TextField } from 'react-admin';
import { ResourceTable } from '../common/ResourceTable';
import { MessageEnumField } from '../onboardings/shared';
import { KIND_CHOICES, MEETING_META, MeetingTimeField } from './shared';

const f = (field: string) => `meeting.fields.${field}`;
const startOfDay = (v: string) => (v ? new Date(`${v}T00:00:00`).toISOString() : null);

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectArrayInput key="kind" source="kind" label={f('kind')} choices={KIND_CHOICES} alwaysOn />,
  <DateInput key="startsFrom" source="startsFrom" label={f('starts_from')} parse={startOfDay} alwaysOn />,
  <DateInput key="startsBefore" source="startsBefore" label={f('starts_before')} parse={startOfDay} />,
  <ReferenceInput key="stateId" source="stateId" reference="State" sort={{ field: 'name', order: 'ASC' }}>
    <SelectInput label={f('stateIds')} optionText="name" />
  </ReferenceInput>,
  <ReferenceInput key="serviceId" source="serviceId" reference="Service" sort={{ field: 'name', order: 'ASC' }}>
    <SelectInput label={f('serviceIds')} optionText="name" />
  </ReferenceInput>,
];

/** Meetings like a calendar: latest start first (filter "Beginn ab" today for the upcoming ones, sorted by start). */
const MeetingList = () => (
  <List filters={filters} sort={{ field: 'startsAt', order: 'DESC' }} queryOptions={{ meta: MEETING_META }} exporter={false} title="meeting.menu">
    <ResourceTable rowClick="show">
      <DataTable.Col source="startsAt" label={f('startsAt')}>
        <MeetingTimeField />
      </DataTable.Col>
      <DataTable.Col source="kind" label={f('kind')}>
        <MessageEnumField source="kind" prefix="meeting.kind" />
      </DataTable.Col>
      <DataTable.Col source="title" label={f('title')} />
      <DataTable.Col source="location" label={f('location')}>
        <TextField source="location" />
      </DataTable.Col>
    </ResourceTable>
  </List>
);

export default MeetingList;
