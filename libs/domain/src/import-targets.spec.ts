import { checkMapping, findState, suggestMapping } from './import.js';
import {
  checkAuthorityRecord,
  contractStatusFromDates,
  findService,
  planContactRow,
  planContractRow,
  readContactRow,
  readContractRow,
  type ServiceLookup,
} from './import-targets.js';

const states = [
  { id: 'bb', code: 'BB', name: 'Brandenburg' },
  { id: 'by', code: 'BY', name: 'Bayern' },
  { id: 'ni', code: 'NI', name: 'Niedersachsen' },
  { id: 'th', code: 'TH', name: 'Thüringen' },
];
const services: ServiceLookup[] = [
  { id: '6f1c2a7e-0000-4000-8000-000000000001', name: 'Aufenthaltstitel', ozgId: '10255', leikaKeys: ['99010003001000'] },
  { id: '6f1c2a7e-0000-4000-8000-000000000002', name: 'Einbürgerung', ozgId: null, leikaKeys: [] },
  { id: '6f1c2a7e-0000-4000-8000-000000000003', name: 'Elterngeld', ozgId: '10101', leikaKeys: [] },
  { id: '6f1c2a7e-0000-4000-8000-000000000004', name: 'Elterngeld', ozgId: '10102', leikaKeys: [] },
];
const lookups = { states, services };
const TODAY = '2026-12-02';

describe('states and services named in cells', () => {
  it('finds a state by code, German or English name, tolerant of umlaut spellings', () => {
    expect(findState('bb', states)?.id).toBe('bb');
    expect(findState('Thueringen', states)?.id).toBe('th');
    expect(findState('Thuringia', states)?.id).toBe('th');
    expect(findState('Lower Saxony', states)?.id).toBe('ni');
    expect(findState('Bavaria', states)?.id).toBe('by');
    expect(findState('Bayernland', states)).toBeUndefined();
  });

  it('finds a service by OZG-ID, LeiKa key, name or id; a name of several services is ambiguous', () => {
    expect(findService('10255', services)).toEqual({ service: services[0] });
    expect(findService('OZG-ID 10255', services)).toEqual({ service: services[0] });
    expect(findService('99010003001000', services)).toEqual({ service: services[0] });
    expect(findService('einbuergerung', services)).toEqual({ service: services[1] });
    expect(findService(services[1].id.toUpperCase(), services)).toEqual({ candidates: [services[1]] });
    expect(findService('Elterngeld', services)).toEqual({ candidates: [services[2], services[3]] });
    expect(findService('Wohngeld', services)).toEqual({ candidates: [] });
  });
});

