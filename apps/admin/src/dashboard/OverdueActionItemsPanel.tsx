import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { Link, useTranslate } from 'react-admin';
import { OVERDUE_ITEM_FIELDS, type OverdueActionItems } from '../meetings/meetingApi';
import { useDashboardFormat } from './format';
import { listPath, onboardingPath } from './links';
import type { DashboardPanel, DashboardPanelProps } from './panel';
import { PanelCard } from './PanelCard';

const LIMIT = 6;

/**
 * Action items of meetings overdue at the date, linked to the service (or to nothing of any service)
 * and, narrowed to a state, to that state (or to none); each opens its meeting, and its onboarding
 * when it is linked to one. The list behind it is today's overdue action items.
 */
const OverdueActionItemsPanel = ({ figures }: DashboardPanelProps) => {
  const translate = useTranslate();
  const format = useDashboardFormat();
  const overdue = (figures as { overdueActionItems?: OverdueActionItems }).overdueActionItems;
  if (!overdue) return null;
  return (
    <PanelCard id="overdue-action-items" title="meeting.overdue.title" hint="meeting.overdue.hint">
      <Typography sx={{ mb: 1 }} data-testid="overdue-action-items-total" data-value={overdue.total}>
        {translate('meeting.overdue.total', { smart_count: overdue.total, count: format.number(overdue.total) })}{' '}
        <Link to={listPath('MeetingItem', { kind: 'ACTION_ITEM', overdue: true }, { field: 'dueDate', order: 'ASC' })}>{translate('meeting.overdue.open_list')}</Link>
      </Typography>
      {overdue.items.length > 0 ? (
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>{translate('meeting.overdue.item')}</TableCell>
              <TableCell>{translate('meeting.overdue.owner')}</TableCell>
              <TableCell>{translate('meeting.overdue.due')}</TableCell>
              <TableCell align="right">{translate('meeting.overdue.days')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {overdue.items.slice(0, LIMIT).map((i) => (
              <TableRow key={i.itemId} data-item={i.itemId}>
                <TableCell>
                  <Link to={`/Meeting/${i.meetingId}/show`}>{i.text}</Link>
                  {i.onboardingId && i.authorityName ? (
                    <Typography variant="caption" color="text.secondary" component="div">
                      <Link to={onboardingPath(i.onboardingId)}>{i.authorityName}</Link> ({i.stateCode})
                    </Typography>
                  ) : null}
                </TableCell>
                <TableCell>{i.owner}</TableCell>
                <TableCell>{format.date(i.dueDate)}</TableCell>
                <TableCell align="right">{format.number(i.daysOverdue)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
    </PanelCard>
  );
};

export const overdueActionItemsPanel: DashboardPanel = {
  id: 'overdue-action-items',
  fields: [`overdueActionItems(limit: ${LIMIT}) { total items { ${OVERDUE_ITEM_FIELDS} } }`],
  width: 6,
  Component: OverdueActionItemsPanel,
};
