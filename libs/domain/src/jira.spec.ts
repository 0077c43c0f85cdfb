import { DEFAULT_STAGES } from './pipeline.js';
import { checkMapping, suggestMapping } from './import.js';
import {
  DEFAULT_SUMMARY_PATTERN,
  customFieldName,
  readJiraRow,
  isCancellingResolution,
  jiraStatusTarget,
  matchService,
  parseJiraComment,
  parseJiraDate,
  parseSummary,
  resolveJiraMapping,
  suggestJiraMapping,
} from './jira.js';

const stages = DEFAULT_STAGES.map((s) => ({ key: s.key, nameDe: s.name.de, nameEn: s.name.en }));
const iso = (s: string) => {
  const d = parseJiraDate(s);
  if (!d.ok) throw new Error(`not a date: ${s}`);
  return d.value?.toISOString() ?? null;
};

describe('Jira dates', () => {
  it('reads the English default format as Berlin wall-clock time (CET in winter, CEST in summer)', () => {
    expect(iso('12/Mar/24 10:15 AM')).toBe('2024-03-12T09:15:00.000Z');
    expect(iso('12/Mar/24 10:15 PM')).toBe('2024-03-12T21:15:00.000Z');
    expect(iso('12/Mar/24 12:05 AM')).toBe('2024-03-11T23:05:00.000Z');
    expect(iso('12/Mar/24 12:05 PM')).toBe('2024-03-12T11:05:00.000Z');
    expect(iso('03/Jul/23 9:00 AM')).toBe('2023-07-03T07:00:00.000Z');
    expect(iso('12/Mar/2024 10:15')).toBe('2024-03-12T09:15:00.000Z');
  });

  it('reads the German locale: numeric dates and German month abbreviations', () => {
    expect(iso('12.03.2024 10:15')).toBe('2024-03-12T09:15:00.000Z');
    expect(iso('12.03.24 10:15')).toBe('2024-03-12T09:15:00.000Z');
    expect(iso('12/Mär/24 10:15')).toBe('2024-03-12T09:15:00.000Z');
    expect(iso('12/Mrz/24 10:15')).toBe('2024-03-12T09:15:00.000Z');
    expect(iso('01/Okt/23 08:00')).toBe('2023-10-01T06:00:00.000Z');
    expect(iso('24/Dez/24 16:00')).toBe('2024-12-24T15:00:00.000Z');
  });

  it('reads dates without a time (Due Date), ISO dates, and blanks as null', () => {
    expect(iso('30/Jun/25')).toBe('2025-06-29T22:00:00.000Z');
    expect(iso('2025-06-30')).toBe('2025-06-29T22:00:00.000Z');
    expect(iso('2024-03-12T10:15:00')).toBe('2024-03-12T09:15:00.000Z');
    expect(parseJiraDate('  ')).toEqual({ ok: true, value: null });
  });

  it('refuses what is no date, naming the input', () => {
    for (const bad of ['31/Feb/24 10:00 AM', '12/Foo/24 10:15', '12.13.2024 10:15', '12/Mar/24 13:15 PM', 'gestern', '12/Mar/24 10:75']) {
      expect(parseJiraDate(bad)).toEqual({ ok: false, code: 'JIRA_NOT_A_DATE', params: { input: bad } });
    }
  });
});

