import { Box, Typography } from '@mui/material';
import { email, Login, LoginForm, LocalesMenuButton, PasswordInput, required, TextInput, useTranslate } from 'react-admin';
import { DocumentLanguage } from '../layout/DocumentLanguage';

const validateEmail = [required(), email()];
const validatePassword = [required()];

/**
 * react-admin's login page and form, asking for the e-mail address (the
 * API's sign-in name) instead of a user name, with the language menu, so
 * the language can be chosen before signing in. A failed sign-in shows the
 * authProvider's message (wrong credentials, too many attempts, ...).
 */
export const LoginPage = () => {
  const translate = useTranslate();
  return (
    <Login>
      <DocumentLanguage />
      <Box component="header" sx={{ px: 2, textAlign: 'center' }}>
        <Typography component="h1" variant="h6">
          {translate('app.title')}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {translate('app.auth.sign_in_hint')}
        </Typography>
      </Box>
      <LoginForm>
        <TextInput
          autoFocus
          source="email"
          type="email"
          label="app.auth.email"
          autoComplete="username"
          validate={validateEmail}
        />
        <PasswordInput source="password" label="ra.auth.password" autoComplete="current-password" validate={validatePassword} />
      </LoginForm>
      <Box sx={{ display: 'flex', justifyContent: 'center', pb: 1 }}>
        <LocalesMenuButton />
      </Box>
    </Login>
  );
};
