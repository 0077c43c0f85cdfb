import { validateState } from '@efa/domain';
import { NumberInput, SimpleForm, TextInput } from 'react-admin';
import { ResourceCreate, useRuleValidator, VersionedEdit } from '../common/forms';

const StateForm = () => {
  const validate = useRuleValidator(validateState);
  return (
    <SimpleForm validate={validate}>
      <TextInput source="code" inputProps={{ maxLength: 2 }} />
      <TextInput source="name" />
      <TextInput source="arsPrefix" inputProps={{ maxLength: 2, inputMode: 'numeric' }} />
      <NumberInput source="koenigsteinShare" min={0} max={100} step={0.00001} />
    </SimpleForm>
  );
};

export const StateEdit = () => (
  <VersionedEdit>
    <StateForm />
  </VersionedEdit>
);

export const StateCreate = () => (
  <ResourceCreate>
    <StateForm />
  </ResourceCreate>
);
