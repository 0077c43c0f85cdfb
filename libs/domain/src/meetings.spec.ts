import { buildAgenda, daysOverdue, escapeMarkdown, isOverdue, isTimeZone, meetingWaveServices, validateMeeting, validateMeetingItem, type AgendaFacts } from './meetings.js';

const fields = (issues: Array<{ field: string; code?: string }>) => issues.map((i) => `${i.field}:${i.code}`).sort();

describe('meetings: validation', () => {
  const meeting = { kind: 'STEERING_GROUP', title: 'Lenkungskreis', startsAt: '2026-12-10T09:00:00Z', endsAt: '2026-12-10T11:00:00Z', timeZone: 'Europe/Berlin' };

  it('accepts a valid meeting with links', () => {
    expect(validateMeeting({ ...meeting, onlineUrl: 'https://meet.example.org/x', attachments: [{ title: 'Folien', url: 'http://example.org/a.pdf' }] })).toEqual([]);
  });

  it('needs the start before the end, a known IANA time zone and http(s) links', () => {
    expect(fields(validateMeeting({ ...meeting, endsAt: meeting.startsAt, timeZone: 'Mars/Olympus', onlineUrl: 'javascript:alert(1)', attachments: [{ title: '', url: 'ftp://x.org' }] }))).toEqual([
      'attachments.0.title:REQUIRED',
      'attachments.0.url:NOT_HTTP_URL',
      'endsAt:ENDS_NOT_AFTER_START',
      'onlineUrl:NOT_HTTP_URL',
      'timeZone:NOT_A_TIME_ZONE',
    ]);
    expect(fields(validateMeeting({ ...meeting, endsAt: '2026-12-10T08:00:00Z', kind: 'PARTY' }))).toEqual(['endsAt:ENDS_NOT_AFTER_START', 'kind:NOT_ONE_OF']);
  });

  it('knows IANA time zones', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
    expect(isTimeZone('Europe/Atlantis')).toBe(false);
    expect(isTimeZone('')).toBe(false);
    expect(isTimeZone('+01:00')).toBe(false);
  });

  it('wants an action item owned by a user xor an organisation, and decisions without status or due date', () => {
    expect(validateMeetingItem({ kind: 'ACTION_ITEM', text: 'x', ownerUserId: 'u1', status: 'OPEN' })).toEqual([]);
    expect(validateMeetingItem({ kind: 'ACTION_ITEM', text: 'x', ownerOrganisation: 'Land BB', status: 'IN_PROGRESS', dueDate: '2026-12-01' })).toEqual([]);
    expect(fields(validateMeetingItem({ kind: 'ACTION_ITEM', text: 'x', ownerUserId: 'u1', ownerOrganisation: 'Land BB', status: 'OPEN' }))).toEqual(['ownerOrganisation:OWNER_USER_OR_ORGANISATION']);
    expect(fields(validateMeetingItem({ kind: 'ACTION_ITEM', text: 'x', ownerOrganisation: '  ', status: null }))).toEqual(['ownerOrganisation:OWNER_REQUIRED', 'status:REQUIRED']);
    expect(validateMeetingItem({ kind: 'DECISION', text: 'Beschlossen' })).toEqual([]);
    expect(fields(validateMeetingItem({ kind: 'DECISION', text: 'x', status: 'DONE', dueDate: '2026-12-01' }))).toEqual(['dueDate:ONLY_FOR_ACTION_ITEMS', 'status:ONLY_FOR_ACTION_ITEMS']);
  });
});

describe('meetings: overdue', () => {
  const item = { kind: 'ACTION_ITEM', status: 'OPEN', dueDate: '2026-11-30' };
  it('is overdue from the day after its due date while open or in progress', () => {
    expect(isOverdue(item, '2026-11-30')).toBe(false);
    expect(isOverdue(item, '2026-12-01')).toBe(true);
    expect(isOverdue({ ...item, status: 'IN_PROGRESS' }, '2026-12-05')).toBe(true);
    expect(daysOverdue(item, '2026-12-05')).toBe(5);
  });
  it('is never overdue when done, cancelled, without due date, or a decision', () => {
    for (const other of [{ status: 'DONE' }, { status: 'CANCELLED' }, { dueDate: null }, { kind: 'DECISION', status: null }]) {
      expect(isOverdue({ ...item, ...other }, '2027-01-01')).toBe(false);
      expect(daysOverdue({ ...item, ...other }, '2027-01-01')).toBe(0);
    }
  });
});

