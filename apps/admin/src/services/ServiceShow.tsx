import { NumberField, ReferenceField, Show, SimpleShowLayout, TextArrayField, TextField, UrlField } from 'react-admin';
import { EnumField } from '../common/fields';
import { WatchActions } from '../notifications/WatchActions';

const ServiceShow = () => (
  <Show actions={<WatchActions targetType="SERVICE" />}>
    <SimpleShowLayout>
      <TextField source="id" />
      <TextField source="name" />
      <TextField source="description" sx={{ whiteSpace: 'pre-line' }} />
      <TextField source="ozgId" />
      <TextArrayField source="leikaKeys" size="small" />
      <EnumField source="topicField" enumName="TopicField" />
      <ReferenceField source="leadStateId" reference="State" link="show" />
      <TextField source="provider" />
      <NumberField source="ozgType" />
      <NumberField source="maturityLevel" />
      <TextField source="standard" />
      <TextField source="requiredStandardVersion" />
      <UrlField source="website" target="_blank" rel="noopener noreferrer" />
      <NumberField source="version" />
    </SimpleShowLayout>
  </Show>
);

export default ServiceShow;
