import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { type RowReport, XLSX_TYPE, byRow, uploadImport } from '../support/import-upload.js';
import { startTestApp, TEST_USERS, type TestApp, type TestUserKey } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

const fixture = (name: string) => fs.readFileSync(path.join('tests/fixtures/import', name));

const upload = (target: string, body: Buffer | string, query: Record<string, string> = {}, user: TestUserKey = 'ROLLOUT_MANAGER', contentType = 'text/csv') =>
  uploadImport(t, target, body, query, user, contentType);

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Import');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function contract(state: string, service: string) {
  const [row] = await t.dataSource.query(
    `SELECT c.id, c.status, c.interest_declared_at, c.negotiation_started_at, c.signed_at, c.terminated_at, c.legal_route, c.notes, c.version
       FROM reuse_contract c JOIN state s ON s.id = c.state_id JOIN service sv ON sv.id = c.service_id WHERE s.code = $1 AND sv.name = $2`,
    [state, service],
  );
  return row;
}

const events = async (entityId: string) =>
  (await t.dataSource.query(`SELECT actor, action, comment, changes FROM audit_event WHERE entity_id = $1 ORDER BY occurred_at`, [entityId])) as Array<{
    actor: string;
    action: string;
    comment: string | null;
    changes: Record<string, { from: unknown; to: unknown }>;
  }>;

const contractsCsv = fixture('contracts-de-semicolon.csv');
/** The fixture without its three error rows (lines 6-8). */
const contractsGood = contractsCsv.toString('utf8').split('\r\n').slice(0, 5).join('\r\n');