describe('meetings: agenda prefill', () => {
  const facts: AgendaFacts = {
    previous: { title: 'Lenkungskreis – November 2026', startsAt: new Date('2026-11-05T09:00:00Z') },
    since: new Date('2026-11-05T09:00:00Z'),
    newlyLive: [{ authorityName: 'Landkreis Elbe-Elster', stateCode: 'BB', serviceName: 'Aufenthaltstitel', liveSince: new Date('2026-11-20T10:00:00Z') }],
    newlyBlocked: [{ authorityName: 'Stadt [Test](javascript:alert(1))', stateCode: 'ST', serviceName: 'Aufenthaltstitel', obstacles: 'DVDV-Eintrag fehlt <img src=x onerror=alert(1)>' }],
    contractsSigned: [{ stateCode: 'HE', stateName: 'Hessen', serviceName: 'Aufenthaltstitel', signedAt: '2026-11-25' }],
    overdueActionItems: [{ text: 'Kostenschlüssel abstimmen', owner: 'Geschäftsstelle Lenkungskreis', dueDate: '2026-11-28', daysOverdue: 4 }],
  };

  it('lists the changes since the previous meeting as numbered items with sub-lists', () => {
    const md = buildAgenda(facts);
    expect(md.split('\n')[0]).toBe('1. Begrüßung und Feststellung der Tagesordnung');
    expect(md).toContain('2. Änderungen seit der letzten Sitzung „Lenkungskreis – November 2026“ (05.11.2026)');
    expect(md).toContain('   - **Neu live** (1)\n     - Landkreis Elbe\\-Elster (BB), Aufenthaltstitel: 20.11.2026');
    expect(md).toContain('Hessen (HE), Aufenthaltstitel: unterzeichnet am 25.11.2026');
    expect(md).toContain('3. Überfällige Aufgaben (1)\n   - Kostenschlüssel abstimmen – Geschäftsstelle Lenkungskreis, fällig seit 28.11.2026 (4 Tage)');
    expect(md.trimEnd().endsWith('4. Verschiedenes')).toBe(true);
  });

  it('says "none" for empty sections, and speaks English on request', () => {
    const md = buildAgenda({ ...facts, previous: null, newlyLive: [], newlyBlocked: [], contractsSigned: [], overdueActionItems: [] }, 'en');
    expect(md).toContain('2. Changes since 05/11/2026');
    expect(md).toContain('**Newly live**: none');
    expect(md).toContain('3. Overdue action items: none');
  });

  it('escapes names so that data cannot become links or HTML in the Markdown', () => {
    const md = buildAgenda(facts);
    expect(md).toContain('Stadt \\[Test\\]\\(javascript:alert\\(1\\)\\)');
    expect(md).toContain('\\<img src=x onerror=alert\\(1\\)\\>');
    expect(escapeMarkdown('a\nb *c*')).toBe('a b \\*c\\*');
  });
});

describe('meetings: the wave of a meeting', () => {
  const wave = { serviceId: 's1', name: 'Welle 1', service: 'Wohngeld' };
  it('adds the wave\'s service when the meeting lists none', () => {
    expect(meetingWaveServices([], wave)).toEqual({ serviceIds: ['s1'], issues: [] });
    expect(meetingWaveServices(null, wave)).toEqual({ serviceIds: ['s1'], issues: [] });
  });
  it('keeps listed services that include the wave\'s service, and any list without a wave', () => {
    expect(meetingWaveServices(['s2', 's1'], wave)).toEqual({ serviceIds: ['s2', 's1'], issues: [] });
    expect(meetingWaveServices(['s2'], null)).toEqual({ serviceIds: ['s2'], issues: [] });
  });
  it('refuses, at waveId, a wave whose service the meeting does not list', () => {
    const { issues } = meetingWaveServices(['s2'], wave);
    expect(fields(issues)).toEqual(['waveId:MEETING_WAVE_OTHER_SERVICE']);
    expect(issues[0].message).toContain('Welle 1');
  });
});
