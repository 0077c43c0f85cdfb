import { DataTable, List } from 'react-admin';
import { LocalizedDateField } from '../common/fields';
import { searchFilters } from '../common/filters';
import { ListAside } from '../common/lists';
import { ResourceTable } from '../common/ResourceTable';
import { useIntlLocale } from '../common/useIntlLocale';
import { KOENIGSTEIN_SHARE_FORMAT } from './formats';
import { ListActions } from '../export/ListActions';

const StateList = () => {
  const locale = useIntlLocale();
  return (
    <List filters={searchFilters} sort={{ field: 'code', order: 'ASC' }} actions={<ListActions />} perPage={25} aside={<ListAside />}>
      <ResourceTable>
        <DataTable.Col source="code" />
        <DataTable.Col source="name" />
        <DataTable.Col source="arsPrefix" />
        <DataTable.NumberCol source="koenigsteinShare" locales={locale} options={KOENIGSTEIN_SHARE_FORMAT} />
        <DataTable.Col source="createdAt">
          <LocalizedDateField source="createdAt" showTime />
        </DataTable.Col>
        <DataTable.Col source="updatedAt">
          <LocalizedDateField source="updatedAt" showTime />
        </DataTable.Col>
      </ResourceTable>
    </List>
  );
};

export default StateList;