describe('Jira comments', () => {
  it('splits "date;author;text" at the first two semicolons; the text keeps semicolons and line breaks', () => {
    const c = parseJiraComment('12/Mar/24 10:15 AM;5b10ac8d82e05b22cc7d4ef5;Kick-off am 20.03.; Teilnehmende: ABH, IT-Dienstleister\nZweite Zeile');
    expect(c).toMatchObject({ ok: true, value: { author: '5b10ac8d82e05b22cc7d4ef5', text: 'Kick-off am 20.03.; Teilnehmende: ABH, IT-Dienstleister\nZweite Zeile' } });
    const v = (c as { value: { at: Date; id: string } }).value;
    expect(v.at.toISOString()).toBe('2024-03-12T09:15:00.000Z');
    expect(v.id).toMatch(/^2024-03-12T09:15:00.000Z\|5b10ac8d82e05b22cc7d4ef5\|[0-9a-f]{16}$/);
  });

  it('gives the same comment the same id and another text another one; Cloud account ids with colons are authors', () => {
    const a = parseJiraComment('12.03.2024 10:15;557058:f58131cb-b67d-43c7-b30d-6b58d40bd077;Test');
    const b = parseJiraComment('12.03.2024 10:15;557058:f58131cb-b67d-43c7-b30d-6b58d40bd077;Test');
    const c = parseJiraComment('12.03.2024 10:15;557058:f58131cb-b67d-43c7-b30d-6b58d40bd077;Test!');
    expect(a).toEqual(b);
    expect((a as { value: { author: string } }).value.author).toBe('557058:f58131cb-b67d-43c7-b30d-6b58d40bd077');
    expect((a as { value: { id: string } }).value.id).not.toBe((c as { value: { id: string } }).value.id);
  });

  it('refuses a cell without date and author', () => {
    expect(parseJiraComment('nur Text')).toMatchObject({ ok: false, code: 'JIRA_NOT_A_COMMENT' });
    expect(parseJiraComment('gestern;someone;Text')).toMatchObject({ ok: false, code: 'JIRA_NOT_A_COMMENT' });
    expect(parseJiraComment('')).toEqual({ ok: true, value: null });
  });
});

