import ReportProblemIcon from '@mui/icons-material/ReportProblem';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';

const BlockerList = lazy(() => import('./BlockerList'));
const BlockerEdit = lazy(() => import('./BlockerEdit'));

/** `<Resource name="Blocker" {...blockers} />` */
const blockers = {
  list: BlockerList,
  edit: BlockerEdit,
  icon: ReportProblemIcon,
  options: { label: 'blocker.menu' },
  recordRepresentation: 'title',
} satisfies Omit<ResourceProps, 'name'>;

export default blockers;
