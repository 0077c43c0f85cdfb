/** Languages of the console. German is the default, English the second. */
export const LOCALES = [
  { locale: 'de', name: 'Deutsch' },
  { locale: 'en', name: 'English' },
] as const;

export type AppLocale = (typeof LOCALES)[number]['locale'];

export const DEFAULT_LOCALE: AppLocale = 'de';

/** Locale tags for Intl number and date formatting. */
export const INTL_LOCALES: Record<AppLocale, string> = {
  de: 'de-DE',
  en: 'en-GB',
};

export function isAppLocale(value: unknown): value is AppLocale {
  return LOCALES.some((l) => l.locale === value);
}

/**
 * The locale the user last chose in the app bar's language menu, as
 * react-admin's default localStorage store keeps it ("RaStore.locale"),
 * so that screens shown before react-admin starts speak the same language.
 */
export function storedLocale(): AppLocale {
  try {
    const raw = globalThis.localStorage?.getItem('RaStore.locale');
    const value: unknown = raw ? JSON.parse(raw) : undefined;
    return isAppLocale(value) ? value : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}
