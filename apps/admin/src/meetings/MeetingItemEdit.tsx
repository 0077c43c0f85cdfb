import { SimpleForm } from 'react-admin';
import { VersionedEdit } from '../common/forms';
import { ItemFields, toItemInput, useItemValidator } from './MeetingItems';
import { ITEM_META } from './shared';

const MeetingItemForm = () => {
  const validate = useItemValidator();
  return (
    <SimpleForm validate={validate}>
      <ItemFields />
    </SimpleForm>
  );
};

/** updateMeetingItem from the action items list; back to the item's meeting afterwards. */
const MeetingItemEdit = () => (
  <VersionedEdit transform={toItemInput} queryOptions={{ meta: ITEM_META }} redirect={(_r?: string, _id?: unknown, data?: Record<string, unknown>) => `Meeting/${String(data?.meetingId)}/show`}>
    <MeetingItemForm />
  </VersionedEdit>
);

export default MeetingItemEdit;
