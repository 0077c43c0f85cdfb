import HandshakeIcon from '@mui/icons-material/Handshake';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';

const ReuseContractList = lazy(() => import('./ReuseContractList'));
const ReuseContractShow = lazy(() => import('./ReuseContractShow'));

/**
 * `<Resource name="ReuseContract" {...reuseContracts} />`; edit and create
 * views and the domain operations (e.g. signContract) come with the
 * console issue. The record is shown by its id until a label combining
 * state and service is added.
 */
const reuseContracts = {
  list: ReuseContractList,
  show: ReuseContractShow,
  icon: HandshakeIcon,
} satisfies Omit<ResourceProps, 'name'>;

export default reuseContracts;
