import { VersionedEdit } from '../common/forms';
import { MeetingForm, toMeetingInput } from './MeetingForm';
import { MEETING_META } from './shared';

const MeetingEdit = () => (
  <VersionedEdit transform={toMeetingInput} queryOptions={{ meta: MEETING_META }}>
    <MeetingForm />
  </VersionedEdit>
);

export default MeetingEdit;