describe('spreadsheet import of reuse contracts (POST /import/contracts)', () => {
  it('dry run of a German semicolon CSV with German dates: create, update with the field changes, unchanged, errors at their column; nothing written', async () => {
    const res = await upload('contracts', contractsCsv);
    expect(res.status).toBe(200);
    expect(res.body.mapping).toEqual({
      Land: 'state',
      Leistung: 'service',
      Status: 'status',
      Interessensbekundung: 'interestDeclaredAt',
      Verhandlungsbeginn: 'negotiationStartedAt',
      'Unterzeichnet am': 'signedAt',
      Rechtsweg: 'legalRoute',
      Bemerkung: 'notes',
    });
    expect(res.body.summary).toEqual({ rows: 7, create: 1, update: 2, unchanged: 1, error: 3, ambiguous: 0, duplicate: 0 });
    const rows = byRow(res.body.rows);
    expect(rows[2]).toMatchObject({
      action: 'UPDATE',
      label: 'BY Aufenthaltstitel',
      changes: { status: { from: 'NONE', to: 'INTEREST_DECLARED' }, interestDeclaredAt: { from: null, to: '2023-03-14' }, notes: { from: null, to: 'Schreiben des Landes vom 14.03.2023' } },
    });
    // HE by the OZG-ID 10255: the stored contract exactly
    expect(rows[3]).toMatchObject({ action: 'UNCHANGED', label: 'HE Aufenthaltstitel' });
    expect(rows[4]).toMatchObject({
      action: 'UPDATE',
      changes: { status: { from: 'NEGOTIATING', to: 'SIGNED' }, signedAt: { from: null, to: '2023-08-31' }, legalRoute: { from: null, to: 'ADMINISTRATIVE_AGREEMENT' } },
    });
    expect(Object.keys(rows[4].changes!).sort()).toEqual(['legalRoute', 'signedAt', 'status']);
    expect(rows[5]).toMatchObject({
      action: 'CREATE',
      label: 'BB Einbürgerung',
      changes: { status: { from: null, to: 'NEGOTIATING' }, interestDeclaredAt: { to: '2024-02-01' }, negotiationStartedAt: { to: '2024-05-15' }, legalRoute: { to: 'FIT_STORE' } },
    });
    // the lifecycle: a signed contract does not go back to negotiating
    // (and its signing date would not fit the status the row asks for)
    expect(rows[6]).toMatchObject({
      action: 'ERROR',
      issues: [
        { column: 'Status', field: 'status', code: 'CONTRACT_BACKWARDS', params: { from: 'SIGNED', to: 'NEGOTIATING' } },
        { column: 'Unterzeichnet am', field: 'signedAt', code: 'EMPTY_FOR_STATUS', params: { status: 'NEGOTIATING' } },
      ],
    });
    expect(rows[7]).toMatchObject({ action: 'ERROR', issues: [{ column: 'Unterzeichnet am', field: 'signedAt', code: 'IMPORT_NOT_A_DATE', params: { input: '31.02.2023' } }] });
    // date order: signed before the interest was declared
    expect(rows[8]).toMatchObject({ action: 'ERROR', issues: [{ column: 'Unterzeichnet am', field: 'signedAt', code: 'DATE_BEFORE' }] });
    expect(await contract('BY', 'Aufenthaltstitel')).toMatchObject({ status: 'NONE', interest_declared_at: null });
    expect(await contract('BB', 'Einbürgerung')).toBeUndefined();
  });

  it('an apply with error rows changes nothing; with skipErrors it writes the others through the contract lifecycle (history: the new status and its actor); re-importing changes nothing', async () => {
    const hh = await contract('HH', 'Aufenthaltstitel');
    const refused = await upload('contracts', contractsCsv, { dryRun: 'false' });
    expect(refused.body).toMatchObject({ applied: false, refusal: expect.stringContaining('3 row(s) have errors') });
    expect(await contract('HH', 'Aufenthaltstitel')).toMatchObject({ status: 'NEGOTIATING', version: hh.version });
    expect(await events(hh.id)).toHaveLength(0);

    const applied = await upload('contracts', contractsCsv, { dryRun: 'false', skipErrors: 'true' });
    expect(applied.body).toMatchObject({ applied: true, summary: { create: 1, update: 2, unchanged: 1, error: 3 } });
    expect(await contract('HH', 'Aufenthaltstitel')).toMatchObject({ status: 'SIGNED', signed_at: '2023-08-31', legal_route: 'ADMINISTRATIVE_AGREEMENT' });
    expect(await contract('BY', 'Aufenthaltstitel')).toMatchObject({ status: 'INTEREST_DECLARED', interest_declared_at: '2023-03-14' });
    const created = await contract('BB', 'Einbürgerung');
    expect(created).toMatchObject({ status: 'NEGOTIATING', interest_declared_at: '2024-02-01', negotiation_started_at: '2024-05-15', legal_route: 'FIT_STORE' });
    expect(await events(hh.id)).toEqual([
      { actor: TEST_USERS.ROLLOUT_MANAGER.email, action: 'SIGNED', comment: null, changes: { status: { from: 'NEGOTIATING', to: 'SIGNED' }, signedAt: { from: null, to: '2023-08-31' }, legalRoute: { from: null, to: 'ADMINISTRATIVE_AGREEMENT' } } },
    ]);
    expect((await events(created.id)).map((e) => e.action)).toEqual(['CREATE']);
    // the error rows left their contracts as they were
    expect(await contract('ST', 'Aufenthaltstitel')).toMatchObject({ status: 'SIGNED' });
    expect(await contract('SL', 'Verpflichtungserklärung')).toBeUndefined();

    // the same file again: every good row unchanged, nothing written
    const again = await upload('contracts', contractsGood, { dryRun: 'false' });
    expect(again.body).toMatchObject({ applied: true, summary: { rows: 4, create: 0, update: 0, unchanged: 4, error: 0 } });
    expect(await events(hh.id)).toHaveLength(1);
    expect(await events(created.id)).toHaveLength(1);
  });

  it('reads an XLSX workbook with English headers, Excel dates and ISO dates; terminating needs a reason', async () => {
    const file = await xlsx([
      ['State', 'Service', 'Status', 'Interest declared', 'Negotiation started', 'Signed at', 'Terminated at', 'Reason'],
      ['Baden-Wuerttemberg', 'aufenthaltstitel', 'signed', new Date(Date.UTC(2022, 4, 19)), '2022-09-01', new Date(Date.UTC(2023, 7, 31)), null, null],
      ['Lower Saxony', 'Aufenthaltstitel', 'Terminated', null, null, null, '2024-01-31', null],
      ['Hesse', 'Aufenthaltstitel', 'TERMINATED', null, null, null, '2099-01-31', 'Landesgesetz geändert'],
    ]);
    const res = await upload('contracts', file, {}, 'ADMIN', XLSX_TYPE);
    expect(res.status).toBe(200);
    expect(res.body.mapping).toMatchObject({ State: 'state', Service: 'service', 'Interest declared': 'interestDeclaredAt', 'Signed at': 'signedAt', 'Terminated at': 'terminatedAt', Reason: 'reason' });
    const rows = byRow(res.body.rows);
    expect(rows[2]).toMatchObject({ action: 'UPDATE', changes: { status: { from: 'INTEREST_DECLARED', to: 'SIGNED' }, negotiationStartedAt: { to: '2022-09-01' }, signedAt: { to: '2023-08-31' } } });
    expect(rows[2].changes!.interestDeclaredAt).toBeUndefined();
    expect(rows[3]).toMatchObject({ action: 'ERROR', issues: [{ column: 'Reason', field: 'reason', code: 'TERMINATE_NEEDS_REASON' }] });
    expect(rows[4]).toMatchObject({ action: 'ERROR', issues: [{ column: 'Terminated at', field: 'terminatedAt', code: 'NOT_IN_FUTURE' }] });
  });

  it('lets a coordinator import only their own state\'s contracts; steering members are refused', async () => {
    const csv = 'Land;Leistung;Status;Interessensbekundung\nBB;Verpflichtungserklärung;Interesse bekundet;02.01.2024\nST;Verpflichtungserklärung;Interesse bekundet;02.01.2024\n';
    const res = await upload('contracts', csv, {}, 'STATE_COORDINATOR');
    expect(res.status).toBe(200);
    const rows = byRow(res.body.rows);
    expect(rows[2]).toMatchObject({ action: 'CREATE' });
    expect(rows[3]).toMatchObject({ action: 'ERROR', issues: [{ column: 'Land', code: 'IMPORT_OTHER_STATE', params: { state: 'Sachsen-Anhalt' } }] });
    expect((await upload('contracts', csv, {}, 'STEERING_MEMBER')).status).toBe(403);
    const noService = await upload('contracts', 'Land;Status\nBB;SIGNED\n', {}, 'ADMIN');
    expect(noService.status).toBe(400);
    expect(noService.body.errors[0].extensions.issues).toMatchObject([{ field: 'mapping', code: 'IMPORT_NO_KEY_COLUMN', params: { fields: 'service' } }]);
  });
});

