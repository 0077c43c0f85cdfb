import NotificationsIcon from '@mui/icons-material/Notifications';
import { Badge, IconButton, Tooltip } from '@mui/material';
import { useEffect, useState } from 'react';
import { useDataProvider, useTranslate, reactRouterProvider } from 'react-admin';
import { onNotificationsChanged, type NotificationDataProvider } from './notificationApi';

const { useLocation, useNavigate } = reactRouterProvider;
import { NOTIFICATIONS_PATH } from './paths';
const REFRESH_MS = 30_000;

/** The app bar's bell with the number of unread notifications; refreshed on every page change, every 30 s and after marking read. */
export const NotificationBell = () => {
  const dataProvider = useDataProvider<NotificationDataProvider>();
  const translate = useTranslate();
  const navigate = useNavigate();
  const location = useLocation();
  const [count, setCount] = useState<number | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let current = true;
    dataProvider.getUnreadNotificationCount().then(
      (r) => current && setCount(r.data),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [dataProvider, location.pathname, tick]);
  useEffect(() => {
    const timer = setInterval(() => setTick((t) => t + 1), REFRESH_MS);
    const off = onNotificationsChanged(() => setTick((t) => t + 1));
    return () => {
      clearInterval(timer);
      off();
    };
  }, []);
  const label = translate('notifications.badge', { smart_count: count ?? 0 });
  return (
    <Tooltip title={label}>
      <IconButton color="inherit" aria-label={label} data-testid="notification-bell" onClick={() => navigate(NOTIFICATIONS_PATH)}>
        <Badge badgeContent={count ?? 0} color="error" max={99} data-testid="notification-badge" data-count={count ?? ''}>
          <NotificationsIcon />
        </Badge>
      </IconButton>
    </Tooltip>
  );
};
