import CalculateIcon from '@mui/icons-material/Calculate';
import { lazy } from 'react';
import { Menu, reactRouterProvider } from 'react-admin';

const CostAllocationPage = lazy(() => import('./CostAllocationPage'));
const { Route } = reactRouterProvider;

/** Path of the key comparison ("Kostenverteilung"). */
export const COST_ALLOCATION_PATH = '/cost-allocation';

/** `<CustomRoutes>{costAllocationRoute}</CustomRoutes>`: compare cost keys side by side. */
export const costAllocationRoute = <Route key="cost-allocation" path={COST_ALLOCATION_PATH} element={<CostAllocationPage />} />;

/** The menu entry "Kostenverteilung". */
export const CostAllocationMenuItem = () => <Menu.Item to={COST_ALLOCATION_PATH} primaryText="costs.menu" leftIcon={<CalculateIcon />} />;
