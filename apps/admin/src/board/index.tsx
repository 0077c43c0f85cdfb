import ViewKanbanIcon from '@mui/icons-material/ViewKanban';
import { lazy } from 'react';
import { Menu, reactRouterProvider } from 'react-admin';

const BoardPage = lazy(() => import('./BoardPage'));
const { Route } = reactRouterProvider;

/** Path of the stage board. */
export const BOARD_PATH = '/board';

/** `<CustomRoutes>{boardRoute}</CustomRoutes>`: the stage board (a page of its own, inside the layout). */
export const boardRoute = <Route key="board" path={BOARD_PATH} element={<BoardPage />} />;

/** The menu entry "Stufen-Board". */
export const BoardMenuItem = () => <Menu.Item to={BOARD_PATH} primaryText="board.menu" leftIcon={<ViewKanbanIcon />} />;
