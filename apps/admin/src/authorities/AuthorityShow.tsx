import { EmailField, NumberField, ReferenceField, Show, SimpleShowLayout, TextField, UrlField } from 'react-admin';
import { EnumField, LocalizedNumberField } from '../common/fields';

const AuthorityShow = () => (
  <Show>
    <SimpleShowLayout>
      <TextField source="id" />
      <TextField source="name" />
      <EnumField source="kind" enumName="AuthorityKind" />
      <EnumField source="level" enumName="AuthorityLevel" />
      <ReferenceField source="stateId" reference="State" link="show" />
      <TextField source="ars" />
      <LocalizedNumberField source="population" />
      <ReferenceField source="specialistSystemId" reference="SpecialistSystem" link="show" />
      <UrlField source="website" target="_blank" rel="noopener noreferrer" />
      <EmailField source="email" />
      <TextField source="notes" sx={{ whiteSpace: 'pre-line' }} />
      <NumberField source="version" />
    </SimpleShowLayout>
  </Show>
);

export default AuthorityShow;
