import { neutralizeFormula } from '@efa/domain';

/**
 * Open data of the public rollout status (pure: no Nest, no database): CSV, JSON with its licence
 * metadata, a Frictionless Data Package describing the CSV, and an Atom 1.0 feed of go-lives. All
 * built from rows of `public_status` (the public module's in-memory copy), never from the rollout tables.
 */

/** One public row, exactly the published fields (nothing else ever reaches these files). */
export interface OpenDataRow {
  ozgId: string;
  serviceName: string;
  ars: string;
  authorityName: string;
  stateCode: string;
  stateName: string;
  status: 'LIVE' | 'PREPARING' | 'NOT_PLANNED';
  liveSince: string | null;
  applyUrl: string | null;
  plannedQuarter: string | null;
  updatedAt: string;
}

export interface OpenDataField {
  name: keyof OpenDataRow;
  type: 'string' | 'date' | 'datetime';
  description: string;
  descriptionDe: string;
  constraints?: { required?: boolean; enum?: string[]; pattern?: string };
}

/** The documented fields, in column order (CSV header = these names). */
export const OPEN_DATA_FIELDS: readonly OpenDataField[] = [
  { name: 'ozgId', type: 'string', description: 'OZG-ID (LeiKa-based id) of the online service', descriptionDe: 'OZG-ID der Leistung', constraints: { required: true } },
  { name: 'serviceName', type: 'string', description: 'Name of the online service', descriptionDe: 'Name der Leistung', constraints: { required: true } },
  { name: 'ars', type: 'string', description: 'Official regional key (Amtlicher Regionalschlüssel, 12 digits) of the authority', descriptionDe: 'Amtlicher Regionalschlüssel (ARS, 12 Stellen) der Behörde', constraints: { required: true, pattern: '^[0-9]{12}$' } },
  { name: 'authorityName', type: 'string', description: 'Name of the authority', descriptionDe: 'Name der Behörde', constraints: { required: true } },
  { name: 'stateCode', type: 'string', description: 'State (Land) code, e.g. RP', descriptionDe: 'Kürzel des Landes, z. B. RP', constraints: { required: true } },
  { name: 'stateName', type: 'string', description: 'Name of the state (Land)', descriptionDe: 'Name des Landes', constraints: { required: true } },
  { name: 'status', type: 'string', description: 'LIVE (applications online), PREPARING (onboarding under way) or NOT_PLANNED', descriptionDe: 'LIVE (online beantragbar), PREPARING (in Vorbereitung) oder NOT_PLANNED (noch nicht geplant)', constraints: { required: true, enum: ['LIVE', 'PREPARING', 'NOT_PLANNED'] } },
  { name: 'liveSince', type: 'date', description: 'Date since which the service is live at the authority (empty unless LIVE)', descriptionDe: 'Datum, seit dem die Leistung bei der Behörde online ist (leer außer bei LIVE)' },
  { name: 'applyUrl', type: 'string', description: 'Link to apply online at this authority, if configured', descriptionDe: 'Link zum Online-Antrag bei dieser Behörde, falls hinterlegt' },
  { name: 'plannedQuarter', type: 'string', description: 'Planned go-live quarter (e.g. 2027-Q1), only if the authority agreed to publish it', descriptionDe: 'Geplantes Quartal des Go-Live (z. B. 2027-Q1), nur wenn die Behörde der Veröffentlichung zugestimmt hat', constraints: { pattern: '^[0-9]{4}-Q[1-4]$' } },
  { name: 'updatedAt', type: 'datetime', description: 'When this row last changed (ISO 8601, UTC)', descriptionDe: 'Letzte Änderung dieser Zeile (ISO 8601, UTC)', constraints: { required: true } },
];

export const LICENSE = {
  name: 'CC-BY-4.0',
  title: 'Creative Commons Attribution 4.0 International',
  path: 'https://creativecommons.org/licenses/by/4.0/',
} as const;

export const ATTRIBUTION = {
  de: 'EfA Rollout – öffentlicher Anbindungsstatus der EfA-Online-Dienste, Lizenz CC BY 4.0',
  en: 'EfA Rollout – public rollout status of the EfA online services, licence CC BY 4.0',
} as const;

