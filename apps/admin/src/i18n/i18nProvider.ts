import polyglotI18nProvider from 'ra-i18n-polyglot';
import de from './de';
import en from './en';
import { DEFAULT_LOCALE, LOCALES } from './locales';

/**
 * Polyglot-based i18nProvider: German by default, English selectable in the
 * app bar's language menu (react-admin shows it because getLocales() returns
 * more than one locale, and remembers the choice in its store).
 * Both catalogues are small, so both are bundled; no lazy loading needed.
 */
export const i18nProvider = polyglotI18nProvider(
  (locale) => (locale === 'en' ? en : de),
  DEFAULT_LOCALE,
  LOCALES.map(({ locale, name }) => ({ locale, name })),
);
