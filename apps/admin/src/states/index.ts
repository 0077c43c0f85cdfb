import MapIcon from '@mui/icons-material/Map';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';

const StateList = lazy(() => import('./StateList'));
const StateShow = lazy(() => import('./StateShow'));

/**
 * `<Resource name="State" {...states} />`. Edit and create views join
 * here (StateEdit, StateCreate, shared StateInputs) with the console issue.
 */
const states = {
  list: StateList,
  show: StateShow,
  icon: MapIcon,
  recordRepresentation: 'name',
} satisfies Omit<ResourceProps, 'name'>;

export default states;
