import { validateService } from '@efa/domain';
import { NumberInput, SimpleForm, TextArrayInput, TextInput } from 'react-admin';
import { ResourceCreate, useRuleValidator, VersionedEdit } from '../common/forms';
import { EnumInput, StateInput } from '../common/inputs';

const ServiceForm = () => {
  const validate = useRuleValidator(validateService);
  return (
    <SimpleForm validate={validate}>
      <TextInput source="name" fullWidth />
      <TextInput source="description" multiline minRows={3} fullWidth />
      <TextInput source="ozgId" />
      <TextArrayInput source="leikaKeys" fullWidth />
      <EnumInput source="topicField" enumName="TopicField" />
      <StateInput source="leadStateId" />
      <TextInput source="provider" />
      <NumberInput source="ozgType" min={1} max={5} step={1} />
      <NumberInput source="maturityLevel" min={0} max={4} step={1} />
      <TextInput source="standard" />
      <TextInput source="requiredStandardVersion" />
      <TextInput source="website" type="url" fullWidth />
    </SimpleForm>
  );
};

export const ServiceEdit = () => (
  <VersionedEdit>
    <ServiceForm />
  </VersionedEdit>
);

export const ServiceCreate = () => (
  <ResourceCreate>
    <ServiceForm />
  </ResourceCreate>
);
