import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { Link, useTranslate } from 'react-admin';
import type { SystemFigures } from './dashboardApi';
import { useDashboardFormat } from './format';
import { onboardingsPath, scopeFilter, statusFilters, type OnboardingListFilter } from './links';
import { FUNNEL_FIELDS, type DashboardPanel, type DashboardPanelProps } from './panel';
import { PanelCard } from './PanelCard';

type Column = 'live' | 'inRollout' | 'blocked';
const COLUMNS: { key: Column; color: string }[] = [
  { key: 'live', color: 'success.main' },
  { key: 'inRollout', color: 'primary.main' },
  { key: 'blocked', color: 'error.main' },
];

/**
 * The vendor breakdown: per specialist system, how many of its authorities
 * are live, in the rollout and blocked (an open blocking obstacle), with a
 * bar to compare; each number opens the onboardings list of that system.
 */
const SpecialistSystemsPanel = ({ figures, scope }: DashboardPanelProps) => {
  const translate = useTranslate();
  const format = useDashboardFormat();
  const systems = figures.specialistSystems ?? [];
  const filters = statusFilters(figures.funnel ?? []);
  const own = scopeFilter(scope, figures.serviceId);
  const max = Math.max(1, ...systems.map((s) => s.live + s.inRollout));
  const filterOf: Record<Column, OnboardingListFilter> = {
    live: filters.live,
    inRollout: filters.inRollout,
    blocked: { stage: filters.inRollout.stage, status: ['ACTIVE', 'ON_HOLD'], hasBlockingBlocker: true },
  };
  const nameOf = (s: SystemFigures) => (s.specialistSystemId ? s.name : translate('dashboard.systems.none'));

  return (
    <PanelCard id="systems" title="dashboard.systems.title" hint="dashboard.systems.hint">
      {systems.length === 0 ? (
        <Typography color="text.secondary">{translate('dashboard.systems.empty')}</Typography>
      ) : (
        <TableContainer>
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>{translate('dashboard.systems.system')}</TableCell>
                {COLUMNS.map((c) => (
                  <TableCell key={c.key} align="right">
                    {translate(`dashboard.systems.${c.key}`)}
                  </TableCell>
                ))}
                <TableCell sx={{ width: '35%' }} aria-hidden />
              </TableRow>
            </TableHead>
            <TableBody>
              {systems.map((s) => (
                <TableRow key={s.specialistSystemId ?? 'none'} data-system={s.specialistSystemId ?? 'none'}>
                  <TableCell component="th" scope="row">
                    {nameOf(s)}
                  </TableCell>
                  {COLUMNS.map((c) => (
                    <TableCell key={c.key} align="right">
                      {s.specialistSystemId && s[c.key] > 0 ? (
                        <Link
                          to={onboardingsPath({ ...own, ...filterOf[c.key], specialistSystemId: s.specialistSystemId })}
                          aria-label={translate('dashboard.systems.open', { system: nameOf(s), figure: `${translate(`dashboard.systems.${c.key}`)} ${format.number(s[c.key])}` })}
                        >
                          {format.number(s[c.key])}
                        </Link>
                      ) : (
                        format.number(s[c.key])
                      )}
                    </TableCell>
                  ))}
                  <TableCell aria-hidden>
                    <Box sx={{ display: 'flex', height: 12, borderRadius: 0.5, overflow: 'hidden', bgcolor: 'action.hover' }}>
                      <Box sx={{ width: `${(s.live / max) * 100}%`, bgcolor: 'success.main' }} />
                      <Box sx={{ width: `${(Math.max(0, s.inRollout - s.blocked) / max) * 100}%`, bgcolor: 'primary.main' }} />
                      <Box sx={{ width: `${(Math.min(s.blocked, s.inRollout) / max) * 100}%`, bgcolor: 'error.main' }} />
                    </Box>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </PanelCard>
  );
};

export const specialistSystemsPanel: DashboardPanel = {
  id: 'systems',
  fields: ['specialistSystems { specialistSystemId name live inRollout blocked }', FUNNEL_FIELDS],
  width: 12,
  Component: SpecialistSystemsPanel,
};
