import { Alert, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { Link, useDataProvider, useTranslate } from 'react-admin';
import { useCustomQuery } from '../common/useCustomQuery';
import { useIntlLocale } from '../common/useIntlLocale';
import type { MeetingDataProvider, OverdueActionItems } from './meetingApi';

/** The overdue action items linked to an onboarding or an authority (directly or through its onboardings and obstacles). */
/** `items`: loaded with the record (the onboarding page's query has them), so the section asks nothing itself. */
export const OverdueActionItemsSection = ({ onboardingId, authorityId, items }: { onboardingId?: string; authorityId?: string; items?: OverdueActionItems }) => {
  const translate = useTranslate();
  const locale = useIntlLocale();
  const dataProvider = useDataProvider<MeetingDataProvider>();
  const key = items ? undefined : (onboardingId ?? authorityId);
  const query = useCustomQuery(key, () => dataProvider.getOverdueActionItems({ onboardingId, authorityId }));
  const data = items ?? query.data;
  const error = items ? undefined : query.error;
  if (error) return <Alert severity="error">{error instanceof Error ? error.message : String(error)}</Alert>;
  if (!data) return null;
  if (data.total === 0) return <Typography color="text.secondary">{translate('meeting.overdue.none')}</Typography>;
  const date = (d: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`));
  return (
    <Table size="small" data-testid="overdue-action-items">
      <TableHead>
        <TableRow>
          <TableCell>{translate('meeting.overdue.item')}</TableCell>
          <TableCell>{translate('meeting.overdue.owner')}</TableCell>
          <TableCell>{translate('meeting.overdue.due')}</TableCell>
          <TableCell align="right">{translate('meeting.overdue.days')}</TableCell>
          <TableCell>{translate('meeting.overdue.meeting')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {data.items.map((i) => (
          <TableRow key={i.itemId} data-item={i.itemId}>
            <TableCell>{i.text}</TableCell>
            <TableCell>{i.owner}</TableCell>
            <TableCell>{date(i.dueDate)}</TableCell>
            <TableCell align="right">{i.daysOverdue}</TableCell>
            <TableCell>
              <Link to={`/Meeting/${i.meetingId}/show`}>{i.meetingTitle}</Link>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};
