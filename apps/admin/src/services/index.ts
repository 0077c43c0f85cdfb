import AppsIcon from '@mui/icons-material/Apps';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';

const ServiceList = lazy(() => import('./ServiceList'));
const ServiceShow = lazy(() => import('./ServiceShow'));
const ServiceEdit = lazy(() => import('./ServiceForm').then((m) => ({ default: m.ServiceEdit })));
const ServiceCreate = lazy(() => import('./ServiceForm').then((m) => ({ default: m.ServiceCreate })));

/** `<Resource name="Service" {...services} />`; react-admin offers edit and create only where canAccess allows. */
const services = {
  list: ServiceList,
  show: ServiceShow,
  edit: ServiceEdit,
  create: ServiceCreate,
  icon: AppsIcon,
  recordRepresentation: 'name',
} satisfies Omit<ResourceProps, 'name'>;

export default services;
