import { ResourceCreate } from '../common/forms';
import { MeetingForm, toMeetingInput } from './MeetingForm';
import { MEETING_META } from './shared';

const MeetingCreate = () => (
  <ResourceCreate transform={toMeetingInput} meta={MEETING_META} record={{ kind: 'PROJECT_MEETING', timeZone: 'Europe/Berlin', attachments: [] }} title="meeting.menu">
    <MeetingForm />
  </ResourceCreate>
);

export default MeetingCreate;
