/**
 * Meetings, their decisions and action items through GraphQL over HTTP: CRUD with links, audit and
 * optimistic locking, validation naming fields (nothing written), access per role, the agenda
 * suggestion from a go-live and a contract signing made here, and overdue action items on the
 * onboarding, the authority and the dashboard.
 */
import { WorkflowFixture, firstError, isoDay, ok, random } from './workflow-fixture.js';

let fx: WorkflowFixture;
beforeAll(async () => {
  fx = await WorkflowFixture.start();
});
afterAll(async () => fx?.close());

const MEETING = `id version waveId kind title startsAt endsAt timeZone location onlineUrl agenda minutes attachments { title url } serviceIds stateIds authorityIds
  items { id kind text status dueDate ownerName overdue }`;
const ITEM = `id version meetingId kind text ownerUserId ownerOrganisation ownerName dueDate status closedAt onboardingId reuseContractId authorityId blockerId overdue`;

const CREATE_MEETING = `mutation($kind: MeetingKind!, $title: String!, $startsAt: DateTime!, $endsAt: DateTime!, $timeZone: String, $location: String, $onlineUrl: String,
  $agenda: String, $minutes: String, $attachments: [MeetingAttachmentInput!], $serviceIds: [ID!], $stateIds: [ID!], $authorityIds: [ID!], $waveId: ID) {
  createMeeting(waveId: $waveId, kind: $kind, title: $title, startsAt: $startsAt, endsAt: $endsAt, timeZone: $timeZone, location: $location, onlineUrl: $onlineUrl,
    agenda: $agenda, minutes: $minutes, attachments: $attachments, serviceIds: $serviceIds, stateIds: $stateIds, authorityIds: $authorityIds) { ${MEETING} } }`;
const UPDATE_MEETING = `mutation($id: ID!, $version: Int!, $title: String, $endsAt: DateTime, $stateIds: [ID!], $minutes: String) {
  updateMeeting(id: $id, version: $version, title: $title, endsAt: $endsAt, stateIds: $stateIds, minutes: $minutes) { ${MEETING} } }`;
const CREATE_ITEM = `mutation($meetingId: ID!, $kind: MeetingItemKind!, $text: String!, $ownerUserId: ID, $ownerOrganisation: String, $dueDate: LocalDate,
  $status: ActionItemStatus, $onboardingId: ID, $reuseContractId: ID, $authorityId: ID, $blockerId: ID) {
  createMeetingItem(meetingId: $meetingId, kind: $kind, text: $text, ownerUserId: $ownerUserId, ownerOrganisation: $ownerOrganisation, dueDate: $dueDate,
    status: $status, onboardingId: $onboardingId, reuseContractId: $reuseContractId, authorityId: $authorityId, blockerId: $blockerId) { ${ITEM} } }`;
const UPDATE_ITEM = `mutation($id: ID!, $version: Int!, $status: ActionItemStatus, $kind: MeetingItemKind) { updateMeetingItem(id: $id, version: $version, status: $status, kind: $kind) { ${ITEM} } }`;
const OVERDUE = `query($authorityId: ID, $onboardingId: ID, $stateId: ID, $serviceId: ID, $asOf: DateTime) {
  overdueActionItems(authorityId: $authorityId, onboardingId: $onboardingId, stateId: $stateId, serviceId: $serviceId, asOf: $asOf) {
    total items { itemId meetingId meetingTitle text owner status dueDate daysOverdue onboardingId authorityId authorityName stateCode } } }`;
const AGENDA = `query($meetingId: ID, $kind: MeetingKind, $startsAt: DateTime, $language: String, $stateIds: [ID!]) {
  agendaSuggestion(meetingId: $meetingId, kind: $kind, startsAt: $startsAt, language: $language, stateIds: $stateIds) {
    since until previousMeetingId previousMeetingTitle markdown
    newlyLive { onboardingId authorityName stateCode serviceName liveSince }
    newlyBlocked { onboardingId authorityName obstacles }
    contractsSigned { contractId stateCode stateName serviceName signedAt }
    overdueActionItems { itemId daysOverdue } } }`;

