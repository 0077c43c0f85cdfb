import EventIcon from '@mui/icons-material/Event';
import TaskAltIcon from '@mui/icons-material/TaskAlt';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';

const MeetingList = lazy(() => import('./MeetingList'));
const MeetingShow = lazy(() => import('./MeetingShow'));
const MeetingEdit = lazy(() => import('./MeetingEdit'));
const MeetingCreate = lazy(() => import('./MeetingCreate'));
const MeetingItemList = lazy(() => import('./MeetingItemList'));
const MeetingItemEdit = lazy(() => import('./MeetingItemEdit'));

/** `<Resource name="Meeting" {...meetings} />`: list, show (agenda, minutes, decisions and action items), create, edit. */
export const meetings = {
  list: MeetingList,
  show: MeetingShow,
  edit: MeetingEdit,
  create: MeetingCreate,
  icon: EventIcon,
  options: { label: 'meeting.menu' },
  recordRepresentation: 'title',
} satisfies Omit<ResourceProps, 'name'>;

/** `<Resource name="MeetingItem" {...meetingItems} />`: the action items list (overdue, mine, by owner). */
export const meetingItems = {
  list: MeetingItemList,
  edit: MeetingItemEdit,
  icon: TaskAltIcon,
  options: { label: 'meeting.items_menu' },
  recordRepresentation: 'text',
} satisfies Omit<ResourceProps, 'name'>;
