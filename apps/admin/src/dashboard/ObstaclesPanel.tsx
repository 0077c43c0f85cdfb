import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { Link, useTranslate } from 'react-admin';
import { useDashboardFormat } from './format';
import { blockersPath, onboardingPath } from './links';
import type { DashboardPanel, DashboardPanelProps } from './panel';
import { PanelCard } from './PanelCard';

const SEVERITIES = ['BLOCKING', 'DELAYING', 'INFO'] as const;
const CATEGORIES = ['TECHNICAL', 'ORGANISATIONAL', 'SUBJECT_MATTER', 'LEGAL', 'FINANCIAL'] as const;
/** How many of the oldest open obstacles the panel lists. */
const OLDEST = 5;

/**
 * Open obstacles at the date (a coordinator sees their own state's only): how many, by category
 * and severity (each number opens the open obstacles of that kind), and the oldest ones.
 */
const ObstaclesPanel = ({ figures, scope }: DashboardPanelProps) => {
  const translate = useTranslate();
  const format = useDashboardFormat();
  const obstacles = figures.obstacles;
  if (!obstacles) return null;
  const countOf = (category: string, severity: string) => obstacles.byCategory.find((c) => c.category === category && c.severity === severity)?.count ?? 0;
  const categories = [...CATEGORIES, ...obstacles.byCategory.map((c) => c.category).filter((c) => !(CATEGORIES as readonly string[]).includes(c))];
  const cell = (count: number, filter: { category?: string[]; severity?: string[] }, label: string, testId: string) => (
    <TableCell align="right" data-testid={testId} data-value={count}>
      {count > 0 ? (
        <Link to={blockersPath(scope, figures.serviceId, filter)} aria-label={translate('dashboard.obstacles.open', { what: label, count: format.number(count) })}>
          {format.number(count)}
        </Link>
      ) : (
        format.number(count)
      )}
    </TableCell>
  );
  return (
    <PanelCard id="obstacles" title="dashboard.obstacles.title" hint="dashboard.obstacles.hint">
      <Typography sx={{ mb: 1 }}>
        {obstacles.total > 0 ? (
          <Link to={blockersPath(scope, figures.serviceId)} data-testid="obstacles-total" data-value={obstacles.total}>
            {translate('dashboard.obstacles.total', { smart_count: obstacles.total, count: format.number(obstacles.total) })}
          </Link>
        ) : (
          <span data-testid="obstacles-total" data-value={0}>
            {translate('dashboard.obstacles.total', { smart_count: 0, count: format.number(0) })}
          </span>
        )}
      </Typography>
      {obstacles.total > 0 ? (
        <>
          <Table size="small" sx={{ mb: 2 }}>
            <TableHead>
              <TableRow>
                <TableCell>{translate('blocker.fields.category')}</TableCell>
                {SEVERITIES.map((s) => (
                  <TableCell key={s} align="right">
                    {translate(`blocker.severity.${s}`)}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {categories.map((c) => (
                <TableRow key={c} data-category={c}>
                  <TableCell component="th" scope="row">
                    {translate(`blocker.category.${c}`, { _: c })}
                  </TableCell>
                  {SEVERITIES.map((s) =>
                    cell(countOf(c, s), { category: [c], severity: [s] }, `${translate(`blocker.category.${c}`, { _: c })}, ${translate(`blocker.severity.${s}`)}`, `obstacles-${c}-${s}`),
                  )}
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Typography variant="subtitle2" component="h3">
            {translate('dashboard.obstacles.oldest')}
          </Typography>
          <List dense disablePadding data-testid="obstacles-oldest">
            {obstacles.oldest.map((o) => (
              <ListItem key={o.blockerId} disableGutters data-blocker={o.blockerId}>
                <ListItemText
                  primary={<Link to={onboardingPath(o.onboardingId)}>{o.title}</Link>}
                  secondary={translate('dashboard.obstacles.item', {
                    authority: o.authorityName,
                    state: o.stateCode,
                    date: format.date(o.openedAt),
                    days: format.number(o.daysOpen),
                    severity: translate(`blocker.severity.${o.severity}`, { _: o.severity }),
                  })}
                />
              </ListItem>
            ))}
          </List>
        </>
      ) : null}
    </PanelCard>
  );
};

export const obstaclesPanel: DashboardPanel = {
  id: 'obstacles',
  fields: [`obstacles(limit: ${OLDEST}) { total byCategory { category severity count } oldest { blockerId onboardingId title authorityName stateCode category severity openedAt daysOpen } }`],
  width: 5,
  Component: ObstaclesPanel,
};
