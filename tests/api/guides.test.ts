import { firstError, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Connection guides over GraphQL: sections CRUD with validation naming fields, every edit kept as a
 * version with its author, connectionGuide in order, reorder, audit events and access per role.
 */
let t: TestApp;
let serviceId: string;

const SECTION = `id version serviceId position title body milestoneKey revision updatedBy`;
const CREATE = `mutation($serviceId: ID!, $title: String!, $body: String!, $milestoneKey: String, $position: Int) {
  createGuideSection(serviceId: $serviceId, title: $title, body: $body, milestoneKey: $milestoneKey, position: $position) { ${SECTION} } }`;
const UPDATE = `mutation($id: ID!, $version: Int!, $title: String, $body: String, $milestoneKey: String, $position: Int) {
  updateGuideSection(id: $id, version: $version, title: $title, body: $body, milestoneKey: $milestoneKey, position: $position) { ${SECTION} } }`;
const VERSIONS = `query($id: ID!) { guideSectionVersions(sectionId: $id) { revision title body milestoneKey author createdAt } }`;
const GUIDE = `query($s: ID!) { connectionGuide(serviceId: $s) { serviceName sections { id position title milestoneKey } } }`;

beforeAll(async () => {
  t = await startTestApp();
  const r = await t.gql(`mutation { createService(name: "Testdienst Leitfaden", topicField: IMMIGRATION_AND_EMIGRATION) { id } }`);
  serviceId = r.data!.createService.id;
});
afterAll(async () => t?.close());

const counts = async () => (await t.dataSource.query(`SELECT (SELECT count(*) FROM guide_section)::int AS s, (SELECT count(*) FROM guide_section_version)::int AS v, (SELECT count(*) FROM audit_event)::int AS e`))[0];

describe('connection guides', () => {
  it('creates sections at the end of the guide, each with its first version', async () => {
    const a = (await t.gql(CREATE, { serviceId, title: 'Routing', body: '## DVDV\nEintrag beantragen', milestoneKey: 'DVDV_ENTRY' })).data!.createGuideSection;
    const b = (await t.gql(CREATE, { serviceId, title: 'Fachverfahren', body: 'XAusländer', milestoneKey: 'SPECIALIST_INTERFACE' })).data!.createGuideSection;
    expect([a.position, b.position]).toEqual([1, 2]);
    expect(a).toMatchObject({ revision: 1, updatedBy: 'admin@test.invalid' });
    const versions = (await t.gql(VERSIONS, { id: a.id })).data!.guideSectionVersions;
    expect(versions).toEqual([expect.objectContaining({ revision: 1, title: 'Routing', body: '## DVDV\nEintrag beantragen', milestoneKey: 'DVDV_ENTRY', author: 'admin@test.invalid' })]);
    const [event] = await t.dataSource.query(`SELECT action FROM audit_event WHERE entity_id = $1`, [a.id]);
    expect(event.action).toBe('CREATE');
  });

  it('refuses bad input with VALIDATION naming each field, writing nothing', async () => {
    const before = await counts();
    const r = await t.gql(CREATE, { serviceId, title: ' ', body: 'x', milestoneKey: 'dvdv entry', position: 0 });
    expect(firstError(r).code).toBe('VALIDATION');
    expect(firstError(r).fields.sort()).toEqual(['milestoneKey', 'position', 'title']);
    const unknown = await t.gql(CREATE, { serviceId, title: 'X', body: 'x', milestoneKey: 'NO_SUCH_STEP' });
    expect(firstError(unknown)).toMatchObject({ code: 'VALIDATION', fields: ['milestoneKey'] });
    expect(unknown.errors![0].message).toContain('NO_SUCH_STEP');
    const noService = await t.gql(CREATE, { serviceId: '00000000-0000-0000-0000-000000000009', title: 'X', body: 'x' });
    expect(firstError(noService)).toMatchObject({ code: 'VALIDATION', fields: ['serviceId'] });
    expect(await counts()).toEqual(before);
  });

  it('keeps every edit as a version with its author; the current version is the latest', async () => {
    const [s] = (await t.gql(GUIDE, { s: serviceId })).data!.connectionGuide.sections;
    let current = (await t.gql(`query($id: ID!) { GuideSection(id: $id) { ${SECTION} } }`, { id: s.id })).data!.GuideSection;
    current = (await t.as('ROLLOUT_MANAGER').gql(UPDATE, { id: s.id, version: current.version, body: '## DVDV\nEintrag über die Pflegestelle des Landes beantragen' })).data!.updateGuideSection;
    expect(current).toMatchObject({ revision: 2, updatedBy: 'manager@test.invalid' });
    current = (await t.gql(UPDATE, { id: s.id, version: current.version, title: 'Routing (DVDV)' })).data!.updateGuideSection;
    expect(current.revision).toBe(3);
    const versions = (await t.gql(VERSIONS, { id: s.id })).data!.guideSectionVersions;
    expect(versions.map((v: { revision: number; author: string; title: string }) => [v.revision, v.author, v.title])).toEqual([
      [3, 'admin@test.invalid', 'Routing (DVDV)'],
      [2, 'manager@test.invalid', 'Routing'],
      [1, 'admin@test.invalid', 'Routing'],
    ]);
    expect(versions[1].body).toContain('Pflegestelle');
    expect(versions[2].body).toBe('## DVDV\nEintrag beantragen');
    // A stale version is refused and keeps the history as it is.
    const stale = await t.gql(UPDATE, { id: s.id, version: 1, body: 'lost update' });
    expect(firstError(stale).code).toBe('CONFLICT');
    expect((await t.gql(VERSIONS, { id: s.id })).data!.guideSectionVersions).toHaveLength(3);
    // Audit events for each edit.
    const events = await t.dataSource.query(`SELECT action, actor FROM audit_event WHERE entity_id = $1 ORDER BY occurred_at`, [s.id]);
    expect(events.map((e: { actor: string }) => e.actor)).toEqual(['admin@test.invalid', 'manager@test.invalid', 'admin@test.invalid']);
  });

  it('reorders the sections (every section once) and lists the guide in order', async () => {
    const before = (await t.gql(GUIDE, { s: serviceId })).data!.connectionGuide.sections;
    const ids = before.map((s: { id: string }) => s.id).reverse();
    const bad = await t.gql(`mutation($s: ID!, $ids: [ID!]!) { reorderGuideSections(serviceId: $s, sectionIds: $ids) { serviceName } }`, { s: serviceId, ids: [ids[0]] });
    expect(firstError(bad)).toMatchObject({ code: 'VALIDATION', fields: ['sectionIds'] });
    const r = await t.gql(`mutation($s: ID!, $ids: [ID!]!) { reorderGuideSections(serviceId: $s, sectionIds: $ids) { serviceName sections { id position } } }`, { s: serviceId, ids });
    expect(r.data!.reorderGuideSections.serviceName).toBe('Testdienst Leitfaden');
    expect(r.data!.reorderGuideSections.sections.map((s: { id: string }) => s.id)).toEqual(ids);
    // Reordering is no content edit: no new version.
    expect((await t.gql(VERSIONS, { id: ids[0] })).data!.guideSectionVersions).toHaveLength(1);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'REORDER' AND entity_id = ANY($1)`, [ids]);
    expect(n).toBe(2);
  });

  it('lets administrators and rollout managers edit; everyone signed in reads', async () => {
    const [s] = (await t.gql(GUIDE, { s: serviceId })).data!.connectionGuide.sections;
    for (const user of ['STATE_COORDINATOR', 'STEERING_MEMBER'] as const) {
      const c = t.as(user);
      expect(firstError(await c.gql(CREATE, { serviceId, title: 'X', body: 'x' })).code).toBe('FORBIDDEN');
      expect(firstError(await c.gql(UPDATE, { id: s.id, version: 1, body: 'x' })).code).toBe('FORBIDDEN');
      expect((await c.gql(GUIDE, { s: serviceId })).data!.connectionGuide.sections.length).toBe(2);
      expect((await c.gql(VERSIONS, { id: s.id })).data!.guideSectionVersions.length).toBeGreaterThan(0);
    }
    expect(firstError(await t.anonymous.gql(GUIDE, { s: serviceId })).code).toBe('UNAUTHENTICATED');
  });

  it('seeds a guide for Aufenthaltstitel with a section per milestone of the default pipeline', async () => {
    const [{ id }] = await t.dataSource.query(`SELECT id FROM service WHERE ozg_id = '10255'`);
    const sections = (await t.gql(GUIDE, { s: id })).data!.connectionGuide.sections;
    expect(sections.map((s: { milestoneKey: string }) => s.milestoneKey)).toEqual(
      expect.arrayContaining(['CONTACTS_NAMED', 'DATA_PROTECTION_AGREEMENT', 'DVDV_ENTRY', 'SPECIALIST_INTERFACE', 'TEST_APPLICATION', 'GO_LIVE_PRO']),
    );
  });
});
