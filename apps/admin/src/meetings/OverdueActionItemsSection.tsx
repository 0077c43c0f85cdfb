import { Alert, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { Link, useDataProvider, useTranslate } from 'react-admin';
import { useCustomQuery } from '../common/useCustomQuery';
import { useIntlLocale } from '../common/useIntlLocale';
import type { MeetingDataProvider } from './meetingApi';

/** The overdue action items linked to an onboarding or an authority (directly or through its onboardings and obstacles). */
export const OverdueActionItemsSection = ({ onboardingId, authorityId }: { onboardingId?: string; authorityId?: string }) => {
  const translate = useTranslate();
  const locale = useIntlLocale();
  const dataProvider = useDataProvider<MeetingDataProvider>();
  const key = onboardingId ?? authorityId;
  const { data, error } = useCustomQuery(key, () => dataProvider.getOverdueActionItems({ onboardingId, authorityId }));
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
