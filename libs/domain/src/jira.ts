/**
 * Jira import, the pure part: reading the values of Jira's CSV export
 * ("Export CSV (all fields)"): its dates in the English and the German
 * locale, its comment cells, its repeated columns; the mapping of Jira
 * statuses to pipeline stages and of columns or summary text to authority
 * and service, suggested where possible. Reading the file and writing
 * onboardings is the API's job (apps/api/src/import/jira-import.service.ts).
 */
import { localDateTime } from './calendar.js';
import { OnboardingStatus } from './enums.js';
import type { FieldIssue } from './errors.js';
import { cellText, foldText, rowIssue, type ColumnMapping, type RawValue, type RowIssue } from './import.js';
import { issueAt, type IssueCode, type MessageParams } from './messages.js';

// ---------------------------------------------------------------------------
// Dates

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
  // the German locale's abbreviations (Jira writes "Mär" or "Mrz", "Mai", "Okt", "Dez")
  jaen: 1, maer: 3, mrz: 3, mai: 5, okt: 10, dez: 12,
  // the full names some exports use
  january: 1, february: 2, march: 3, april: 4, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
  januar: 1, februar: 2, maerz: 3, juni: 6, juli: 7, oktober: 10, dezember: 12,
};

const year4 = (y: string) => (y.length === 2 ? 2000 + Number(y) : Number(y));

function validDay(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function hour24(h: number, ampm: string | undefined): number | null {
  if (!ampm) return h <= 23 ? h : null;
  if (h < 1 || h > 12) return null;
  const pm = ampm.toLowerCase() === 'pm';
  return (h % 12) + (pm ? 12 : 0);
}

export type JiraDate = { ok: true; value: Date | null } | { ok: false; code: IssueCode; params: MessageParams };

/**
 * A date (and time) as Jira writes it into a CSV export, read as wall-clock
 * time in Europe/Berlin (Jira exports in the exporting user's time zone):
 * the English default "12/Mar/24 10:15 AM" (also "12/Mar/2024 10:15", German
 * month abbreviations "12/Mär/24 10:15"), the German locale "12.03.2024 10:15"
 * or "12.03.24 10:15", ISO "2024-03-12 10:15" / "2024-03-12T10:15:00"; the time
 * may be missing (Due Date). Blank = null.
 */
export function parseJiraDate(input: string | null | undefined): JiraDate {
  const s = (input ?? '').trim();
  if (s === '') return { ok: true, value: null };
  const bad: JiraDate = { ok: false, code: 'JIRA_NOT_A_DATE', params: { input: s } };
  const time = String.raw`(?:[ ,T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*([AaPp][Mm])?)?`;
  let y: number, m: number, d: number;
  let match = new RegExp(String.raw`^(\d{1,2})[/ -]([A-Za-zÄÖÜäöü]{3,9})\.?[/ -](\d{2}|\d{4})${time}$`).exec(s);
  if (match) {
    const month = MONTHS[foldText(match[2]).replace(/ /g, '')];
    if (!month) return bad;
    [d, m, y] = [Number(match[1]), month, year4(match[3])];
  } else if ((match = new RegExp(String.raw`^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})${time}$`).exec(s))) {
    [d, m, y] = [Number(match[1]), Number(match[2]), year4(match[3])];
  } else if ((match = new RegExp(String.raw`^(\d{4})-(\d{2})-(\d{2})${time}(?:Z|[+-]\d{2}:?\d{2})?$`).exec(s))) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else {
    return bad;
  }
  if (!validDay(y, m, d)) return bad;
  const h = match[4] === undefined ? 0 : hour24(Number(match[4]), match[7]);
  const min = match[5] === undefined ? 0 : Number(match[5]);
  if (h === null || min > 59) return bad;
  return { ok: true, value: localDateTime(y, m, d, h, min) };
}

// ---------------------------------------------------------------------------
// Comments

export interface JiraComment {
  /** When it was written. */
  at: Date;
  /** Who wrote it, as the export names them: an account id (Cloud) or a user name (Server). */
  author: string;
  text: string;
  /** A stable id for the comment (the export has none): time, author and a hash of the text. */
  id: string;
}

/** 64-bit FNV-1a of a text, as 16 hex digits: a stable fingerprint, not a secret. */
export function fingerprint(text: string): string {
  let h = 0xcbf29ce484222325n;
  // Over the UTF-16 code units, low byte then high byte (the domain has no TextEncoder).
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    for (const byte of [unit & 0xff, unit >> 8]) {
      h ^= BigInt(byte);
      h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
    }
  }
  return h.toString(16).padStart(16, '0');
}

/**
 * A "Comment" cell of the export: "12/Mar/24 10:15 AM;5b10ac8d82e05b22cc7d4ef5;the text",
 * date, author and text separated by the first two semicolons (the text may
 * hold more semicolons and line breaks). Blank = null; a cell that does not
 * start with a date and an author is an error.
 */
