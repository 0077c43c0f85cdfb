import CategoryIcon from '@mui/icons-material/Category';
import LayersIcon from '@mui/icons-material/Layers';
import { BooleanInput, DataTable, EmailField, List, Loading, NumberInput, ReferenceField, UrlField } from 'react-admin';
import { EnumField } from '../common/fields';
import { searchFilters } from '../common/filters';
import { EnumInput, SpecialistSystemInput, StateInput } from '../common/inputs';
import { EnumFilterList, ListAside, useStateFilterDefault } from '../common/lists';
import { ResourceTable } from '../common/ResourceTable';
import { useIntlLocale } from '../common/useIntlLocale';
import { ListActions } from '../export/ListActions';

const filters = [
  ...searchFilters,
  <StateInput key="stateId" alwaysOn />,
  <EnumInput key="kind" source="kind" enumName="AuthorityKind" />,
  <EnumInput key="level" source="level" enumName="AuthorityLevel" />,
  <SpecialistSystemInput key="specialistSystemId" />,
  <BooleanInput key="hasSpecialistSystem" source="hasSpecialistSystem" label="crud.filter.hasSpecialistSystem" />,
  <NumberInput key="population_gte" source="population_gte" label="crud.filter.population_gte" />,
  <NumberInput key="population_lte" source="population_lte" label="crud.filter.population_lte" />,
];

const Aside = () => (
  <ListAside>
    <EnumFilterList source="kind" enumName="AuthorityKind" label="resources.Authority.fields.kind" icon={<CategoryIcon />} />
    <EnumFilterList source="level" enumName="AuthorityLevel" label="resources.Authority.fields.level" icon={<LayersIcon />} />
  </ListAside>
);

const AuthorityList = () => {
  const locale = useIntlLocale();
  const { ready, defaults } = useStateFilterDefault();
  if (!ready) return <Loading />;
  return (
    <List filters={filters} filterDefaultValues={defaults} sort={{ field: 'name', order: 'ASC' }} actions={<ListActions />} aside={<Aside />}>
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
