import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { XLSX_TYPE, byRow, uploadImport } from '../support/import-upload.js';
import { startTestApp, TEST_USERS, type TestApp, type TestUserKey } from '../support/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

const fixture = (name: string) => fs.readFileSync(path.join('tests/fixtures/import', name));

const upload = (body: Buffer | string, query: Record<string, string> = {}, user: TestUserKey | null = 'ROLLOUT_MANAGER', contentType = 'text/csv') =>
  uploadImport(t, 'authorities', body, query, user, contentType);

/** The coded issues of an error answer ({ errors: [{ extensions: { issues } }] }). */
const issuesOf = (res: { body: { errors?: Array<{ extensions: { issues: unknown[] } }> } }) => res.body.errors?.[0]?.extensions.issues;

async function authority(ars: string) {
  const [row] = await t.dataSource.query(
    `SELECT a.id, a.name, a.population, a.email, a.notes, a.level, a.kind, s.code AS state, ss.product AS system
       FROM authority a JOIN state s ON s.id = a.state_id LEFT JOIN specialist_system ss ON ss.id = a.specialist_system_id WHERE a.ars = $1`,
    [ars],
  );
  return row;
}

const auditCount = async (entityId: string) => (await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_event WHERE entity_id = $1`, [entityId]))[0].n as number;

describe('spreadsheet import of authorities (POST /import/authorities)', () => {
  it('reads a UTF-8 CSV with English headers: auto-mapping, create, update with field changes, unchanged; a dry run changes nothing', async () => {
    const res = await upload(fixture('authorities-en-utf8.csv'));
    expect(res.status).toBe(200);
    const report = res.body;
    expect(report.file).toEqual({
      format: 'CSV',
      encoding: 'UTF-8',
      delimiter: ',',
      headers: ['ARS', 'Authority', 'State', 'Level', 'Population', 'Specialist system', 'Email address', 'Phone'],
    });
    expect(report.mappingSource).toBe('suggested');
    expect(report.mapping).toEqual({
      ARS: 'ars',
      Authority: 'name',
      State: 'state',
      Level: 'level',
      Population: 'population',
      'Specialist system': 'specialistSystem',
      'Email address': 'email',
      Phone: null,
    });
    expect(report.ignoredColumns).toEqual(['Phone']);
    expect(report).toMatchObject({ dryRun: true, applied: false, summary: { rows: 3, create: 1, update: 1, unchanged: 1, error: 0, ambiguous: 0, duplicate: 0 } });
    const rows = byRow(report.rows);
    expect(rows[2]).toMatchObject({
      action: 'UPDATE',
      changes: { population: { from: 168296, to: 170000 }, email: { from: null, to: 'abh@teltow-flaeming.example' } },
    });
    // "Teltow-Fläming, Landkreis" is the stored name spelt differently: no rename
    expect(rows[2].changes!.name).toBeUndefined();
    expect(rows[3]).toMatchObject({ action: 'UNCHANGED' });
    expect(rows[4]).toMatchObject({ action: 'CREATE', changes: { ars: { from: null, to: '120650256256' }, level: { to: 'MUNICIPALITY' }, kind: { to: 'FOREIGNERS_AUTHORITY' } } });
    expect(await authority('120650256256')).toBeUndefined();
    expect((await authority('120720000000')).population).toBe(168296);
  });

  it('applies as the importing user with one audit event per changed record; re-importing the same file changes nothing', async () => {
    const applied = await upload(fixture('authorities-en-utf8.csv'), { dryRun: 'false' });
    expect(applied.body).toMatchObject({ dryRun: false, applied: true, summary: { create: 1, update: 1, unchanged: 1 } });
    const created = await authority('120650256256');
    expect(created).toMatchObject({ name: 'Stadt Oranienburg', state: 'BB', level: 'MUNICIPALITY', kind: 'FOREIGNERS_AUTHORITY', population: 47000 });
    const tf = await authority('120720000000');
    expect(tf).toMatchObject({ population: 170000, email: 'abh@teltow-flaeming.example', system: 'LaDiVA' });
    const events = await t.dataSource.query(`SELECT actor, action, changes FROM audit_event WHERE entity_id = ANY($1) ORDER BY occurred_at`, [[created.id, tf.id]]);
    expect(events.map((e: { actor: string; action: string }) => [e.actor, e.action]).sort()).toEqual([
      [TEST_USERS.ROLLOUT_MANAGER.email, 'CREATE'],
      [TEST_USERS.ROLLOUT_MANAGER.email, 'UPDATE'],
    ]);
    const again = await upload(fixture('authorities-en-utf8.csv'), { dryRun: 'false' });
    expect(again.body).toMatchObject({ applied: true, summary: { rows: 3, create: 0, update: 0, unchanged: 3 } });
    expect(await auditCount(created.id)).toBe(1);
    expect(await auditCount(tf.id)).toBe(1);
  });

  it('reads a Windows-1252 semicolon CSV with German headers, matching by name within the state', async () => {
    const res = await upload(fixture('authorities-de-windows-1252.csv'));
    expect(res.status).toBe(200);
    expect(res.body.file).toMatchObject({ format: 'CSV', encoding: 'Windows-1252', delimiter: ';', headers: ['Regionalschlüssel', 'Behörde', 'Bundesland', 'Einwohner', 'Fachverfahren', 'Ansprechpartner', 'Telefon'] });
    expect(res.body.mapping).toEqual({ Regionalschlüssel: 'ars', Behörde: 'name', Bundesland: 'state', Einwohner: 'population', Fachverfahren: 'specialistSystem', Ansprechpartner: null, Telefon: null });
    const rows = byRow(res.body.rows);
    // "Kreis Märkisch-Oderland" without ARS: the Landkreis of that name in Brandenburg; 195.000 is German for 195000
    expect(rows[2]).toMatchObject({ action: 'UPDATE', label: 'Kreis Märkisch-Oderland', changes: { population: { from: 194328, to: 195000 } } });
    expect(rows[3]).toMatchObject({ action: 'UNCHANGED' });
  });

  it('reports per row: German numbers, a bad number at its column, an ambiguous name, a duplicate row; an error row stops the apply unless skipped', async () => {
    const file = fixture('authorities-de-semicolon.csv');
    const harz = await authority('150850000000');
    const flensburg = await authority('010010000000');
    const dry = await upload(file);
    expect(dry.status).toBe(200);
    expect(dry.body.file).toMatchObject({ encoding: 'UTF-8 with BOM', delimiter: ';', headers: ['ARS', 'Name', 'Land', 'Einwohner', 'Stand', 'Bemerkung'] });
    expect(dry.body.summary).toEqual({ rows: 5, create: 0, update: 2, unchanged: 0, error: 1, ambiguous: 1, duplicate: 1 });
    const rows = byRow(dry.body.rows);
    expect(rows[2]).toMatchObject({ action: 'UPDATE', id: harz.id, changes: { population: { from: 214446, to: 220000 }, notes: { from: null, to: '100. angebundene Behörde' } } });
    expect(rows[3]).toMatchObject({ action: 'ERROR', issues: [{ column: 'Einwohner', field: 'population', code: 'IMPORT_NOT_A_NUMBER', message: 'must be a number like 1.234,5 or 1234.5, got "zwölf"' }] });
    expect(rows[4].action).toBe('AMBIGUOUS');
    expect(rows[4].candidates!.map((c) => c.name).sort()).toEqual(['Ausländerbehörde Landkreis Kassel', 'Ausländerbehörde Stadt Kassel']);
    expect(rows[4].issues![0]).toMatchObject({ column: 'Name', code: 'IMPORT_AMBIGUOUS_MATCH' });
    expect(rows[5]).toMatchObject({ action: 'DUPLICATE', duplicateOf: 2, issues: [{ code: 'IMPORT_DUPLICATE_ROW', message: 'repeats row 2' }] });
    expect(rows[6]).toMatchObject({ action: 'UPDATE', id: flensburg.id, changes: { population: { from: 89504, to: 90000 } } });

    const refused = await upload(file, { dryRun: 'false' });
    expect(refused.body).toMatchObject({ applied: false, refusal: expect.stringContaining('2 row(s) have errors') });
    expect((await authority('150850000000')).population).toBe(214446);
    expect(await auditCount(harz.id)).toBe(0);

    const skipped = await upload(file, { dryRun: 'false', skipErrors: 'true' });
    expect(skipped.body).toMatchObject({ applied: true, summary: { update: 2, error: 1, ambiguous: 1, duplicate: 1 } });
    expect(await authority('150850000000')).toMatchObject({ population: 220000, notes: '100. angebundene Behörde' });
    expect((await authority('010010000000')).population).toBe(90000);
    const events = await t.dataSource.query(`SELECT actor, action, changes FROM audit_event WHERE entity_id = ANY($1)`, [[harz.id, flensburg.id]]);
    expect(events).toHaveLength(2);
    for (const e of events) expect(e).toMatchObject({ actor: TEST_USERS.ROLLOUT_MANAGER.email, action: 'UPDATE' });

    const again = await upload(file, { dryRun: 'false', skipErrors: 'true' });
    expect(again.body.summary).toMatchObject({ update: 0, unchanged: 2 });
    expect(await auditCount(harz.id)).toBe(1);
  });

  it('reports the domain validation of a row at its column with the coded issue, as the forms do', async () => {
    const csv = ['ARS;Behörde;Land;Ebene;E-Mail', '129990000000;Neue Behörde;ST;Landkreis;', '120540000000;Stadt Potsdam;;;kein-mail', '129980000000;Zentrale Stelle;;;'].join('\n');
    const res = await upload(csv, {}, 'ADMIN');
    expect(res.status).toBe(200);
    const rows = byRow(res.body.rows);
    expect(rows[2]).toMatchObject({ action: 'ERROR', issues: [{ column: 'ARS', field: 'ars', code: 'ARS_OTHER_STATE', params: { prefix: '12', state: 'Sachsen-Anhalt' } }] });
    expect(rows[3]).toMatchObject({ action: 'ERROR', issues: [{ column: 'E-Mail', field: 'email', code: 'NOT_EMAIL', message: 'is not an e-mail address' }] });
    // a new authority whose name says neither Landkreis nor Stadt, with a blank level: named at the level's column
    expect(rows[4]).toMatchObject({ action: 'ERROR', issues: [{ column: 'Ebene', field: 'level', code: 'NOT_ONE_OF' }] });
  });

  it('reads an XLSX workbook (streamed), restoring the leading zero of a numeric ARS', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Behörden');
    ws.addRow(['ARS', 'Bezeichnung', 'Einwohner', 'Fachverfahren']);
    ws.addRow([10010000000, 'Flensburg, Stadt', null, null]);
    ws.addRow(['120520000000', 'Cottbus, Stadt', 99999, 'DXC Paula']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await upload(xlsx, {}, 'ADMIN', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.status).toBe(200);
    expect(res.body.file).toEqual({ format: 'XLSX', encoding: null, delimiter: null, headers: ['ARS', 'Bezeichnung', 'Einwohner', 'Fachverfahren'] });
    const rows = byRow(res.body.rows);
    expect(rows[2]).toMatchObject({ action: 'UNCHANGED', label: '010010000000 Flensburg, Stadt' });
    expect(rows[3]).toMatchObject({ action: 'UPDATE', changes: { population: { to: 99999 } } });
    expect(rows[3].changes!.specialistSystemId).toMatchObject({ to: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    // a damaged workbook (cut off after half its bytes) is the file's fault: 400, not a server error
    const cut = await upload(xlsx.subarray(0, Math.floor(xlsx.length / 2)), {}, 'ADMIN', 'application/octet-stream');
    expect(cut.status).toBe(400);
    expect(issuesOf(cut)).toMatchObject([{ field: 'file', code: 'IMPORT_NOT_A_SPREADSHEET' }]);
  });

  it('answers the headers of an XLSX workbook it cannot map (plain and streamed answer), so that the console can offer its columns; nothing is written', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Tabelle1');
    ws.addRow(['Schlüssel', 'Amtsbezeichnung', 'Köpfe', '']);
    ws.addRow(['120540000000', 'Stadt Potsdam', 178089, 'x']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const [{ n: before }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_event`);
    const res = await upload(xlsx, {}, 'ADMIN', XLSX_TYPE);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions).toMatchObject({ code: 'VALIDATION', issues: [{ field: 'mapping', code: 'IMPORT_NO_KEY_COLUMN' }] });
    const headers = res.body.errors[0].extensions.headers as string[];
    expect(headers.slice(0, 3)).toEqual(['Schlüssel', 'Amtsbezeichnung', 'Köpfe']);
    const streamed = await t
      .http()
      .post('/import/authorities')
      .set('content-type', XLSX_TYPE)
      .set('accept', 'application/x-ndjson')
      .set('authorization', `Bearer ${await t.tokenOf('ADMIN')}`)
      .buffer(true)
      .parse((r, done) => {
        let text = '';
        r.setEncoding('utf8');
        r.on('data', (c: string) => (text += c));
        r.on('end', () => done(null, text));
      })
      .send(xlsx);
    const lines = String(streamed.body).split('\n').filter(Boolean).map((l) => JSON.parse(l) as { type?: string; errors?: Array<{ extensions: { headers?: string[] } }> });
    const refusal = lines.find((l) => l.type === 'error') ?? lines[lines.length - 1];
    expect(refusal.errors![0].extensions.headers).toEqual(headers);
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_event`))[0].n).toBe(before);
  });

  it('uses a given mapping and saves it for the user\'s next import of the target', async () => {
    const csv = 'Schlüssel;Amt;Köpfe\n120540000000;Stadt Potsdam;178.089\n';
    const unknown = await upload(csv, {}, 'ADMIN');
    expect(unknown.status).toBe(400);
    expect(issuesOf(unknown)).toMatchObject([{ field: 'mapping', code: 'IMPORT_NO_KEY_COLUMN' }]);
    expect(unknown.body.errors[0].extensions.headers).toEqual(['Schlüssel', 'Amt', 'Köpfe']);
    const bad = await upload(csv, { mapping: JSON.stringify({ Schlüssel: 'ars', Gemeinde: 'name' }) }, 'ADMIN');
    expect(bad.status).toBe(400);
    expect(issuesOf(bad)).toMatchObject([{ field: 'mapping.Gemeinde', code: 'IMPORT_UNKNOWN_COLUMN' }]);
    expect(bad.body.errors[0].extensions.headers).toEqual(['Schlüssel', 'Amt', 'Köpfe']);
    const mapping = { Schlüssel: 'ars', Amt: 'name', Köpfe: 'population' };
    const given = await upload(csv, { mapping: JSON.stringify(mapping) }, 'ADMIN');
    expect(given.body).toMatchObject({ mappingSource: 'explicit', mapping, summary: { unchanged: 1 } });
    const next = await upload(csv, {}, 'ADMIN');
    expect(next.body).toMatchObject({ mappingSource: 'saved', mapping, summary: { unchanged: 1 } });
    // saved per user: the rollout manager still gets the suggestion
    expect((await upload(csv, {}, 'ROLLOUT_MANAGER')).status).toBe(400);
  });

  it('refuses empty files and files without data rows with a clear error', async () => {
    const empty = await upload(Buffer.alloc(0));
    expect(empty.status).toBe(400);
    expect(issuesOf(empty)).toMatchObject([{ field: 'file', code: 'IMPORT_EMPTY_FILE' }]);
    const blank = await upload('\uFEFF\r\n ;; \r\n');
    expect(issuesOf(blank)).toMatchObject([{ field: 'file', code: 'IMPORT_EMPTY_FILE' }]);
    const headerOnly = await upload('ARS;Name\r\n');
    expect(headerOnly.status).toBe(400);
    expect(issuesOf(headerOnly)).toMatchObject([{ field: 'file', code: 'IMPORT_NO_DATA_ROWS' }]);
    // UTF-8 in the first 64 kB the encoding is told from, then a Windows-1252 "ü" (0xFC)
    const mixed = await upload(Buffer.concat([Buffer.from(`ARS;Name;Stand\n120540000000;Stadt Potsdam;${'a'.repeat(70_000)}\n`), Buffer.from([0x3b, 0x4d, 0xfc, 0x6e, 0x0a])]), {}, 'ADMIN');
    expect(mixed.status).toBe(400);
    expect(issuesOf(mixed)).toMatchObject([{ field: 'file', code: 'IMPORT_BROKEN_UTF_ENCODING', params: { row: 3 } }]);
  });

  it('lets coordinators import only their own state\'s rows; steering members and anonymous callers are refused', async () => {
    const csv = 'ARS;Name\n120540000000;Stadt Potsdam\n150850000000;Landkreis Harz\n';
    const coordinator = await upload(csv, {}, 'STATE_COORDINATOR');
    expect(coordinator.status).toBe(200);
    const rows = byRow(coordinator.body.rows);
    expect(rows[2].action).toBe('UNCHANGED');
    expect(rows[3]).toMatchObject({ action: 'ERROR', issues: [{ code: 'IMPORT_OTHER_STATE', params: { state: 'Sachsen-Anhalt' } }] });
    expect((await upload(csv, {}, 'STEERING_MEMBER')).status).toBe(403);
    expect((await upload(csv, {}, null)).status).toBe(401);
    const unknownTarget = await t.http().post('/import/meetings').set('authorization', `Bearer ${await t.tokenOf('ADMIN')}`).set('content-type', 'text/csv').send(Buffer.from(csv));
    expect(unknownTarget.status).toBe(404);
  });
});
