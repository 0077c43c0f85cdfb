import FlagIcon from '@mui/icons-material/Flag';
import { DataTable, List, Loading, ReferenceField, SelectArrayInput } from 'react-admin';
import { EnumField, LocalizedDateField } from '../common/fields';
import { searchFilters } from '../common/filters';
import { enumChoices } from '../common/enums';
import { EnumInput, ServiceInput, StateInput } from '../common/inputs';
import { EnumFilterList, ListAside, useStateFilterDefault } from '../common/lists';
import { ResourceTable } from '../common/ResourceTable';
import { ListActions } from '../export/ListActions';

const filters = [
  ...searchFilters,
  <StateInput key="stateId" alwaysOn />,
  <ServiceInput key="serviceId" alwaysOn />,
  <SelectArrayInput key="status" source="status" choices={enumChoices('ContractStatus')} />,
  <EnumInput key="legalRoute" source="legalRoute" enumName="LegalRoute" />,
];

const Aside = () => (
  <ListAside>
    <EnumFilterList source="status" enumName="ContractStatus" label="resources.ReuseContract.fields.status" icon={<FlagIcon />} multiple />
  </ListAside>
);

const ReuseContractList = () => {
  const { ready, defaults } = useStateFilterDefault();
  if (!ready) return <Loading />;
  return (
    <List filters={filters} filterDefaultValues={defaults} sort={{ field: 'stateId', order: 'ASC' }} actions={<ListActions />} aside={<Aside />}>
      <ResourceTable>
        <DataTable.Col source="stateId">
          <ReferenceField source="stateId" reference="State" />
        </DataTable.Col>
        <DataTable.Col source="serviceId">
          <ReferenceField source="serviceId" reference="Service" />
        </DataTable.Col>
        <DataTable.Col source="status">
          <EnumField source="status" enumName="ContractStatus" />
        </DataTable.Col>
        <DataTable.Col source="legalRoute">
          <EnumField source="legalRoute" enumName="LegalRoute" />
        </DataTable.Col>
        <DataTable.Col source="municipalAccess">
          <EnumField source="municipalAccess" enumName="MunicipalAccessModel" />
        </DataTable.Col>
        <DataTable.Col source="interestDeclaredAt">
          <LocalizedDateField source="interestDeclaredAt" />
        </DataTable.Col>
        <DataTable.Col source="negotiationStartedAt">
          <LocalizedDateField source="negotiationStartedAt" />
        </DataTable.Col>
        <DataTable.Col source="signedAt">
          <LocalizedDateField source="signedAt" />
        </DataTable.Col>
        <DataTable.Col source="terminatedAt">
          <LocalizedDateField source="terminatedAt" />
        </DataTable.Col>
      </ResourceTable>
    </List>
  );
};

export default ReuseContractList;
