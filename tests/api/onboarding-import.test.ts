import fs from 'node:fs';
import { byRow, uploadImport } from '../support/import-upload.js';
import { startTestApp, TEST_USERS, type TestApp, type TestUserKey } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

const FILE = fs.readFileSync('tests/fixtures/import/onboardings-de.csv');

const upload = (body: Buffer | string, query: Record<string, string> = {}, user: TestUserKey | null = 'ROLLOUT_MANAGER', contentType = 'text/csv') =>
  uploadImport(t, 'onboardings', body, query, user, contentType);

async function onboardingOf(authorityName: string, service: string) {
  const [row] = await t.dataSource.query(
    `SELECT o.id, o.version, o.stage, o.status, o.live_at, o.planned_go_live::text AS planned, o.owner, o.jira_key, o.apply_url
       FROM onboarding o JOIN authority a ON a.id = o.authority_id JOIN service s ON s.id = o.service_id
      WHERE a.name = $1 AND s.name = $2`,
    [authorityName, service],
  );
  return row;
}

const KARTEN = 'Aufenthaltskarten und aufenthaltsrelevante Bescheinigungen';
const changed = async () =>
  (await t.dataSource.query(`SELECT (SELECT count(*)::int FROM onboarding) AS o, (SELECT count(*)::int FROM onboarding_transition) AS tr, (SELECT count(*)::int FROM audit_event WHERE entity_type = 'Onboarding') AS audit`))[0];

