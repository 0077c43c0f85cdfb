import { DataTable, List, ReferenceField, TextArrayField, UrlField } from 'react-admin';
import { EnumField } from '../common/fields';
import { searchFilters } from '../common/filters';
import { ResourceTable } from '../common/ResourceTable';

const ServiceList = () => (
  <List filters={searchFilters} sort={{ field: 'name', order: 'ASC' }}>
    <ResourceTable>
      <DataTable.Col source="name" />
      <DataTable.Col source="ozgId" />
      <DataTable.Col source="leikaKeys" disableSort>
        <TextArrayField source="leikaKeys" size="small" />
      </DataTable.Col>
      <DataTable.Col source="topicField">
        <EnumField source="topicField" enumName="TopicField" />
      </DataTable.Col>
      <DataTable.Col source="leadStateId">
        <ReferenceField source="leadStateId" reference="State" />
      </DataTable.Col>
      <DataTable.Col source="provider" />
      <DataTable.NumberCol source="ozgType" />
      <DataTable.NumberCol source="maturityLevel" />
      <DataTable.Col source="standard" />
      <DataTable.Col source="requiredStandardVersion" />
      <DataTable.Col source="website">
        <UrlField source="website" target="_blank" rel="noopener noreferrer" />
      </DataTable.Col>
    </ResourceTable>
  </List>
);

export default ServiceList;
