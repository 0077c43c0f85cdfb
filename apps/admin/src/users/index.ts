import PeopleIcon from '@mui/icons-material/People';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';

const views = () => import('./UserViews');

/** `<Resource name="User" {...users} />`: accounts, administrators only (canAccess hides the menu entry from others). */
const users = {
  list: lazy(() => views().then((m) => ({ default: m.UserList }))),
  show: lazy(() => views().then((m) => ({ default: m.UserShow }))),
  edit: lazy(() => views().then((m) => ({ default: m.UserEdit }))),
  create: lazy(() => views().then((m) => ({ default: m.UserCreate }))),
  icon: PeopleIcon,
  recordRepresentation: 'displayName',
} satisfies Omit<ResourceProps, 'name'>;

export default users;
