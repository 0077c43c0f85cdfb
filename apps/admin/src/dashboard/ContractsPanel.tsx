import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { Link, useTranslate } from 'react-admin';
import { useDashboardFormat } from './format';
import { listPath } from './links';
import type { DashboardPanel, DashboardPanelProps } from './panel';
import { PanelCard } from './PanelCard';

const STATUS_COLOR: Record<string, 'default' | 'info' | 'warning' | 'success' | 'error'> = {
  NONE: 'default',
  INTEREST_DECLARED: 'info',
  NEGOTIATING: 'warning',
  SIGNED: 'success',
  TERMINATED: 'error',
};

/**
 * Each state's reuse contract for the service at the date (from the contract's dated lifecycle),
 * the number of states per status, and the reuse variant. A status opens the contracts list
 * filtered by it; a state its contract.
 */
const ContractsPanel = ({ figures, national, scope }: DashboardPanelProps) => {
  const translate = useTranslate();
  const format = useDashboardFormat();
  // Contracts are per state: the national figures show every state, the narrowed view still lists them all.
  const contracts = national.contracts ?? figures.contracts;
  if (!contracts) return null;
  const statusLabel = (s: string) => translate(`app.enum.ContractStatus.${s}`, { _: s });
  const contractsOf = (filter: Record<string, unknown>) => listPath('ReuseContract', { serviceId: figures.serviceId, ...filter });
  return (
    <PanelCard id="contracts" title="dashboard.contracts.title" hint="dashboard.contracts.hint">
      <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', mb: 2 }}>
        {contracts.counts.map((c) => (
          <Chip
            key={c.status}
            data-testid={`contracts-${c.status}`}
            data-value={c.count}
            color={STATUS_COLOR[c.status] ?? 'default'}
            variant={c.count ? 'filled' : 'outlined'}
            label={`${statusLabel(c.status)}: ${format.number(c.count)}`}
            {...(c.count && c.status !== 'NONE' ? { component: Link, to: contractsOf({ status: [c.status] }), clickable: true } : {})}
          />
        ))}
      </Box>
      <TableContainer sx={{ maxHeight: 420 }}>
        <Table size="small" stickyHeader>
          <TableHead>
            <TableRow>
              <TableCell>{translate('resources.State.name', { smart_count: 1 })}</TableCell>
              <TableCell>{translate('dashboard.contracts.status')}</TableCell>
              <TableCell>{translate('dashboard.contracts.signed_at')}</TableCell>
              <TableCell>{translate('dashboard.contracts.variant')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {contracts.states.map((s) => (
              <TableRow key={s.stateId} data-state={s.stateCode} selected={scope.state?.id === s.stateId}>
                <TableCell component="th" scope="row">
                  {s.stateName}
                </TableCell>
                <TableCell>{s.status === 'NONE' ? statusLabel(s.status) : <Link to={contractsOf({ stateId: s.stateId })}>{statusLabel(s.status)}</Link>}</TableCell>
                <TableCell>{s.signedAt ? format.date(s.signedAt) : '–'}</TableCell>
                <TableCell>{s.reuseVariant ? translate(`crud.variant.${s.reuseVariant}`, { _: s.reuseVariant }) : '–'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </PanelCard>
  );
};

const CONTRACT_FIELDS = 'contracts { counts { status count } states { stateId stateCode stateName status signedAt reuseVariant } }';

export const contractsPanel: DashboardPanel = {
  id: 'contracts',
  fields: [],
  nationalFields: [CONTRACT_FIELDS],
  width: 12,
  Component: ContractsPanel,
};
