import { startTestApp, type TestApp } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

const ONBOARDING_OF = `query($q: String) { allOnboardings(filter: { q: $q }) {
  id stage liveAt authority { name }
  before: stageOn(at: "2020-11-30T00:00:00Z") { stage status }
  after2020: stageOn(at: "2021-01-01T00:00:00Z") { stage status }
  beforeHarz: stageOn(at: "2023-08-29T00:00:00Z") { stage status }
  endOfAugust2023: stageOn(at: "2023-08-31T23:59:59Z") { stage status }
  long_ago: stageOn(at: "2015-01-01T00:00:00Z") { stage }
  transitions { kind fromStage toStage occurredAt }
} }`;

describe('stage on a past date, from the transition log', () => {
  it('a pilot was live from December 2020 and in an earlier stage before', async () => {
    const r = await t.gql(ONBOARDING_OF, { q: 'Elbe-Elster' });
    const [o] = r.data!.allOnboardings;
    expect(o.authority.name).toBe('Ausländerbehörde Landkreis Elbe-Elster');
    expect(o.liveAt).toBe('2020-12-01T09:00:00.000Z');
    expect(o.before.stage).not.toBe('LIVE');
    expect(o.after2020).toEqual({ stage: 'LIVE', status: 'ACTIVE' });
    expect(o.long_ago).toBeNull();
    expect(o.transitions[0].kind).toBe('CREATE');
    expect(o.transitions.at(-1)).toMatchObject({ kind: 'ADVANCE', fromStage: 'TEST', toStage: 'LIVE' });
  });

  it('Landkreis Harz went live at the end of August 2023', async () => {
    const r = await t.gql(ONBOARDING_OF, { q: 'Landkreis Harz' });
    const [o] = r.data!.allOnboardings;
    expect(o.beforeHarz.stage).toBe('TEST');
    expect(o.endOfAugust2023).toEqual({ stage: 'LIVE', status: 'ACTIVE' });
  });
});
