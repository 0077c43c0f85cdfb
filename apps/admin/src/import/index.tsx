import UploadFileIcon from '@mui/icons-material/UploadFile';
import { lazy } from 'react';
import { Menu, reactRouterProvider } from 'react-admin';
import { useMayImport } from './useMayImport';

const ImportPage = lazy(() => import('./ImportPage'));
const { Route } = reactRouterProvider;

/** Path of the import page. */
export const IMPORT_PATH = '/import';

/** `<CustomRoutes>{importRoute}</CustomRoutes>`: upload, map, dry run, apply. */
export const importRoute = <Route key="import" path={IMPORT_PATH} element={<ImportPage />} />;

/** The menu entry "Import", only for roles that may import. */
export const ImportMenuItem = () => (useMayImport() ? <Menu.Item to={IMPORT_PATH} primaryText="import.menu" leftIcon={<UploadFileIcon />} /> : null);
