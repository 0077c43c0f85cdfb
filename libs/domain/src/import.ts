/**
 * Spreadsheet import, the pure part: detecting encoding and delimiter,
 * parsing German and ISO values, suggesting and checking the column mapping,
 * matching rows to authorities (ARS, else name within the state), turning a
 * row into field values and comparing them with the stored record. Reading
 * files and writing records is the API's job (apps/api/src/import).
 */
import { AuthorityKind, AuthorityLevel } from './enums.js';
import type { FieldIssue } from './errors.js';
import { ARS_PATTERN } from './identifiers.js';
import { issueAt, type IssueCode, type MessageParams } from './messages.js';
import { STATES, stateByArsPrefix } from './states.js';

/**
 * What a spreadsheet can import into. A new target is: its name here, its
 * fields in IMPORT_FIELDS (German and English header synonyms), its key
 * fields in IMPORT_KEY_FIELDS, a pure row reader in the domain, and a
 * `TargetImporter` in apps/api/src/import (see importer.ts there).
 */
export const IMPORT_TARGETS = ['authorities', 'onboardings', 'jira', 'contracts', 'contacts'] as const;
export type ImportTarget = (typeof IMPORT_TARGETS)[number];

/** A cell as a reader hands it over: CSV gives text, XLSX also numbers and dates. */
export type RawValue = string | number | Date | boolean | null | undefined;

/** Which field each column feeds (header → field key); null or a missing header = ignored. */
export type ColumnMapping = Record<string, string | null>;

export interface ImportField {
  key: string;
  /** Header names that map to this field, compared after `foldText`. */
  synonyms: readonly string[];
  /** The record's field this one writes, when it is not `key` (the column `state` writes `stateId`): issues of that field are reported at this column. */
  recordField?: string;
  /** Several columns may feed it (Jira's repeated "Comment" columns, read as "Comment", "Comment (2)", …). */
  repeatable?: boolean;
}

/** The fields of an authority an import can fill, with German and English header names. */
export const AUTHORITY_IMPORT_FIELDS: readonly ImportField[] = [
  { key: 'ars', synonyms: ['ars', 'regionalschluessel', 'amtlicher regionalschluessel', 'regional key', 'regionalkey', 'official regional key'] },
  { key: 'name', synonyms: ['name', 'behoerde', 'bezeichnung', 'behoerdenname', 'auslaenderbehoerde', 'abh', 'authority', 'authority name', 'kommune', 'landkreis kreisfreie stadt'] },
  { key: 'state', recordField: 'stateId', synonyms: ['land', 'bundesland', 'state', 'federal state', 'laenderkuerzel', 'state code'] },
  { key: 'kind', synonyms: ['art', 'behoerdenart', 'typ', 'kind', 'type', 'authority kind'] },
  { key: 'level', synonyms: ['ebene', 'verwaltungsebene', 'gebietskoerperschaft', 'level', 'administrative level'] },
  { key: 'population', synonyms: ['einwohner', 'einwohnerzahl', 'bevoelkerung', 'population', 'inhabitants', 'residents'] },
  { key: 'specialistSystem', recordField: 'specialistSystemId', synonyms: ['fachverfahren', 'fachverfahren produkt', 'software', 'specialist system', 'specialist software', 'case management system'] },
  { key: 'website', synonyms: ['website', 'webseite', 'internetseite', 'homepage', 'url', 'web'] },
  { key: 'email', synonyms: ['e mail', 'email', 'mail', 'e mail adresse', 'email address', 'kontakt e mail', 'contact email'] },
  { key: 'notes', synonyms: ['notizen', 'bemerkung', 'bemerkungen', 'anmerkungen', 'notes', 'remarks', 'comment', 'comments'] },
];

/** Columns recognised but not imported into authorities (they belong to the contacts target). */
const CONTACT_SYNONYMS = ['telefon', 'tel', 'phone', 'telephone', 'ansprechpartner', 'kontakt', 'contact', 'contact person', 'ansprechperson'];

