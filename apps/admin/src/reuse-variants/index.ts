import AltRouteIcon from '@mui/icons-material/AltRoute';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';

const views = () => import('./ReuseVariantViews');

/** `<Resource name="ReuseVariant" {...reuseVariants} />`: what a state intends for a service (Nachnutzungsvariante). */
const reuseVariants = {
  list: lazy(() => views().then((m) => ({ default: m.ReuseVariantList }))),
  show: lazy(() => views().then((m) => ({ default: m.ReuseVariantShow }))),
  edit: lazy(() => views().then((m) => ({ default: m.ReuseVariantEdit }))),
  create: lazy(() => views().then((m) => ({ default: m.ReuseVariantCreate }))),
  icon: AltRouteIcon,
} satisfies Omit<ResourceProps, 'name'>;

export default reuseVariants;
