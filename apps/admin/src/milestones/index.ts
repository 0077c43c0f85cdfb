import ChecklistIcon from '@mui/icons-material/Checklist';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';

const MilestoneList = lazy(() => import('./MilestoneList'));
const MilestoneEdit = lazy(() => import('./MilestoneEdit'));

/** `<Resource name="Milestone" {...milestones} />` */
const milestones = {
  list: MilestoneList,
  edit: MilestoneEdit,
  icon: ChecklistIcon,
  options: { label: 'milestone.menu' },
  recordRepresentation: 'nameDe',
} satisfies Omit<ResourceProps, 'name'>;

export default milestones;
