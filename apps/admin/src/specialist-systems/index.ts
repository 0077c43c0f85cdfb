import DnsIcon from '@mui/icons-material/Dns';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';

const SpecialistSystemList = lazy(() => import('./SpecialistSystemList'));
const SpecialistSystemShow = lazy(() => import('./SpecialistSystemShow'));

/** `<Resource name="SpecialistSystem" {...specialistSystems} />`; edit and create views come with the console issue. */
const specialistSystems = {
  list: SpecialistSystemList,
  show: SpecialistSystemShow,
  icon: DnsIcon,
  recordRepresentation: 'product',
} satisfies Omit<ResourceProps, 'name'>;

export default specialistSystems;
