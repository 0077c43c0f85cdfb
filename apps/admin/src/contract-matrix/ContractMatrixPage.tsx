import CancelIcon from '@mui/icons-material/Cancel';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ForumIcon from '@mui/icons-material/Forum';
import HelpOutlineIcon from '@mui/icons-material/HelpOutline';
import RemoveCircleOutlineIcon from '@mui/icons-material/RemoveCircleOutline';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { ReactElement } from 'react';
import { useMemo } from 'react';
import { Link, Loading, Title, useCreatePath, useGetList, useTranslate } from 'react-admin';
import { enumLabelKey } from '../common/enums';
import { useIntlLocale } from '../common/useIntlLocale';

interface ContractRecord {
  id: string;
  stateId: string;
  serviceId: string;
  status: string;
  interestDeclaredAt: string | null;
  negotiationStartedAt: string | null;
  signedAt: string | null;
  terminatedAt: string | null;
}

interface VariantRecord {
  id: string;
  stateId: string;
  serviceId: string;
  variant: string;
}

/** Colour and icon per contract status: the icon and the text say it too, so the colour is never the only sign. */
const STATUS_LOOK: Record<string, { color: string; background: string; icon: ReactElement }> = {
  SIGNED: { color: 'success.dark', background: 'rgba(46, 125, 50, 0.12)', icon: <CheckCircleIcon fontSize="small" /> },
  NEGOTIATING: { color: 'warning.dark', background: 'rgba(237, 108, 2, 0.12)', icon: <ForumIcon fontSize="small" /> },
  INTEREST_DECLARED: { color: 'info.dark', background: 'rgba(2, 136, 209, 0.10)', icon: <HelpOutlineIcon fontSize="small" /> },
  TERMINATED: { color: 'error.dark', background: 'rgba(211, 47, 47, 0.10)', icon: <CancelIcon fontSize="small" /> },
  NONE: { color: 'text.secondary', background: 'transparent', icon: <RemoveCircleOutlineIcon fontSize="small" /> },
};
const LEGEND = ['SIGNED', 'NEGOTIATING', 'INTEREST_DECLARED', 'TERMINATED', 'NONE'];

/** All of them in one page; stateId is sortable on both (the API refuses sorting by id). */
const LIST = { pagination: { page: 1, perPage: 1000 }, sort: { field: 'stateId', order: 'ASC' } } as const;

/**
 * States × services: per cell the reuse contract's status with its dates
 * and the state's reuse variant; a click opens the contract. Four queries
 * (contracts, variants, states, services), none per cell.
 */