describe('Jira columns and mapping', () => {
  // as the spreadsheet reader hands them over: repeated columns made unique
  const headers = ['Summary', 'Issue key', 'Issue id', 'Status', 'Resolution', 'Assignee', 'Created', 'Updated', 'Resolved', 'Due Date', 'Labels', 'Labels (2)', 'Custom field (Behörde)', 'Custom field (Leistung)', 'Custom field (Bundesland)', 'Sprint', 'Comment', 'Comment (2)', 'Comment (3)', 'Watchers', 'Watchers (2)'];

  it('suggests the column mapping: the standard columns, custom fields naming authority, service and state, every comment column', () => {
    expect(customFieldName('Custom field (Behörde)')).toBe('Behörde');
    expect(customFieldName('Benutzerdefiniertes Feld (Leistung)')).toBe('Leistung');
    const mapping = suggestMapping(headers, 'jira');
    expect(Object.fromEntries(Object.entries(mapping).filter(([, f]) => f))).toEqual({
      Summary: 'summary',
      'Issue key': 'jiraKey',
      Status: 'status',
      Resolution: 'resolution',
      Created: 'created',
      Updated: 'updated',
      Resolved: 'resolved',
      'Due Date': 'plannedGoLive',
      'Custom field (Behörde)': 'authority',
      'Custom field (Leistung)': 'service',
      'Custom field (Bundesland)': 'state',
      Comment: 'comment',
      'Comment (2)': 'comment',
      'Comment (3)': 'comment',
    });
    expect(checkMapping(mapping, headers, 'jira')).toEqual([]);
    // German column names of a German-locale export
    expect(suggestMapping(['Zusammenfassung', 'Vorgangsschlüssel', 'Status', 'Erstellt', 'Aktualisiert', 'Fälligkeitsdatum', 'Kommentar', 'Kommentar (2)'], 'jira')).toEqual({
      Zusammenfassung: 'summary',
      Vorgangsschlüssel: 'jiraKey',
      Status: 'status',
      Erstellt: 'created',
      Aktualisiert: 'updated',
      Fälligkeitsdatum: 'plannedGoLive',
      Kommentar: 'comment',
      'Kommentar (2)': 'comment',
    });
  });

  it('reads an issue: dates, all comments, the key; bad cells are issues at their columns', () => {
    const mapping = suggestMapping(headers, 'jira');
    const cells = Object.fromEntries(headers.map((h) => [h, '']));
    Object.assign(cells, {
      Summary: 'Anbindung ABH Landkreis Harz – Aufenthaltskarten',
      'Issue key': 'EFAAT-101',
      Status: 'In Arbeit',
      Created: '12/Mar/24 10:15 AM',
      'Due Date': '30/Jun/24',
      Comment: '13/Mar/24 9:00 AM;acc-1;Kick-off vereinbart',
      'Comment (3)': '14/Mar/24 9:00 AM;acc-2;AVV unterschrieben',
    });
    const { values, issues } = readJiraRow(cells, mapping);
    expect(issues).toEqual([]);
    expect(values).toMatchObject({ jiraKey: 'EFAAT-101', status: 'In Arbeit', summary: 'Anbindung ABH Landkreis Harz – Aufenthaltskarten' });
    expect(values.created?.toISOString()).toBe('2024-03-12T09:15:00.000Z');
    expect(values.comments.map((c) => c.text)).toEqual(['Kick-off vereinbart', 'AVV unterschrieben']);
    const bad = readJiraRow({ ...cells, 'Issue key': 'efaat 7', Updated: 'morgen', 'Comment (2)': 'ohne Datum', Status: '' }, mapping);
    expect(bad.issues.map((i) => [i.column, i.field, i.code])).toEqual([
      ['Issue key', 'jiraKey', 'JIRA_NOT_A_KEY'],
      ['Updated', 'updated', 'JIRA_NOT_A_DATE'],
      ['Comment (2)', 'comment', 'JIRA_NOT_A_COMMENT'],
      ['Status', 'status', 'REQUIRED'],
    ]);
  });

  it('completes a given Jira mapping by the suggestion and names what is wrong with it', () => {
    expect(suggestJiraMapping()).toEqual({ statuses: {}, summaryPattern: DEFAULT_SUMMARY_PATTERN, service: null });
    const ok = resolveJiraMapping({ statuses: { 'In Klärung': 'ON_HOLD', Abnahme: 'TEST' }, service: 'Aufenthaltstitel' });
    expect(ok).toEqual({ mapping: { statuses: { 'In Klärung': 'ON_HOLD', Abnahme: 'TEST' }, summaryPattern: DEFAULT_SUMMARY_PATTERN, service: 'Aufenthaltstitel' }, issues: [] });
    const bad = resolveJiraMapping({ summaryPattern: '(unclosed', statuses: { Done: 'fertig' }, colour: 'red' });
    expect(bad.issues.map((i) => [i.field, i.code])).toEqual([
      ['jiraMapping.colour', 'JIRA_MAPPING_UNKNOWN_KEY'],
      ['jiraMapping.summaryPattern', 'JIRA_PATTERN_INVALID'],
      ['jiraMapping.statuses.Done', 'JIRA_MAPPING_STAGE'],
    ]);
    expect(resolveJiraMapping({ summaryPattern: '^(.+)$' }).issues.map((i) => i.code)).toEqual(['JIRA_PATTERN_NO_GROUP']);
    expect(resolveJiraMapping([1, 2]).issues.map((i) => i.code)).toEqual(['JIRA_MAPPING_NOT_OBJECT']);
  });
});

