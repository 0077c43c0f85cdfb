/**
 * The monthly steering report as data: titled sections of typed columns and rows. The XLSX and
 * HTML renderers turn any section into a worksheet or a table, so a new section (cost shares)
 * needs no renderer change.
 */
export type ReportValue = string | number | Date | null;

export interface ReportColumn {
  key: string;
  label: string;
  /** int, percent (0..1), share (0..1, finer), euro (amount in EUR), days (decimal), date (YYYY-MM-DD), dateTime (a moment), text; byRow: the row's `kind` value says. */
  kind: ValueKind | 'byRow';
}

export type ValueKind = 'text' | 'int' | 'percent' | 'share' | 'euro' | 'days' | 'date' | 'dateTime';

/** The kind of one cell. */
export const kindOf = (column: ReportColumn, row: Record<string, ReportValue>): ValueKind => (column.kind === 'byRow' ? ((row.kind as ValueKind | null) ?? 'text') : column.kind);

export interface ReportSection {
  /** Stable key (tests, anchors). */
  key: string;
  /** German heading; also the worksheet name (at most 31 characters). */
  title: string;
  note?: string;
  columns: ReportColumn[];
  rows: Array<Record<string, ReportValue>>;
}

export interface MonthlyReport {
  serviceId: string;
  serviceName: string;
  /** The report's moment and the previous report's (changes are counted between them). */
  asOf: Date;
  since: Date;
  /** Their calendar dates in Europe/Berlin, YYYY-MM-DD. */
  asOfDate: string;
  sinceDate: string;
  generatedAt: Date;
  sections: ReportSection[];
}

/** German labels of the codes the report shows. */
export const LABELS = {
  contract: { NONE: 'kein Vertrag', INTEREST_DECLARED: 'Interesse bekundet', NEGOTIATING: 'in Verhandlung', SIGNED: 'unterzeichnet', TERMINATED: 'beendet' },
  category: { ORGANISATIONAL: 'organisatorisch', SUBJECT_MATTER: 'fachlich', TECHNICAL: 'technisch', LEGAL: 'rechtlich', FINANCIAL: 'finanziell' },
  severity: { BLOCKING: 'blockierend', DELAYING: 'verzögernd', INFO: 'Hinweis' },
  variant: { EFA_REUSE: 'EfA-Nachnutzung', OWN_FORM: 'Eigenes Formular', EXISTING_STATE_SOLUTION: 'Bestehende Landeslösung', NONE_PLANNED: 'Keine geplant' },
  reason: { NO_CONTRACT: 'kein Vertrag', NOT_SIGNED: 'Vertrag nicht unterzeichnet', SIGNED_LATER: 'erst nach dem Jahr unterzeichnet', TERMINATED_BEFORE: 'vor dem Jahr beendet', ZERO_IN_KEY: '0 im Schlüssel' },
  legalRoute: { FIT_STORE: 'FIT-Store', GOVDIGITAL_MARKETPLACE: 'govdigital-Marktplatz', MUNICIPAL_AGENT_MODEL: 'Kommunales Vertretermodell', ADMINISTRATIVE_AGREEMENT: 'Verwaltungsvereinbarung' },
} as const;

export const label = (group: keyof typeof LABELS, code: string | null | undefined): string | null =>
  code == null ? null : ((LABELS[group] as Record<string, string>)[code] ?? code);

/** 31.08.2023 */
export const germanDate = (isoDate: string) => `${isoDate.slice(8, 10)}.${isoDate.slice(5, 7)}.${isoDate.slice(0, 4)}`;
