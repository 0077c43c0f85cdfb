import { NumberField, ReferenceField, Show, SimpleShowLayout, TextField } from 'react-admin';
import { EnumField, LocalizedDateField } from '../common/fields';
import { HistoryTimeline } from '../common/HistoryTimeline';
import { ContractLifecycle } from './ContractLifecycle';

const ReuseContractShow = () => (
  <Show>
    <SimpleShowLayout>
      <ReferenceField source="stateId" reference="State" link="show" />
      <ReferenceField source="serviceId" reference="Service" link="show" />
      <EnumField source="status" enumName="ContractStatus" />
      <EnumField source="legalRoute" enumName="LegalRoute" />
      <EnumField source="municipalAccess" enumName="MunicipalAccessModel" />
      <LocalizedDateField source="interestDeclaredAt" />
      <LocalizedDateField source="negotiationStartedAt" />
      <LocalizedDateField source="signedAt" />
      <LocalizedDateField source="terminatedAt" />
      <TextField source="notes" sx={{ whiteSpace: 'pre-line' }} />
      <NumberField source="version" />
    </SimpleShowLayout>
    <ContractLifecycle />
    <SimpleShowLayout>
      <HistoryTimeline entityType="ReuseContract" />
    </SimpleShowLayout>
  </Show>
);

export default ReuseContractShow;