const hoursFromNow = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
const meetingVars = (over: Record<string, unknown> = {}) => ({
  kind: 'PROJECT_MEETING',
  title: `Projekttermin ${random()}`,
  startsAt: hoursFromNow(24),
  endsAt: hoursFromNow(25),
  ...over,
});
const newMeeting = async (over: Record<string, unknown> = {}, as?: Parameters<WorkflowFixture['t']['as']>[0]) =>
  ok(await (as ? fx.t.as(as) : fx.t).gql(CREATE_MEETING, meetingVars(over)), 'createMeeting');
const newItem = async (vars: Record<string, unknown>) => ok(await fx.gql(CREATE_ITEM, vars), 'createMeetingItem');

async function counts() {
  const [row] = await fx.t.dataSource.query(
    `SELECT (SELECT count(*) FROM meeting)::int AS meetings, (SELECT count(*) FROM meeting_item)::int AS items, (SELECT count(*) FROM meeting_state)::int AS states,
            (SELECT count(*) FROM meeting_service)::int AS services, (SELECT count(*) FROM audit_event WHERE entity_type IN ('Meeting', 'MeetingItem'))::int AS events`,
  );
  return row;
}

describe('meetings: CRUD', () => {
  it('creates a meeting with services, states, authorities and attachments, with one audit event, and reads it back', async () => {
    const authorityId = await fx.authority('BB');
    const m = await newMeeting({
      kind: 'STEERING_GROUP',
      startsAt: hoursFromNow(24 * 60),
      endsAt: hoursFromNow(24 * 60 + 2),
      timeZone: 'Europe/Berlin',
      location: 'Potsdam',
      onlineUrl: 'https://meet.example.org/lenkungskreis',
      agenda: '1. Begrüßung',
      attachments: [{ title: 'Folien', url: 'https://example.org/folien.pdf' }],
      serviceIds: [fx.serviceId],
      stateIds: [fx.states.BB, fx.states.NW],
      authorityIds: [authorityId],
    });
    expect(m).toMatchObject({ kind: 'STEERING_GROUP', timeZone: 'Europe/Berlin', version: 1, serviceIds: [fx.serviceId], authorityIds: [authorityId], attachments: [{ title: 'Folien', url: 'https://example.org/folien.pdf' }], items: [] });
    expect([...m.stateIds].sort()).toEqual([fx.states.BB, fx.states.NW].sort());
    const [event] = await fx.events(m.id);
    expect(event).toMatchObject({ action: 'CREATE', actor: 'admin@test.invalid' });
    expect(event.changes.title).toEqual({ from: null, to: m.title });
    expect(event.changes.stateIds.to).toHaveLength(2);

    const read = ok(await fx.gql(`query($id: ID!) { Meeting(id: $id) { ${MEETING} } }`, { id: m.id }), 'Meeting');
    expect(read).toEqual(m);
    const listed = ok(await fx.gql(`query($f: MeetingFilter) { allMeetings(filter: $f, sortField: "startsAt", sortOrder: "DESC") { id stateIds } }`, { f: { kind: ['STEERING_GROUP'], stateId: fx.states.NW } }), 'allMeetings');
    expect(listed.map((r: { id: string }) => r.id)).toContain(m.id);
    const none = ok(await fx.gql(`query($f: MeetingFilter) { allMeetings(filter: $f) { id } }`, { f: { kind: ['WORKSHOP'], startsFrom: m.startsAt } }), 'allMeetings');
    expect(none.map((r: { id: string }) => r.id)).not.toContain(m.id);
  });

  it('updates fields and links in one versioned write with the field-level changes, and refuses a stale version', async () => {
    const m = await newMeeting({ stateIds: [fx.states.BB] });
    const u = ok(await fx.gql(UPDATE_MEETING, { id: m.id, version: m.version, title: 'Neuer Titel', stateIds: [fx.states.ST], minutes: '## Protokoll' }), 'updateMeeting');
    expect(u).toMatchObject({ version: 2, title: 'Neuer Titel', stateIds: [fx.states.ST], minutes: '## Protokoll' });
    const [, event] = await fx.events(m.id);
    expect(event.action).toBe('UPDATE');
    expect(event.changes.stateIds).toEqual({ from: [fx.states.BB], to: [fx.states.ST] });
    expect(event.changes.title).toEqual({ from: m.title, to: 'Neuer Titel' });

    const linksOnly = ok(await fx.gql(UPDATE_MEETING, { id: m.id, version: 2, stateIds: [fx.states.ST, fx.states.BB] }), 'updateMeeting');
    expect(linksOnly.version).toBe(3);

    const before = await counts();
    const stale = await fx.gql(UPDATE_MEETING, { id: m.id, version: 1, title: 'Zu spät' });
    expect(firstError(stale).code).toBe('CONFLICT');
    expect(await counts()).toEqual(before);
  });

  it('refuses to delete a meeting with decisions or action items, and deletes it with its links once they are gone', async () => {
    const m = await newMeeting({ stateIds: [fx.states.BB], serviceIds: [fx.serviceId] });
    const item = await newItem({ meetingId: m.id, kind: 'DECISION', text: 'Go-Live-Termin bestätigt' });
    expect(item).toMatchObject({ status: null, ownerName: null, overdue: false });
    expect(firstError(await fx.gql(`mutation($id: ID!) { deleteMeeting(id: $id) { id } }`, { id: m.id })).code).toBe('REFERENCED');
    ok(await fx.gql(`mutation($id: ID!) { deleteMeetingItem(id: $id) { id } }`, { id: item.id }), 'deleteMeetingItem');
    ok(await fx.gql(`mutation($id: ID!, $v: Int) { deleteMeeting(id: $id, version: $v) { id } }`, { id: m.id, v: m.version }), 'deleteMeeting');
    expect(await fx.t.dataSource.query(`SELECT * FROM meeting_state WHERE meeting_id = $1`, [m.id])).toEqual([]);
    expect((await fx.events(m.id)).map((e) => e.action)).toEqual(['CREATE', 'DELETE']);
  });

  it('records action items with an owner (user or organisation), defaults them to OPEN and sets closedAt when done', async () => {
    const m = await newMeeting();
    const [{ id: userId }] = await fx.t.dataSource.query(`SELECT id FROM app_user WHERE email = 'manager@test.invalid'`);
    const byUser = await newItem({ meetingId: m.id, kind: 'ACTION_ITEM', text: 'Zertifikat beantragen', ownerUserId: userId, dueDate: isoDay(7) });
    expect(byUser).toMatchObject({ status: 'OPEN', ownerName: 'Test ROLLOUT_MANAGER', closedAt: null, overdue: false });
    const done = ok(await fx.gql(UPDATE_ITEM, { id: byUser.id, version: byUser.version, status: 'DONE' }), 'updateMeetingItem');
    expect(done).toMatchObject({ status: 'DONE', closedAt: isoDay() });
    const reopened = ok(await fx.gql(UPDATE_ITEM, { id: done.id, version: done.version, status: 'IN_PROGRESS' }), 'updateMeetingItem');
    expect(reopened.closedAt).toBeNull();
    const byOrg = await newItem({ meetingId: m.id, kind: 'ACTION_ITEM', text: 'DVDV-Eintrag', ownerOrganisation: 'DVDV-Pflegestelle Brandenburg' });
    expect(byOrg.ownerName).toBe('DVDV-Pflegestelle Brandenburg');
    const mine = ok(await fx.t.as('ROLLOUT_MANAGER').gql(`query { allMeetingItems(filter: { mine: true }) { id } }`), 'allMeetingItems');
    expect(mine.map((r: { id: string }) => r.id)).toEqual([byUser.id]);
    const byOwner = ok(await fx.gql(`query { allMeetingItems(filter: { ownerOrganisation: "pflegestelle" }) { id } }`), 'allMeetingItems');
    expect(byOwner.map((r: { id: string }) => r.id)).toContain(byOrg.id);
  });
});

