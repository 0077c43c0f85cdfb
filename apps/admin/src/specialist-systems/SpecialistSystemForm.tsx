import { validateSpecialistSystem } from '@efa/domain';
import { BooleanInput, SimpleForm, TextArrayInput, TextInput } from 'react-admin';
import { ResourceCreate, useRuleValidator, VersionedEdit } from '../common/forms';

const SpecialistSystemForm = () => {
  const validate = useRuleValidator(validateSpecialistSystem, (v) => ({
    ...v,
    supportedVersions: Array.isArray(v.supportedVersions) ? v.supportedVersions : [],
    ozgInterface: Boolean(v.ozgInterface),
  }));
  return (
    <SimpleForm validate={validate}>
      <TextInput source="vendor" />
      <TextInput source="product" />
      <TextInput source="standard" />
      <TextArrayInput source="supportedVersions" />
      <BooleanInput source="ozgInterface" />
    </SimpleForm>
  );
};

export const SpecialistSystemEdit = () => (
  <VersionedEdit>
    <SpecialistSystemForm />
  </VersionedEdit>
);

export const SpecialistSystemCreate = () => (
  <ResourceCreate record={{ standard: 'XAusländer', supportedVersions: [], ozgInterface: false }}>
    <SpecialistSystemForm />
  </ResourceCreate>
);