describe('Jira statuses → stages', () => {
  it('suggests stages from common German and English Jira statuses and the pipeline\'s own names', () => {
    const target = (s: string) => jiraStatusTarget(s, { statuses: {} }, stages);
    expect(target('Backlog')).toEqual({ stage: 'INTEREST', status: 'ACTIVE', source: 'suggested' });
    expect(target('In Arbeit')).toMatchObject({ stage: 'PREPARATION' });
    expect(target('In Progress')).toMatchObject({ stage: 'PREPARATION' });
    expect(target('Fertig')).toMatchObject({ stage: 'LIVE' });
    expect(target('Done')).toMatchObject({ stage: 'LIVE' });
    expect(target('Vorbereitung')).toMatchObject({ stage: 'PREPARATION' });
    expect(target('Kick-off')).toMatchObject({ stage: 'KICK_OFF' });
    expect(target('Anbindung')).toMatchObject({ stage: 'CONNECTION' });
    expect(target('In Review')).toMatchObject({ stage: 'TEST' });
    expect(target('Ruhend gestellt')).toEqual({ stage: null, status: 'ON_HOLD', source: 'suggested' });
    expect(target("Won't Do")).toEqual({ stage: null, status: 'CANCELLED', source: 'suggested' });
    expect(target('Warten auf Kunde')).toBeNull();
  });

  it('lets the mapping win, compared case- and umlaut-insensitively', () => {
    const mapping = { statuses: { 'In Arbeit': 'CONNECTION', 'Warten auf Kunde': 'ON_HOLD' } };
    expect(jiraStatusTarget('in arbeit', mapping, stages)).toEqual({ stage: 'CONNECTION', status: 'ACTIVE', source: 'mapping' });
    expect(jiraStatusTarget('Warten auf Kunde', mapping, stages)).toEqual({ stage: null, status: 'ON_HOLD', source: 'mapping' });
  });

  it('treats a closed issue resolved as "Won\'t Do" or a duplicate as given up', () => {
    expect(isCancellingResolution("Won't Do")).toBe(true);
    expect(isCancellingResolution('Duplikat')).toBe(true);
    expect(isCancellingResolution('Done')).toBe(false);
    expect(isCancellingResolution('Fertig')).toBe(false);
    expect(isCancellingResolution(null)).toBe(false);
  });
});

describe('summaries and services', () => {
  it('reads authority and service from a summary with the default pattern', () => {
    expect(parseSummary('Anbindung ABH Landkreis Teltow-Fläming – Aufenthaltstitel', DEFAULT_SUMMARY_PATTERN)).toEqual({ authority: 'ABH Landkreis Teltow-Fläming', service: 'Aufenthaltstitel' });
    expect(parseSummary('Onboarding: Stadt Cottbus - Aufenthaltskarten', DEFAULT_SUMMARY_PATTERN)).toEqual({ authority: 'Stadt Cottbus', service: 'Aufenthaltskarten' });
    expect(parseSummary('Landkreis Elbe-Elster — Aufenthaltstitel', DEFAULT_SUMMARY_PATTERN)).toEqual({ authority: 'Landkreis Elbe-Elster', service: 'Aufenthaltstitel' });
    expect(parseSummary('Schulung für alle Behörden', DEFAULT_SUMMARY_PATTERN)).toEqual({ authority: null, service: null });
    expect(parseSummary('ABH Potsdam', String.raw`^ABH (?<authority>.+)$`)).toEqual({ authority: 'Potsdam', service: null });
  });

  it('matches a service by name, OZG-ID or the unique start of its name', () => {
    const services = [
      { id: '1', name: 'Aufenthaltstitel', ozgId: '10255' },
      { id: '2', name: 'Aufenthaltskarten und aufenthaltsrelevante Bescheinigungen', ozgId: '10596' },
      { id: '3', name: 'Einbürgerung', ozgId: null },
    ];
    expect(matchService('aufenthaltstitel', services)).toEqual({ kind: 'ONE', service: services[0] });
    expect(matchService('10596', services)).toEqual({ kind: 'ONE', service: services[1] });
    expect(matchService('Aufenthaltskarten', services)).toEqual({ kind: 'ONE', service: services[1] });
    expect(matchService('Einbuergerung', services)).toEqual({ kind: 'ONE', service: services[2] });
    expect(matchService('Aufenthalt', services)).toEqual({ kind: 'NONE' });
    expect(matchService('Wohngeld', services)).toEqual({ kind: 'NONE' });
  });
});