/** The fields of the onboarding status target (import-onboardings.ts reads them), with German and English header names. */
export const ONBOARDING_IMPORT_FIELDS: readonly ImportField[] = [
  { key: 'ars', synonyms: ['ars', 'regionalschluessel', 'amtlicher regionalschluessel', 'regional key', 'official regional key'] },
  { key: 'authority', synonyms: ['behoerde', 'auslaenderbehoerde', 'abh', 'authority', 'authority name', 'kommune', 'name', 'behoerdenname'] },
  { key: 'state', synonyms: ['land', 'bundesland', 'state', 'federal state', 'state code'] },
  { key: 'service', synonyms: ['leistung', 'onlinedienst', 'online dienst', 'efa leistung', 'ozg leistung', 'service', 'online service', 'dienst'] },
  { key: 'stage', synonyms: ['phase', 'stufe', 'stage', 'anbindungsphase', 'pipeline stage', 'onboarding stage'] },
  { key: 'status', synonyms: ['status', 'anbindungsstatus', 'onboarding status', 'zustand'] },
  { key: 'plannedGoLive', synonyms: ['geplanter go live', 'go live geplant', 'geplantes go live', 'geplanter livegang', 'plandatum go live', 'planned go live', 'go live planned', 'planned go live date'] },
  { key: 'liveAt', synonyms: ['go live', 'live seit', 'live am', 'livegang', 'go live datum', 'produktivstart', 'live date', 'live since', 'went live', 'go live date'] },
  { key: 'owner', synonyms: ['verantwortlich', 'zustaendig', 'zustaendigkeit', 'owner', 'bearbeitung', 'rollout verantwortlich', 'responsible'] },
  { key: 'jiraKey', synonyms: ['jira', 'jira key', 'jira schluessel', 'jira ticket', 'jira vorgang', 'ticket', 'issue key', 'vorgang'] },
  { key: 'applyUrl', synonyms: ['antragslink', 'antrags url', 'antragsseite', 'link zum antrag', 'online antrag', 'apply url', 'application url', 'apply link'] },
];

/**
 * The columns of a Jira CSV export ("Export CSV (all fields)", English or
 * German column names) an import reads; custom fields naming the authority,
 * the service and the state ("Custom field (Behörde)") are suggested too.
 * The Jira-specific rest (status → stage, summary pattern) is the Jira
 * mapping (jira.ts).
 */
export const JIRA_IMPORT_FIELDS: readonly ImportField[] = [
  { key: 'jiraKey', synonyms: ['issue key', 'vorgangsschluessel', 'schluessel'] },
  { key: 'summary', synonyms: ['summary', 'zusammenfassung'] },
  { key: 'status', synonyms: ['status'] },
  { key: 'resolution', synonyms: ['resolution', 'loesung'] },
  { key: 'created', synonyms: ['created', 'erstellt'] },
  { key: 'updated', synonyms: ['updated', 'aktualisiert'] },
  { key: 'resolved', synonyms: ['resolved', 'erledigt', 'geloest'] },
  { key: 'plannedGoLive', synonyms: ['due date', 'faelligkeitsdatum', 'faellig am'] },
  { key: 'authority', synonyms: ['custom field behoerde', 'benutzerdefiniertes feld behoerde', 'custom field auslaenderbehoerde', 'benutzerdefiniertes feld auslaenderbehoerde', 'custom field abh', 'benutzerdefiniertes feld abh', 'custom field authority', 'benutzerdefiniertes feld authority', 'custom field kommune', 'benutzerdefiniertes feld kommune', 'custom field organisation', 'benutzerdefiniertes feld organisation'] },
  { key: 'service', synonyms: ['custom field leistung', 'benutzerdefiniertes feld leistung', 'custom field efa leistung', 'benutzerdefiniertes feld efa leistung', 'custom field onlinedienst', 'benutzerdefiniertes feld onlinedienst', 'custom field service', 'benutzerdefiniertes feld service', 'custom field online service', 'benutzerdefiniertes feld online service'] },
  { key: 'state', synonyms: ['custom field land', 'benutzerdefiniertes feld land', 'custom field bundesland', 'benutzerdefiniertes feld bundesland', 'custom field state', 'benutzerdefiniertes feld state'] },
  { key: 'owner', synonyms: [] },
  { key: 'comment', repeatable: true, synonyms: ['comment', 'kommentar', 'comment body'] },
];

const STATE_SYNONYMS = ['land', 'bundesland', 'state', 'federal state', 'laenderkuerzel', 'state code'];
const SERVICE_SYNONYMS = ['leistung', 'onlinedienst', 'online dienst', 'ozg leistung', 'efa leistung', 'efa onlinedienst', 'dienst', 'service', 'online service', 'ozg service', 'ozg id', 'leika', 'leika schluessel'];
const NOTES_SYNONYMS = ['notizen', 'bemerkung', 'bemerkungen', 'anmerkungen', 'notes', 'remarks', 'comment', 'comments'];

/**
 * The fields of a reuse contract (state × service) an import can fill: the
 * status and its lifecycle dates, legal route, municipal access, notes, and
 * the reason written to the history with a change of status (required to
 * terminate).
 */
