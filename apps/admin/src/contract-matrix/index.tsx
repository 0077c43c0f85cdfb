import GridOnIcon from '@mui/icons-material/GridOn';
import { lazy } from 'react';
import { Menu, reactRouterProvider } from 'react-admin';

const ContractMatrixPage = lazy(() => import('./ContractMatrixPage'));
const { Route } = reactRouterProvider;

/** Path of the contract matrix. */
export const CONTRACT_MATRIX_PATH = '/contracts-matrix';

/** `<CustomRoutes>{contractMatrixRoute}</CustomRoutes>`: states × services, contract status and reuse variant. */
export const contractMatrixRoute = <Route key="contracts-matrix" path={CONTRACT_MATRIX_PATH} element={<ContractMatrixPage />} />;

/** The menu entry "Vertragsmatrix". */
export const ContractMatrixMenuItem = () => (
  <Menu.Item to={CONTRACT_MATRIX_PATH} primaryText="contractMatrix.menu" leftIcon={<GridOnIcon />} />
);