describe('contracts target', () => {
  const mapping = { Land: 'state', Leistung: 'service', Status: 'status', Unterzeichnet: 'signedAt', Interesse: 'interestDeclaredAt', Rechtsweg: 'legalRoute', Grund: 'reason' };

  it('suggests the mapping from German headers and needs state and service mapped', () => {
    expect(suggestMapping(['Bundesland', 'OZG-Leistung', 'Vertragsstatus', 'Unterzeichnet am', 'Beitritt'], 'contracts')).toEqual({
      Bundesland: 'state',
      'OZG-Leistung': 'service',
      Vertragsstatus: 'status',
      'Unterzeichnet am': 'signedAt',
      Beitritt: null,
    });
    expect(checkMapping({ Land: 'state' }, ['Land'], 'contracts')).toMatchObject([{ field: 'mapping', code: 'IMPORT_NO_KEY_COLUMN', params: { fields: 'service' } }]);
    expect(checkMapping({ Land: 'state', Leistung: 'service' }, ['Land', 'Leistung'], 'contracts')).toEqual([]);
  });

  it('reads German status words, German and Excel dates, the legal route as the console names it', () => {
    const read = readContractRow(
      { Land: 'Bayern', Leistung: '10255', Status: 'Unterzeichnet', Unterzeichnet: '31.08.2023', Interesse: new Date(Date.UTC(2023, 2, 14)), Rechtsweg: 'Verwaltungsvereinbarung', Grund: null },
      mapping,
      lookups,
    );
    expect(read).toEqual({
      values: { stateId: 'by', serviceId: services[0].id, status: 'SIGNED', signedAt: '2023-08-31', interestDeclaredAt: '2023-03-14', legalRoute: 'ADMINISTRATIVE_AGREEMENT' },
      reason: null,
      label: 'BY Aufenthaltstitel',
      issues: [],
    });
  });

  it('names the column of every cell it cannot read, and a missing state or service', () => {
    const read = readContractRow({ Land: 'Atlantis', Leistung: 'Elterngeld', Status: 'vielleicht', Unterzeichnet: '31.02.2023', Interesse: null, Rechtsweg: 'Handschlag', Grund: null }, mapping, lookups);
    expect(read.issues.map((i) => [i.column, i.field, i.code])).toEqual([
      ['Land', 'stateId', 'IMPORT_UNKNOWN_STATE'],
      ['Leistung', 'serviceId', 'IMPORT_AMBIGUOUS_SERVICE'],
      ['Status', 'status', 'IMPORT_UNKNOWN_VALUE'],
      ['Unterzeichnet', 'signedAt', 'IMPORT_NOT_A_DATE'],
      ['Rechtsweg', 'legalRoute', 'IMPORT_UNKNOWN_VALUE'],
    ]);
    const blank = readContractRow({ Land: '', Leistung: 'Einbürgerung' }, mapping, lookups);
    expect(blank.issues).toMatchObject([{ column: 'Land', field: 'stateId', code: 'REQUIRED' }]);
  });

  it('plans a change along the lifecycle with its field changes; unchanged when the row says what is stored', () => {
    const stored = { status: 'NEGOTIATING', interestDeclaredAt: '2022-02-03', negotiationStartedAt: '2022-07-11', signedAt: null, terminatedAt: null, legalRoute: null, municipalAccess: null, notes: null };
    const plan = planContractRow(stored, { status: 'SIGNED', signedAt: '2023-08-31' }, null, TODAY);
    expect(plan).toMatchObject({ issues: [], statusChange: { from: 'NEGOTIATING', to: 'SIGNED' }, changes: { status: { from: 'NEGOTIATING', to: 'SIGNED' }, signedAt: { from: null, to: '2023-08-31' } } });
    expect(planContractRow(stored, { status: 'NEGOTIATING', interestDeclaredAt: '2022-02-03' }, null, TODAY)).toMatchObject({ issues: [], changes: {}, statusChange: null });
  });

  it('refuses what the contract rules refuse: backwards, terminating without a reason, dates in the future or out of order, a status without its date', () => {
    const signed = { status: 'SIGNED', interestDeclaredAt: '2021-03-01', negotiationStartedAt: '2021-06-01', signedAt: '2021-12-10', terminatedAt: null };
    expect(planContractRow(signed, { status: 'INTEREST_DECLARED' }, null, TODAY).issues.map((i) => [i.field, i.code])).toEqual([
      ['status', 'CONTRACT_BACKWARDS'],
      ['negotiationStartedAt', 'EMPTY_FOR_STATUS'],
      ['signedAt', 'EMPTY_FOR_STATUS'],
    ]);
    expect(planContractRow(signed, { status: 'TERMINATED', terminatedAt: '2024-01-31' }, null, TODAY).issues.map((i) => [i.field, i.code])).toEqual([['reason', 'TERMINATE_NEEDS_REASON']]);
    expect(planContractRow(signed, { status: 'TERMINATED', terminatedAt: '2024-01-31' }, 'Landesrecht geändert', TODAY).issues).toEqual([]);
    expect(planContractRow(signed, { status: 'TERMINATED', terminatedAt: '2027-01-31' }, 'Landesrecht geändert', TODAY).issues.map((i) => [i.field, i.code])).toEqual([['terminatedAt', 'NOT_IN_FUTURE']]);
    expect(planContractRow(null, { status: 'SIGNED', interestDeclaredAt: '2023-06-01', signedAt: '2023-05-01' }, null, TODAY).issues.map((i) => [i.field, i.code])).toEqual([['signedAt', 'DATE_BEFORE']]);
    expect(planContractRow(null, { status: 'SIGNED' }, null, TODAY).issues.map((i) => [i.field, i.code])).toEqual([['signedAt', 'REQUIRED_FOR_STATUS']]);
  });

  it('gives a new contract without a status the one its dates say', () => {
    expect(contractStatusFromDates({})).toBe('NONE');
    expect(contractStatusFromDates({ interestDeclaredAt: '2023-01-01', negotiationStartedAt: '2023-02-01' })).toBe('NEGOTIATING');
    const plan = planContractRow(null, { stateId: 'bb', serviceId: 'x', interestDeclaredAt: '2023-01-01', signedAt: '2023-05-01' }, null, TODAY);
    expect(plan).toMatchObject({ issues: [], record: { status: 'SIGNED' }, changes: { status: { from: null, to: 'SIGNED' }, signedAt: { from: null, to: '2023-05-01' } } });
    expect(plan.changes.stateId).toEqual({ from: null, to: 'bb' });
  });
});