const ContractMatrixPage = () => {
  const translate = useTranslate();
  const createPath = useCreatePath();
  const intlLocale = useIntlLocale();
  const { data: states, isPending: statesPending, error: statesError } = useGetList<{ id: string; name: string; code: string }>('State', {
    pagination: { page: 1, perPage: 100 },
    sort: { field: 'name', order: 'ASC' },
    meta: { sparseFields: ['id', 'name', 'code'] },
  });
  const { data: services, isPending: servicesPending, error: servicesError } = useGetList<{ id: string; name: string }>('Service', {
    ...LIST,
    sort: { field: 'name', order: 'ASC' },
    meta: { sparseFields: ['id', 'name'] },
  });
  const { data: contracts, isPending: contractsPending, error: contractsError } = useGetList<ContractRecord>('ReuseContract', {
    ...LIST,
    meta: { sparseFields: ['id', 'stateId', 'serviceId', 'status', 'interestDeclaredAt', 'negotiationStartedAt', 'signedAt', 'terminatedAt'] },
  });
  const { data: variants, isPending: variantsPending, error: variantsError } = useGetList<VariantRecord>('ReuseVariant', {
    ...LIST,
    meta: { sparseFields: ['id', 'stateId', 'serviceId', 'variant'] },
  });

  const contractOf = useMemo(() => new Map((contracts ?? []).map((c) => [`${c.stateId}|${c.serviceId}`, c])), [contracts]);
  const variantOf = useMemo(() => new Map((variants ?? []).map((v) => [`${v.stateId}|${v.serviceId}`, v])), [variants]);
  const dateFormat = useMemo(() => new Intl.DateTimeFormat(intlLocale, { dateStyle: 'medium', timeZone: 'UTC' }), [intlLocale]);
  const formatDate = (value: string) => dateFormat.format(new Date(value));

  const error = statesError ?? servicesError ?? contractsError ?? variantsError;
  if (error) return <Alert severity="error" sx={{ mt: 2 }}>{error instanceof Error ? error.message : String(error)}</Alert>;
  if (statesPending || servicesPending || contractsPending || variantsPending) return <Loading />;

  const statusLabel = (status: string) => translate(enumLabelKey('ContractStatus', status), { _: status });

  return (
    <Box sx={{ mt: 1, minWidth: 0 }}>
      <Title title="contractMatrix.title" />
      <Stack direction="row" spacing={1.5} sx={{ mb: 1.5, flexWrap: 'wrap', alignItems: 'center' }} useFlexGap aria-label={translate('contractMatrix.legend')}>
        <Typography variant="body2" color="text.secondary">
          {translate('contractMatrix.legend')}:
        </Typography>
        {LEGEND.map((status) => (
          <Stack key={status} direction="row" spacing={0.5} sx={{ alignItems: 'center', color: STATUS_LOOK[status].color, bgcolor: STATUS_LOOK[status].background, px: 1, borderRadius: 1 }}>
            {STATUS_LOOK[status].icon}
            <Typography variant="body2">{statusLabel(status)}</Typography>
          </Stack>
        ))}
      </Stack>
      <TableContainer component={Paper} variant="outlined" sx={{ maxHeight: 'calc(100vh - 160px)' }}>
        <Table size="small" stickyHeader data-testid="contract-matrix">
          <TableHead>
            <TableRow>
              <TableCell sx={{ position: 'sticky', left: 0, zIndex: 3, bgcolor: 'background.paper' }}>{translate('contractMatrix.state')}</TableCell>
              {(services ?? []).map((service) => (
                <TableCell key={service.id} sx={{ minWidth: 180, verticalAlign: 'bottom' }}>
                  {service.name}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {(states ?? []).map((state) => (
              <TableRow key={state.id}>
                <TableCell component="th" scope="row" sx={{ position: 'sticky', left: 0, zIndex: 1, bgcolor: 'background.paper', whiteSpace: 'nowrap' }}>
                  {state.name} ({state.code})
                </TableCell>
                {(services ?? []).map((service) => {
                  const key = `${state.id}|${service.id}`;
                  const contract = contractOf.get(key);
                  const variant = variantOf.get(key);
                  const look = STATUS_LOOK[contract?.status ?? 'NONE'] ?? STATUS_LOOK.NONE;
                  const dates = contract
                    ? [
                        contract.interestDeclaredAt && translate('contractMatrix.interest', { date: formatDate(contract.interestDeclaredAt) }),
                        contract.status === 'NEGOTIATING' && contract.negotiationStartedAt
                          ? translate('contractMatrix.negotiation', { date: formatDate(contract.negotiationStartedAt) })
                          : null,
                        contract.signedAt && translate('contractMatrix.signed', { date: formatDate(contract.signedAt) }),
                        contract.terminatedAt && translate('contractMatrix.terminated', { date: formatDate(contract.terminatedAt) }),
                      ].filter((d): d is string => Boolean(d))
                    : [];
                  const content = (
                    <>
                      <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center', color: look.color }}>
                        {look.icon}
                        <Typography variant="body2" sx={{ fontWeight: 500 }}>
                          {contract ? statusLabel(contract.status) : translate('contractMatrix.no_contract')}
                        </Typography>
                      </Stack>
                      {dates.map((date) => (
                        <Typography key={date} variant="caption" component="div" color="text.secondary">
                          {date}
                        </Typography>
                      ))}
                      <Typography variant="caption" component="div" sx={{ fontStyle: variant ? 'normal' : 'italic' }} color={variant ? 'text.primary' : 'text.secondary'}>
                        {variant ? translate(`contractMatrix.variant.${variant.variant}`, { _: variant.variant }) : translate('contractMatrix.no_variant')}
                      </Typography>
                    </>
                  );
                  return (
                    <TableCell
                      key={service.id}
                      data-state={state.code}
                      data-service={service.name}
                      sx={{ bgcolor: look.background, verticalAlign: 'top', borderLeft: 1, borderLeftColor: 'divider' }}
                    >
                      {contract ? (
                        <Link
                          to={createPath({ resource: 'ReuseContract', id: contract.id, type: 'show' })}
                          title={translate('contractMatrix.open_contract', { state: state.name, service: service.name })}
                          sx={{ display: 'block', color: 'inherit', textDecoration: 'none', '&:hover': { textDecoration: 'underline' } }}
                        >
                          {content}
                        </Link>
                      ) : (
                        content
                      )}
                    </TableCell>
                  );
                })}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
    </Box>
  );
};

export default ContractMatrixPage;
