import AppsIcon from '@mui/icons-material/Apps';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';

const ServiceList = lazy(() => import('./ServiceList'));
const ServiceShow = lazy(() => import('./ServiceShow'));

/** `<Resource name="Service" {...services} />`; edit and create views come with the console issue. */
const services = {
  list: ServiceList,
  show: ServiceShow,
  icon: AppsIcon,
  recordRepresentation: 'name',
} satisfies Omit<ResourceProps, 'name'>;

export default services;