export const CONTRACT_IMPORT_FIELDS: readonly ImportField[] = [
  { key: 'state', recordField: 'stateId', synonyms: STATE_SYNONYMS },
  { key: 'service', recordField: 'serviceId', synonyms: SERVICE_SYNONYMS },
  { key: 'status', synonyms: ['status', 'vertragsstatus', 'vertragsstand', 'stand des vertrags', 'contract status'] },
  { key: 'interestDeclaredAt', synonyms: ['interessensbekundung', 'interessenbekundung', 'interesse bekundet', 'interesse bekundet am', 'interessensbekundung am', 'datum interessensbekundung', 'interest declared', 'interest declared at', 'interest declared on', 'interest'] },
  { key: 'negotiationStartedAt', synonyms: ['verhandlung', 'verhandlungsbeginn', 'verhandlung seit', 'in verhandlung seit', 'verhandlung begonnen', 'beginn verhandlung', 'negotiation started', 'negotiation started at', 'negotiation start', 'negotiating since'] },
  { key: 'signedAt', synonyms: ['unterzeichnet', 'unterzeichnet am', 'unterzeichnung', 'datum unterzeichnung', 'beitritt', 'beitritt am', 'signed', 'signed at', 'signed on', 'signing date'] },
  { key: 'terminatedAt', synonyms: ['beendet', 'beendet am', 'gekuendigt', 'gekuendigt am', 'kuendigung', 'vertragsende', 'terminated', 'terminated at', 'terminated on', 'end date'] },
  { key: 'legalRoute', synonyms: ['rechtsweg', 'vertragsweg', 'beschaffungsweg', 'rechtsform', 'legal route', 'contract route'] },
  { key: 'municipalAccess', synonyms: ['kommunaler zugang', 'zugang kommunen', 'zugang der kommunen', 'weitergabe an kommunen', 'kommunalmodell', 'municipal access', 'municipal access model'] },
  { key: 'notes', synonyms: NOTES_SYNONYMS },
  { key: 'reason', synonyms: ['grund', 'begruendung', 'kuendigungsgrund', 'anlass', 'reason', 'termination reason'] },
];

/**
 * The contact data the model keeps (no persons are invented): an authority's
 * general e-mail address and website, and per service the subject-matter and
 * the technical contact of its onboarding (free text, typically a role
 * mailbox such as "Sachgebiet Aufenthalt, auslaenderbehoerde@example.org").
 * The authority is matched as in the authorities target (never created).
 */
export const CONTACT_IMPORT_FIELDS: readonly ImportField[] = [
  { key: 'ars', synonyms: ['ars', 'regionalschluessel', 'amtlicher regionalschluessel', 'regional key', 'regionalkey', 'official regional key'] },
  { key: 'name', synonyms: ['name', 'behoerde', 'bezeichnung', 'behoerdenname', 'auslaenderbehoerde', 'abh', 'authority', 'authority name', 'kommune'] },
  { key: 'state', recordField: 'stateId', synonyms: STATE_SYNONYMS },
  { key: 'service', recordField: 'serviceId', synonyms: SERVICE_SYNONYMS },
  { key: 'email', synonyms: ['e mail', 'email', 'mail', 'e mail adresse', 'email address', 'funktionspostfach', 'postfach', 'kontakt e mail', 'contact email', 'general email', 'role mailbox'] },
  { key: 'website', synonyms: ['website', 'webseite', 'internetseite', 'homepage', 'url', 'web'] },
  { key: 'subjectContact', synonyms: ['fachlicher kontakt', 'fachlicher ansprechpartner', 'fachliche ansprechperson', 'ansprechpartner fachlich', 'kontakt fachlich', 'fachkontakt', 'subject contact', 'subject matter contact', 'business contact'] },
  { key: 'technicalContact', synonyms: ['technischer kontakt', 'technischer ansprechpartner', 'technische ansprechperson', 'ansprechpartner technisch', 'kontakt technisch', 'it kontakt', 'technical contact', 'it contact'] },
];

export const IMPORT_FIELDS: Record<ImportTarget, readonly ImportField[]> = {
  authorities: AUTHORITY_IMPORT_FIELDS,
  onboardings: ONBOARDING_IMPORT_FIELDS,
  jira: JIRA_IMPORT_FIELDS,
  contracts: CONTRACT_IMPORT_FIELDS,
  contacts: CONTACT_IMPORT_FIELDS,
};

/** The fields at least one of which must be mapped so that rows can be matched. */
export const IMPORT_KEY_FIELDS: Record<ImportTarget, readonly string[]> = {
  authorities: ['ars', 'name'],
  onboardings: ['ars', 'authority'],
  jira: ['jiraKey'],
  contracts: ['state'],
  contacts: ['ars', 'name'],
};

/** Fields every mapping of the target must map besides a key field (a contract is matched by state and service). */
export const IMPORT_REQUIRED_FIELDS: Partial<Record<ImportTarget, readonly string[]>> = { contracts: ['service'] };

export const isImportTarget = (t: unknown): t is ImportTarget => (IMPORT_TARGETS as readonly unknown[]).includes(t);

/**
 * The column each record field comes from under a mapping (`stateId` ← the
 * column mapped to `state`), so that an issue of a record field names its column.
 */
export function columnsByRecordField(mapping: ColumnMapping, target: ImportTarget): Map<string, string> {
  const fields = new Map(IMPORT_FIELDS[target].map((f) => [f.key, f.recordField ?? f.key]));
  const columns = new Map<string, string>();
  for (const [column, field] of Object.entries(mapping)) {
    if (!field) continue;
    columns.set(fields.get(field) ?? field, column);
    columns.set(field, column);
  }
  return columns;
}

