import GroupsIcon from '@mui/icons-material/Groups';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';

const WaveList = lazy(() => import('./WaveList'));
const WaveShow = lazy(() => import('./WaveShow'));
const WaveCreate = lazy(() => import('./WaveCreate'));
const WaveEdit = lazy(() => import('./WaveEdit'));

/** `<Resource name="Wave" {...waves} />`: rollout waves / project teams. */
const waves = {
  list: WaveList,
  show: WaveShow,
  create: WaveCreate,
  edit: WaveEdit,
  icon: GroupsIcon,
  options: { label: 'wave.menu' },
  recordRepresentation: 'name',
} satisfies Omit<ResourceProps, 'name'>;

export default waves;
