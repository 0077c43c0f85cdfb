import { useLocaleState } from 'react-admin';
import { DEFAULT_LOCALE, INTL_LOCALES, isAppLocale } from '../i18n/locales';

/** The Intl locale tag (de-DE, en-GB) for the language chosen in the app bar. */
export function useIntlLocale(): string {
  const [locale] = useLocaleState();
  return INTL_LOCALES[isAppLocale(locale) ? locale : DEFAULT_LOCALE];
}
