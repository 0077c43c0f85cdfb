import { NumberField, Show, SimpleShowLayout, TextField } from 'react-admin';
import { LocalizedDateField, LocalizedNumberField } from '../common/fields';
import { KOENIGSTEIN_SHARE_FORMAT } from './formats';
import { WatchActions } from '../notifications/WatchActions';

const StateShow = () => (
  <Show actions={<WatchActions targetType="STATE" />}>
    <SimpleShowLayout>
      <TextField source="id" />
      <TextField source="code" />
      <TextField source="name" />
      <TextField source="arsPrefix" />
      <LocalizedNumberField source="koenigsteinShare" options={KOENIGSTEIN_SHARE_FORMAT} />
      <NumberField source="version" />
      <LocalizedDateField source="createdAt" showTime />
      <LocalizedDateField source="updatedAt" showTime />
    </SimpleShowLayout>
  </Show>
);

export default StateShow;
