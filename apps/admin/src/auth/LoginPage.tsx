import { Box, Button, Divider, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { email, Login, LoginForm, LocalesMenuButton, PasswordInput, required, TextInput, useInput, useTranslate } from 'react-admin';
import { DocumentLanguage } from '../layout/DocumentLanguage';

const validateEmail = [required(), email()];
const validatePassword = [required()];

/** GET /auth/config: what the sign-in page offers. */
interface AuthConfig {
  oidc: boolean;
  loginUrl: string | null;
  demoAccounts: { email: string; role: string; password: string; displayName: string }[];
}

function useAuthConfig(): AuthConfig | undefined {
  const [config, setConfig] = useState<AuthConfig>();
  useEffect(() => {
    let current = true;
    fetch('/auth/config', { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then((res) => (res.ok ? (res.json() as Promise<AuthConfig>) : undefined))
      .then((value) => current && value && setConfig(value))
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, []);
  return config;
}

const DEMO_CLASS = 'EfaLogin-demoAccounts';

/**
 * With demo accounts, the form's content is a grid: e-mail, password and the
 * sign-in button in the first column, the demo accounts beside them on wider
 * screens and below the button on narrow ones (the button comes first).
 */
const twoColumns = {
  '& .RaLoginForm-content': {
    width: 'auto',
    display: 'grid',
    gridTemplateColumns: { xs: '1fr', md: '300px minmax(0, 1fr)' },
    columnGap: 4,
    alignItems: 'start',
  },
  '& .RaLoginForm-content > *': { gridColumn: 1 },
  [`& .RaLoginForm-content > .${DEMO_CLASS}`]: {
    gridColumn: { xs: 1, md: 2 },
    gridRow: { md: '1 / span 3' },
    order: { xs: 1, md: 0 },
    mt: { xs: 3, md: 0 },
    pl: { md: 3 },
    borderLeft: { md: 1 },
    borderColor: { md: 'divider' },
  },
};

/** The embedded demo's accounts: a click fills in the form. Inside the form (it needs the form's context). */
const DemoAccounts = ({ accounts }: { accounts: AuthConfig['demoAccounts'] }) => {
  const translate = useTranslate();
  // Second controllers of the form's own fields: a click sets both (no own inputs rendered).
  const emailInput = useInput({ source: 'email', validate: validateEmail });
  const passwordInput = useInput({ source: 'password', validate: validatePassword });
  const fill = (account: AuthConfig['demoAccounts'][number]) => {
    emailInput.field.onChange(account.email);
    passwordInput.field.onChange(account.password);
  };
  return (
    <Box component="section" aria-labelledby="demo-accounts-title" className={DEMO_CLASS}>
      <Typography id="demo-accounts-title" component="h2" variant="subtitle2">
        {translate('crud.login.demo_title')}
      </Typography>
      <Typography variant="caption" color="text.secondary">
        {translate('crud.login.demo_hint')}
      </Typography>
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>{translate('crud.login.demo_role')}</TableCell>
            <TableCell>{translate('app.auth.email')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {accounts.map((a) => (
            <TableRow
              key={a.email}
              hover
              tabIndex={0}
              sx={{ cursor: 'pointer' }}
              onClick={() => fill(a)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault();
                  fill(a);
                }
              }}
            >
              <TableCell>{translate(`app.enum.Role.${a.role}`, { _: a.role })}</TableCell>
              <TableCell sx={{ wordBreak: 'break-all', fontSize: '0.8rem' }}>{a.email}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
};

/**
 * react-admin's login page and form, asking for the e-mail address (the
 * API's sign-in name) instead of a user name, with the language menu, so
 * the language can be chosen before signing in. A failed sign-in shows the
 * authProvider's message (wrong credentials, too many attempts, ...).
 * GET /auth/config adds a single-sign-on link (a link, not a form: the
 * CSP allows forms to post only to the console itself) and, in the
 * embedded demo, the demo accounts.
 */
export const LoginPage = () => {
  const translate = useTranslate();
  const config = useAuthConfig();
  const demoAccounts = config?.demoAccounts ?? [];
  return (
    <Login sx={demoAccounts.length > 0 ? { '& .RaLogin-card': { width: { xs: 360, md: 820 }, maxWidth: 'calc(100% - 16px)' } } : undefined}>
      <DocumentLanguage />
      <Box component="header" sx={{ px: 2, textAlign: 'center' }}>
        <Typography component="h1" variant="h6">
          {translate('app.title')}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {translate('app.auth.sign_in_hint')}
        </Typography>
      </Box>
      <LoginForm sx={demoAccounts.length > 0 ? twoColumns : undefined}>
        <TextInput
          autoFocus
          source="email"
          type="email"
          label="app.auth.email"
          autoComplete="username"
          validate={validateEmail}
        />
        <PasswordInput source="password" label="ra.auth.password" autoComplete="current-password" validate={validatePassword} />
        {demoAccounts.length > 0 ? <DemoAccounts accounts={demoAccounts} /> : null}
      </LoginForm>
      {config?.oidc && config.loginUrl ? (
        <Box sx={{ px: 2, pb: 2 }}>
          <Divider sx={{ mb: 2 }}>{translate('crud.login.or')}</Divider>
          <Button component="a" href={config.loginUrl} variant="outlined" fullWidth>
            {translate('crud.login.sso')}
          </Button>
        </Box>
      ) : null}
      <Box sx={{ display: 'flex', justifyContent: 'center', pb: 1 }}>
        <LocalesMenuButton />
      </Box>
    </Login>
  );
};
