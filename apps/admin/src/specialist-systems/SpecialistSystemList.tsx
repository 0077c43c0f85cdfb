import { BooleanField, DataTable, List, TextArrayField } from 'react-admin';
import { searchFilters } from '../common/filters';
import { ResourceTable } from '../common/ResourceTable';

const SpecialistSystemList = () => (
  <List filters={searchFilters} sort={{ field: 'vendor', order: 'ASC' }}>
    <ResourceTable>
      <DataTable.Col source="vendor" />
      <DataTable.Col source="product" />
      <DataTable.Col source="standard" />
      <DataTable.Col source="supportedVersions" disableSort>
        <TextArrayField source="supportedVersions" size="small" />
      </DataTable.Col>
      <DataTable.Col source="ozgInterface" field={BooleanField} />
    </ResourceTable>
  </List>
);

export default SpecialistSystemList;