describe('contacts target', () => {
  const mapping = { ARS: 'ars', Behörde: 'name', Leistung: 'service', 'E-Mail': 'email', 'Fachlicher Kontakt': 'subjectContact', 'Technischer Kontakt': 'technicalContact' };

  it('suggests the mapping from German headers', () => {
    expect(suggestMapping(['Regionalschlüssel', 'Behörde', 'Onlinedienst', 'Funktionspostfach', 'Fachlicher Ansprechpartner', 'Technischer Ansprechpartner', 'Telefon'], 'contacts')).toEqual({
      Regionalschlüssel: 'ars',
      Behörde: 'name',
      Onlinedienst: 'service',
      Funktionspostfach: 'email',
      'Fachlicher Ansprechpartner': 'subjectContact',
      'Technischer Ansprechpartner': 'technicalContact',
      Telefon: null,
    });
  });

  it('reads a row; subject-matter and technical contacts need a service (they are kept per onboarding)', () => {
    const read = readContactRow({ ARS: 12072000000, Behörde: 'Landkreis Teltow-Fläming', Leistung: 'Aufenthaltstitel', 'E-Mail': 'abh@example.org', 'Fachlicher Kontakt': 'Sachgebiet Aufenthalt' }, mapping, lookups);
    expect(read).toEqual({
      values: { ars: '012072000000', name: 'Landkreis Teltow-Fläming', serviceId: services[0].id, email: 'abh@example.org', subjectContact: 'Sachgebiet Aufenthalt' },
      label: '012072000000 Landkreis Teltow-Fläming Aufenthaltstitel',
      issues: [],
    });
    const noService = readContactRow({ ARS: '120720000000', 'Fachlicher Kontakt': 'Sachgebiet Aufenthalt', 'Technischer Kontakt': 'IT-Service' }, mapping, lookups);
    expect(noService.issues.map((i) => [i.column, i.code])).toEqual([
      ['Fachlicher Kontakt', 'IMPORT_NEEDS_SERVICE'],
      ['Technischer Kontakt', 'IMPORT_NEEDS_SERVICE'],
    ]);
  });

  it('plans the changes of authority and onboarding and validates the records as the API does', () => {
    const authority = { name: 'Ausländerbehörde Landkreis Teltow-Fläming', kind: 'FOREIGNERS_AUTHORITY', level: 'DISTRICT', ars: '120720000000', stateCode: 'BB', email: 'alt@example.org', website: null };
    const onboarding = { subjectContact: null, technicalContact: 'IT-Service' };
    expect(planContactRow(authority, onboarding, { email: 'abh@example.org', subjectContact: 'Sachgebiet Aufenthalt', technicalContact: 'IT-Service' })).toEqual({
      authorityChanges: { email: { from: 'alt@example.org', to: 'abh@example.org' } },
      onboardingChanges: { subjectContact: { from: null, to: 'Sachgebiet Aufenthalt' } },
      issues: [],
    });
    expect(planContactRow(authority, null, { email: 'kein-mail', website: 'teltow-flaeming.de' }).issues.map((i) => [i.field, i.code])).toEqual([
      ['website', 'NOT_HTTP_URL'],
      ['email', 'NOT_EMAIL'],
    ]);
    expect(planContactRow(authority, onboarding, { technicalContact: 'x'.repeat(501) }).issues.map((i) => [i.field, i.code])).toEqual([['technicalContact', 'TOO_LONG']]);
  });
});

describe('authority records checked in memory', () => {
  it('reports what AuthorityService.validate would: state required or unknown, specialist system unknown, the rules with the state code', () => {
    const systems = new Set(['sys']);
    const ok = { name: 'Stadt Oranienburg', kind: 'FOREIGNERS_AUTHORITY', level: 'MUNICIPALITY', ars: '120650256256', stateId: 'bb', specialistSystemId: 'sys' };
    expect(checkAuthorityRecord(ok, states, systems)).toEqual([]);
    expect(checkAuthorityRecord({ ...ok, stateId: 'by' }, states, systems)).toMatchObject([{ field: 'ars', code: 'ARS_OTHER_STATE' }]);
    expect(checkAuthorityRecord({ ...ok, stateId: undefined }, states, systems)).toMatchObject([{ field: 'stateId', code: 'REQUIRED' }]);
    expect(checkAuthorityRecord({ ...ok, stateId: 'xx', specialistSystemId: 'nope' }, states, systems).map((i) => [i.field, i.code])).toEqual([
      ['stateId', 'REFERENCE_NOT_FOUND'],
      ['specialistSystemId', 'REFERENCE_NOT_FOUND'],
    ]);
    expect(checkAuthorityRecord({ ...ok, level: undefined, population: -1 }, states, systems).map((i) => [i.field, i.code]).sort()).toEqual([
      ['level', 'NOT_ONE_OF'],
      ['population', 'NEGATIVE'],
    ]);
  });
});
