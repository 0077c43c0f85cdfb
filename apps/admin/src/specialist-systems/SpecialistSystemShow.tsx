import { BooleanField, NumberField, Show, SimpleShowLayout, TextArrayField, TextField } from 'react-admin';

const SpecialistSystemShow = () => (
  <Show>
    <SimpleShowLayout>
      <TextField source="id" />
      <TextField source="vendor" />
      <TextField source="product" />
      <TextField source="standard" />
      <TextArrayField source="supportedVersions" size="small" />
      <BooleanField source="ozgInterface" />
      <NumberField source="version" />
    </SimpleShowLayout>
  </Show>
);

export default SpecialistSystemShow;