async function authority(ars: string) {
  const [row] = await t.dataSource.query(`SELECT id, email, website, state_id FROM authority WHERE ars = $1`, [ars]);
  return row;
}
async function onboarding(ars: string, service = 'Aufenthaltstitel') {
  const [row] = await t.dataSource.query(
    `SELECT o.id, o.subject_contact, o.technical_contact FROM onboarding o JOIN authority a ON a.id = o.authority_id JOIN service s ON s.id = o.service_id WHERE a.ars = $1 AND s.name = $2`,
    [ars, service],
  );
  return row;
}

describe('spreadsheet import of contacts (POST /import/contacts)', () => {
  const file = fixture('contacts-en.csv');

  it('dry run: authority mailbox and website, per service the onboarding\'s contacts; errors and ambiguous names reported, nothing written', async () => {
    const res = await upload('contacts', file);
    expect(res.status).toBe(200);
    expect(res.body.mapping).toEqual({
      ARS: 'ars',
      Authority: 'name',
      State: 'state',
      Service: 'service',
      Email: 'email',
      Website: 'website',
      'Subject contact': 'subjectContact',
      'Technical contact': 'technicalContact',
    });
    expect(res.body.summary).toEqual({ rows: 7, create: 0, update: 3, unchanged: 0, error: 3, ambiguous: 1, duplicate: 0 });
    const rows = byRow(res.body.rows);
    expect(rows[2]).toMatchObject({
      action: 'UPDATE',
      changes: {
        email: { from: null, to: 'auslaenderbehoerde@teltow-flaeming.example.org' },
        website: { from: null, to: 'https://www.teltow-flaeming.de' },
        subjectContact: { from: null, to: 'Sachgebiet Aufenthalt, auslaenderbehoerde@teltow-flaeming.example.org' },
        technicalContact: { from: null, to: 'IT-Service, it-service@teltow-flaeming.example.org' },
      },
    });
    // "Cottbus, Stadt" by name within Brandenburg, the service by its OZG-ID
    expect(rows[3]).toMatchObject({ action: 'UPDATE', changes: { subjectContact: { to: 'Ausländerbehörde, Fachbereich Aufenthalt, auslaenderbehoerde@cottbus.example.org' } } });
    expect(rows[4]).toMatchObject({ action: 'UPDATE', changes: { email: { from: null, to: 'abh@maerkisch-oderland.example.org' } } });
    expect(rows[5]).toMatchObject({ action: 'AMBIGUOUS', issues: [{ column: 'Authority', code: 'IMPORT_AMBIGUOUS_MATCH' }] });
    expect(rows[6]).toMatchObject({ action: 'ERROR', issues: [{ column: 'Email', field: 'email', code: 'NOT_EMAIL' }] });
    expect(rows[7]).toMatchObject({ action: 'ERROR', issues: [{ column: 'Subject contact', field: 'subjectContact', code: 'IMPORT_NEEDS_SERVICE' }] });
    expect(rows[8]).toMatchObject({ action: 'ERROR', issues: [{ column: 'Service', field: 'serviceId', code: 'IMPORT_NO_ONBOARDING', params: { service: 'Einbürgerung' } }] });
    expect(await authority('120720000000')).toMatchObject({ email: null, website: null });
    expect(await onboarding('120720000000')).toMatchObject({ subject_contact: null });
  });

  it('apply: refused with error rows; skipErrors writes authority and onboarding with their audit events; re-import changes nothing', async () => {
    const refused = await upload('contacts', file, { dryRun: 'false' });
    expect(refused.body).toMatchObject({ applied: false });
    expect(await authority('120720000000')).toMatchObject({ email: null });

    const applied = await upload('contacts', file, { dryRun: 'false', skipErrors: 'true' });
    expect(applied.body).toMatchObject({ applied: true, summary: { update: 3 } });
    const tf = await authority('120720000000');
    expect(tf).toMatchObject({ email: 'auslaenderbehoerde@teltow-flaeming.example.org', website: 'https://www.teltow-flaeming.de' });
    const tfOnboarding = await onboarding('120720000000');
    expect(tfOnboarding).toMatchObject({ subject_contact: 'Sachgebiet Aufenthalt, auslaenderbehoerde@teltow-flaeming.example.org', technical_contact: 'IT-Service, it-service@teltow-flaeming.example.org' });
    expect(await onboarding('120520000000')).toMatchObject({ subject_contact: 'Ausländerbehörde, Fachbereich Aufenthalt, auslaenderbehoerde@cottbus.example.org' });
    expect((await events(tf.id)).map((e) => [e.actor, e.action])).toEqual([[TEST_USERS.ROLLOUT_MANAGER.email, 'UPDATE']]);
    const imported = async (id: string) => (await events(id)).filter((e) => e.actor === TEST_USERS.ROLLOUT_MANAGER.email);
    expect((await imported(tfOnboarding.id)).map((e) => [e.action, Object.keys(e.changes).sort().join(',')])).toEqual([['UPDATE', 'subjectContact,technicalContact']]);
    expect(await authority('150850000000')).toMatchObject({ email: null });

    const again = await upload('contacts', file, { dryRun: 'false', skipErrors: 'true' });
    expect(again.body.summary).toMatchObject({ update: 0, unchanged: 3 });
    expect(await events(tf.id)).toHaveLength(1);
    expect(await imported(tfOnboarding.id)).toHaveLength(1);
  });

  it('reads an XLSX workbook with German headers; rows of one authority for two services share its mailbox, another mailbox is a conflict', async () => {
    const wb = await xlsx([
      ['Regionalschlüssel', 'Behörde', 'Leistung', 'Funktionspostfach', 'Fachlicher Ansprechpartner', 'Technischer Ansprechpartner'],
      [120600000000, 'Landkreis Barnim', 'Aufenthaltstitel', 'auslaenderbehoerde@barnim.example.org', 'Sachgebiet Aufenthaltsrecht', 'IT-Leitstelle'],
      [120600000000, 'Landkreis Barnim', null, 'auslaenderbehoerde@barnim.example.org', null, null],
      ['120600000000', null, null, 'info@barnim.example.org', null, null],
    ]);
    const res = await upload('contacts', wb, {}, 'ADMIN', XLSX_TYPE);
    expect(res.status).toBe(200);
    expect(res.body.mapping).toEqual({
      Regionalschlüssel: 'ars',
      Behörde: 'name',
      Leistung: 'service',
      Funktionspostfach: 'email',
      'Fachlicher Ansprechpartner': 'subjectContact',
      'Technischer Ansprechpartner': 'technicalContact',
    });
    const rows = byRow(res.body.rows);
    expect(rows[2]).toMatchObject({ action: 'UPDATE', changes: { email: { to: 'auslaenderbehoerde@barnim.example.org' }, subjectContact: { to: 'Sachgebiet Aufenthaltsrecht' } } });
    expect(rows[3]).toMatchObject({ action: 'UNCHANGED' });
    expect(rows[4]).toMatchObject({ action: 'ERROR', issues: [{ column: 'Funktionspostfach', code: 'IMPORT_CONFLICTING_ROW', params: { row: 2 } }] });
  });

  it('lets a coordinator import only their own state\'s contacts', async () => {
    const csv = 'ARS;Leistung;Technischer Kontakt\n120650000000;Aufenthaltstitel;IT-Service Oberhavel\n150020000000;Aufenthaltstitel;IT-Service Halle\n';
    const res = await upload('contacts', csv, {}, 'STATE_COORDINATOR');
    expect(res.status).toBe(200);
    const rows = byRow(res.body.rows);
    expect(rows[2]).toMatchObject({ action: 'UPDATE', changes: { technicalContact: { from: null, to: 'IT-Service Oberhavel' } } });
    expect(rows[3]).toMatchObject({ action: 'ERROR', issues: [{ column: 'ARS', code: 'IMPORT_OTHER_STATE', params: { state: 'Sachsen-Anhalt' } }] });
    const applied = await upload('contacts', csv, { dryRun: 'false', skipErrors: 'true' }, 'STATE_COORDINATOR');
    expect(applied.body).toMatchObject({ applied: true, summary: { update: 1, error: 1 } });
    expect(await onboarding('120650000000')).toMatchObject({ technical_contact: 'IT-Service Oberhavel' });
    expect(await onboarding('150020000000')).toMatchObject({ technical_contact: null });
    expect((await upload('contacts', csv, {}, 'STEERING_MEMBER')).status).toBe(403);
  });
});

