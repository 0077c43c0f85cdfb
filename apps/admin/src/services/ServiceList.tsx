import { DataTable, List, ReferenceField, TextArrayField, UrlField } from 'react-admin';
import { EnumField } from '../common/fields';
import TopicIcon from '@mui/icons-material/Topic';
import { TextInput } from 'react-admin';
import { searchFilters } from '../common/filters';
import { EnumInput, StateInput } from '../common/inputs';
import { EnumFilterList, ListAside } from '../common/lists';

const filters = [
  ...searchFilters,
  <EnumInput key="topicField" source="topicField" enumName="TopicField" />,
  <StateInput key="leadStateId" source="leadStateId" />,
  <TextInput key="ozgId" source="ozgId" />,
];

const Aside = () => (
  <ListAside>
    <EnumFilterList source="topicField" enumName="TopicField" label="resources.Service.fields.topicField" icon={<TopicIcon />} />
  </ListAside>
);
import { ResourceTable } from '../common/ResourceTable';
import { ListActions } from '../export/ListActions';

const ServiceList = () => (
  <List filters={filters} sort={{ field: 'name', order: 'ASC' }} actions={<ListActions />} aside={<Aside />}>
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
