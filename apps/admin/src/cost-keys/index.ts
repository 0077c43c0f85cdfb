import KeyIcon from '@mui/icons-material/Key';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';

const views = () => import('./CostKeyViews');

/** `<Resource name="CostKey" {...costKeys} />`: cost keys (Königsteiner Schlüssel of a year, weighted combined keys). */
const costKeys = {
  list: lazy(() => views().then((m) => ({ default: m.CostKeyList }))),
  show: lazy(() => views().then((m) => ({ default: m.CostKeyShow }))),
  edit: lazy(() => views().then((m) => ({ default: m.CostKeyEdit }))),
  create: lazy(() => views().then((m) => ({ default: m.CostKeyCreate }))),
  icon: KeyIcon,
} satisfies Omit<ResourceProps, 'name'>;

export default costKeys;
