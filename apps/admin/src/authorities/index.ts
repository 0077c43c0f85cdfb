import AccountBalanceIcon from '@mui/icons-material/AccountBalance';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';

const AuthorityList = lazy(() => import('./AuthorityList'));
const AuthorityShow = lazy(() => import('./AuthorityShow'));
const AuthorityEdit = lazy(() => import('./AuthorityEdit').then((m) => ({ default: m.AuthorityEdit })));
const AuthorityCreate = lazy(() => import('./AuthorityEdit').then((m) => ({ default: m.AuthorityCreate })));

/** `<Resource name="Authority" {...authorities} />`; react-admin offers edit and create only where canAccess allows. */
const authorities = {
  list: AuthorityList,
  show: AuthorityShow,
  edit: AuthorityEdit,
  create: AuthorityCreate,
  icon: AccountBalanceIcon,
  recordRepresentation: 'name',
} satisfies Omit<ResourceProps, 'name'>;

export default authorities;
