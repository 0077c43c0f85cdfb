import { Box, Button, Card, CardContent, Chip, FormControlLabel, List, ListItem, ListItemText, Stack, Switch, Typography } from '@mui/material';
import { useState } from 'react';
import { Link, Loading, Title, useDataProvider, useNotify, useTranslate } from 'react-admin';
import { useCustomQuery } from '../common/useCustomQuery';
import { useIntlLocale } from '../common/useIntlLocale';
import { NOTIFICATION_SETTINGS_PATH } from './paths';
import type { NotificationDataProvider } from './notificationApi';

/** The signed-in user's notifications, newest first: open the record, mark read, mark all read. */
const NotificationsPage = () => {
  const dataProvider = useDataProvider<NotificationDataProvider>();
  const translate = useTranslate();
  const notify = useNotify();
  const locale = useIntlLocale();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const { data, isPending, reload } = useCustomQuery(String(unreadOnly), () => dataProvider.getMyNotifications({ page: 0, perPage: 100, unreadOnly }));
  const time = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const markRead = async (id: string) => {
    await dataProvider.markNotificationRead({ id });
    reload();
  };
  const markAll = async () => {
    const { data: n } = await dataProvider.markAllNotificationsRead();
    notify('notifications.marked_all', { type: 'info', messageArgs: { smart_count: n } });
    reload();
  };
  return (
    <Card sx={{ mt: 2 }}>
      <Title title="notifications.title" />
      <CardContent>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 2, flexWrap: 'wrap' }}>
          <FormControlLabel control={<Switch checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)} />} label={translate('notifications.unread_only')} />
          <Button variant="outlined" size="small" onClick={markAll} disabled={!data || data.unread === 0} data-testid="mark-all-read">
            {translate('notifications.mark_all_read')}
          </Button>
          <Box sx={{ flex: 1 }} />
          <Link to={NOTIFICATION_SETTINGS_PATH}>{translate('notifications.settings.title')}</Link>
        </Stack>
        {isPending && !data ? (
          <Loading />
        ) : !data || data.items.length === 0 ? (
          <Typography color="text.secondary">{translate('notifications.empty')}</Typography>
        ) : (
          <List aria-label={translate('notifications.title')} data-testid="notification-list">
            {data.items.map((n) => (
              <ListItem
                key={n.id}
                divider
                data-testid="notification-item"
                data-read={n.read}
                secondaryAction={
                  !n.read && (
                    <Button size="small" onClick={() => markRead(n.id)}>
                      {translate('notifications.mark_read')}
                    </Button>
                  )
                }
              >
                <ListItemText
                  primary={
                    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                      {!n.read && <Chip size="small" color="primary" label={translate('notifications.unread')} />}
                      <Link to={`/${n.link.replace(/^#\//, '')}`} sx={{ fontWeight: n.read ? 'normal' : 'bold' }}>
                        {n.title}
                      </Link>
                    </Stack>
                  }
                  secondary={time.format(new Date(n.createdAt))}
                />
              </ListItem>
            ))}
          </List>
        )}
      </CardContent>
    </Card>
  );
};

export default NotificationsPage;