export function parseJiraComment(cell: string | null | undefined): { ok: true; value: JiraComment | null } | { ok: false; code: IssueCode; params: MessageParams } {
  const s = (cell ?? '').trim();
  if (s === '') return { ok: true, value: null };
  const first = s.indexOf(';');
  const second = first < 0 ? -1 : s.indexOf(';', first + 1);
  const excerpt = s.length > 60 ? `${s.slice(0, 57)}...` : s;
  if (second < 0) return { ok: false, code: 'JIRA_NOT_A_COMMENT', params: { input: excerpt } };
  const at = parseJiraDate(s.slice(0, first));
  const author = s.slice(first + 1, second).trim();
  const text = s.slice(second + 1).trim();
  if (!at.ok || !at.value || author === '') return { ok: false, code: 'JIRA_NOT_A_COMMENT', params: { input: excerpt } };
  return { ok: true, value: { at: at.value, author, text, id: `${at.value.toISOString()}|${author}|${fingerprint(text)}` } };
}

// ---------------------------------------------------------------------------
// The columns of an export

/** The custom field's name in a header like "Custom field (Behörde)" (German exports: "Benutzerdefiniertes Feld (Behörde)"). */
export function customFieldName(header: string): string | null {
  const m = /^(?:custom field|benutzerdefiniertes feld)\s*\((.+)\)$/i.exec(header.trim());
  return m ? m[1] : null;
}

// ---------------------------------------------------------------------------
// The mapping

/**
 * What a Jira import needs besides the column mapping (which column is the
 * issue key, the status, the dates, the comments, and which custom fields
 * name authority, service and state: IMPORT_FIELDS.jira): `statuses`, Jira
 * status (as written) → stage key, or ON_HOLD / CANCELLED (the status, the
 * stage stays); `summaryPattern`, a regular expression with the named groups
 * `authority` and `service` for issues whose columns name none; `service`,
 * the service of issues that name none at all.
 */
export interface JiraMapping {
  statuses: Record<string, string>;
  summaryPattern: string | null;
  service: string | null;
}

/** "Anbindung ABH Landkreis Teltow-Fläming – Aufenthaltstitel": authority, then a spaced dash, then the service. */
export const DEFAULT_SUMMARY_PATTERN = String.raw`^(?:(?:Anbindung|Onboarding|Rollout|Nachnutzung|Go-Live)\s*:?\s+)?(?<authority>.+?)\s+[-–—]\s+(?<service>.+?)$`;

/** What a mapping value for a status means. */
export type StatusTarget = { stage: string | null; status: OnboardingStatus };

/** Jira statuses (folded) seen in practice, and the stage or status they suggest. */
const STATUS_SYNONYMS: Record<string, string> = {
  backlog: 'INTEREST', open: 'INTEREST', offen: 'INTEREST', 'to do': 'INTEREST', todo: 'INTEREST', 'zu erledigen': 'INTEREST', neu: 'INTEREST', new: 'INTEREST', interesse: 'INTEREST', interessensbekundung: 'INTEREST',
  'kick off': 'KICK_OFF', kickoff: 'KICK_OFF', 'kick off geplant': 'KICK_OFF',
  'in arbeit': 'PREPARATION', 'in progress': 'PREPARATION', 'in bearbeitung': 'PREPARATION', vorbereitung: 'PREPARATION', preparation: 'PREPARATION',
  'technische anbindung': 'CONNECTION', 'in anbindung': 'CONNECTION', connection: 'CONNECTION', anbindung: 'CONNECTION',
  test: 'TEST', testing: 'TEST', 'in test': 'TEST', 'in review': 'TEST', review: 'TEST', abnahme: 'TEST', testphase: 'TEST',
  done: 'LIVE', fertig: 'LIVE', erledigt: 'LIVE', live: 'LIVE', closed: 'LIVE', geschlossen: 'LIVE', resolved: 'LIVE', geloest: 'LIVE', produktiv: 'LIVE', 'go live': 'LIVE',
  'on hold': 'ON_HOLD', blocked: 'ON_HOLD', blockiert: 'ON_HOLD', pausiert: 'ON_HOLD', ruhend: 'ON_HOLD', 'ruhend gestellt': 'ON_HOLD', zurueckgestellt: 'ON_HOLD', paused: 'ON_HOLD',
  cancelled: 'CANCELLED', canceled: 'CANCELLED', abgebrochen: 'CANCELLED', 'won t do': 'CANCELLED', abgelehnt: 'CANCELLED', storniert: 'CANCELLED', 'wird nicht erledigt': 'CANCELLED',
};

