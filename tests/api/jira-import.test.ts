import fs from 'node:fs';
import { type RowReport, uploadImport } from '../support/import-upload.js';
import { startTestApp, TEST_USERS, type TestApp, type TestUserKey } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

const EXPORT = fs.readFileSync('tests/fixtures/jira/rollout-export.csv');

const upload = (body: Buffer | string, query: Record<string, string> = {}, user: TestUserKey | null = 'ROLLOUT_MANAGER', contentType = 'text/csv') =>
  uploadImport(t, 'jira', body, query, user, contentType);

/** The report's rows by Jira key. */
const byKey = (rows: RowReport[]) => Object.fromEntries(rows.map((r) => [r.label.split(' ')[0], r]));

async function onboarding(jiraKey: string) {
  const [row] = await t.dataSource.query(
    `SELECT o.id, o.stage, o.status, o.status_reason, o.live_at, o.planned_go_live::text AS planned, o.stage_entered_at, a.name AS authority, s.name AS service
       FROM onboarding o JOIN authority a ON a.id = o.authority_id JOIN service s ON s.id = o.service_id WHERE o.jira_key = $1`,
    [jiraKey],
  );
  return row;
}

const counts = async () =>
  (
    await t.dataSource.query(`SELECT (SELECT count(*)::int FROM onboarding) AS onboardings, (SELECT count(*)::int FROM onboarding_note) AS notes,
      (SELECT count(*)::int FROM onboarding_transition) AS transitions, (SELECT count(*)::int FROM audit_event WHERE entity_type NOT IN ('Security', 'User')) AS audit`)
  )[0] as { onboardings: number; notes: number; transitions: number; audit: number };

