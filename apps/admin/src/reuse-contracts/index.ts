import HandshakeIcon from '@mui/icons-material/Handshake';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';

const ReuseContractList = lazy(() => import('./ReuseContractList'));
const ReuseContractShow = lazy(() => import('./ReuseContractShow'));
const ReuseContractEdit = lazy(() => import('./ReuseContractForm').then((m) => ({ default: m.ReuseContractEdit })));
const ReuseContractCreate = lazy(() => import('./ReuseContractForm').then((m) => ({ default: m.ReuseContractCreate })));

/**
 * `<Resource name="ReuseContract" {...reuseContracts} />`. The lifecycle
 * steps (declare interest … terminate) are buttons of the show page
 * (ContractLifecycle, contractApi.ts).
 */
const reuseContracts = {
  list: ReuseContractList,
  show: ReuseContractShow,
  edit: ReuseContractEdit,
  create: ReuseContractCreate,
  icon: HandshakeIcon,
} satisfies Omit<ResourceProps, 'name'>;

export default reuseContracts;
