import AccountBalanceIcon from '@mui/icons-material/AccountBalance';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';

const AuthorityList = lazy(() => import('./AuthorityList'));
const AuthorityShow = lazy(() => import('./AuthorityShow'));

/** `<Resource name="Authority" {...authorities} />`; edit and create views come with the console issue. */
const authorities = {
  list: AuthorityList,
  show: AuthorityShow,
  icon: AccountBalanceIcon,
  recordRepresentation: 'name',
} satisfies Omit<ResourceProps, 'name'>;

export default authorities;
