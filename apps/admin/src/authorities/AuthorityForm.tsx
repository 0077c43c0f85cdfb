import { validateAuthority } from '@efa/domain';
import { NumberInput, SimpleForm, TextInput, useGetList } from 'react-admin';
import { useRuleValidator } from '../common/forms';
import { EnumInput, SpecialistSystemInput, StateInput } from '../common/inputs';

/**
 * The authority's inputs, checked with @efa/domain's authority rules (ARS:
 * 12 digits, prefix of the chosen state) before the API is asked; the API's
 * own refusal shows at the same fields.
 */
export const AuthorityForm = () => {
  const { data: states } = useGetList<{ id: string; code: string }>('State', { pagination: { page: 1, perPage: 100 }, sort: { field: 'code', order: 'ASC' } });
  const validate = useRuleValidator(validateAuthority, (values) => ({
    ...values,
    stateCode: states?.find((s) => s.id === values.stateId)?.code,
  }));
  return (
    <SimpleForm validate={validate}>
      <TextInput source="name" fullWidth />
      <EnumInput source="kind" enumName="AuthorityKind" />
      <EnumInput source="level" enumName="AuthorityLevel" />
      <StateInput />
      <TextInput source="ars" inputProps={{ inputMode: 'numeric', maxLength: 12 }} />
      <NumberInput source="population" min={0} step={1} />
      <SpecialistSystemInput />
      <TextInput source="website" type="url" fullWidth />
      <TextInput source="email" type="email" fullWidth />
      <TextInput source="notes" multiline minRows={3} fullWidth />
    </SimpleForm>
  );
};
