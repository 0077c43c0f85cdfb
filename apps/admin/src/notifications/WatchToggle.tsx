import VisibilityIcon from '@mui/icons-material/Visibility';
import VisibilityOutlinedIcon from '@mui/icons-material/VisibilityOutlined';
import { Button, Tooltip } from '@mui/material';
import { useState } from 'react';
import { useDataProvider, useNotify, useRecordContext, useTranslate } from 'react-admin';
import { useCustomQuery } from '../common/useCustomQuery';
import type { NotificationDataProvider, WatchTarget } from './notificationApi';

/** "Beobachten" / "Beobachtet": watches or stops watching the shown record (aria-pressed tells which). */
export const WatchToggle = ({ targetType }: { targetType: WatchTarget }) => {
  const record = useRecordContext();
  const dataProvider = useDataProvider<NotificationDataProvider>();
  const translate = useTranslate();
  const notify = useNotify();
  const id = record ? String(record.id) : undefined;
  const { data, isPending, reload } = useCustomQuery(id, () => dataProvider.isWatching({ targetType, targetId: id! }));
  const [busy, setBusy] = useState(false);
  if (!id) return null;
  const watching = Boolean(data);
  const toggle = async () => {
    setBusy(true);
    try {
      await dataProvider.setWatching({ targetType, targetId: id, watching: !watching });
      notify(watching ? 'notifications.watch_off' : 'notifications.watch_on', { type: 'info' });
      reload();
    } catch (e) {
      notify(e instanceof Error ? e.message : String(e), { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Tooltip title={translate('notifications.watch_hint')}>
      <Button
        size="small"
        variant={watching ? 'contained' : 'outlined'}
        aria-pressed={watching}
        data-testid="watch-toggle"
        disabled={isPending || busy}
        startIcon={watching ? <VisibilityIcon /> : <VisibilityOutlinedIcon />}
        onClick={toggle}
      >
        {translate(watching ? 'notifications.watching' : 'notifications.watch')}
      </Button>
    </Tooltip>
  );
};
