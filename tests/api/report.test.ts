import ExcelJS from 'exceljs';
import type { Response } from 'supertest';
import { startTestApp, type TestApp, type TestUserKey } from '../support/test-app.js';

/**
 * The monthly steering report over HTTP: the XLSX opened with exceljs and its figures checked
 * against the GraphQL dashboard for the same dates; the printable page; access and bad input.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

/** The end of 31.08.2023 and of 31.07.2023 in Berlin: what the report means by asOf=2023-08-31 and since=2023-07-31. */
const AUG = '2023-08-31T21:59:59.999Z';
const JUL = '2023-07-31T21:59:59.999Z';

const binary = (res: Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

async function download(path: string, as: TestUserKey = 'STEERING_MEMBER') {
  return t
    .http()
    .get(path)
    .set('authorization', `Bearer ${await t.tokenOf(as)}`)
    .buffer(true)
    .parse(binary as never);
}

async function workbook(path: string, as: TestUserKey = 'STEERING_MEMBER') {
  const res = await download(path, as);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  expect(res.headers['content-disposition']).toContain('attachment');
  const wb = new ExcelJS.Workbook();
  // exceljs types its argument as Buffer (of ArrayBuffer); the collected body is a Buffer of ArrayBufferLike.
  await wb.xlsx.load(res.body as Parameters<typeof wb.xlsx.load>[0]);
  return wb;
}

/** A worksheet's data rows as objects keyed by the header row's labels. */
function rowsOf(wb: ExcelJS.Workbook, name: string): Array<Record<string, unknown>> {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no worksheet ${name}: ${wb.worksheets.map((w) => w.name).join(', ')}`);
  const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Array<Record<string, unknown>> = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const values = (row.values as unknown[]).slice(1);
    if (values.length < 2) return; // the note below a table
    rows.push(Object.fromEntries(header.map((h, i) => [h, values[i] ?? null])));
  });
  return rows;
}

const DASHBOARD = `query($asOf: DateTime, $limit: Int) { dashboard(asOf: $asOf) {
  serviceName
  totals { authorities live inRollout paused notStarted shareLive }
  states { stateCode live inRollout notStarted shareLive }
  obstacles(limit: $limit) { total oldest { title stateCode } }
  overdueMilestones { total }
  contracts { counts { status count } }
} }`;
const dashboard = async (asOf: string, as: TestUserKey = 'STEERING_MEMBER') => {
  const r = await t.as(as).gql(DASHBOARD, { asOf, limit: 1000 });
  expect(r.errors).toBeUndefined();
  return r.data!.dashboard;
};

describe('monthly report as XLSX', () => {
  it('has the GraphQL figures for the same date: headline, per state, changes, obstacles', async () => {
    const wb = await workbook('/reports/monthly.xlsx?asOf=2023-08-31&since=2023-07-31');
    const [aug, jul] = [await dashboard(AUG), await dashboard(JUL)];

    const headline = rowsOf(wb, 'Kennzahlen');
    const figure = (name: string) => headline.find((r) => r.Kennzahl === name)!;
    expect(Object.keys(headline[0])).toEqual(['Kennzahl', 'Stand 31.08.2023', 'Vorbericht 31.07.2023', 'Veränderung']);
    const values = (name: string) => Object.values(figure(name)).slice(1);
    expect(values('Live')).toEqual([aug.totals.live, jul.totals.live, aug.totals.live - jul.totals.live]);
    expect(aug.totals.live).toBe(100);
    expect(values('In Anbindung')).toEqual([aug.totals.inRollout, jul.totals.inRollout, aug.totals.inRollout - jul.totals.inRollout]);
    expect(values('Nicht begonnen')[0]).toBe(aug.totals.notStarted);
    expect(values('Anteil live')[0]).toBeCloseTo(aug.totals.shareLive, 10);
    expect(values('Offene Hemmnisse')[0]).toBe(aug.obstacles.total);
    expect(values('Überfällige Meilensteine')[0]).toBe(aug.overdueMilestones.total);
    expect(values('Länder mit unterzeichnetem Vertrag')[0]).toBe(aug.contracts.counts.find((c: { status: string }) => c.status === 'SIGNED').count);

    const states = rowsOf(wb, 'Länder');
    expect(states.map((s) => s.Land)).toEqual(aug.states.map((s: { stateCode: string }) => s.stateCode));
    for (const s of aug.states) {
      const row = states.find((r) => r.Land === s.stateCode)!;
      expect([row.Live, row['In Anbindung'], row['Nicht begonnen']]).toEqual([s.live, s.inRollout, s.notStarted]);
      expect(row['Anteil live']).toBeCloseTo(s.shareLive, 10);
    }
    expect(states.find((r) => r.Land === 'BB')!.Vertrag).toBe('kein Vertrag'); // the lead state needs none

    // Nobody left LIVE in August 2023 in the story, so the newly live are exactly the difference; Harz among them.
    const newlyLive = rowsOf(wb, 'Neu live');
    expect(newlyLive).toHaveLength(aug.totals.live - jul.totals.live);
    expect(newlyLive.some((r) => String(r['Behörde']).includes('Harz'))).toBe(true);

    expect(rowsOf(wb, 'Offene Hemmnisse')).toHaveLength(aug.obstacles.total);
  });

  it('lists contracts signed between the two dates', async () => {
    const wb = await workbook('/reports/monthly.xlsx?asOf=2023-08-31&since=2022-12-31');
    expect(rowsOf(wb, 'Neu unterzeichnete Verträge').map((r) => r.Land)).toEqual(['RP', 'SL', 'HB']);
    const signed = rowsOf(wb, 'Kennzahlen').find((r) => r.Kennzahl === 'Länder mit unterzeichnetem Vertrag')!;
    expect(Object.values(signed).slice(1)).toEqual([11, 8, 3]);
  });

  it("shows a state coordinator only their own state's obstacles", async () => {
    const wb = await workbook('/reports/monthly.xlsx', 'STATE_COORDINATOR');
    const own = await dashboard(new Date().toISOString(), 'STATE_COORDINATOR');
    const obstacles = rowsOf(wb, 'Offene Hemmnisse');
    expect(obstacles).toHaveLength(own.obstacles.total);
    expect(new Set(obstacles.map((o) => o.Land))).toEqual(new Set(own.obstacles.total ? ['BB'] : []));
    expect((await dashboard(new Date().toISOString())).obstacles.total).toBeGreaterThan(own.obstacles.total);
  });
});

describe('cost shares in the monthly report', () => {
  const ALLOCATION = `query($serviceId: ID!, $year: Int!, $keyIds: [ID!]!) {
    costAllocation(serviceId: $serviceId, year: $year, keyIds: $keyIds) { totalCents keys { keyName keyYear payingStates states { stateCode keyShare share cents pays reason } } }
  }`;
  let serviceId: string;
  let keys: Array<{ id: string; name: string; kind: string; year: number }>;
  beforeAll(async () => {
    serviceId = (await t.gql(`{ dashboard { serviceId } }`)).data!.dashboard.serviceId;
    keys = (await t.gql(`{ allCostKeys(perPage: 100) { id name kind year } }`)).data!.allCostKeys;
    const created = await t.gql(
      `mutation($serviceId: ID!) { createServiceCost(serviceId: $serviceId, year: 2023, operationCents: "3000000000", maintenanceCents: "123456789") { totalCents } }`,
      { serviceId },
    );
    expect(created.errors).toBeUndefined();
  });

  /** The cost section's state rows and its total row. */
  function costRows(wb: ExcelJS.Workbook, year: number) {
    const rows = rowsOf(wb, `Kostenanteile ${year}`);
    return { states: rows.filter((r) => r.Land !== 'Summe'), total: rows.find((r) => r.Land === 'Summe')! };
  }
  const cents = (euros: unknown) => Math.round(Number(euros) * 100);

  it("shares the contract year's costs by the year's Königsteiner key (else the latest before it), as costAllocation does, summing to the total", async () => {
    const wb = await workbook('/reports/monthly.xlsx?asOf=2023-08-31');
    const koenigsteiner = keys.filter((k) => k.kind === 'KOENIGSTEINER' && k.year <= 2023).sort((a, b) => b.year - a.year)[0];
    const api = await t.as('STEERING_MEMBER').gql(ALLOCATION, { serviceId, year: 2023, keyIds: [koenigsteiner.id] });
    expect(api.errors).toBeUndefined();
    const [key] = api.data!.costAllocation.keys;

    const { states, total } = costRows(wb, 2023);
    expect(states.map((r) => r.Land)).toEqual(key.states.map((s: { stateCode: string }) => s.stateCode));
    for (const s of key.states) {
      const row = states.find((r) => r.Land === s.stateCode)!;
      expect(cents(row['Betrag (EUR)'])).toBe(Number(s.cents));
      expect(row['Anteil im Schlüssel']).toBeCloseTo(s.keyShare, 12);
      expect(row['Anteil unter Unterzeichnern']).toBeCloseTo(s.share, 12);
      expect(row['Zahlt / Grund'] === 'zahlt').toBe(s.pays);
    }
    expect(states.filter((r) => r['Zahlt / Grund'] === 'zahlt')).toHaveLength(key.payingStates);
    expect(states.find((r) => r.Land === 'BB')!['Zahlt / Grund']).toBe('kein Vertrag');
    expect(cents(total['Betrag (EUR)'])).toBe(Number(api.data!.costAllocation.totalCents));
    expect(states.reduce((sum, r) => sum + cents(r['Betrag (EUR)']), 0)).toBe(Number(api.data!.costAllocation.totalCents));
    const amountCell = wb.getWorksheet('Kostenanteile 2023')!.getRow(2).getCell(5);
    expect(amountCell.numFmt).toBe('#,##0.00');
    expect(rowsOf(wb, 'Kennzahlen').length).toBeGreaterThan(0);
  });

  it('uses the cost key named by costKeyId, and shows the amounts German-formatted on the printable page', async () => {
    const combined = keys.find((k) => k.kind === 'COMBINED')!;
    const wb = await workbook(`/reports/monthly.xlsx?asOf=2023-08-31&costKeyId=${combined.id}`);
    const api = (await t.gql(ALLOCATION, { serviceId, year: 2023, keyIds: [combined.id] })).data!.costAllocation;
    const { states } = costRows(wb, 2023);
    expect(states.map((r) => cents(r['Betrag (EUR)']))).toEqual(api.keys[0].states.map((s: { cents: string }) => Number(s.cents)));

    const res = await download(`/reports/monthly.html?asOf=2023-08-31&costKeyId=${combined.id}`);
    const html = res.body.toString('utf8');
    expect(html).toContain('<h2>Kostenanteile 2023</h2>');
    expect(html).toContain(`Kostenschlüssel: ${combined.name} ${combined.year}`);
    const german = new Intl.NumberFormat('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    expect(html).toContain(`<td>Summe</td><td>–</td><td class="num">–</td><td class="num">–</td><td class="num">${german.format(Number(api.totalCents) / 100)}</td>`);
  });

  it('says in one row when no costs are recorded for the year', async () => {
    const wb = await workbook('/reports/monthly.xlsx?asOf=2022-08-31');
    const ws = wb.getWorksheet('Kostenanteile 2022')!;
    expect(ws.rowCount).toBe(2);
    expect(ws.getRow(2).getCell(1).value).toBe('Für Aufenthaltstitel sind für 2022 keine Kosten erfasst.');
  });

  it('refuses an unknown or malformed costKeyId with 400 naming it', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'nope']) {
      const res = await t.http().get(`/reports/monthly.xlsx?asOf=2022-08-31&costKeyId=${id}`).set('authorization', `Bearer ${await t.tokenOf('STEERING_MEMBER')}`);
      expect([res.status, res.body.errors?.[0]?.extensions?.code, res.body.errors?.[0]?.extensions?.issues?.[0]?.field]).toEqual([400, 'VALIDATION', 'costKeyId']);
      expect(res.body.errors[0].message).toContain(id);
    }
  });
});

describe('monthly report as printable page', () => {
  it('answers HTML with German headings, the figures, a print stylesheet and escaped values', async () => {
    const [{ id }] = await t.dataSource.query(
      `SELECT o.id FROM onboarding o JOIN authority a ON a.id = o.authority_id JOIN state s ON s.id = a.state_id WHERE s.code = 'BB' AND o.status = 'ACTIVE' AND o.stage <> 'LIVE' LIMIT 1`,
    );
    await t.dataSource.query(`INSERT INTO blocker (onboarding_id, title, category, severity, opened_at) VALUES ($1, '<script>alert("x")</script> & Co', 'LEGAL', 'INFO', '2023-08-01')`, [id]);
    const res = await t
      .http()
      .get('/reports/monthly.html?asOf=2023-08-31')
      .set('cookie', `efa_session=${encodeURIComponent(await t.tokenOf('STEERING_MEMBER'))}`)
      .set('accept', 'text/html');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    const html = res.text;
    expect(html).toContain('<h1>Monatsbericht Nachnutzung: Aufenthaltstitel</h1>');
    expect(html).toContain('Stand 31.08.2023');
    for (const heading of ['Kennzahlen', 'Länder', 'Neu live', 'Neu blockiert', 'Neu unterzeichnete Verträge', 'Offene Hemmnisse']) expect(html).toContain(`<h2>${heading}</h2>`);
    expect(html).toContain('@media print');
    expect(html).toMatch(/<tr><td>Live<\/td><td class="num">100<\/td>/);
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
  });
});

describe('report routes refuse', () => {
  it('anonymous callers with 401', async () => {
    for (const path of ['/reports/monthly.xlsx', '/reports/monthly.html']) {
      const res = await t.http().get(path).set('accept', 'text/html');
      expect(res.status).toBe(401);
      expect(res.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
    const forged = await t.http().get('/reports/monthly.xlsx').set('authorization', 'Bearer not-a-token');
    expect(forged.status).toBe(401);
  });

  it('bad input with 400 naming the parameter, an unknown service with 404', async () => {
    const token = await t.tokenOf('ADMIN');
    const get = (query: string) => t.http().get(`/reports/monthly.xlsx?${query}`).set('authorization', `Bearer ${token}`);
    for (const [query, field, code] of [
      ['asOf=31.08.2023', 'asOf', 'NOT_A_DATE_OR_DATE_TIME'],
      ['asOf=2023-02-30', 'asOf', 'NOT_A_DATE_OR_DATE_TIME'],
      ['since=yesterday', 'since', 'NOT_A_DATE_OR_DATE_TIME'],
      ['asOf=2023-08-31&since=2023-09-01', 'since', 'MUST_BE_BEFORE'],
      ['serviceId=abc', 'serviceId', 'NOT_AN_ID'],
      ['asOf=2023-08-31&asOf=2023-07-31', 'asOf', 'GIVEN_ONCE'],
    ]) {
      const res = await get(query);
      const issue = res.body.errors?.[0]?.extensions?.issues?.[0];
      expect([query, res.status, res.body.errors?.[0]?.extensions?.code, issue?.field, issue?.code]).toEqual([query, 400, 'VALIDATION', field, code]);
    }
    const unknown = await get('serviceId=00000000-0000-4000-8000-000000000000');
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors[0].extensions.code).toBe('NOT_FOUND');
  });
});
