import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { useState, type ReactNode } from 'react';
import { Link, useLocaleState, useTranslate } from 'react-admin';
import { stageName } from '../onboardings/logic';
import { useServiceStages } from '../onboardings/shared';
import type { LeadTime } from './dashboardApi';
import { useDashboardFormat } from './format';
import { onboardingsPath, scopeFilter, statusFilters } from './links';
import { FUNNEL_FIELDS, type DashboardPanel, type DashboardPanelProps } from './panel';
import { PanelCard } from './PanelCard';

const LEAD_TIME = 'count medianDays p80Days';
type View = 'stages' | 'states' | 'systems';

/**
 * Lead times: median and 80th percentile days from the first step (interest) to go-live for the
 * onboardings live at the date, and per stage over completed stays; per state and per specialist
 * system as tables. A row opens the onboardings behind it (a stage: those in it now; a state or
 * system: its live ones).
 */
const LeadTimesPanel = ({ figures, scope }: DashboardPanelProps) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const format = useDashboardFormat();
  const { stages } = useServiceStages(figures.serviceId);
  const [view, setView] = useState<View>('stages');
  const lead = figures.leadTimes;
  if (!lead) return null;
  const own = scopeFilter(scope, figures.serviceId);
  const live = statusFilters(figures.funnel ?? []).live;
  const { toLive } = lead.overall;

  const cells = (t: LeadTime, testId?: string) => (
    <>
      <TableCell align="right" data-testid={testId ? `${testId}-median` : undefined} data-value={t.medianDays ?? ''}>
        {format.days(t.medianDays)}
      </TableCell>
      <TableCell align="right" data-testid={testId ? `${testId}-p80` : undefined} data-value={t.p80Days ?? ''}>
        {format.days(t.p80Days)}
      </TableCell>
      <TableCell align="right">{format.number(t.count)}</TableCell>
    </>
  );
  const row = (key: string, name: ReactNode, t: LeadTime, to: string | null, attrs: Record<string, string>, testId?: string) => (
    <TableRow key={key} {...attrs}>
      <TableCell component="th" scope="row">
        {to && t.count > 0 ? <Link to={to}>{name}</Link> : name}
      </TableCell>
      {cells(t, testId)}
    </TableRow>
  );
  const rows = {
    stages: lead.overall.stages
      .slice()
      .sort((a, b) => a.position - b.position)
      .map((s) => row(s.stage, stageName(s.stage, locale, stages), s, onboardingsPath({ ...own, stage: [s.stage], status: ['ACTIVE', 'ON_HOLD'] }), { 'data-stage': s.stage }, `lead-stage-${s.stage}`)),
    states: lead.states.map((s) => row(s.stateId, s.stateName, s.toLive, onboardingsPath({ ...own, ...live, stateId: s.stateId }), { 'data-state': s.stateCode })),
    systems: lead.specialistSystems.map((s) =>
      row(s.specialistSystemId ?? 'none', s.specialistSystemId ? s.name : translate('dashboard.systems.none'), s.toLive, s.specialistSystemId ? onboardingsPath({ ...own, ...live, specialistSystemId: s.specialistSystemId }) : null, {
        'data-system': s.specialistSystemId ?? 'none',
      }),
    ),
  };

  return (
    <PanelCard id="lead-times" title="dashboard.leadTimes.title" hint="dashboard.leadTimes.hint">
      <Box sx={{ display: 'flex', gap: 3, flexWrap: 'wrap', mb: 2 }}>
        {(['medianDays', 'p80Days'] as const).map((figure) => (
          <Box key={figure}>
            <Typography variant="h4" component="p" data-testid={`lead-to-live-${figure}`} data-value={toLive[figure] ?? ''}>
              {format.days(toLive[figure])}
            </Typography>
            <Typography variant="body2" color="text.secondary">
              {translate(`dashboard.leadTimes.${figure}`)}
            </Typography>
          </Box>
        ))}
        <Box sx={{ alignSelf: 'flex-end' }}>
          <Typography variant="body2" color="text.secondary" data-testid="lead-to-live-count" data-value={toLive.count}>
            {translate('dashboard.leadTimes.count', { smart_count: toLive.count, count: format.number(toLive.count) })}
          </Typography>
        </Box>
      </Box>
      <ToggleButtonGroup size="small" exclusive value={view} onChange={(_, next: View | null) => next && setView(next)} aria-label={translate('dashboard.leadTimes.view')} sx={{ mb: 1 }}>
        {(['stages', 'states', 'systems'] as const).map((v) => (
          <ToggleButton key={v} value={v}>
            {translate(`dashboard.leadTimes.by_${v}`)}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
      <Box sx={{ maxHeight: 360, overflow: 'auto' }}>
        <Table size="small" stickyHeader data-testid={`lead-times-${view}`}>
          <TableHead>
            <TableRow>
              <TableCell>{translate(`dashboard.leadTimes.col_${view}`)}</TableCell>
              <TableCell align="right">{translate('dashboard.leadTimes.median')}</TableCell>
              <TableCell align="right">{translate('dashboard.leadTimes.p80')}</TableCell>
              <TableCell align="right">{translate(view === 'stages' ? 'dashboard.leadTimes.stays' : 'dashboard.leadTimes.live')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>{rows[view]}</TableBody>
        </Table>
      </Box>
    </PanelCard>
  );
};

export const leadTimesPanel: DashboardPanel = {
  id: 'lead-times',
  fields: [
    `leadTimes { overall { toLive { ${LEAD_TIME} } stages { stage position ${LEAD_TIME} } } states { stateId stateCode stateName toLive { ${LEAD_TIME} } } specialistSystems { specialistSystemId name toLive { ${LEAD_TIME} } } }`,
    FUNNEL_FIELDS,
  ],
  width: 7,
  Component: LeadTimesPanel,
};
