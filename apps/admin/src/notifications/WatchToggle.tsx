import VisibilityIcon from '@mui/icons-material/Visibility';
import VisibilityOutlinedIcon from '@mui/icons-material/VisibilityOutlined';
import { Button, Tooltip } from '@mui/material';
import { useState } from 'react';
import { useDataProvider, useNotify, useRecordContext, useTranslate } from 'react-admin';
import { useCustomQuery } from '../common/useCustomQuery';
import type { NotificationDataProvider, WatchTarget } from './notificationApi';

/** "Beobachten" / "Beobachtet": watches or stops watching the shown record (aria-pressed tells which). */
/**
 * `watching`: the state loaded with the record (the onboarding page's query has it), so the toggle asks
 * nothing itself; without it the toggle asks myWatches. After a toggle it shows what it set.
 */
export const WatchToggle = ({ targetType, watching: loaded }: { targetType: WatchTarget; watching?: boolean }) => {
  const record = useRecordContext();
  const dataProvider = useDataProvider<NotificationDataProvider>();
  const translate = useTranslate();
  const notify = useNotify();
  const id = record ? String(record.id) : undefined;
  const preloaded = loaded !== undefined;
  const { data, isPending: asking, reload } = useCustomQuery(preloaded ? undefined : id, () => dataProvider.isWatching({ targetType, targetId: id! }));
  const [set, setSet] = useState<{ loaded: boolean | undefined; watching: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  if (!id) return null;
  // What this toggle set, until the record brings a new state.
  const own = set !== null && set.loaded === loaded ? set.watching : undefined;
  const watching = own ?? (preloaded ? loaded : Boolean(data));
  const isPending = !preloaded && asking;
  const toggle = async () => {
    setBusy(true);
    try {
      await dataProvider.setWatching({ targetType, targetId: id, watching: !watching });
      notify(watching ? 'notifications.watch_off' : 'notifications.watch_on', { type: 'info' });
      if (preloaded) setSet({ loaded, watching: !watching });
      else reload();
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