describe('meetings: validation', () => {
  async function refusedWith(write: () => Promise<any>, fields: string[], codes?: string[]) {
    const before = await counts();
    const r = await write();
    expect(r.data ?? null).toBeNull();
    const e = firstError(r);
    expect(e.code).toBe('VALIDATION');
    expect([...e.fields].sort()).toEqual([...fields].sort());
    if (codes) expect(r.errors![0].extensions!.issues!.map((i: { code?: string }) => i.code).sort()).toEqual([...codes].sort());
    expect(await counts()).toEqual(before);
    return r;
  }

  it('refuses an end not after the start, an unknown time zone, non-http links and unknown states, naming each field', async () => {
    const start = hoursFromNow(48);
    const r = await refusedWith(
      () =>
        fx.gql(
          CREATE_MEETING,
          meetingVars({ startsAt: start, endsAt: start, timeZone: 'Europe/Atlantis', onlineUrl: 'javascript:alert(1)', attachments: [{ title: 'x', url: 'ftp://example.org/a' }], stateIds: ['00000000-0000-0000-0000-000000000001'] }),
        ),
      ['endsAt', 'timeZone', 'onlineUrl', 'attachments.0.url', 'stateIds'],
      ['ENDS_NOT_AFTER_START', 'NOT_A_TIME_ZONE', 'NOT_HTTP_URL', 'NOT_HTTP_URL', 'REFERENCE_NOT_FOUND'],
    );
    expect(r.errors![0].message).toContain('endsAt');
    await refusedWith(() => fx.gql(CREATE_MEETING, meetingVars({ title: '   ' })), ['title'], ['REQUIRED']);
  });

  it('refuses an update that would end the meeting before it starts, leaving it as it was', async () => {
    const m = await newMeeting();
    await refusedWith(() => fx.gql(UPDATE_MEETING, { id: m.id, version: m.version, endsAt: hoursFromNow(1) }), ['endsAt']);
    expect(ok(await fx.gql(`query($id: ID!) { Meeting(id: $id) { version endsAt } }`, { id: m.id }), 'Meeting')).toEqual({ version: 1, endsAt: m.endsAt });
  });

  it('refuses items with two owners, action items without one, and status or due date on decisions', async () => {
    const m = await newMeeting();
    const [{ id: userId }] = await fx.t.dataSource.query(`SELECT id FROM app_user WHERE email = 'manager@test.invalid'`);
    await refusedWith(() => fx.gql(CREATE_ITEM, { meetingId: m.id, kind: 'ACTION_ITEM', text: 'x', ownerUserId: userId, ownerOrganisation: 'Land BB' }), ['ownerOrganisation'], ['OWNER_USER_OR_ORGANISATION']);
    await refusedWith(() => fx.gql(CREATE_ITEM, { meetingId: m.id, kind: 'ACTION_ITEM', text: 'x' }), ['ownerOrganisation'], ['OWNER_REQUIRED']);
    await refusedWith(() => fx.gql(CREATE_ITEM, { meetingId: m.id, kind: 'DECISION', text: 'x', status: 'OPEN', dueDate: isoDay(3) }), ['status', 'dueDate'], ['ONLY_FOR_ACTION_ITEMS', 'ONLY_FOR_ACTION_ITEMS']);
    await refusedWith(() => fx.gql(CREATE_ITEM, { meetingId: m.id, kind: 'ACTION_ITEM', text: 'x', ownerOrganisation: 'Land BB', onboardingId: '00000000-0000-0000-0000-000000000002' }), ['onboardingId'], ['REFERENCE_NOT_FOUND']);
    await refusedWith(() => fx.gql(CREATE_ITEM, { meetingId: m.id, kind: 'ACTION_ITEM', text: 'x', ownerOrganisation: 'Land BB', dueDate: '2026-02-30' }), ['dueDate']);
  });
});

