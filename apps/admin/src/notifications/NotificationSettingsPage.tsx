import { Alert, Button, Card, CardContent, FormControl, FormControlLabel, FormLabel, Radio, RadioGroup, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { Loading, Title, useDataProvider, useNotify, useTranslate } from 'react-admin';
import { useCustomQuery } from '../common/useCustomQuery';
import { useIntlLocale } from '../common/useIntlLocale';
import type { MailMode, NotificationDataProvider } from './notificationApi';

const MODES: Array<{ value: MailMode; label: string }> = [
  { value: 'OFF', label: 'notifications.settings.mail_off' },
  { value: 'IMMEDIATE', label: 'notifications.settings.mail_immediate' },
  { value: 'WEEKLY_DIGEST', label: 'notifications.settings.mail_digest' },
];

/** The signed-in user's notification settings: mail mode, language, the calendar feed address. */
const NotificationSettingsPage = () => {
  const dataProvider = useDataProvider<NotificationDataProvider>();
  const translate = useTranslate();
  const notify = useNotify();
  const locale = useIntlLocale();
  const { data, isPending, reload } = useCustomQuery('settings', () => dataProvider.getNotificationSettings());
  const [feedUrl, setFeedUrl] = useState<string | null>(null);
  // The choice shows at once; the saved settings replace it when they arrive.
  const [chosen, setChosen] = useState<{ mailMode?: MailMode; language?: 'de' | 'en' }>({});
  if (isPending && !data) return <Loading />;
  if (!data) return null;
  const save = async (patch: { mailMode?: MailMode; language?: 'de' | 'en' }) => {
    setChosen((c) => ({ ...c, ...patch }));
    await dataProvider.updateNotificationSettings(patch);
    notify('notifications.settings.saved', { type: 'info' });
    reload();
  };
  const regenerate = async () => {
    setFeedUrl((await dataProvider.regenerateCalendarToken()).data.url);
    reload();
  };
  const revoke = async () => {
    await dataProvider.revokeCalendarToken();
    setFeedUrl(null);
    notify('notifications.settings.calendar_revoked', { type: 'info' });
    reload();
  };
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <Card sx={{ mt: 2 }}>
      <Title title="notifications.settings.title" />
      <CardContent>
        <Stack spacing={3} sx={{ maxWidth: 720 }}>
          {!data.mailEnabled && <Alert severity="info">{translate('notifications.settings.mail_disabled')}</Alert>}
          <FormControl>
            <FormLabel id="mail-mode">{translate('notifications.settings.mail_mode')}</FormLabel>
            <RadioGroup aria-labelledby="mail-mode" value={chosen.mailMode ?? data.mailMode} onChange={(e) => save({ mailMode: e.target.value as MailMode })}>
              {MODES.map((m) => (
                <FormControlLabel key={m.value} value={m.value} control={<Radio />} label={translate(m.label)} />
              ))}
            </RadioGroup>
          </FormControl>
          <FormControl>
            <FormLabel id="mail-language">{translate('notifications.settings.language')}</FormLabel>
            <RadioGroup row aria-labelledby="mail-language" value={chosen.language ?? data.language} onChange={(e) => save({ language: e.target.value as 'de' | 'en' })}>
              <FormControlLabel value="de" control={<Radio />} label="Deutsch" />
              <FormControlLabel value="en" control={<Radio />} label="English" />
            </RadioGroup>
          </FormControl>
          <Stack spacing={1}>
            <Typography variant="h6" component="h2">
              {translate('notifications.settings.calendar')}
            </Typography>
            <Typography variant="body2" color="text.secondary">
              {translate('notifications.settings.calendar_hint')}
            </Typography>
            <Typography variant="body2">
              {data.calendarFeedActive
                ? translate('notifications.settings.calendar_active', { date: data.calendarTokenCreatedAt ? date.format(new Date(data.calendarTokenCreatedAt)) : '' })
                : translate('notifications.settings.calendar_none')}
            </Typography>
            {feedUrl && <TextField label={translate('notifications.settings.calendar_url')} value={feedUrl} slotProps={{ input: { readOnly: true } }} fullWidth data-testid="calendar-url" />}
            <Stack direction="row" spacing={1}>
              <Button variant="outlined" onClick={regenerate}>
                {translate('notifications.settings.calendar_new')}
              </Button>
              <Button color="error" onClick={revoke} disabled={!data.calendarFeedActive}>
                {translate('notifications.settings.calendar_revoke')}
              </Button>
            </Stack>
          </Stack>
        </Stack>
      </CardContent>
    </Card>
  );
};

export default NotificationSettingsPage;
