import EuroIcon from '@mui/icons-material/Euro';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';

const views = () => import('./ServiceCostViews');

/** `<Resource name="ServiceCost" {...serviceCosts} />`: a service's operation and maintenance costs per contract year. */
const serviceCosts = {
  list: lazy(() => views().then((m) => ({ default: m.ServiceCostList }))),
  show: lazy(() => views().then((m) => ({ default: m.ServiceCostShow }))),
  edit: lazy(() => views().then((m) => ({ default: m.ServiceCostEdit }))),
  create: lazy(() => views().then((m) => ({ default: m.ServiceCostCreate }))),
  icon: EuroIcon,
} satisfies Omit<ResourceProps, 'name'>;

export default serviceCosts;
