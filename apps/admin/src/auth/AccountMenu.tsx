import { Box, Divider, Typography } from '@mui/material';
import { Logout, useGetIdentity, useGetOne, UserMenu, useTranslate } from 'react-admin';
import type { ConsoleIdentity } from '../authProvider';
import type { StateRecord } from '../types';

/** Message key of a role's name ("Landeskoordination"). */
export const roleLabelKey = (role: string) => `app.enum.Role.${role}`;

/** Who is signed in: name, e-mail address, role, and a coordinator's state. */
const AccountSummary = () => {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const user = identity as ConsoleIdentity | undefined;
  const { data: state } = useGetOne<StateRecord>('State', { id: user?.stateId ?? '' }, { enabled: Boolean(user?.stateId) });
  if (!user) return null;
  const role = translate(roleLabelKey(user.role), { _: user.role });
  return (
    <Box role="none" className="EfaAccountSummary" sx={{ px: 2, pt: 1, pb: 1.5, minWidth: 220 }}>
      <Typography variant="caption" color="text.secondary" component="p">
        {translate('app.auth.signed_in_as')}
      </Typography>
      <Typography variant="subtitle2" component="p">
        {user.fullName}
      </Typography>
      <Typography variant="body2" color="text.secondary" component="p">
        {user.email}
      </Typography>
      <Typography variant="body2" component="p" data-role={user.role}>
        {state ? `${role} · ${state.name}` : role}
        {user.isDemo ? ` (${translate('app.auth.demo_account')})` : ''}
      </Typography>
    </Box>
  );
};

/** The app bar's user menu: the signed-in user (the button shows the name) and sign-out. */
export const AccountMenu = () => (
  <UserMenu>
    <AccountSummary />
    <Divider />
    <Logout />
  </UserMenu>
);
