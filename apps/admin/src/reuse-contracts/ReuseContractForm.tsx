import { validateContract } from '@efa/domain';
import { DateInput, SimpleForm, TextInput } from 'react-admin';
import { ResourceCreate, useRuleValidator, VersionedEdit } from '../common/forms';
import { EnumInput, ServiceInput, StateInput } from '../common/inputs';

/**
 * The contract's data. The status moves through the lifecycle buttons of
 * the show page (declare interest, negotiate, sign, terminate); a new
 * contract may start in any status with its dates (data migration).
 */
const ReuseContractForm = ({ create }: { create?: boolean }) => {
  const validate = useRuleValidator(validateContract);
  return (
    <SimpleForm validate={validate}>
      <StateInput readOnly={!create} />
      <ServiceInput readOnly={!create} />
      <EnumInput source="status" enumName="ContractStatus" readOnly={!create} />
      <EnumInput source="legalRoute" enumName="LegalRoute" emptyText="—" />
      <EnumInput source="municipalAccess" enumName="MunicipalAccessModel" emptyText="—" />
      <DateInput source="interestDeclaredAt" />
      <DateInput source="negotiationStartedAt" />
      <DateInput source="signedAt" />
      <DateInput source="terminatedAt" />
      <TextInput source="notes" multiline minRows={3} fullWidth />
    </SimpleForm>
  );
};

export const ReuseContractEdit = () => (
  <VersionedEdit>
    <ReuseContractForm />
  </VersionedEdit>
);

export const ReuseContractCreate = () => (
  <ResourceCreate record={{ status: 'NONE' }}>
    <ReuseContractForm create />
  </ResourceCreate>
);
