import DnsIcon from '@mui/icons-material/Dns';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';

const SpecialistSystemList = lazy(() => import('./SpecialistSystemList'));
const SpecialistSystemShow = lazy(() => import('./SpecialistSystemShow'));
const SpecialistSystemEdit = lazy(() => import('./SpecialistSystemForm').then((m) => ({ default: m.SpecialistSystemEdit })));
const SpecialistSystemCreate = lazy(() => import('./SpecialistSystemForm').then((m) => ({ default: m.SpecialistSystemCreate })));

/** `<Resource name="SpecialistSystem" {...specialistSystems} />`; react-admin offers edit and create only where canAccess allows. */
const specialistSystems = {
  list: SpecialistSystemList,
  show: SpecialistSystemShow,
  edit: SpecialistSystemEdit,
  create: SpecialistSystemCreate,
  icon: DnsIcon,
  recordRepresentation: 'product',
} satisfies Omit<ResourceProps, 'name'>;

export default specialistSystems;