/**
 * Text folded for comparison: lower case, umlauts and ß spelt out (ä → ae,
 * ß → ss), other accents dropped, punctuation as spaces, spaces collapsed.
 * "Teltow-Fläming" and "teltow flaeming" fold alike.
 */
export function foldText(s: string): string {
  return s
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

// ---------------------------------------------------------------------------
// The file: encoding and delimiter

export type DetectedEncoding = 'UTF-8' | 'UTF-8 with BOM' | 'Windows-1252';

/**
 * The encoding of a file from its first bytes: a UTF-8 byte-order mark, else
 * UTF-8 if the sample is valid UTF-8 (a sequence cut off at the sample's end
 * counts as valid), else Windows-1252 (what German Excel writes as "CSV").
 */
export function detectEncoding(sample: Uint8Array): DetectedEncoding {
  if (sample.length >= 3 && sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'UTF-8 with BOM';
  return isValidUtf8(sample) ? 'UTF-8' : 'Windows-1252';
}

function isValidUtf8(b: Uint8Array): boolean {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    const len = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (len === 0) return false;
    for (let k = 1; k < len; k++) {
      if (i + k >= b.length) return true; // cut off by the sample
      if ((b[i + k] & 0xc0) !== 0x80) return false;
    }
    i += len;
  }
  return true;
}

export type Delimiter = ';' | ',' | '\t';

/**
 * The delimiter of a CSV file from its header line: the most frequent of
 * semicolon (German Excel), comma and tab outside quotes; semicolon on a tie.
 */
export function detectDelimiter(headerLine: string): Delimiter {
  const counts: Record<Delimiter, number> = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch as Delimiter]++;
  }
  return (['\t', ',', ';'] as Delimiter[]).reduce((best, d) => (counts[d] > counts[best] ? d : best), ';' as Delimiter);
}

// ---------------------------------------------------------------------------
// Values

export type Parsed<T> = { ok: true; value: T | null } | { ok: false; code: IssueCode; params: MessageParams };

const blank = (v: RawValue): boolean => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

/** A cell as text (numbers as written in English, dates as YYYY-MM-DD); null when blank. */
/** An ARS as a cell gives it: spaces dropped, and the leading zero Excel drops from numbers put back (10010000000 is 010010000000). */
export function arsFromCell(text: string): string {
  const digits = text.replace(/\s/g, '');
  return /^\d{11}$/.test(digits) ? `0${digits}` : digits;
}

export function cellText(v: RawValue): string | null {
  if (blank(v)) return null;
  if (v instanceof Date) return isoDate(v);
  return String(v).trim();
}

