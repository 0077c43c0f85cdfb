/**
 * Spreadsheet import, the pure rules of the targets beyond authorities:
 * reuse contracts (state × service, status and lifecycle dates) and contacts
 * (an authority's e-mail address and website; per service its onboarding's
 * subject-matter and technical contact). Each target has a row reader (cells
 * → values and coded issues naming the column) and a planner (what the row
 * does to the stored record: its changes, or every issue the write would be
 * refused with), so that a dry run reports exactly what an apply would do
 * without writing.
 */
import { ContractStatus, LegalRoute, MunicipalAccessModel } from './enums.js';
import type { FieldIssue } from './errors.js';
import { checkContractTransition } from './contract.js';
import {
  arsFromCell,
  cellText,
  changesOf,
  enumValue,
  findState,
  foldText,
  parseDateValue,
  rowIssue,
  type ColumnMapping,
  type FieldChanges,
  type RawValue,
  type RowIssue,
} from './import.js';
import { issueAt } from './messages.js';
import { CONTRACT_STATUS_DATES, validateAuthority, validateContract, validateOnboarding } from './rules.js';

// ---------------------------------------------------------------------------
// Authorities: the API's validation of a write, in memory

/**
 * What the API's authority validation (AuthorityService.validate) says about
 * a record as an import would write it, without the database: the state must
 * be one of `states` (REQUIRED / REFERENCE_NOT_FOUND at stateId), the
 * specialist system one of `specialistSystemIds`, and the record must pass
 * `validateAuthority` with its state's code (ARS prefix of the state, …).
 */
export function checkAuthorityRecord(
  a: Record<string, unknown> & { stateId?: string | null; specialistSystemId?: string | null },
  states: ReadonlyArray<{ id: string; code: string }>,
  specialistSystemIds: ReadonlySet<string>,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const state = a.stateId ? states.find((s) => s.id === a.stateId) : undefined;
  if (!a.stateId) issues.push(issueAt('stateId', 'REQUIRED'));
  else if (!state) issues.push(issueAt('stateId', 'REFERENCE_NOT_FOUND', { label: 'state', id: a.stateId }));
  if (a.specialistSystemId && !specialistSystemIds.has(a.specialistSystemId)) issues.push(issueAt('specialistSystemId', 'REFERENCE_NOT_FOUND', { label: 'specialist system', id: a.specialistSystemId }));
  const ruleIssues = validateAuthority({ ...a, stateCode: state?.code });
  // A missing/unknown state is already reported against stateId.
  return [...issues, ...ruleIssues.filter((i) => !(i.field === 'stateId' && issues.some((j) => j.field === 'stateId')))];
}

// ---------------------------------------------------------------------------
// Services

