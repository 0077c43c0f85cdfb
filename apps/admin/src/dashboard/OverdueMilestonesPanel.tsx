import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { Link, useLocaleState, useTranslate } from 'react-admin';
import { stageName } from '../onboardings/logic';
import { useServiceStages } from '../onboardings/shared';
import { useDashboardFormat } from './format';
import { listPath, onboardingPath } from './links';
import type { DashboardPanel, DashboardPanelProps } from './panel';
import { PanelCard } from './PanelCard';

const LIMIT = 6;

/**
 * Milestones due before the date and not done by then (not-applicable ones excluded), longest
 * overdue first; each opens its onboarding. The milestones list behind it filters "overdue" today
 * (it has no service or state filter).
 */
const OverdueMilestonesPanel = ({ figures }: DashboardPanelProps) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const format = useDashboardFormat();
  const { stages } = useServiceStages(figures.serviceId);
  const overdue = figures.overdueMilestones;
  if (!overdue) return null;
  return (
    <PanelCard id="overdue" title="dashboard.overdue.title" hint="dashboard.overdue.hint">
      <Typography sx={{ mb: 1 }} data-testid="overdue-total" data-value={overdue.total}>
        {translate('dashboard.overdue.total', { smart_count: overdue.total, count: format.number(overdue.total) })}{' '}
        <Link to={listPath('Milestone', { overdue: true }, { field: 'dueDate', order: 'ASC' })}>{translate('dashboard.overdue.open_list')}</Link>
      </Typography>
      {overdue.items.length > 0 ? (
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>{translate('dashboard.overdue.milestone')}</TableCell>
              <TableCell>{translate('dashboard.stuck.authority')}</TableCell>
              <TableCell>{translate('dashboard.overdue.due')}</TableCell>
              <TableCell align="right">{translate('dashboard.overdue.days')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {overdue.items.slice(0, LIMIT).map((m) => (
              <TableRow key={m.milestoneId} data-milestone={m.milestoneId}>
                <TableCell>
                  {m.nameDe}
                  <Typography variant="caption" color="text.secondary" component="div">
                    {stageName(m.stage, locale, stages)}
                  </Typography>
                </TableCell>
                <TableCell>
                  <Link to={onboardingPath(m.onboardingId)}>{m.authorityName}</Link> ({m.stateCode})
                </TableCell>
                <TableCell>{format.date(m.dueDate)}</TableCell>
                <TableCell align="right">{format.number(m.daysOverdue)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
    </PanelCard>
  );
};

export const overdueMilestonesPanel: DashboardPanel = {
  id: 'overdue',
  fields: [`overdueMilestones(limit: ${LIMIT}) { total items { milestoneId onboardingId nameDe stage authorityName stateCode dueDate daysOverdue } }`],
  width: 6,
  Component: OverdueMilestonesPanel,
};