describe('meetings: access', () => {
  it('lets every role read every meeting, and refuses writes to steering-group members', async () => {
    const m = await newMeeting({ stateIds: [fx.states.NW] });
    for (const role of ['STEERING_MEMBER', 'STATE_COORDINATOR', 'ROLLOUT_MANAGER'] as const) {
      expect(ok(await fx.t.as(role).gql(`query($id: ID!) { Meeting(id: $id) { id title } }`, { id: m.id }), 'Meeting').id).toBe(m.id);
    }
    const before = await counts();
    expect(firstError(await fx.t.as('STEERING_MEMBER').gql(CREATE_MEETING, meetingVars())).code).toBe('FORBIDDEN');
    expect(firstError(await fx.t.as('STEERING_MEMBER').gql(UPDATE_MEETING, { id: m.id, version: m.version, title: 'x' })).code).toBe('FORBIDDEN');
    expect(await counts()).toEqual(before);
    expect(ok(await fx.t.as('ROLLOUT_MANAGER').gql(UPDATE_MEETING, { id: m.id, version: m.version, title: 'Vom Rollout-Team' }), 'updateMeeting').version).toBe(2);
  });

  it("lets a state coordinator write only meetings whose only state is their own, and those meetings' items", async () => {
    const own = await newMeeting({ kind: 'INFORMATION_EVENT', stateIds: [fx.states.BB] }, 'STATE_COORDINATOR');
    expect(own.stateIds).toEqual([fx.states.BB]);
    const before = await counts();
    for (const stateIds of [[fx.states.ST], [fx.states.BB, fx.states.ST], []]) {
      expect(firstError(await fx.t.as('STATE_COORDINATOR').gql(CREATE_MEETING, meetingVars({ stateIds }))).code).toBe('FORBIDDEN');
    }
    // widening its own meeting to a second state is a change of a meeting that would no longer be theirs alone
    expect(firstError(await fx.t.as('STATE_COORDINATOR').gql(UPDATE_MEETING, { id: own.id, version: own.version, stateIds: [fx.states.BB, fx.states.ST] })).code).toBe('FORBIDDEN');
    expect(firstError(await fx.t.as('STATE_COORDINATOR_ST').gql(UPDATE_MEETING, { id: own.id, version: own.version, title: 'fremd' })).code).toBe('FORBIDDEN');
    expect(firstError(await fx.t.as('STATE_COORDINATOR_ST').gql(CREATE_ITEM, { meetingId: own.id, kind: 'DECISION', text: 'x' })).code).toBe('FORBIDDEN');
    expect(await counts()).toEqual(before);
    const item = ok(await fx.t.as('STATE_COORDINATOR').gql(CREATE_ITEM, { meetingId: own.id, kind: 'ACTION_ITEM', text: 'Einladung versenden', ownerOrganisation: 'Geschäftsstelle Land BB', dueDate: isoDay(5) }), 'createMeetingItem');
    expect(item.status).toBe('OPEN');
  });
});