/** Resolutions that say a closed issue was given up, not done: the onboarding is cancelled. */
const CANCELLING_RESOLUTIONS = ['won t do', 'won t fix', 'duplicate', 'declined', 'cannot reproduce', 'wird nicht erledigt', 'wird nicht behoben', 'duplikat', 'abgelehnt', 'abgebrochen'];
export const isCancellingResolution = (resolution: string | null | undefined) => !!resolution && CANCELLING_RESOLUTIONS.includes(foldText(resolution));

const STATUS_VALUES: string[] = [OnboardingStatus.ON_HOLD, OnboardingStatus.CANCELLED];

/** What a mapping value means: a stage key, or a status (ON_HOLD, CANCELLED) that keeps the stage. */
export function statusTargetOf(value: string): StatusTarget {
  return STATUS_VALUES.includes(value) ? { stage: null, status: value as OnboardingStatus } : { stage: value, status: OnboardingStatus.ACTIVE };
}

export interface StageName {
  key: string;
  nameDe?: string | null;
  nameEn?: string | null;
}

/**
 * The stage (or status) a Jira status stands for: the mapping's entry
 * (compared case- and accent-insensitively), else a suggestion: a stage of
 * the pipeline by key or German/English name, else a common Jira status name
 * ("Backlog", "In Arbeit", "Fertig", …). Null when nothing fits.
 */
export function jiraStatusTarget(status: string, mapping: Pick<JiraMapping, 'statuses'>, stages: readonly StageName[]): (StatusTarget & { source: 'mapping' | 'suggested' }) | null {
  const folded = foldText(status);
  for (const [jira, value] of Object.entries(mapping.statuses ?? {})) {
    if (foldText(jira) === folded) return { ...statusTargetOf(value), source: 'mapping' };
  }
  const stage = stages.find((s) => foldText(s.key) === folded || (s.nameDe && foldText(s.nameDe) === folded) || (s.nameEn && foldText(s.nameEn) === folded));
  if (stage) return { stage: stage.key, status: OnboardingStatus.ACTIVE, source: 'suggested' };
  const synonym = STATUS_SYNONYMS[folded];
  if (synonym && (STATUS_VALUES.includes(synonym) || stages.length === 0 || stages.some((s) => s.key === synonym))) return { ...statusTargetOf(synonym), source: 'suggested' };
  return null;
}

/** The Jira mapping suggested for every export: the default summary pattern; statuses are suggested per issue (jiraStatusTarget). */
export function suggestJiraMapping(): JiraMapping {
  return { statuses: {}, summaryPattern: DEFAULT_SUMMARY_PATTERN, service: null };
}

const MAPPING_KEYS = ['statuses', 'summaryPattern', 'service'] as const;

/**
 * A Jira mapping as given (JSON) completed by the suggestion: what it leaves
 * out is suggested; null switches the pattern off. What is wrong with it (a
 * pattern that is no regular expression or has neither named group, status
 * values that are no stage key, unknown parts) are issues at `jiraMapping.<part>`.
 */