describe('onboarding status import (POST /import/onboardings)', () => {
  it('suggests the mapping from German headers and reports per row in a dry run, changing nothing', async () => {
    const before = await changed();
    const res = await upload(FILE);
    expect(res.status).toBe(200);
    expect(res.body.mapping).toEqual({
      ARS: 'ars',
      Behörde: 'authority',
      Land: 'state',
      Leistung: 'service',
      Phase: 'stage',
      Status: 'status',
      'Geplanter Go-Live': 'plannedGoLive',
      'Go-Live': 'liveAt',
      Verantwortlich: 'owner',
      Jira: 'jiraKey',
      Antragslink: 'applyUrl',
      Telefon: null,
    });
    expect(res.body.summary).toEqual({ rows: 10, create: 2, update: 3, unchanged: 1, error: 3, ambiguous: 1, duplicate: 0 });
    const rows = byRow(res.body.rows);
    expect(rows[2]).toMatchObject({
      action: 'CREATE',
      changes: { stage: { from: null, to: 'CONNECTION' }, plannedGoLive: { to: '2025-03-31' }, owner: { to: 'Rollout-Management' }, jiraKey: { to: 'EFAAT-301' }, applyUrl: { to: 'https://abh.teltow-flaeming.example/aufenthaltskarten' } },
    });
    // the stored go-live of Landkreis Harz is that day: nothing to change
    expect(rows[3]).toMatchObject({ action: 'UNCHANGED' });
    expect(rows[4]).toMatchObject({ action: 'UPDATE', changes: { stage: { from: 'PREPARATION', to: 'TEST' }, plannedGoLive: { to: '2026-06-30' } } });
    expect(rows[5]).toMatchObject({ action: 'UPDATE', changes: { stage: { from: 'CONNECTION', to: 'PREPARATION' } } });
    expect(rows[6]).toMatchObject({ action: 'UPDATE', changes: { stage: { from: 'CONNECTION', to: 'LIVE' }, liveAt: { from: null, to: '2026-10-31T23:00:00.000Z' } } });
    expect(rows[7]).toMatchObject({ action: 'AMBIGUOUS', issues: [{ column: 'Behörde', code: 'IMPORT_AMBIGUOUS_MATCH' }] });
    expect(rows[8]).toMatchObject({ action: 'ERROR', issues: [{ column: 'Phase', code: 'IMPORT_UNKNOWN_STAGE', params: { input: 'Produktion', service: 'Aufenthaltstitel' } }] });
    expect(rows[9]).toMatchObject({ action: 'ERROR', issues: [{ column: 'Go-Live', field: 'liveAt', code: 'IMPORT_LIVE_DATE_NOT_LIVE' }] });
    expect(rows[10]).toMatchObject({ action: 'ERROR', issues: [{ column: 'Leistung', code: 'IMPORT_UNKNOWN_SERVICE', params: { input: 'Wohngeld' } }] });
    expect(rows[11]).toMatchObject({ action: 'CREATE', changes: { stage: { to: 'KICK_OFF' }, status: { to: 'ON_HOLD' } } });
    expect(await changed()).toEqual(before);
    // an error row stops the apply
    const refused = await upload(FILE, { dryRun: 'false' });
    expect(refused.body).toMatchObject({ applied: false, refusal: expect.stringContaining('4 row(s)') });
    expect(await changed()).toEqual(before);
  });

  it('is for the roles that move onboardings: steering members and coordinators are refused', async () => {
    expect((await upload(FILE, {}, 'STEERING_MEMBER')).status).toBe(403);
    expect((await upload(FILE, {}, 'STATE_COORDINATOR')).status).toBe(403);
  });

  it('sets a stage as an administrative IMPORT transition the workflow guards would refuse, recorded with user and reason; a re-import changes nothing', async () => {
    const stendal = await onboardingOf('Ausländerbehörde Landkreis Stendal', 'Aufenthaltstitel');
    // the workflow refuses LIVE: required milestones are open
    const guarded = await t.as('ROLLOUT_MANAGER').gql(`mutation($id: ID!, $v: Int!) { advanceOnboarding(id: $id, version: $v, toStage: "LIVE") { stage } }`, { id: stendal.id, v: stendal.version });
    expect(guarded.errors?.[0].extensions?.code).toBe('TRANSITION_NOT_ALLOWED');

    const res = await upload(FILE, { dryRun: 'false', skipErrors: 'true' });
    expect(res.body).toMatchObject({ applied: true, summary: { create: 2, update: 3, unchanged: 1 } });
    const after = await onboardingOf('Ausländerbehörde Landkreis Stendal', 'Aufenthaltstitel');
    expect(after.stage).toBe('LIVE');
    expect(new Date(after.live_at).toISOString()).toBe('2026-10-31T23:00:00.000Z');
    const [move] = await t.dataSource.query(`SELECT kind, from_stage, to_stage, actor, comment, occurred_at FROM onboarding_transition WHERE onboarding_id = $1 ORDER BY occurred_at DESC LIMIT 1`, [stendal.id]);
    expect(move).toMatchObject({ kind: 'IMPORT', from_stage: 'CONNECTION', to_stage: 'LIVE', actor: TEST_USERS.ROLLOUT_MANAGER.email, comment: 'Import' });
    const [event] = await t.dataSource.query(`SELECT actor, action, comment, changes FROM audit_event WHERE entity_type = 'Onboarding' AND entity_id = $1 ORDER BY occurred_at DESC LIMIT 1`, [stendal.id]);
    expect(event).toMatchObject({ actor: TEST_USERS.ROLLOUT_MANAGER.email, action: 'IMPORT', comment: 'Import', changes: { stage: { from: 'CONNECTION', to: 'LIVE' } } });

    expect(await onboardingOf('Ausländerbehörde Landkreis Teltow-Fläming', KARTEN)).toMatchObject({
      stage: 'CONNECTION',
      status: 'ACTIVE',
      planned: '2025-03-31',
      owner: 'Rollout-Management',
      jira_key: 'EFAAT-301',
      apply_url: 'https://abh.teltow-flaeming.example/aufenthaltskarten',
    });
    expect(await onboardingOf('Ausländerbehörde Stadt Cottbus', KARTEN)).toMatchObject({ stage: 'KICK_OFF', status: 'ON_HOLD' });
    expect(await onboardingOf('Ausländerbehörde Landkreis Salzlandkreis', 'Aufenthaltstitel')).toMatchObject({ stage: 'PREPARATION' });

    const before = await changed();
    const again = await upload(FILE, { dryRun: 'false', skipErrors: 'true' });
    expect(again.body).toMatchObject({ applied: true, summary: { create: 0, update: 0, unchanged: 6 } });
    expect(await changed()).toEqual(before);
  });

  it('reopens a cancelled onboarding only for an administrator', async () => {
    const cancel = 'Behörde;Land;Leistung;Status\nLandkreis Barnim;BB;Aufenthaltskarten;abgebrochen\n';
    expect((await upload(cancel, { dryRun: 'false' })).body).toMatchObject({ applied: true, summary: { create: 1 } });
    const reopen = 'Behörde;Land;Leistung;Status\nLandkreis Barnim;BB;Aufenthaltskarten;aktiv\n';
    const refused = await upload(reopen, { dryRun: 'false' });
    expect(refused.body.rows[0]).toMatchObject({ action: 'ERROR', issues: [{ column: 'Status', code: 'IMPORT_REOPEN_NEEDS_ADMIN' }] });
    const admin = await upload(reopen, { dryRun: 'false' }, 'ADMIN');
    expect(admin.body).toMatchObject({ applied: true, summary: { update: 1 } });
    expect(await onboardingOf('Ausländerbehörde Landkreis Barnim', KARTEN)).toMatchObject({ status: 'ACTIVE' });
  });

  it('names the column of a value the domain refuses (a Jira key, an apply URL)', async () => {
    const csv = 'Behörde;Leistung;Jira;Antragslink\nLandkreis Havelland;Aufenthaltskarten;efa 12;\nLandkreis Prignitz;Aufenthaltskarten;;ftp://abh.example\n';
    const res = await upload(csv);
    const rows = byRow(res.body.rows);
    expect(rows[2]).toMatchObject({ action: 'ERROR', issues: [{ column: 'Jira', field: 'jiraKey', code: 'JIRA_KEY_FORMAT' }] });
    expect(rows[3]).toMatchObject({ action: 'ERROR', issues: [{ column: 'Antragslink', field: 'applyUrl', code: 'NOT_HTTP_URL' }] });
  });
});