describe('meetings: agenda suggestion', () => {
  it('lists a go-live and a contract signing made since the previous meeting of the same kind, and overdue action items', async () => {
    // the previous workshop was two days ago; a kick-off yesterday is of another kind and does not count (kinds the seed has no meetings of)
    const previous = await newMeeting({ kind: 'WORKSHOP', title: `Workshop vorher ${random()}`, startsAt: hoursFromNow(-48), endsAt: hoursFromNow(-46) });
    await newMeeting({ kind: 'KICK_OFF', startsAt: hoursFromNow(-24), endsAt: hoursFromNow(-23) });
    const live = await fx.onboardingIn('LIVE');
    const contract = await fx.newContract('BY', fx.serviceId, { status: 'NEGOTIATING', interestDeclaredAt: '2024-01-10', negotiationStartedAt: '2024-03-01' });
    ok(await fx.gql(`mutation($id: ID!, $version: Int!, $signedAt: LocalDate!) { signContract(id: $id, version: $version, signedAt: $signedAt) { id } }`, { id: contract.id, version: contract.version, signedAt: isoDay() }), 'signContract');
    const item = await newItem({ meetingId: previous.id, kind: 'ACTION_ITEM', text: 'Kostenschlüssel abstimmen', ownerOrganisation: 'Geschäftsstelle Lenkungskreis', dueDate: isoDay(-1) });

    const planned = ok(await fx.gql(AGENDA, { kind: 'WORKSHOP', startsAt: hoursFromNow(24) }), 'agendaSuggestion');
    expect(planned.previousMeetingId).toBe(previous.id);
    expect(planned.since).toBe(previous.startsAt);
    expect(planned.newlyLive).toContainEqual(expect.objectContaining({ onboardingId: live.id, stateCode: 'NW', serviceName: fx.serviceName }));
    expect(planned.contractsSigned).toContainEqual({ contractId: contract.id, stateCode: 'BY', stateName: 'Bayern', serviceName: fx.serviceName, signedAt: isoDay() });
    expect(planned.overdueActionItems).toContainEqual({ itemId: item.id, daysOverdue: 1 });
    const authorityName: string = planned.newlyLive.find((r: { onboardingId: string }) => r.onboardingId === live.id).authorityName;
    expect(planned.markdown).toContain('Neu live');
    expect(planned.markdown).toContain(authorityName.replace(/[\\`*_{}[\]()#+\-.!<>|~&]/g, (c) => `\\${c}`));
    expect(planned.markdown).toContain('Bayern (BY)');
    expect(planned.markdown).toContain('Kostenschlüssel abstimmen');

    // for a stored meeting narrowed to other states, neither appears; the previous meeting is still the one before it
    const other = await newMeeting({ kind: 'WORKSHOP', stateIds: [fx.states.SN] });
    const narrowed = ok(await fx.gql(AGENDA, { meetingId: other.id, language: 'en' }), 'agendaSuggestion');
    expect(narrowed.previousMeetingId).toBe(previous.id);
    expect(narrowed.newlyLive).toEqual([]);
    expect(narrowed.contractsSigned).toEqual([]);
    expect(narrowed.markdown).toContain('**Newly live**: none');
    // the form's unsaved states override the stored ones
    const overridden = ok(await fx.gql(AGENDA, { meetingId: other.id, stateIds: [fx.states.NW] }), 'agendaSuggestion');
    expect(overridden.newlyLive).toContainEqual(expect.objectContaining({ onboardingId: live.id }));

    // a meeting whose previous one came after the go-live and the signing sees neither
    const after = await newMeeting({ kind: 'WORKSHOP', startsAt: hoursFromNow(48), endsAt: hoursFromNow(49) });
    const later = ok(await fx.gql(AGENDA, { meetingId: after.id }), 'agendaSuggestion');
    expect(later.previousMeetingId).toBe(other.id);
    expect(later.newlyLive).toEqual([]);

    expect(firstError(await fx.gql(AGENDA, { startsAt: hoursFromNow(1) }))).toMatchObject({ code: 'VALIDATION', fields: ['kind'] });
    expect(firstError(await fx.gql(AGENDA, { kind: 'WORKSHOP', language: 'fr' }))).toMatchObject({ code: 'VALIDATION', fields: ['language'] });
  });
});

describe('meetings: overdue action items', () => {
  it('shows an overdue action item linked to an onboarding for that onboarding, its authority and on the dashboard, until it is done', async () => {
    const o = await fx.onboard('NW');
    const m = await newMeeting({ kind: 'PROJECT_MEETING', startsAt: hoursFromNow(-24 * 10), endsAt: hoursFromNow(-24 * 10 + 1) });
    // created ten days ago in the meeting, due three days ago
    const item = await newItem({ meetingId: m.id, kind: 'ACTION_ITEM', text: 'Fachverfahren-Schnittstelle bestellen', ownerOrganisation: 'Ausländerbehörde (fiktiv)', dueDate: isoDay(-3), onboardingId: o.id });
    await fx.t.dataSource.query(`UPDATE meeting_item SET created_at = now() - interval '10 days' WHERE id = $1`, [item.id]);
    const notDue = await newItem({ meetingId: m.id, kind: 'ACTION_ITEM', text: 'Später', ownerOrganisation: 'Land NW', dueDate: isoDay(3), onboardingId: o.id });
    expect(item.overdue).toBe(true);

    const forOnboarding = ok(await fx.gql(OVERDUE, { onboardingId: o.id }), 'overdueActionItems');
    expect(forOnboarding.total).toBe(1);
    expect(forOnboarding.items[0]).toMatchObject({ itemId: item.id, meetingId: m.id, onboardingId: o.id, authorityId: o.authorityId, stateCode: 'NW', daysOverdue: 3, owner: 'Ausländerbehörde (fiktiv)', status: 'OPEN' });
    expect(ok(await fx.gql(OVERDUE, { authorityId: o.authorityId }), 'overdueActionItems').items.map((i: { itemId: string }) => i.itemId)).toEqual([item.id]);
    expect(ok(await fx.gql(OVERDUE, { stateId: fx.states.BB }), 'overdueActionItems').items.map((i: { itemId: string }) => i.itemId)).not.toContain(item.id);
    const listed = ok(await fx.gql(`query($a: ID) { allMeetingItems(filter: { overdue: true, authorityId: $a }) { id } }`, { a: o.authorityId }), 'allMeetingItems');
    expect(listed.map((r: { id: string }) => r.id)).toEqual([item.id]);
    expect(listed.map((r: { id: string }) => r.id)).not.toContain(notDue.id);

    const DASH = `query($s: ID, $asOf: DateTime, $state: ID) { dashboard(serviceId: $s, asOf: $asOf, stateId: $state) { overdueActionItems { total items { itemId daysOverdue onboardingId } } } }`;
    const dash = ok(await fx.t.as('STEERING_MEMBER').gql(DASH, { s: fx.serviceId }), 'dashboard');
    expect(dash.overdueActionItems.items).toContainEqual({ itemId: item.id, daysOverdue: 3, onboardingId: o.id });
    expect(ok(await fx.gql(DASH, { s: fx.serviceId, state: fx.states.BB }), 'dashboard').overdueActionItems.items.map((i: { itemId: string }) => i.itemId)).not.toContain(item.id);

    const done = ok(await fx.gql(UPDATE_ITEM, { id: item.id, version: item.version, status: 'DONE' }), 'updateMeetingItem');
    expect(done.overdue).toBe(false);
    expect(ok(await fx.gql(OVERDUE, { onboardingId: o.id }), 'overdueActionItems').total).toBe(0);
    // as of the day before yesterday, it was still open and one day overdue
    const asOf = new Date(Date.now() - 2 * 86_400_000).toISOString();
    const past = ok(await fx.gql(DASH, { s: fx.serviceId, asOf }), 'dashboard');
    expect(past.overdueActionItems.items).toContainEqual(expect.objectContaining({ itemId: item.id }));
  });
});

describe('meetings: the wave of a meeting', () => {
  it('belongs to a wave (its service added when none is given), is listed by waveId, refuses a wave of a service it does not list, and keeps the wave from being deleted', async () => {
    const wave = ok(
      await fx.gql(`mutation($s: ID!, $n: String!, $d: LocalDate!) { createWave(serviceId: $s, name: $n, targetGoLive: $d) { id version serviceId } }`, { s: fx.serviceId, n: `Welle ${random()}`, d: isoDay(200) }),
      'createWave',
    );
    const m = await newMeeting({ waveId: wave.id });
    expect(m).toMatchObject({ waveId: wave.id, serviceIds: [fx.serviceId] });
    const [event] = await fx.events(m.id);
    expect(event.changes.waveId).toEqual({ from: null, to: wave.id });
    const listed = ok(await fx.gql(`query($f: MeetingFilter) { allMeetings(filter: $f) { id waveId } }`, { f: { waveId: wave.id } }), 'allMeetings');
    expect(listed).toEqual([{ id: m.id, waveId: wave.id }]);

    const other = await fx.newService();
    const before = await counts();
    const refused = await fx.t.gql(CREATE_MEETING, meetingVars({ waveId: wave.id, serviceIds: [other.id] }));
    expect(refused.data ?? null).toBeNull();
    expect(firstError(refused)).toMatchObject({ code: 'VALIDATION', fields: ['waveId'] });
    expect(refused.errors![0].extensions!.issues![0].code).toBe('MEETING_WAVE_OTHER_SERVICE');
    expect(await counts()).toEqual(before);
    const both = await newMeeting({ waveId: wave.id, serviceIds: [other.id, fx.serviceId] });
    expect([...both.serviceIds].sort()).toEqual([other.id, fx.serviceId].sort());

    const del = await fx.gql(`mutation($id: ID!) { deleteWave(id: $id) { id } }`, { id: wave.id });
    expect(firstError(del).code).toBe('REFERENCED');
    expect(firstError(del).message).toContain('2 meetings');
    expect(await fx.t.dataSource.query(`SELECT id FROM wave WHERE id = $1`, [wave.id])).toHaveLength(1);
  });
});
