import MapIcon from '@mui/icons-material/Map';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';

const StateList = lazy(() => import('./StateList'));
const StateShow = lazy(() => import('./StateShow'));
const StateEdit = lazy(() => import('./StateForm').then((m) => ({ default: m.StateEdit })));
const StateCreate = lazy(() => import('./StateForm').then((m) => ({ default: m.StateCreate })));

/**
 * `<Resource name="State" {...states} />`. react-admin offers edit and create only where canAccess allows.
 */
const states = {
  list: StateList,
  show: StateShow,
  edit: StateEdit,
  create: StateCreate,
  icon: MapIcon,
  recordRepresentation: 'name',
} satisfies Omit<ResourceProps, 'name'>;

export default states;
