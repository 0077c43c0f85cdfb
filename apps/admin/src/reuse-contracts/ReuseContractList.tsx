import { DataTable, List, ReferenceField } from 'react-admin';
import { EnumField, LocalizedDateField } from '../common/fields';
import { searchFilters } from '../common/filters';
import { ResourceTable } from '../common/ResourceTable';

const ReuseContractList = () => (
  <List filters={searchFilters} sort={{ field: 'id', order: 'ASC' }}>
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

export default ReuseContractList;
