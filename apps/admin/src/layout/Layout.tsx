import type { ReactNode } from 'react';
import { AppBar as RaAppBar, Layout as RaLayout, LoadingIndicator, LocalesMenuButton, Menu as RaMenu, ToggleThemeButton } from 'react-admin';
import { AccountMenu } from '../auth/AccountMenu';
import { SignedIn } from '../auth/SignedIn';
import { BoardMenuItem } from '../board';
import { ContractMatrixMenuItem } from '../contract-matrix';
import { CostAllocationMenuItem } from '../cost-allocation';
import { NotificationBell, NotificationsMenuItem } from '../notifications';
import { ImportMenuItem } from '../import';
import { DocumentLanguage } from './DocumentLanguage';

/** react-admin's app bar (language menu, theme, refresh) with the notification bell and the console's user menu: who is signed in, sign-out. */
const AppBar = () => (
  <RaAppBar
    userMenu={<AccountMenu />}
    toolbar={
      <>
        <NotificationBell />
        <LocalesMenuButton />
        <ToggleThemeButton />
        <LoadingIndicator />
      </>
    }
  />
);

/** The dashboard (home), the resources the role may list, then the pages of their own. */
const Menu = () => (
  <RaMenu>
    <RaMenu.DashboardItem />
    <RaMenu.ResourceItems />
    <BoardMenuItem />
    <ContractMatrixMenuItem />
    <CostAllocationMenuItem />
    <NotificationsMenuItem />
    <ImportMenuItem />
  </RaMenu>
);

/**
 * react-admin's layout (app bar with language and user menu, sidebar menu
 * of the resources the user's role may list), for signed-in users only
 * (SignedIn: everyone else is sent to the login page). The dashboard and
 * the stage board join as pages of their own. Unlike react-admin's default,
 * the page does not grow wider than the window for a wide table: the table
 * scrolls inside its card instead.
 */
export const Layout = ({ children }: { children: ReactNode }) => (
  <SignedIn>
    <RaLayout appBar={AppBar} menu={Menu} sx={{ minWidth: 0, '& .RaLayout-content, & .RaList-main': { minWidth: 0 } }}>
      <DocumentLanguage />
      {children}
    </RaLayout>
  </SignedIn>
);