describe('Jira import (POST /import/jira)', () => {
  it('reports per issue in a dry run: the suggested mapping, the stage of every Jira status, creates, updates and clear errors; nothing is written', async () => {
    const before = await counts();
    const res = await upload(EXPORT);
    expect(res.status).toBe(200);
    const report = res.body;
    expect(report).toMatchObject({ target: 'jira', dryRun: true, applied: false, mappingSource: 'suggested', settingsSource: 'suggested' });
    expect(report.file).toMatchObject({ format: 'CSV', encoding: 'UTF-8 with BOM', delimiter: ',' });
    // the repeated columns of the export, made unique by the reader, all read
    expect(report.file.headers).toEqual(expect.arrayContaining(['Labels', 'Labels (2)', 'Labels (3)', 'Watchers (2)', 'Sprint (2)', 'Comment (4)']));
    expect(Object.fromEntries(Object.entries(report.mapping).filter(([, f]) => f))).toEqual({
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
      'Comment (4)': 'comment',
    });
    expect(report.details.statuses).toMatchObject({
      Backlog: { stage: 'INTEREST', source: 'suggested' },
      'Kick-off': { stage: 'KICK_OFF' },
      'In Arbeit': { stage: 'PREPARATION' },
      Anbindung: { stage: 'CONNECTION' },
      Test: { stage: 'TEST' },
      'In Review': { stage: 'TEST' },
      Fertig: { stage: 'LIVE' },
      Ruhend: { stage: null, status: 'ON_HOLD' },
      'Warten auf Rückmeldung': { issues: 1 },
    });
    expect(report.summary).toEqual({ rows: 30, create: 24, update: 2, unchanged: 0, error: 3, ambiguous: 1, duplicate: 0 });
    const rows = byKey(report.rows);
    expect(rows['EFAAT-101']).toMatchObject({
      action: 'CREATE',
      changes: { stage: { to: 'LIVE' }, liveAt: { to: '2023-05-02T13:40:00.000Z' }, plannedGoLive: { to: '2023-04-30' }, jiraKey: { to: 'EFAAT-101' }, notes: { from: 0, to: 3 } },
    });
    // "Won't Do" closes an issue without doing it: cancelled; "Ruhend" pauses
    expect(rows['EFAAT-109'].changes).toMatchObject({ stage: { to: 'INTEREST' }, status: { to: 'CANCELLED' } });
    expect(rows['EFAAT-108'].changes).toMatchObject({ stage: { to: 'INTEREST' }, status: { to: 'ON_HOLD' } });
    // an onboarding that exists already (the demo rollout of Aufenthaltstitel) is found by authority and service
    expect(rows['EFAAT-125']).toMatchObject({ action: 'UPDATE', changes: { stage: { from: 'PREPARATION', to: 'CONNECTION' }, jiraKey: { from: null, to: 'EFAAT-125' } } });
    expect(rows['EFAAT-128'].action).toBe('UPDATE');
    expect(rows['EFAAT-128'].changes!.stage).toBeUndefined();
    // authority and service from the summary when the custom fields are blank
    expect(rows['EFAAT-113']).toMatchObject({ action: 'CREATE', changes: { stage: { to: 'INTEREST' } } });
    // the errors, each at its column
    expect(rows['EFAAT-115']).toMatchObject({ action: 'ERROR', issues: [{ column: 'Status', code: 'JIRA_UNMAPPED_STATUS', params: { input: 'Warten auf Rückmeldung' } }] });
    expect(rows['EFAAT-116']).toMatchObject({ action: 'ERROR', issues: [{ column: 'Custom field (Behörde)', code: 'IMPORT_UNKNOWN_AUTHORITY', params: { input: 'Landkreis Neuruppin' } }] });
    expect(rows['EFAAT-117']).toMatchObject({ action: 'AMBIGUOUS', issues: [{ column: 'Custom field (Behörde)', code: 'IMPORT_AMBIGUOUS_MATCH' }] });
    expect(rows['EFAAT-117'].candidates!.map((c) => c.name).sort()).toEqual(['Ausländerbehörde Landkreis Kassel', 'Ausländerbehörde Stadt Kassel']);
    expect(rows['EFAAT-118']).toMatchObject({ action: 'ERROR', issues: [{ column: 'Summary', code: 'JIRA_NO_AUTHORITY' }] });
    expect(rows['EFAAT-118'].issues![0].message).toContain('does not match jiraMapping.summaryPattern');
    expect(await counts()).toEqual(before);
  });

  it('refuses the apply of a file with error rows unless they are skipped; steering members and coordinators may not import', async () => {
    const before = await counts();
    const refused = await upload(EXPORT, { dryRun: 'false' });
    expect(refused.body).toMatchObject({ applied: false, refusal: expect.stringContaining('4 row(s) have errors') });
    expect(await counts()).toEqual(before);
    const steering = await upload(EXPORT, { dryRun: 'false', skipErrors: 'true' }, 'STEERING_MEMBER');
    expect(steering.status).toBe(403);
    expect(steering.body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect((await upload(EXPORT, { dryRun: 'false', skipErrors: 'true' }, 'STATE_COORDINATOR')).status).toBe(403);
    expect((await upload(EXPORT, {}, null)).status).toBe(401);
    expect(await counts()).toEqual(before);
  });

  it('applies: onboardings with stage, dates and Jira key, moves as IMPORT transitions by the importing user, comments as notes; a re-import changes nothing', async () => {
    const res = await upload(EXPORT, { dryRun: 'false', skipErrors: 'true' });
    expect(res.body).toMatchObject({ applied: true, summary: { create: 24, update: 2, error: 3, ambiguous: 1 }, details: { newNotes: 32 } });

    const tf = await onboarding('EFAAT-101');
    expect(tf).toMatchObject({ stage: 'LIVE', status: 'ACTIVE', planned: '2023-04-30', authority: 'Ausländerbehörde Landkreis Teltow-Fläming', service: 'Aufenthaltskarten und aufenthaltsrelevante Bescheinigungen' });
    expect(new Date(tf.live_at).toISOString()).toBe('2023-05-02T13:40:00.000Z');
    const log = await t.dataSource.query(`SELECT kind, from_stage, to_stage, to_status, occurred_at, actor, comment FROM onboarding_transition WHERE onboarding_id = $1 ORDER BY occurred_at`, [tf.id]);
    expect(log.map((l: { kind: string; to_stage: string; occurred_at: Date; actor: string; comment: string | null }) => [l.kind, l.to_stage, new Date(l.occurred_at).toISOString(), l.actor, l.comment])).toEqual([
      ['CREATE', 'INTEREST', '2023-01-10T08:12:00.000Z', TEST_USERS.ROLLOUT_MANAGER.email, null],
      ['IMPORT', 'LIVE', '2023-05-02T13:40:00.000Z', TEST_USERS.ROLLOUT_MANAGER.email, 'Import from Jira EFAAT-101'],
    ]);
    const notes = await t.dataSource.query(`SELECT id, author, written_at, text, source, external_id FROM onboarding_note WHERE onboarding_id = $1 ORDER BY written_at`, [tf.id]);
    expect(notes).toHaveLength(3);
    expect(notes[1]).toMatchObject({ author: '5f8a1c2e9b3d4a0071e2c002', source: 'JIRA' });
    expect(new Date(notes[1].written_at).toISOString()).toBe('2023-03-14T13:30:00.000Z');
    expect(notes[1].text).toBe('Protokoll Testtermin:\n- Webkomponente in PRE eingebunden; Texte abgestimmt\n- "Testantrag 1" Ende-zu-Ende erfolgreich\n- DVDV-Eintrag bestätigt');
    const noteEvents = await t.dataSource.query(`SELECT actor, action FROM audit_event WHERE entity_type = 'OnboardingNote' AND entity_id = ANY($1)`, [notes.map((n: { id: string }) => n.id)]);
    expect(noteEvents).toEqual(Array(3).fill({ actor: TEST_USERS.ROLLOUT_MANAGER.email, action: 'CREATE' }));

    expect(await onboarding('EFAAT-109')).toMatchObject({ stage: 'INTEREST', status: 'CANCELLED', status_reason: 'Import from Jira EFAAT-109' });
    expect(await onboarding('EFAAT-108')).toMatchObject({ status: 'ON_HOLD' });
    expect(await onboarding('EFAAT-125')).toMatchObject({ stage: 'CONNECTION', authority: 'Ausländerbehörde Landkreis Ostprignitz-Ruppin', service: 'Aufenthaltstitel' });
    // the pilot's existing go-live is the one Jira resolved: only the key and the note are new
    const pilot = await onboarding('EFAAT-128');
    expect(pilot).toMatchObject({ stage: 'LIVE' });
    expect(new Date(pilot.live_at).toISOString()).toBe('2020-12-08T09:00:00.000Z');

    // the console reads notes and Jira key through GraphQL
    const gql = await t.as('ROLLOUT_MANAGER').gql(`query($id: ID!) { Onboarding(id: $id) { jiraKey stage noteEntries { author writtenAt text source } } }`, { id: tf.id });
    expect(gql.data!.Onboarding).toMatchObject({ jiraKey: 'EFAAT-101', stage: 'LIVE', noteEntries: [{ source: 'JIRA', text: expect.stringContaining('Kick-off') }, {}, { text: expect.stringContaining('Go-Live') }] });
    // notes are internal: a coordinator of another state sees none
    const foreign = await t.as('STATE_COORDINATOR_ST').gql(`query($id: ID!) { Onboarding(id: $id) { noteEntries { text } } }`, { id: tf.id });
    expect(foreign.data!.Onboarding.noteEntries).toEqual([]);

    const before = await counts();
    const again = await upload(EXPORT, { dryRun: 'false', skipErrors: 'true' });
    expect(again.body).toMatchObject({ applied: true, summary: { create: 0, update: 0, unchanged: 26, error: 3, ambiguous: 1 }, details: { newNotes: 0 } });
    expect(await counts()).toEqual(before);
  });

  it('uses a given Jira mapping for statuses and saves it for the user; a bad one is a VALIDATION error naming its part', async () => {
    const jiraMapping = { statuses: { 'Warten auf Rückmeldung': 'PREPARATION' } };
    const res = await upload(EXPORT, { jiraMapping: JSON.stringify(jiraMapping) });
    expect(res.body).toMatchObject({ settingsSource: 'explicit', settings: { statuses: jiraMapping.statuses } });
    expect(byKey(res.body.rows)['EFAAT-115']).toMatchObject({ action: 'CREATE', changes: { stage: { to: 'PREPARATION' } } });
    expect(res.body.details.statuses['Warten auf Rückmeldung']).toMatchObject({ stage: 'PREPARATION', source: 'mapping' });
    const next = await upload(EXPORT);
    expect(next.body).toMatchObject({ settingsSource: 'saved' });
    expect(byKey(next.body.rows)['EFAAT-115'].action).toBe('CREATE');
    // saved per user
    expect((await upload(EXPORT, {}, 'ADMIN')).body.settingsSource).toBe('suggested');

    const bad = await upload(EXPORT, { jiraMapping: JSON.stringify({ statuses: { Fertig: 'fertig' }, summaryPattern: '(' }) });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].extensions.issues.map((i: { field: string; code: string }) => [i.field, i.code])).toEqual([
      ['jiraMapping.summaryPattern', 'JIRA_PATTERN_INVALID'],
      ['jiraMapping.statuses.Fertig', 'JIRA_MAPPING_STAGE'],
    ]);
    expect((await upload(EXPORT, { jiraMapping: 'kein JSON' })).status).toBe(400);
  });

  it('reads a German-locale export (German column names, dates like 12.03.2024 10:15) and adds a new comment on re-import', async () => {
    const csv = (comments: string[]) =>
      '\uFEFFZusammenfassung,Vorgangsschlüssel,Status,Erstellt,Aktualisiert,Erledigt,Fälligkeitsdatum,Kommentar,Kommentar\r\n' +
      `"Anbindung ABH Landkreis Saalekreis – Aufenthaltskarten",EFAAT-201,Vorbereitung,12.03.2024 10:15,03.06.2024 16:45,,30.09.2024,${comments.map((c) => `"${c}"`).join(',')}\r\n`;
    const first = [`12.03.2024 10:20;5f8a1c2e9b3d4a0071e2c004;Interesse bekundet`, ''];
    const res = await upload(csv(first), { dryRun: 'false' });
    expect(res.body).toMatchObject({ applied: true, summary: { create: 1 } });
    const o = await onboarding('EFAAT-201');
    expect(o).toMatchObject({ stage: 'PREPARATION', planned: '2024-09-30', authority: 'Ausländerbehörde Landkreis Saalekreis' });
    expect(new Date(o.stage_entered_at).toISOString()).toBe('2024-06-03T14:45:00.000Z');
    const second = [first[0], '03.06.2024 16:45;5f8a1c2e9b3d4a0071e2c001;Kick-off erledigt; AVV in Arbeit'];
    const again = await upload(csv(second), { dryRun: 'false' });
    expect(again.body).toMatchObject({ applied: true, summary: { update: 1 } });
    expect(again.body.rows[0].changes).toEqual({ notes: { from: 1, to: 2 } });
    const notes = await t.dataSource.query(`SELECT text FROM onboarding_note WHERE onboarding_id = $1 ORDER BY written_at`, [o.id]);
    expect(notes.map((n: { text: string }) => n.text)).toEqual(['Interesse bekundet', 'Kick-off erledigt; AVV in Arbeit']);
  });

  it('refuses a file that is no Jira export, naming the missing key column', async () => {
    const res = await upload('Name;Status\nLandkreis Harz;Fertig\n');
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.issues).toMatchObject([{ field: 'mapping', code: 'IMPORT_NO_KEY_COLUMN' }]);
  });
});
