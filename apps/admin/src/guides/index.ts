import MenuBookIcon from '@mui/icons-material/MenuBook';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';

const GuideSectionList = lazy(() => import('./GuideSectionList'));
const GuideSectionCreate = lazy(() => import('./GuideSectionCreate'));
const GuideSectionEdit = lazy(() => import('./GuideSectionEdit'));

/** `<Resource name="GuideSection" {...guides} />`: the connection guides (Integrationsleitfäden), section by section. */
const guides = {
  list: GuideSectionList,
  create: GuideSectionCreate,
  edit: GuideSectionEdit,
  icon: MenuBookIcon,
  options: { label: 'guide.menu' },
  recordRepresentation: 'title',
} satisfies Omit<ResourceProps, 'name'>;

export default guides;
