import { BooleanField, DataTable, List, TextArrayField } from 'react-admin';
import CableIcon from '@mui/icons-material/Cable';
import { FilterList, FilterListItem, NullableBooleanInput, TextInput } from 'react-admin';
import { searchFilters } from '../common/filters';
import { ListAside } from '../common/lists';

const filters = [
  ...searchFilters,
  <TextInput key="vendor" source="vendor" />,
  <TextInput key="supportsVersion" source="supportsVersion" label="crud.filter.supportsVersion" />,
  <NullableBooleanInput key="ozgInterface" source="ozgInterface" />,
];

const Aside = () => (
  <ListAside>
    <FilterList label="resources.SpecialistSystem.fields.ozgInterface" icon={<CableIcon />}>
      <FilterListItem label="ra.boolean.true" value={{ ozgInterface: true }} />
      <FilterListItem label="ra.boolean.false" value={{ ozgInterface: false }} />
    </FilterList>
  </ListAside>
);
import { ResourceTable } from '../common/ResourceTable';
import { ListActions } from '../export/ListActions';

const SpecialistSystemList = () => (
  <List filters={filters} sort={{ field: 'vendor', order: 'ASC' }} actions={<ListActions />} aside={<Aside />}>
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