const isoDate = (d: Date) => `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;

function realDate(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return isoDate(date);
}

/** A date written the German way (31.08.2023, 1.8.23) or ISO (2023-08-31), or a spreadsheet date; as YYYY-MM-DD. */
export function parseDateValue(v: RawValue): Parsed<string> {
  if (blank(v)) return { ok: true, value: null };
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? { ok: false, code: 'IMPORT_NOT_A_DATE', params: { input: String(v) } } : { ok: true, value: isoDate(v) };
  const s = String(v).trim();
  let m = /^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})$/.exec(s);
  let date: string | null = null;
  if (m) {
    const year = m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    date = realDate(year, Number(m[2]), Number(m[1]));
  } else if ((m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+Z?)?$/.exec(s))) {
    date = realDate(Number(m[1]), Number(m[2]), Number(m[3]));
  }
  return date ? { ok: true, value: date } : { ok: false, code: 'IMPORT_NOT_A_DATE', params: { input: s } };
}

/**
 * A number written the German way (1.234.567 thousands dots, 1.234,5 decimal
 * comma) or the English way (1234.5, 1,234.5). With both separators the last
 * one is the decimal mark; a comma alone is a decimal comma; dots alone in
 * groups of three (1.234 or 1.234.567) are thousands dots.
 */
export function parseNumberValue(v: RawValue): Parsed<number> {
  if (blank(v)) return { ok: true, value: null };
  if (typeof v === 'number') return Number.isFinite(v) ? { ok: true, value: v } : { ok: false, code: 'IMPORT_NOT_A_NUMBER', params: { input: String(v) } };
  const input = String(v).trim();
  let s = input.replace(/[\s\u00a0']/g, '');
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0) {
    s = lastComma > lastDot ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
  } else if (lastComma >= 0) {
    if ((s.match(/,/g) ?? []).length > 1) return { ok: false, code: 'IMPORT_NOT_A_NUMBER', params: { input } };
    s = s.replace(',', '.');
  } else if (/^-?\d{1,3}(\.\d{3})+$/.test(s)) {
    s = s.replace(/\./g, '');
  }
  if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(s)) return { ok: false, code: 'IMPORT_NOT_A_NUMBER', params: { input } };
  return { ok: true, value: Number(s) };
}

// ---------------------------------------------------------------------------
// Column mapping

/**
 * The mapping suggested from the header names: each header whose folded text
 * is a synonym of a field (German or English) maps to it, the first such
 * header wins; the others map to null (ignored).
 */
export function suggestMapping(headers: readonly string[], target: ImportTarget): ColumnMapping {
  const bySynonym = new Map<string, string>();
  for (const f of IMPORT_FIELDS[target]) {
    bySynonym.set(foldText(f.key), f.key);
    for (const s of f.synonyms) bySynonym.set(foldText(s), f.key);
  }
  const repeatable = new Set(IMPORT_FIELDS[target].filter((f) => f.repeatable).map((f) => f.key));
  const taken = new Set<string>();
  const mapping: ColumnMapping = {};
  for (const h of headers) {
    // A repeated column arrives as "Comment (2)" (the reader makes header names unique).
    const repeated = /^(.*) \(\d+\)$/.exec(h);
    const base = repeated ? bySynonym.get(foldText(repeated[1])) : undefined;
    const field = bySynonym.get(foldText(h)) ?? (base && repeatable.has(base) ? base : undefined);
    mapping[h] = field && (!taken.has(field) || repeatable.has(field)) ? field : null;
    if (field) taken.add(field);
  }
  return mapping;
}

/** Headers recognised as contact data (phone, contact person), which the authorities target does not import. */
export const isContactHeader = (h: string) => CONTACT_SYNONYMS.includes(foldText(h));

/**
 * What is wrong with a mapping for a file with these headers: columns the file
 * lacks, unknown fields, a field fed by two columns, no key field (ARS or name).
 * Issues are at `mapping.<column>`.
 */
export function checkMapping(mapping: ColumnMapping, headers: readonly string[], target: ImportTarget): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const fields = IMPORT_FIELDS[target].map((f) => f.key);
  const byField = new Map<string, string[]>();
  for (const [column, field] of Object.entries(mapping)) {
    if (!headers.includes(column)) issues.push(issueAt(`mapping.${column}`, 'IMPORT_UNKNOWN_COLUMN', { column, columns: headers.join(', ') }));
    if (field === null || field === undefined || field === '') continue;
    if (!fields.includes(field)) {
      issues.push(issueAt(`mapping.${column}`, 'IMPORT_UNKNOWN_FIELD', { input: field, target, values: fields.join(', ') }));
      continue;
    }
    byField.set(field, [...(byField.get(field) ?? []), column]);
  }
  for (const [field, columns] of byField) {
    if (columns.length > 1 && !IMPORT_FIELDS[target].find((f) => f.key === field)?.repeatable) issues.push(issueAt(`mapping.${columns[1]}`, 'IMPORT_FIELD_TWICE', { field, columns: columns.join(', ') }));
  }
  const keys = IMPORT_KEY_FIELDS[target];
  if (!keys.some((k) => byField.has(k))) issues.push(issueAt('mapping', 'IMPORT_NO_KEY_COLUMN', { fields: keys.join(' or ') }));
  for (const required of IMPORT_REQUIRED_FIELDS[target] ?? []) {
    if (!byField.has(required)) issues.push(issueAt('mapping', 'IMPORT_NO_KEY_COLUMN', { fields: required }));
  }
  return issues;
}

// ---------------------------------------------------------------------------
// Matching authorities

/** What a name says about the kind of area: a district (Landkreis, Kreis) or a city (Stadt, kreisfreie Stadt). */
export type AreaType = 'district' | 'city';

const DISTRICT_WORDS = ['landkreis', 'kreis', 'lk', 'lkr', 'kr', 'kreisverwaltung', 'landratsamt', 'regionalverband', 'region'];
const CITY_WORDS = ['stadt', 'kreisfreie stadt', 'stadtkreis', 'landeshauptstadt', 'hansestadt', 'freie hansestadt', 'universitaetsstadt', 'hanse und universitaetsstadt', 'stadtverwaltung', 'wissenschaftsstadt', 'klingenstadt', 'kreisstadt'];
const AUTHORITY_WORDS = ['auslaenderbehoerde', 'abh', 'auslaenderamt', 'zentrale auslaenderbehoerde', 'amt fuer migration', 'buergeramt'];
/** The word lists as the stripping needs them: longest first, each with the affixes it is looked for as. */
const affixes = (words: string[]) => [...words].sort((a, b) => b.length - a.length).map((w) => ({ prefix: `${w} `, suffix: ` ${w}`, length: w.length + 1 }));
const STRIP_ORDER = [
  { words: affixes(AUTHORITY_WORDS), type: null },
  { words: affixes(CITY_WORDS), type: 'city' },
  { words: affixes(DISTRICT_WORDS), type: 'district' },
  { words: affixes(CITY_WORDS), type: 'city' },
] as const;
/** Name keys computed lately (an import asks for the same names several times: reading, matching, indexing). */
const nameKeyCache = new Map<string, { core: string; type: AreaType | null }>();

/**
 * The core of an authority's name for matching, and the area type its words
 * say: "Ausländerbehörde Landkreis Teltow-Fläming", "Kreis Teltow-Fläming" and
 * "Teltow-Flaeming, Landkreis" give `teltow flaeming` (district); "Stadt Potsdam",
 * "Potsdam, Stadt" and "Landeshauptstadt Potsdam" give `potsdam` (city).
 */
export function authorityNameKey(name: string): { core: string; type: AreaType | null } {
  const cached = nameKeyCache.get(name);
  if (cached) return cached;
  let s = foldText(name.replace(/\(([^)]*)\)/g, (_m, inner: string) => (/^(stadt|kreis|landkreis|lk)$/i.test(inner.trim()) ? `, ${inner}` : `(${inner})`)));
  let type: AreaType | null = null;
  for (const { words, type: t } of STRIP_ORDER) {
    let changed = true;
    while (changed) {
      changed = false;
      for (const w of words) {
        if (s.startsWith(w.prefix)) {
          s = s.slice(w.length);
          type = t ?? type;
          changed = true;
        } else if (s.length > w.length && s.endsWith(w.suffix)) {
          s = s.slice(0, -w.length);
          type = t ?? type;
          changed = true;
        }
      }
    }
  }
  const key = Object.freeze({ core: s.trim(), type });
  if (nameKeyCache.size >= 10_000) nameKeyCache.clear();
  nameKeyCache.set(name, key);
  return key;
}

/**
 * Whether two names are the same authority's name written differently
 * ("Ausländerbehörde Landkreis Teltow-Fläming" and "Teltow-Flaeming, Kreis"):
 * an import does not rename an authority for that.
 */
export function sameAuthorityName(a: string, b: string): boolean {
  const x = authorityNameKey(a);
  const y = authorityNameKey(b);
  return x.core === y.core && (x.type === null || y.type === null || x.type === y.type);
}

/** An existing authority as the matcher needs it. */
export interface AuthorityCandidate {
  id: string;
  ars: string;
  name: string;
  stateId: string;
  level?: string | null;
}

export type AuthorityMatch =
  | { kind: 'ARS'; candidate: AuthorityCandidate }
  | { kind: 'NAME'; candidate: AuthorityCandidate }
  | { kind: 'NONE' }
  | { kind: 'AMBIGUOUS'; candidates: AuthorityCandidate[] };

const levelType = (level: string | null | undefined): AreaType | null =>
  level === AuthorityLevel.DISTRICT ? 'district' : level === AuthorityLevel.DISTRICT_FREE_CITY ? 'city' : null;

/** The existing authorities, indexed by ARS and by name core, for matching many rows. */
export class AuthorityIndex {
  private readonly byArs = new Map<string, AuthorityCandidate>();
  private readonly byCore = new Map<string, Array<{ candidate: AuthorityCandidate; type: AreaType | null }>>();

  constructor(candidates: Iterable<AuthorityCandidate> = []) {
    for (const c of candidates) this.add(c);
  }

  add(c: AuthorityCandidate): void {
    this.byArs.set(c.ars, c);
    const key = authorityNameKey(c.name);
    const list = this.byCore.get(key.core) ?? [];
    list.push({ candidate: c, type: key.type ?? levelType(c.level) });
    this.byCore.set(key.core, list);
  }

  /**
   * Matches a row: by ARS when it has one (an unknown ARS is a new authority),
   * else by name within the row's state (when given), tolerant of "Landkreis X"
   * / "Kreis X" / "X, Stadt" / "Stadt X" and of umlaut and ß spellings. When
   * the name fits several authorities and the words do not tell them apart,
   * the match is AMBIGUOUS: never a guess.
   */
  match(row: { ars?: string | null; name?: string | null; stateId?: string | null }): AuthorityMatch {
    if (row.ars) {
      const c = this.byArs.get(row.ars);
      return c ? { kind: 'ARS', candidate: c } : { kind: 'NONE' };
    }
    if (!row.name) return { kind: 'NONE' };
    const key = authorityNameKey(row.name);
    let found = (this.byCore.get(key.core) ?? []).filter((e) => !row.stateId || e.candidate.stateId === row.stateId);
    if (found.length > 1 && key.type) {
      const sameType = found.filter((e) => e.type === key.type);
      if (sameType.length) found = sameType;
    }
    if (found.length > 1) {
      const exact = found.filter((e) => foldText(e.candidate.name) === foldText(row.name!));
      if (exact.length === 1) found = exact;
    }
    if (found.length === 0) return { kind: 'NONE' };
    if (found.length === 1) return { kind: 'NAME', candidate: found[0].candidate };
    return { kind: 'AMBIGUOUS', candidates: found.map((e) => e.candidate) };
  }
}

// ---------------------------------------------------------------------------
// A row of the authorities target

/** An authority's fields as an import sets them (only those the row gives). */
export interface AuthorityImportValues {
  name?: string;
  ars?: string;
  stateId?: string;
  kind?: string;
  level?: string;
  population?: number;
  specialistSystemId?: string;
  website?: string;
  email?: string;
  notes?: string;
}

/** A problem of one row: the column it is in (null: the row as a whole) and the coded reason. */
export interface RowIssue {
  column: string | null;
  field: string;
  code: string;
  params: MessageParams;
  message: string;
}

export interface AuthorityLookups {
  states: ReadonlyArray<{ id: string; code: string; name: string }>;
  specialistSystems: ReadonlyArray<{ id: string; vendor: string; product: string }>;
}

const KIND_WORDS: Record<string, AuthorityKind> = {
  auslaenderbehoerde: 'FOREIGNERS_AUTHORITY',
  abh: 'FOREIGNERS_AUTHORITY',
  'foreigners authority': 'FOREIGNERS_AUTHORITY',
  kommune: 'MUNICIPALITY',
  gemeinde: 'MUNICIPALITY',
  stadt: 'MUNICIPALITY',
  municipality: 'MUNICIPALITY',
  kreisverwaltung: 'DISTRICT_ADMINISTRATION',
  landratsamt: 'DISTRICT_ADMINISTRATION',
  'district administration': 'DISTRICT_ADMINISTRATION',
  landesbehoerde: 'STATE_AUTHORITY',
  'state authority': 'STATE_AUTHORITY',
  sonstige: 'OTHER',
  andere: 'OTHER',
  other: 'OTHER',
};
const LEVEL_WORDS: Record<string, AuthorityLevel> = {
  landkreis: 'DISTRICT',
  kreis: 'DISTRICT',
  district: 'DISTRICT',
  'kreisfreie stadt': 'DISTRICT_FREE_CITY',
  stadtkreis: 'DISTRICT_FREE_CITY',
  'district free city': 'DISTRICT_FREE_CITY',
  'kreisangehoerige gemeinde': 'MUNICIPALITY',
  gemeinde: 'MUNICIPALITY',
  municipality: 'MUNICIPALITY',
  land: 'STATE',
  state: 'STATE',
};

/** An enum value from a cell: the value itself (any case, spaces or hyphens for _) or one of the words (folded) that stand for it. */
export function enumValue(input: string, values: Record<string, string>, words: Record<string, string>): string | null {
  const upper = input.trim().toUpperCase().replace(/[\s-]+/g, '_');
  if (Object.values(values).includes(upper)) return upper;
  return words[foldText(input)] ?? null;
}

/**
 * The field values of one row of the authorities target, and what is wrong
 * with its cells (a value that cannot be read: date, number, state, kind,
 * level, specialist system). Blank cells give no value: an import never
 * empties a field. Defaults for new authorities (the state from the ARS, the
 * level from the name's words) are `defaults`, applied only on create.
 */
export function readAuthorityRow(
  cells: Record<string, RawValue>,
  mapping: ColumnMapping,
  lookups: AuthorityLookups,
): { values: AuthorityImportValues; defaults: AuthorityImportValues; issues: RowIssue[] } {
  const values: AuthorityImportValues = {};
  const issues: RowIssue[] = [];
  const fail = (column: string, field: string, code: IssueCode, params: MessageParams) => issues.push(rowIssue(column, field, code, params));
  for (const [column, field] of Object.entries(mapping)) {
    if (!field) continue;
    const raw = cells[column];
    const text = cellText(raw);
    if (text === null) continue;
    switch (field) {
      case 'ars': {
        values.ars = arsFromCell(text);
        break;
      }
      case 'name':
      case 'website':
      case 'email':
      case 'notes':
        values[field] = text;
        break;
      case 'state': {
        const state = findState(text, lookups.states);
        if (state) values.stateId = state.id;
        else fail(column, 'stateId', 'IMPORT_UNKNOWN_STATE', { input: text });
        break;
      }
      case 'kind': {
        const v = enumValue(text, AuthorityKind, KIND_WORDS);
        if (v) values.kind = v;
        else fail(column, 'kind', 'IMPORT_UNKNOWN_VALUE', { input: text, values: Object.values(AuthorityKind).join(', ') });
        break;
      }
      case 'level': {
        const v = enumValue(text, AuthorityLevel, LEVEL_WORDS);
        if (v) values.level = v;
        else fail(column, 'level', 'IMPORT_UNKNOWN_VALUE', { input: text, values: Object.values(AuthorityLevel).join(', ') });
        break;
      }
      case 'population': {
        const n = parseNumberValue(raw);
        if (!n.ok) fail(column, 'population', n.code, n.params);
        else if (n.value !== null && !Number.isInteger(n.value)) fail(column, 'population', 'NOT_WHOLE_NUMBER', {});
        else if (n.value !== null) values.population = n.value;
        break;
      }
      case 'specialistSystem': {
        const folded = foldText(text);
        const found = lookups.specialistSystems.filter((s) => foldText(s.product) === folded || foldText(`${s.vendor} ${s.product}`) === folded);
        if (found.length === 1) values.specialistSystemId = found[0].id;
        else if (found.length === 0) fail(column, 'specialistSystemId', 'IMPORT_UNKNOWN_SPECIALIST_SYSTEM', { input: text });
        else fail(column, 'specialistSystemId', 'IMPORT_AMBIGUOUS_SPECIALIST_SYSTEM', { input: text, candidates: found.map((s) => `${s.vendor} ${s.product}`).join(', ') });
        break;
      }
    }
  }
  const defaults: AuthorityImportValues = { kind: AuthorityKind.FOREIGNERS_AUTHORITY };
  if (values.ars && ARS_PATTERN.test(values.ars)) {
    const code = stateByArsPrefix(values.ars.slice(0, 2))?.code;
    const state = lookups.states.find((s) => s.code === code);
    if (state) defaults.stateId = state.id;
  }
  if (values.name) {
    const type = authorityNameKey(values.name).type;
    if (type) defaults.level = type === 'district' ? AuthorityLevel.DISTRICT : AuthorityLevel.DISTRICT_FREE_CITY;
  }
  return { values, defaults, issues };
}

/** The English names of the states (and common variants), by code, for headers and cells written in English. */
const STATE_NAMES_EN: Record<string, readonly string[]> = {
  SH: ['Schleswig-Holstein'],
  HH: ['Hamburg', 'Free and Hanseatic City of Hamburg', 'Freie und Hansestadt Hamburg'],
  NI: ['Lower Saxony'],
  HB: ['Bremen', 'Free Hanseatic City of Bremen', 'Freie Hansestadt Bremen'],
  NW: ['North Rhine-Westphalia', 'NRW'],
  HE: ['Hesse'],
  RP: ['Rhineland-Palatinate'],
  BW: ['Baden-Wuerttemberg'],
  BY: ['Bavaria', 'Freistaat Bayern'],
  SL: ['Saarland'],
  BE: ['Berlin'],
  BB: ['Brandenburg'],
  MV: ['Mecklenburg-Western Pomerania', 'Mecklenburg-West Pomerania'],
  SN: ['Saxony', 'Freistaat Sachsen'],
  ST: ['Saxony-Anhalt'],
  TH: ['Thuringia', 'Freistaat Thüringen'],
};

/** The state a cell names: its code (BB), its German name (Brandenburg, Thüringen / Thueringen) or its English name (Bavaria, Lower Saxony). */
export function findState<S extends { code: string; name: string }>(text: string, states: readonly S[]): S | undefined {
  const folded = foldText(text);
  return states.find((s) => s.code.toLowerCase() === folded || foldText(s.name) === folded || (STATE_NAMES_EN[s.code] ?? []).some((n) => foldText(n) === folded));
}

/** The state names of the domain, for readers that need them without the database. */
export const STATE_NAMES: ReadonlyArray<{ code: string; name: string }> = STATES.map((s) => ({ code: s.code, name: s.name }));

// ---------------------------------------------------------------------------
// Comparing and reporting

export type FieldChanges = Record<string, { from: unknown; to: unknown }>;

/** The fields a row would change on a stored record (only those it gives). */
export function changesOf(existing: Record<string, unknown>, values: Record<string, unknown>): FieldChanges {
  const changes: FieldChanges = {};
  for (const [field, to] of Object.entries(values)) {
    if (to === undefined) continue;
    const from = existing[field] ?? null;
    if (from !== to) changes[field] = { from, to };
  }
  return changes;
}

/** A key of a row's values for finding repeated rows (the same values in the same columns). */
export function rowFingerprint(cells: Record<string, RawValue>, mapping: ColumnMapping): string {
  return JSON.stringify(
    Object.entries(mapping)
      .filter(([, f]) => f)
      .map(([column]) => cellText(cells[column]) ?? ''),
  );
}

export type ImportAction = 'CREATE' | 'UPDATE' | 'UNCHANGED' | 'ERROR' | 'AMBIGUOUS' | 'DUPLICATE';

/** One row of the report an import answers with. */
export interface ImportRowReport {
  /** The line of the spreadsheet (the header is line 1). */
  row: number;
  action: ImportAction;
  /** The record created, updated or left as it was. */
  id?: string;
  /** What the row names: its ARS and name as written. */
  label: string;
  changes?: FieldChanges;
  issues?: RowIssue[];
  candidates?: Array<{ id: string; name: string; ars: string }>;
  duplicateOf?: number;
}

/** Whether a row stops an apply unless error rows are skipped. */
export const isErrorAction = (a: ImportAction) => a === 'ERROR' || a === 'AMBIGUOUS';

/** The issue of a row as a whole or at a column, with its message. */
export function rowIssue(column: string | null, field: string, code: IssueCode, params: MessageParams = {}): RowIssue {
  const { message } = issueAt(field, code, params);
  return { column, field, code, params, message };
}