const FIELD_NAMES = OPEN_DATA_FIELDS.map((f) => f.name);

/** How status.csv guards against spreadsheet formulas (documented in the data package and README). */
export const CSV_FORMULA_NOTE =
  "Text values starting with =, +, -, @, a tab or a carriage return carry a leading apostrophe (') so that spreadsheets do not run them as formulas (as in the console's CSV export); drop it to get the original value, or use status.json, which carries the values unchanged. / Textwerte, die mit =, +, -, @, Tabulator oder Wagenrücklauf beginnen, erhalten ein vorangestelltes Apostroph ('), damit Tabellenkalkulationen sie nicht als Formel ausführen (wie der CSV-Export der Konsole); ohne dieses Zeichen ergibt sich der ursprüngliche Wert, status.json enthält die Werte unverändert.";

/** Only the allow-listed fields of a row, in the documented order (anything else a row carries is dropped). */
export function publicRecord(row: OpenDataRow): OpenDataRow {
  const out = {} as Record<string, unknown>;
  for (const name of FIELD_NAMES) out[name] = row[name] ?? null;
  return out as unknown as OpenDataRow;
}

/** A CSV field: formula-like text neutralised as in the console's export (libs/domain neutralizeFormula), then quoted per RFC 4180. */
function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = neutralizeFormula(String(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Frictionless Tabular Data Package describing status.csv (fields, primary key, licence). */
/** Paths are relative to the package's own URL (/public/v1/open-data/), as the Data Package spec allows. */
export function dataPackage(generatedAt: string): Record<string, unknown> {
  return {
    profile: 'tabular-data-package',
    name: 'efa-rollout-public-status',
    title: 'EfA Rollout: public rollout status / öffentlicher Anbindungsstatus',
    description: 'Per online service and authority: live since, in preparation (with the planned quarter if published) or not yet planned. / Je Leistung und Behörde: online seit, in Vorbereitung (mit geplantem Quartal, falls veröffentlicht) oder noch nicht geplant.',
    licenses: [LICENSE],
    attribution: ATTRIBUTION,
    created: generatedAt,
    resources: [
      {
        name: 'status',
        path: 'status.csv',
        profile: 'tabular-data-resource',
        format: 'csv',
        description: CSV_FORMULA_NOTE,
        mediatype: 'text/csv',
        encoding: 'utf-8',
        dialect: { delimiter: ',', lineTerminator: '\r\n', header: true, doubleQuote: true },
        licenses: [LICENSE],
        schema: {
          fields: OPEN_DATA_FIELDS.map((f) => ({ name: f.name, type: f.type, description: f.description, 'x-description-de': f.descriptionDe, ...(f.constraints ? { constraints: f.constraints } : {}) })),
          primaryKey: ['ozgId', 'ars'],
          missingValues: [''],
        },
      },
      {
        name: 'status-json',
        path: 'status.json',
        format: 'json',
        mediatype: 'application/json',
        licenses: [LICENSE],
      },
    ],
  };
}

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

const FEED_TEXT = {
  de: {
    title: 'EfA-Online-Dienste: neue Go-Lives',
    subtitle: 'Behörden, bei denen ein EfA-Online-Dienst neu online beantragt werden kann.',
    entry: (r: OpenDataRow) => `${r.serviceName}: jetzt online bei ${r.authorityName}`,
    summary: (r: OpenDataRow, date: string) => `Seit dem ${date} können Sie „${r.serviceName}“ bei ${r.authorityName} (${r.stateName}) online beantragen.`,
    date: (iso: string) => iso.split('-').reverse().join('.'),
  },
  en: {
    title: 'EfA online services: new go-lives',
    subtitle: 'Authorities where an EfA online service has newly become available online.',
    entry: (r: OpenDataRow) => `${r.serviceName}: now online at ${r.authorityName}`,
    summary: (r: OpenDataRow, date: string) => `Since ${date} you can apply for "${r.serviceName}" online with ${r.authorityName} (${r.stateName}).`,
    date: (iso: string) => iso,
  },
} as const;

/** The newest go-lives first: LIVE rows by live date, then by last change. */
export function newestGoLives(rows: readonly OpenDataRow[], limit = 50): OpenDataRow[] {
  const live = rows.filter((r) => r.status === 'LIVE' && r.liveSince);
  live.sort((a, b) => (b.liveSince! < a.liveSince! ? -1 : b.liveSince! > a.liveSince! ? 1 : b.updatedAt < a.updatedAt ? -1 : b.updatedAt > a.updatedAt ? 1 : 0));
  return live.slice(0, limit);
}

/** Atom 1.0 (RFC 4287) feed of the newest go-lives. `pageUrl(row)` links the public status page of a row. */
export function goLivesAtom(rows: readonly OpenDataRow[], lang: 'de' | 'en', base: string, generatedAt: string, pageUrl: (row: OpenDataRow) => string): string {
  const t = FEED_TEXT[lang];
  const entries = newestGoLives(rows);
  const updated = entries.reduce((max, r) => (r.updatedAt > max ? r.updatedAt : max), entries[0]?.updatedAt ?? generatedAt);
  const self = `${base}/public/v1/feeds/go-lives.atom${lang === 'en' ? '?lang=en' : ''}`;
  const out = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${lang}">`,
    `  <id>urn:efa-rollout:feed:go-lives:${lang}</id>`,
    `  <title>${xml(t.title)}</title>`,
    `  <subtitle>${xml(t.subtitle)}</subtitle>`,
    `  <updated>${xml(new Date(updated).toISOString())}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${xml(self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xml(`${base}/public/${lang}`)}"/>`,
    `  <author><name>EfA Rollout</name></author>`,
    `  <rights>${xml(ATTRIBUTION[lang])} (${LICENSE.path})</rights>`,
    `  <generator>EfA Rollout</generator>`,
  ];
  for (const r of entries) {
    const page = pageUrl(r);
    out.push(
      '  <entry>',
      `    <id>urn:efa-rollout:go-live:${xml(r.ozgId)}:${xml(r.ars)}:${xml(r.liveSince!)}</id>`,
      `    <title>${xml(t.entry(r))}</title>`,
      `    <updated>${xml(new Date(r.updatedAt).toISOString())}</updated>`,
      `    <published>${xml(r.liveSince!)}T00:00:00Z</published>`,
      `    <link rel="alternate" type="text/html" href="${xml(page)}"/>`,
      ...(r.applyUrl && /^https?:\/\//i.test(r.applyUrl) ? [`    <link rel="related" type="text/html" href="${xml(r.applyUrl)}"/>`] : []),
      `    <category term="${xml(r.stateCode)}" label="${xml(r.stateName)}"/>`,
      `    <summary>${xml(t.summary(r, t.date(r.liveSince!)))}</summary>`,
      '  </entry>',
    );
  }
  out.push('</feed>', '');
  return out.join('\n');
}

/** The server-rendered public status page of one service at one authority. */
export function publicPagePath(ozgId: string, ars: string, lang: 'de' | 'en' = 'de'): string {
  return `/public/${lang}/services/${encodeURIComponent(ozgId)}/authorities/${encodeURIComponent(ars)}`;
}

/** CSV in chunks of rows (the generator keeps a national-size file out of one string). */
export function* statusCsvChunks(rows: readonly OpenDataRow[], batch = 2000): Generator<string> {
  yield FIELD_NAMES.join(',') + '\r\n';
  for (let i = 0; i < rows.length; i += batch) {
    yield rows
      .slice(i, i + batch)
      .map((row) => FIELD_NAMES.map((n) => csvCell(row[n])).join(',') + '\r\n')
      .join('');
  }
}

/** The JSON file in chunks: the metadata, then the records. */
export function* statusJsonChunks(rows: readonly OpenDataRow[], generatedAt: string, batch = 2000): Generator<string> {
  const head = JSON.stringify({
    title: 'EfA Rollout: public rollout status',
    license: LICENSE,
    attribution: ATTRIBUTION,
    generatedAt,
    source: '/public/v1/open-data/status.json',
    fields: OPEN_DATA_FIELDS,
    count: rows.length,
  });
  yield head.slice(0, -1) + ',"records":[';
  for (let i = 0; i < rows.length; i += batch) {
    yield (i > 0 ? ',' : '') + rows.slice(i, i + batch).map((r) => JSON.stringify(publicRecord(r))).join(',');
  }
  yield ']}';
}