export function resolveJiraMapping(given: unknown): { mapping: JiraMapping; issues: FieldIssue[] } {
  const mapping = suggestJiraMapping();
  const issues: FieldIssue[] = [];
  if (given === null || given === undefined) return { mapping, issues };
  if (typeof given !== 'object' || Array.isArray(given)) return { mapping, issues: [issueAt('jiraMapping', 'JIRA_MAPPING_NOT_OBJECT')] };
  const input = given as Record<string, unknown>;
  for (const key of Object.keys(input)) {
    if (!(MAPPING_KEYS as readonly string[]).includes(key)) issues.push(issueAt(`jiraMapping.${key}`, 'JIRA_MAPPING_UNKNOWN_KEY', { input: key, values: MAPPING_KEYS.join(', ') }));
  }
  for (const key of ['summaryPattern', 'service'] as const) {
    if (!(key in input)) continue;
    const v = input[key];
    if (v === null || v === '') mapping[key] = null;
    else if (typeof v !== 'string') issues.push(issueAt(`jiraMapping.${key}`, 'JIRA_MAPPING_NOT_TEXT'));
    else mapping[key] = v;
  }
  if (mapping.summaryPattern) {
    try {
      const re = new RegExp(mapping.summaryPattern, 'u');
      if (!/\(\?<(authority|service)>/.test(re.source)) issues.push(issueAt('jiraMapping.summaryPattern', 'JIRA_PATTERN_NO_GROUP'));
    } catch (e) {
      issues.push(issueAt('jiraMapping.summaryPattern', 'JIRA_PATTERN_INVALID', { detail: (e as Error).message }));
    }
  }
  if ('statuses' in input) {
    const statuses = input.statuses;
    if (statuses === null || typeof statuses !== 'object' || Array.isArray(statuses)) {
      issues.push(issueAt('jiraMapping.statuses', 'JIRA_MAPPING_STATUSES'));
    } else {
      for (const [jira, value] of Object.entries(statuses as Record<string, unknown>)) {
        if (typeof value !== 'string' || !/^[A-Z][A-Z0-9_]*$/.test(value)) issues.push(issueAt(`jiraMapping.statuses.${jira}`, 'JIRA_MAPPING_STAGE', { input: String(value) }));
        else mapping.statuses[jira] = value;
      }
    }
  }
  return { mapping, issues };
}

/** What the summary names, read with the pattern's named groups `authority` and `service`. */
export function parseSummary(summary: string, pattern: string | null): { authority: string | null; service: string | null } {
  if (!pattern) return { authority: null, service: null };
  const m = new RegExp(pattern, 'u').exec(summary.trim());
  const group = (name: string) => m?.groups?.[name]?.trim() || null;
  return { authority: group('authority'), service: group('service') };
}

// ---------------------------------------------------------------------------
// Services by name

export interface ServiceCandidate {
  id: string;
  name: string;
  ozgId?: string | null;
}

/**
 * The service a text names: its name (case- and umlaut-insensitive), its
 * OZG-ID, or the start of exactly one service's name ("Aufenthaltskarten").
 */
export function matchService(text: string, services: readonly ServiceCandidate[]): { kind: 'ONE'; service: ServiceCandidate } | { kind: 'NONE' } | { kind: 'AMBIGUOUS'; candidates: ServiceCandidate[] } {
  const folded = foldText(text);
  const exact = services.filter((s) => foldText(s.name) === folded || (s.ozgId && s.ozgId === text.trim()));
  if (exact.length === 1) return { kind: 'ONE', service: exact[0] };
  if (exact.length > 1) return { kind: 'AMBIGUOUS', candidates: exact };
  const prefix = folded ? services.filter((s) => `${foldText(s.name)} `.startsWith(`${folded} `)) : [];
  if (prefix.length === 1) return { kind: 'ONE', service: prefix[0] };
  return prefix.length ? { kind: 'AMBIGUOUS', candidates: prefix } : { kind: 'NONE' };
}

/** Whether a Jira issue key looks like one (PROJECT-123). */
export const isJiraKey = (key: string) => /^[A-Z][A-Z0-9_]*-\d+$/.test(key);

// ---------------------------------------------------------------------------
// One issue

/** An issue of the export as the import reads it (texts trimmed, dates read, comments parsed). */
export interface JiraIssueValues {
  jiraKey?: string;
  summary?: string;
  status?: string;
  resolution?: string;
  created?: Date;
  updated?: Date;
  resolved?: Date;
  plannedGoLive?: Date;
  authority?: string;
  service?: string;
  state?: string;
  owner?: string;
  comments: JiraComment[];
}

/**
 * Reads one issue of the export under the column mapping (IMPORT_FIELDS.jira):
 * the comment columns together, dates and comments parsed; what cannot be
 * read (a date, a comment cell, a malformed key, a missing key or status) is
 * an issue at its column.
 */
export function readJiraRow(cells: Record<string, RawValue>, mapping: ColumnMapping): { values: JiraIssueValues; issues: RowIssue[] } {
  const values: JiraIssueValues = { comments: [] };
  const issues: RowIssue[] = [];
  const columnOf: Record<string, string> = {};
  for (const [column, field] of Object.entries(mapping)) {
    if (!field) continue;
    columnOf[field] ??= column;
    const text = cellText(cells[column]);
    if (text === null) continue;
    switch (field) {
      case 'created':
      case 'updated':
      case 'resolved':
      case 'plannedGoLive': {
        const d = parseJiraDate(text);
        if (!d.ok) issues.push(rowIssue(column, field, d.code, d.params));
        else if (d.value) values[field] = d.value;
        break;
      }
      case 'comment': {
        const c = parseJiraComment(text);
        if (!c.ok) issues.push(rowIssue(column, 'comment', c.code, c.params));
        else if (c.value) values.comments.push(c.value);
        break;
      }
      case 'jiraKey':
        if (isJiraKey(text)) values.jiraKey = text;
        else issues.push(rowIssue(column, 'jiraKey', 'JIRA_NOT_A_KEY', { input: text }));
        break;
      case 'summary':
      case 'status':
      case 'resolution':
      case 'authority':
      case 'service':
      case 'state':
      case 'owner':
        values[field] = text;
        break;
    }
  }
  if (!values.jiraKey && !issues.some((i) => i.field === 'jiraKey')) issues.push(rowIssue(columnOf.jiraKey ?? null, 'jiraKey', 'REQUIRED'));
  if (!values.status) issues.push(rowIssue(columnOf.status ?? null, 'status', 'REQUIRED'));
  return { values, issues };
}
