import NotificationsIcon from '@mui/icons-material/Notifications';
import { lazy } from 'react';
import { Menu, reactRouterProvider } from 'react-admin';
import { NOTIFICATIONS_PATH, NOTIFICATION_SETTINGS_PATH } from './paths';

export { NotificationBell } from './NotificationBell';
export { WatchToggle } from './WatchToggle';
export { NOTIFICATIONS_PATH, NOTIFICATION_SETTINGS_PATH };

const NotificationsPage = lazy(() => import('./NotificationsPage'));
const NotificationSettingsPage = lazy(() => import('./NotificationSettingsPage'));
const { Route } = reactRouterProvider;

/** `<CustomRoutes>{notificationRoutes}</CustomRoutes>`: the notification list and the settings. */
export const notificationRoutes = [
  <Route key="notifications" path={NOTIFICATIONS_PATH} element={<NotificationsPage />} />,
  <Route key="notification-settings" path={NOTIFICATION_SETTINGS_PATH} element={<NotificationSettingsPage />} />,
];

/** The menu entry "Benachrichtigungen". */
export const NotificationsMenuItem = () => <Menu.Item to={NOTIFICATIONS_PATH} primaryText="notifications.menu" leftIcon={<NotificationsIcon />} />;
export { WatchActions } from './WatchActions';
