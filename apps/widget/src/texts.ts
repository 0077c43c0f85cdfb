/** The component's texts, German (formal, default) and English. */
export type WidgetLang = 'de' | 'en';

export interface WidgetTexts {
  loading: string;
  live: string;
  preparing: string;
  notPlanned: string;
  liveMessage: (authority: string, date: string | null) => string;
  preparingMessage: (authority: string) => string;
  planned: (quarter: string) => string;
  notPlannedMessage: (authority: string) => string;
  apply: string;
  applyHint: string;
  notFound: string;
  notFoundMessage: string;
  error: string;
  errorMessage: string;
  retry: string;
  missing: string;
  service: string;
}

export const TEXTS: Record<WidgetLang, WidgetTexts> = {
  de: {
    loading: 'Status wird geladen …',
    live: 'Online verfügbar',
    preparing: 'In Vorbereitung',
    notPlanned: 'Noch nicht geplant',
    liveMessage: (a, d) => (d ? `Sie können diese Leistung bei ${a} seit dem ${d} online beantragen.` : `Sie können diese Leistung bei ${a} online beantragen.`),
    preparingMessage: (a) => `Der Online-Dienst wird bei ${a} vorbereitet.`,
    planned: (q) => `Geplanter Start: ${q}`,
    notPlannedMessage: (a) => `Für ${a} ist der Online-Dienst noch nicht geplant.`,
    apply: 'Jetzt online beantragen',
    applyHint: '(öffnet den Online-Dienst)',
    notFound: 'Nicht gefunden',
    notFoundMessage: 'Für diese Leistung und Behörde liegt kein Status vor. Bitte prüfen Sie die Angaben.',
    error: 'Status nicht verfügbar',
    errorMessage: 'Der Status konnte gerade nicht geladen werden.',
    retry: 'Erneut versuchen',
    missing: 'Die Angaben „service“ und „authority-ars“ fehlen.',
    service: 'Leistung',
  },
  en: {
    loading: 'Loading status …',
    live: 'Available online',
    preparing: 'In preparation',
    notPlanned: 'Not yet planned',
    liveMessage: (a, d) => (d ? `You can apply for this service online with ${a} since ${d}.` : `You can apply for this service online with ${a}.`),
    preparingMessage: (a) => `The online service is being prepared at ${a}.`,
    planned: (q) => `Planned start: ${q}`,
    notPlannedMessage: (a) => `The online service is not yet planned for ${a}.`,
    apply: 'Apply online now',
    applyHint: '(opens the online service)',
    notFound: 'Not found',
    notFoundMessage: 'There is no status for this service and authority. Please check the details.',
    error: 'Status unavailable',
    errorMessage: 'The status could not be loaded just now.',
    retry: 'Try again',
    missing: 'The attributes "service" and "authority-ars" are missing.',
    service: 'Service',
  },
};

/** `2026-03-12` → `12.03.2026` (de) / `12 March 2026` (en); anything else unchanged. */
export function formatDate(iso: string | null, lang: WidgetLang): string | null {
  if (!iso) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(lang === 'de' ? 'de-DE' : 'en-GB', { day: lang === 'de' ? '2-digit' : 'numeric', month: lang === 'de' ? '2-digit' : 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** `2027-Q1` → `1. Quartal 2027` (de) / `Q1 2027` (en). */
export function formatQuarter(quarter: string, lang: WidgetLang): string {
  const m = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (!m) return quarter;
  return lang === 'de' ? `${m[2]}. Quartal ${m[1]}` : `Q${m[2]} ${m[1]}`;
}

/** The language of the element: its `lang` attribute, else the nearest ancestor's, else German. */
export function pickLang(value: string | null | undefined): WidgetLang {
  return (value ?? '').toLowerCase().startsWith('en') ? 'en' : 'de';
}