/** A service as the readers need it: named by its name, its OZG-ID, one of its LeiKa keys, or its id. */
export interface ServiceLookup {
  id: string;
  name: string;
  ozgId: string | null;
  leikaKeys: readonly string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The service a cell names: its id, its OZG-ID (10255, also "OZG 10255"), one
 * of its LeiKa keys (14 digits), or its name (case, umlauts and punctuation
 * do not matter). Several services of that name: ambiguous, never a guess.
 */
export function findService<S extends ServiceLookup>(text: string, services: readonly S[]): { service: S } | { candidates: S[] } {
  const t = text.trim();
  if (UUID.test(t)) return { candidates: services.filter((s) => s.id.toLowerCase() === t.toLowerCase()) };
  const digits = /^(?:ozg(?:[\s-]*id)?[\s:-]*)?(\d{1,6})$/i.exec(t)?.[1];
  if (digits) return one(services.filter((s) => s.ozgId === digits));
  const compact = t.replace(/\s/g, '');
  if (/^\d{14}$/.test(compact)) return one(services.filter((s) => s.leikaKeys.includes(compact)));
  const folded = foldText(t);
  return one(services.filter((s) => foldText(s.name) === folded));
}

const one = <S>(found: S[]) => (found.length === 1 ? { service: found[0] } : { candidates: found });

function readService<S extends ServiceLookup>(text: string, column: string, services: readonly S[], issues: RowIssue[]): S | null {
  const found = findService(text, services);
  if ('service' in found) return found.service;
  if (found.candidates.length === 0) issues.push(rowIssue(column, 'serviceId', 'IMPORT_UNKNOWN_SERVICE', { input: text }));
  else issues.push(rowIssue(column, 'serviceId', 'IMPORT_AMBIGUOUS_SERVICE', { input: text, candidates: found.candidates.map((s) => `${s.name}${s.ozgId ? ` (${s.ozgId})` : ''}`).join(', ') }));
  return null;
}

// ---------------------------------------------------------------------------
// Contracts

export interface ContractImportValues {
  stateId?: string;
  serviceId?: string;
  status?: ContractStatus;
  legalRoute?: LegalRoute;
  municipalAccess?: MunicipalAccessModel;
  interestDeclaredAt?: string;
  negotiationStartedAt?: string;
  signedAt?: string;
  terminatedAt?: string;
  notes?: string;
}

export interface ContractLookups {
  states: ReadonlyArray<{ id: string; code: string; name: string }>;
  services: readonly ServiceLookup[];
}

/** Words for the contract statuses, German (as the console labels them) and English, folded. */
const STATUS_WORDS: Record<string, ContractStatus> = {
  'kein vertrag': 'NONE',
  keiner: 'NONE',
  kein: 'NONE',
  'no contract': 'NONE',
  none: 'NONE',
  interesse: 'INTEREST_DECLARED',
  'interesse bekundet': 'INTEREST_DECLARED',
  interessensbekundung: 'INTEREST_DECLARED',
  interessenbekundung: 'INTEREST_DECLARED',
  'interest declared': 'INTEREST_DECLARED',
  interest: 'INTEREST_DECLARED',
  verhandlung: 'NEGOTIATING',
  'in verhandlung': 'NEGOTIATING',
  negotiation: 'NEGOTIATING',
  'in negotiation': 'NEGOTIATING',
  unterzeichnet: 'SIGNED',
  unterschrieben: 'SIGNED',
  beigetreten: 'SIGNED',
  beitritt: 'SIGNED',
  signed: 'SIGNED',
  beendet: 'TERMINATED',
  gekuendigt: 'TERMINATED',
  ended: 'TERMINATED',
  terminated: 'TERMINATED',
};

const LEGAL_ROUTE_WORDS: Record<string, LegalRoute> = {
  'fit store': 'FIT_STORE',
  fitstore: 'FIT_STORE',
  govdigital: 'GOVDIGITAL_MARKETPLACE',
  'govdigital marktplatz': 'GOVDIGITAL_MARKETPLACE',
  'govdigital marketplace': 'GOVDIGITAL_MARKETPLACE',
  marktplatz: 'GOVDIGITAL_MARKETPLACE',
  marketplace: 'GOVDIGITAL_MARKETPLACE',
  'kommunales vertretermodell': 'MUNICIPAL_AGENT_MODEL',
  vertretermodell: 'MUNICIPAL_AGENT_MODEL',
  'nrw modell': 'MUNICIPAL_AGENT_MODEL',
  'municipal agent model': 'MUNICIPAL_AGENT_MODEL',
  verwaltungsvereinbarung: 'ADMINISTRATIVE_AGREEMENT',
  'administrative agreement': 'ADMINISTRATIVE_AGREEMENT',
};

const MUNICIPAL_ACCESS_WORDS: Record<string, MunicipalAccessModel> = {
  'kostenfreie weitergabe': 'FREE_PASS_THROUGH',
  'kostenfreie durchleitung': 'FREE_PASS_THROUGH',
  durchleitung: 'FREE_PASS_THROUGH',
  kostenfrei: 'FREE_PASS_THROUGH',
  'free pass through': 'FREE_PASS_THROUGH',
  'passed on free of charge': 'FREE_PASS_THROUGH',
  'kostenpflichtig inhouse': 'PAID_IN_HOUSE',
  'kostenpflichtig': 'PAID_IN_HOUSE',
  inhouse: 'PAID_IN_HOUSE',
  'in house': 'PAID_IN_HOUSE',
  'paid in house': 'PAID_IN_HOUSE',
  'kommunales vertretermodell': 'MUNICIPAL_AGENT_MODEL',
  vertretermodell: 'MUNICIPAL_AGENT_MODEL',
  'nrw modell': 'MUNICIPAL_AGENT_MODEL',
  'municipal agent model': 'MUNICIPAL_AGENT_MODEL',
  marktplatz: 'MARKETPLACE',
  marketplace: 'MARKETPLACE',
};

const CONTRACT_DATE_FIELDS = CONTRACT_STATUS_DATES.map(([, field]) => field);

/**
 * One row of the contracts target: the state (code, German or English name)
 * and the service (name, OZG-ID, LeiKa key) it is about, the status (enum
 * value, or as the console writes it: "Unterzeichnet", "In Verhandlung", …),
 * the lifecycle dates (31.08.2023, 2023-08-31 or a spreadsheet date), legal
 * route, municipal access, notes, and the reason for a change of status.
 * Blank cells give no value: an import never empties a field.
 */
export function readContractRow(
  cells: Record<string, RawValue>,
  mapping: ColumnMapping,
  lookups: ContractLookups,
): { values: ContractImportValues; reason: string | null; label: string; issues: RowIssue[] } {
  const values: ContractImportValues = {};
  const issues: RowIssue[] = [];
  let reason: string | null = null;
  const names: { state?: string; service?: string } = {};
  const columnOf: Record<string, string> = {};
  for (const [column, field] of Object.entries(mapping)) {
    if (!field) continue;
    columnOf[field] = column;
    const raw = cells[column];
    const text = cellText(raw);
    if (text === null) continue;
    switch (field) {
      case 'state': {
        const state = findState(text, lookups.states);
        names.state = state?.code ?? text;
        if (state) values.stateId = state.id;
        else issues.push(rowIssue(column, 'stateId', 'IMPORT_UNKNOWN_STATE', { input: text }));
        break;
      }
      case 'service': {
        const service = readService(text, column, lookups.services, issues);
        names.service = service?.name ?? text;
        if (service) values.serviceId = service.id;
        break;
      }
      case 'status': {
        const v = enumValue(text, ContractStatus, STATUS_WORDS);
        if (v) values.status = v as ContractStatus;
        else issues.push(rowIssue(column, 'status', 'IMPORT_UNKNOWN_VALUE', { input: text, values: Object.values(ContractStatus).join(', ') }));
        break;
      }
      case 'legalRoute': {
        const v = enumValue(text, LegalRoute, LEGAL_ROUTE_WORDS);
        if (v) values.legalRoute = v as LegalRoute;
        else issues.push(rowIssue(column, 'legalRoute', 'IMPORT_UNKNOWN_VALUE', { input: text, values: Object.values(LegalRoute).join(', ') }));
        break;
      }
      case 'municipalAccess': {
        const v = enumValue(text, MunicipalAccessModel, MUNICIPAL_ACCESS_WORDS);
        if (v) values.municipalAccess = v as MunicipalAccessModel;
        else issues.push(rowIssue(column, 'municipalAccess', 'IMPORT_UNKNOWN_VALUE', { input: text, values: Object.values(MunicipalAccessModel).join(', ') }));
        break;
      }
      case 'interestDeclaredAt':
      case 'negotiationStartedAt':
      case 'signedAt':
      case 'terminatedAt': {
        const d = parseDateValue(raw);
        if (!d.ok) issues.push(rowIssue(column, field, d.code, d.params));
        else if (d.value) values[field] = d.value;
        break;
      }
      case 'notes':
        values.notes = text;
        break;
      case 'reason':
        reason = text;
        break;
    }
  }
  // A contract is matched by state and service: a row without either cannot be matched.
  if (!values.stateId && !issues.some((i) => i.field === 'stateId')) issues.push(rowIssue(columnOf.state ?? null, 'stateId', 'REQUIRED'));
  if (!values.serviceId && !issues.some((i) => i.field === 'serviceId')) issues.push(rowIssue(columnOf.service ?? null, 'serviceId', 'REQUIRED'));
  const label = [names.state, names.service].filter(Boolean).join(' ') || 'contract';
  return { values, reason, label, issues };
}

/** A stored contract as the planner compares with. */
export interface ContractState {
  status: string;
  legalRoute?: string | null;
  municipalAccess?: string | null;
  interestDeclaredAt?: string | null;
  negotiationStartedAt?: string | null;
  signedAt?: string | null;
  terminatedAt?: string | null;
  notes?: string | null;
}

/** The status a new contract's dates say, when the row gives none: the last lifecycle step that has a date, else NONE. */
export function contractStatusFromDates(values: ContractImportValues): ContractStatus {
  let status: ContractStatus = ContractStatus.NONE;
  for (const [step, field] of CONTRACT_STATUS_DATES) if (values[field]) status = step;
  return status;
}

/**
 * What a contracts row does to the stored contract (null: none yet for the
 * state and service), checked by the rules the API applies to a write: a
 * change of status only forwards along the lifecycle (terminating needs a
 * reason), lifecycle dates it sets are not in the future, and the record
 * after the change passes `validateContract` (the date of the status is
 * given, dates in lifecycle order, none for later steps). A new contract
 * without a status gets the one its dates say. Issues are at record fields
 * (`status`, `signedAt`, …, `reason`).
 */
export function planContractRow(
  existing: ContractState | null,
  values: ContractImportValues,
  reason: string | null,
  today: string,
): { record: ContractState; changes: FieldChanges; issues: FieldIssue[]; statusChange: { from: string; to: string } | null } {
  const { stateId: _s, serviceId: _v, ...fields } = values;
  const issues: FieldIssue[] = [];
  let record: ContractState;
  let changes: FieldChanges;
  let statusChange: { from: string; to: string } | null = null;
  if (existing) {
    changes = changesOf(existing as unknown as Record<string, unknown>, fields as Record<string, unknown>);
    record = { ...existing, ...fields };
    if (changes.status) {
      statusChange = { from: existing.status, to: record.status };
      for (const r of checkContractTransition(existing.status, record.status as ContractStatus, reason)) {
        issues.push({ field: r.code === 'TERMINATE_NEEDS_REASON' ? 'reason' : 'status', code: r.code, params: r.params, message: r.message });
      }
    }
  } else {
    record = { status: values.status ?? contractStatusFromDates(values), ...fields };
    changes = changesOf({}, { ...values, status: record.status } as Record<string, unknown>);
  }
  for (const field of CONTRACT_DATE_FIELDS) {
    const value = changes[field]?.to;
    if (typeof value === 'string' && value > today) issues.push(issueAt(field, 'NOT_IN_FUTURE', { value }));
  }
  issues.push(...validateContract(record));
  return { record, changes, issues, statusChange };
}

// ---------------------------------------------------------------------------
// Contacts

export interface ContactImportValues {
  ars?: string;
  name?: string;
  stateId?: string;
  serviceId?: string;
  /** The authority's general address: a role mailbox, not a person's. */
  email?: string;
  website?: string;
  /** The onboarding's (authority × service) subject-matter contact. */
  subjectContact?: string;
  technicalContact?: string;
}

/** The fields of a contacts row written to the authority, and those written to its onboarding for the row's service. */
export const CONTACT_AUTHORITY_FIELDS = ['email', 'website'] as const;
export const CONTACT_ONBOARDING_FIELDS = ['subjectContact', 'technicalContact'] as const;

/**
 * One row of the contacts target: the authority (ARS, else name within the
 * state), optionally the service, and the contact data. Subject-matter and
 * technical contacts are kept per service (on the onboarding): without a
 * service they are an issue at their column.
 */
export function readContactRow(
  cells: Record<string, RawValue>,
  mapping: ColumnMapping,
  lookups: ContractLookups,
): { values: ContactImportValues; label: string; issues: RowIssue[] } {
  const values: ContactImportValues = {};
  const issues: RowIssue[] = [];
  let serviceName: string | undefined;
  const columnOf: Record<string, string> = {};
  for (const [column, field] of Object.entries(mapping)) {
    if (!field) continue;
    columnOf[field] = column;
    const text = cellText(cells[column]);
    if (text === null) continue;
    switch (field) {
      case 'ars': {
        values.ars = arsFromCell(text);
        break;
      }
      case 'state': {
        const state = findState(text, lookups.states);
        if (state) values.stateId = state.id;
        else issues.push(rowIssue(column, 'stateId', 'IMPORT_UNKNOWN_STATE', { input: text }));
        break;
      }
      case 'service': {
        const service = readService(text, column, lookups.services, issues);
        serviceName = service?.name ?? text;
        if (service) values.serviceId = service.id;
        break;
      }
      case 'name':
      case 'email':
      case 'website':
      case 'subjectContact':
      case 'technicalContact':
        values[field] = text;
        break;
    }
  }
  if (!values.serviceId && !issues.some((i) => i.field === 'serviceId')) {
    for (const field of CONTACT_ONBOARDING_FIELDS) if (values[field]) issues.push(rowIssue(columnOf[field], field, 'IMPORT_NEEDS_SERVICE'));
  }
  const label = [values.ars, values.name, serviceName].filter(Boolean).join(' ') || 'contact';
  return { values, label, issues };
}

/**
 * What a contacts row changes: the authority's e-mail address and website,
 * and (for the row's service) the onboarding's contacts, each compared with
 * the stored value; a record the row changes is checked whole after the
 * change, by the rules the API applies to the write (`validateAuthority`
 * with the authority's state code, `validateOnboarding`).
 */
export function planContactRow(
  authority: Record<string, unknown> & { stateCode: string | undefined },
  onboarding: Record<string, unknown> | null,
  values: ContactImportValues,
): { authorityChanges: FieldChanges; onboardingChanges: FieldChanges; issues: FieldIssue[] } {
  const pick = (fields: readonly string[]) => Object.fromEntries(fields.filter((f) => values[f as keyof ContactImportValues] !== undefined).map((f) => [f, values[f as keyof ContactImportValues]]));
  const authorityChanges = changesOf(authority, pick(CONTACT_AUTHORITY_FIELDS));
  const onboardingChanges = onboarding ? changesOf(onboarding, pick(CONTACT_ONBOARDING_FIELDS)) : {};
  const issues: FieldIssue[] = [];
  if (Object.keys(authorityChanges).length) {
    const after = { ...authority, ...Object.fromEntries(Object.entries(authorityChanges).map(([f, c]) => [f, c.to])) };
    issues.push(...validateAuthority(after));
  }
  if (onboarding && Object.keys(onboardingChanges).length) {
    const after = { ...onboarding, ...Object.fromEntries(Object.entries(onboardingChanges).map(([f, c]) => [f, c.to])) };
    issues.push(...validateOnboarding(after));
  }
  return { authorityChanges, onboardingChanges, issues };
}