describe('the generic loop: batched apply, rows listed in the answer', () => {
  it('applies 1,200 new authorities in batches with one audit event each; a later row naming a record an earlier row creates is a conflict; re-importing changes nothing', async () => {
    const lines = ['ARS;Name;Ebene;Einwohner'];
    for (let i = 0; i < 1200; i++) lines.push(`1206${String(50_000 + i).padStart(8, '0')};Gemeinde Import ${i};kreisangehörige Gemeinde;${(1000 + i).toLocaleString('de-DE')}`);
    // names the first new authority by name (its state from the column, no ARS): the same record as row 2
    lines.push(';Gemeinde Import 0;kreisangehörige Gemeinde;5.000');
    const csv = lines.join('\n');
    const dry = await upload('authorities', csv, { maxRows: '3' });
    expect(dry.status).toBe(200);
    expect(dry.body.summary).toEqual({ rows: 1201, create: 1200, update: 0, unchanged: 0, error: 1, ambiguous: 0, duplicate: 0 });
    expect(dry.body.rows.map((r: RowReport) => r.row)).toEqual([2, 3, 4]);
    expect(dry.body.rowsOmitted).toBe(1198);

    const before = (await t.dataSource.query(`SELECT count(*)::int AS n FROM authority`))[0].n;
    const applied = await upload('authorities', csv, { dryRun: 'false', skipErrors: 'true', maxRows: '100000' });
    expect(applied.body).toMatchObject({ applied: true, summary: { create: 1200, error: 1 }, rowsOmitted: 0 });
    const last = applied.body.rows.at(-1);
    expect(last).toMatchObject({ row: 1202, action: 'ERROR', issues: [{ code: 'IMPORT_CONFLICTING_ROW', params: { row: 2 } }] });
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM authority`))[0].n).toBe(before + 1200);
    const created = await t.dataSource.query(
      `SELECT a.id, a.population, a.level, s.code, (SELECT count(*)::int FROM audit_event e WHERE e.entity_id = a.id) AS events,
              (SELECT e.changes FROM audit_event e WHERE e.entity_id = a.id) AS changes, (SELECT e.actor FROM audit_event e WHERE e.entity_id = a.id) AS actor
         FROM authority a JOIN state s ON s.id = a.state_id WHERE a.ars = '120600051199'`,
    );
    expect(created).toMatchObject([{ population: 2199, level: 'MUNICIPALITY', code: 'BB', events: 1, actor: TEST_USERS.ROLLOUT_MANAGER.email }]);
    expect(created[0].changes).toMatchObject({ ars: { from: null, to: '120600051199' }, population: { from: null, to: 2199 }, stateId: { from: null, to: expect.any(String) } });
    // the ids reported are the records written
    expect(applied.body.rows.find((r: RowReport) => r.row === 1201).id).toBe(created[0].id);

    const again = await upload('authorities', csv, { dryRun: 'false', skipErrors: 'true' });
    expect(again.body.summary).toMatchObject({ create: 0, update: 0, unchanged: 1200, error: 1 });
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_event WHERE entity_id = $1`, [created[0].id]))[0].n).toBe(1);
  });

  it('refuses a bad maxRows naming it', async () => {
    const res = await upload('contracts', contractsCsv, { maxRows: 'viele' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.issues).toMatchObject([{ field: 'maxRows', code: 'NOT_BETWEEN' }]);
  });
});
