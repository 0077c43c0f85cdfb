import { DataTable, EmailField, List, ReferenceField, UrlField } from 'react-admin';
import { EnumField } from '../common/fields';
import { searchFilters } from '../common/filters';
import { ResourceTable } from '../common/ResourceTable';
import { useIntlLocale } from '../common/useIntlLocale';

const AuthorityList = () => {
  const locale = useIntlLocale();
  return (
    <List filters={searchFilters} sort={{ field: 'name', order: 'ASC' }}>
      <ResourceTable>
        <DataTable.Col source="name" />
        <DataTable.Col source="kind">
          <EnumField source="kind" enumName="AuthorityKind" />
        </DataTable.Col>
        <DataTable.Col source="level">
          <EnumField source="level" enumName="AuthorityLevel" />
        </DataTable.Col>
        <DataTable.Col source="stateId">
          <ReferenceField source="stateId" reference="State" />
        </DataTable.Col>
        <DataTable.Col source="ars" />
        <DataTable.NumberCol source="population" locales={locale} />
        <DataTable.Col source="specialistSystemId">
          <ReferenceField source="specialistSystemId" reference="SpecialistSystem" />
        </DataTable.Col>
        <DataTable.Col source="website">
          <UrlField source="website" target="_blank" rel="noopener noreferrer" />
        </DataTable.Col>
        <DataTable.Col source="email">
          <EmailField source="email" />
        </DataTable.Col>
      </ResourceTable>
    </List>
  );
};

export default AuthorityList;
