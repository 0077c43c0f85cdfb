import { Box, Chip, List, ListItem, ListItemText, Typography } from '@mui/material';
import { Loading, useDataProvider, useRecordContext, useTranslate } from 'react-admin';
import type { HistoryEntry, QueryDataProvider } from './queryApi';
import { useCustomQuery } from './useCustomQuery';
import { useIntlLocale } from './useIntlLocale';

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/**
 * The record's change history (the API's `history`): who changed what and
 * when, each field from its old value to its new one, newest first.
 */
export const HistoryTimeline = ({ entityType }: { entityType: string }) => {
  const record = useRecordContext();
  const dataProvider = useDataProvider<QueryDataProvider>();
  const translate = useTranslate();
  const locale = useIntlLocale();
  const { data, isPending, error } = useCustomQuery(record ? `${record.id}:${String(record.version)}` : undefined, () =>
    dataProvider.getHistory({ entityType, entityId: String(record?.id) }),
  );
  if (isPending) return <Loading />;
  if (error || !data) return <Typography color="error">{translate('crud.history.error')}</Typography>;
  const entries: HistoryEntry[] = [...data].sort((a, b) => b.occurredAt.localeCompare(a.occurredAt));
  if (entries.length === 0) return <Typography color="text.secondary">{translate('crud.history.empty')}</Typography>;
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <List dense aria-label={translate('crud.history.title')}>
      {entries.map((entry) => (
        <ListItem key={entry.id} alignItems="flex-start" divider>
          <ListItemText
            primary={
              <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
                <Chip size="small" label={translate(`crud.history.action.${entry.action}`, { _: entry.action })} />
                <Typography variant="body2" component="span">
                  {when.format(new Date(entry.occurredAt))} · {entry.actor}
                </Typography>
              </Box>
            }
            secondary={
              <Box component="span" sx={{ display: 'block', mt: 0.5 }}>
                {entry.changes.map((c) => (
                  <Typography key={c.field} variant="body2" component="span" sx={{ display: 'block' }}>
                    <strong>{translate(`resources.${entityType}.fields.${c.field}`, { _: c.field })}</strong>: {show(c.from)} → {show(c.to)}
                  </Typography>
                ))}
                {entry.comment ? (
                  <Typography variant="body2" component="span" sx={{ display: 'block', fontStyle: 'italic' }}>
                    {entry.comment}
                  </Typography>
                ) : null}
              </Box>
            }
          />
        </ListItem>
      ))}
    </List>
  );
};
