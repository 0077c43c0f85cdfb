/**
 * Open data of the public status (issue 9, "widget" part): CSV + Frictionless datapackage, JSON with
 * licence metadata, the Atom feed of go-lives; caching/CORS headers; a go-live made through GraphQL
 * shows up in the feed and the files (served from public_status, refreshed by the go-live).
 */
import fs from 'node:fs';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ok, WorkflowFixture } from './workflow-fixture.js';

const FIELDS = ['ozgId', 'serviceName', 'ars', 'authorityName', 'stateCode', 'stateName', 'status', 'liveSince', 'applyUrl', 'plannedQuarter', 'updatedAt'];
const STATUSES = ['LIVE', 'PREPARING', 'NOT_PLANNED'];

let t: TestApp;
let fx: WorkflowFixture;

beforeAll(async () => {
  t = await startTestApp();
  fx = await WorkflowFixture.on(t);
});
afterAll(async () => {
  await t?.close();
});

const get = (path: string) => t.http().get(path);
const parseCsv = (text: string): Record<string, string>[] => parse(text, { columns: true, skip_empty_lines: true });
const atomParser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['entry', 'link', 'category'].includes(name) });
const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The public copy reloads when public_status changes (checked at most about every second): bounded polling. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, tries = 40): Promise<T> {
  let value = await read();
  for (let i = 0; i < tries && !done(value); i++) {
    await new Promise((r) => setTimeout(r, 250));
    value = await read();
  }
  return value;
}

describe('open data files', () => {
  it('CSV: UTF-8, the documented header, one row per public_status row, valid values', async () => {
    const res = await get('/public/v1/open-data/status.csv').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers.etag).toBeTruthy();
    expect(res.headers['cache-control']).toMatch(/max-age=\d+/);
    expect(res.headers['content-disposition']).toMatch(/efa-rollout-status\.csv/);
    const text = res.text;
    expect(text.split('\r\n')[0]).toBe(FIELDS.join(','));
    const rows = parseCsv(text);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM public_status`);
    expect(rows.length).toBe(n);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(Object.keys(r)).toEqual(FIELDS);
      expect(r.ars).toMatch(/^\d{12}$/);
      expect(STATUSES).toContain(r.status);
      if (r.status === 'LIVE') expect(r.liveSince).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      else expect(r.liveSince).toBe('');
      if (r.plannedQuarter) expect(r.plannedQuarter).toMatch(/^\d{4}-Q[1-4]$/);
    }
    // the figures agree with the table the public module serves from
    const [db] = await t.dataSource.query(`SELECT count(*) FILTER (WHERE status = 'LIVE')::int AS live, count(*) FILTER (WHERE status = 'PREPARING')::int AS preparing FROM public_status`);
    expect(rows.filter((r) => r.status === 'LIVE').length).toBe(db.live);
    expect(rows.filter((r) => r.status === 'PREPARING').length).toBe(db.preparing);
    // 304 on a matching ETag
    await get('/public/v1/open-data/status.csv').set('if-none-match', res.headers.etag).expect(304);
  });

  it('JSON: licence, attribution, generatedAt and field documentation; records carry exactly the documented fields', async () => {
    const res = await get('/public/v1/open-data/status.json').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    const body = res.body;
    expect(body.license).toMatchObject({ name: 'CC-BY-4.0', path: 'https://creativecommons.org/licenses/by/4.0/' });
    expect(body.attribution.de).toMatch(/CC BY 4\.0/);
    expect(body.attribution.en).toMatch(/CC BY 4\.0/);
    expect(new Date(body.generatedAt).toISOString()).toBe(body.generatedAt);
    expect(body.fields.map((f: { name: string }) => f.name)).toEqual(FIELDS);
    for (const f of body.fields) {
      expect(f.description.length).toBeGreaterThan(5);
      expect(f.descriptionDe.length).toBeGreaterThan(5);
      expect(['string', 'date', 'datetime']).toContain(f.type);
    }
    expect(body.count).toBe(body.records.length);
    const csv = parseCsv((await get('/public/v1/open-data/status.csv').set('cache-control', 'no-cache').expect(200)).text);
    expect(body.records.length).toBe(csv.length);
    for (const r of body.records) {
      expect(Object.keys(r)).toEqual(FIELDS);
      expect(STATUSES).toContain(r.status);
    }
    // CSV and JSON hold the same rows
    const key = (r: { ozgId: string; ars: string; status: string }) => `${r.ozgId}/${r.ars}/${r.status}`;
    expect(new Set(body.records.map(key))).toEqual(new Set(csv.map((r) => key(r as never))));
  });

  it('CSV: a name a spreadsheet would run as a formula gets a leading apostrophe (as in the console export); JSON keeps it as it is', async () => {
    const [a] = await t.dataSource.query(`SELECT a.id, a.version, a.name, p.ars FROM authority a JOIN public_status p ON p.authority_id = a.id ORDER BY p.ars DESC LIMIT 1`);
    const name = `=HYPERLINK("https://evil.example/${Math.random().toString(36).slice(2, 8)}","Landkreis")`;
    const rename = async (version: number, to: string) =>
      ok<{ version: number }>(await t.gql(`mutation($id: ID!, $version: Int!, $name: String) { updateAuthority(id: $id, version: $version, name: $name) { version } }`, { id: a.id, version, name: to }), 'updateAuthority');
    const renamed = await rename(a.version, name);
    try {
      const csv = await eventually(
        async () => parseCsv((await get('/public/v1/open-data/status.csv').set('cache-control', 'no-cache').expect(200)).text),
        (rows) => rows.some((r) => r.ars === a.ars && r.authorityName.includes('evil.example')),
      );
      const published = csv.filter((r) => r.ars === a.ars).map((r) => r.authorityName);
      expect(published.length).toBeGreaterThan(0);
      for (const text of published) expect(text).toBe(`'${name}`);
      const json = (await get('/public/v1/open-data/status.json').set('cache-control', 'no-cache').expect(200)).body;
      const records = json.records.filter((r: { ars: string }) => r.ars === a.ars);
      expect(records.map((r: { authorityName: string }) => r.authorityName)).toEqual(published.map(() => name));
    } finally {
      await rename(renamed.version, a.name);
    }
  });

  it('datapackage.json (Frictionless) describes the CSV: fields, primary key, CC BY 4.0', async () => {
    const res = await get('/public/v1/open-data/datapackage.json').expect(200);
    const pkg = res.body;
    expect(pkg.profile).toBe('tabular-data-package');
    expect(pkg.licenses).toEqual([expect.objectContaining({ name: 'CC-BY-4.0' })]);
    const csv = pkg.resources.find((r: { name: string }) => r.name === 'status');
    // relative to the package's own URL, as the Data Package spec allows: it resolves to the CSV
    expect(csv.path).toBe('status.csv');
    const resolved = new URL(csv.path, 'http://x/public/v1/open-data/datapackage.json').pathname;
    expect(resolved).toBe('/public/v1/open-data/status.csv');
    await get(resolved).expect(200);
    expect(csv.format).toBe('csv');
    expect(csv.encoding).toBe('utf-8');
    expect(csv.schema.fields.map((f: { name: string }) => f.name)).toEqual(FIELDS);
    expect(csv.schema.primaryKey).toEqual(['ozgId', 'ars']);
    const status = csv.schema.fields.find((f: { name: string }) => f.name === 'status');
    expect(status.constraints.enum).toEqual(STATUSES);
  });

  it('open data endpoints are read-only', async () => {
    await t.http().post('/public/v1/open-data/status.json').send({}).expect((r) => expect([404, 405]).toContain(r.status));
    await t.http().delete('/public/v1/feeds/go-lives.atom').expect((r) => expect([404, 405]).toContain(r.status));
  });
});

describe('Atom feed of go-lives', () => {
  async function feed(lang?: string) {
    const res = await get(`/public/v1/feeds/go-lives.atom${lang ? `?lang=${lang}` : ''}`).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/atom\+xml; charset=utf-8/);
    expect(res.headers.etag).toBeTruthy();
    return { text: res.text, feed: atomParser.parse(res.text).feed };
  }

  it('is valid Atom 1.0: id, title, updated, self link, author, rights; entries newest first with ids, links and summaries', async () => {
    const { feed: f } = await feed();
    expect(f['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(f['@xml:lang']).toBe('de');
    expect(f.id).toBe('urn:efa-rollout:feed:go-lives:de');
    expect(f.title).toMatch(/Go-Lives/);
    expect(new Date(f.updated).toISOString()).toBe(f.updated);
    expect(f.link.find((l: Record<string, string>) => l['@rel'] === 'self')['@href']).toMatch(/\/public\/v1\/feeds\/go-lives\.atom$/);
    expect(f.author.name).toBeTruthy();
    expect(f.rights).toMatch(/CC BY 4\.0/);
    const entries = asArray(f.entry) as Array<Record<string, any>>;
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM public_status WHERE status = 'LIVE'`);
    expect(entries.length).toBe(Math.min(n, 50));
    expect(entries.length).toBeGreaterThan(0);
    const ids = new Set<string>();
    for (const e of entries) {
      expect(e.id).toMatch(/^urn:efa-rollout:go-live:/);
      ids.add(e.id);
      expect(e.title).toMatch(/online bei/);
      expect(new Date(e.updated).toISOString()).toBe(e.updated);
      expect(e.link[0]['@href']).toMatch(/^https?:\/\//);
      expect(e.summary).toMatch(/online beantragen/);
    }
    expect(ids.size).toBe(entries.length);
    const published = entries.map((e) => e.published as string);
    expect([...published].sort().reverse()).toEqual(published);
  });

  it('speaks English with ?lang=en', async () => {
    const { feed: f } = await feed('en');
    expect(f['@xml:lang']).toBe('en');
    expect(f.id).toBe('urn:efa-rollout:feed:go-lives:en');
    expect(f.title).toMatch(/new go-lives/);
    for (const e of asArray(f.entry) as Array<Record<string, any>>) expect(e.title).toMatch(/now online at/);
  });

  it('a go-live through GraphQL appears first in the feed and as LIVE in the CSV and JSON', async () => {
    const ozgId = String(90000 + Math.floor(Math.random() * 9999));
    const service = ok<{ id: string; name: string }>(
      await t.gql(`mutation($name: String!, $lead: ID, $ozgId: String) { createService(name: $name, topicField: FAMILY_AND_CHILD, leadStateId: $lead, ozgId: $ozgId) { id name } }`, {
        name: `Feed-Testleistung ${ozgId}`,
        lead: fx.states.BB,
        ozgId,
      }),
      'createService',
    );
    // Brandenburg leads the service: it may go live without a contract
    const o = await fx.onboard('BB', service.id);
    await fx.completeRequired(o);
    const live = await fx.advanced(await fx.get(o.id), { toStage: 'LIVE' });
    expect(live.stage).toBe('LIVE');
    const [authority] = await t.dataSource.query(`SELECT ars, name FROM authority WHERE id = $1`, [o.authorityId]);
    // the go-live day is the day in Germany
    const liveDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date(live.liveAt!));

    const { feed: f } = await eventually(
      () => feed(),
      (r) => (asArray(r.feed.entry) as Array<Record<string, any>>).some((e) => String(e.id).includes(`:${ozgId}:${authority.ars}:`)),
    );
    const entries = asArray(f.entry) as Array<Record<string, any>>;
    expect(entries[0].id).toBe(`urn:efa-rollout:go-live:${ozgId}:${authority.ars}:${liveDay}`);
    expect(entries[0].title).toBe(`${service.name}: jetzt online bei ${authority.name}`);

    // no-cache: the newest build, not the previous one served while rebuilding
    const csv = parseCsv((await get('/public/v1/open-data/status.csv').set('cache-control', 'no-cache').expect(200)).text);
    expect(csv.find((r) => r.ozgId === ozgId && r.ars === authority.ars)).toMatchObject({ status: 'LIVE', liveSince: liveDay });
    const json = (await get('/public/v1/open-data/status.json').set('cache-control', 'no-cache').expect(200)).body;
    expect(json.records.find((r: Record<string, string>) => r.ozgId === ozgId && r.ars === authority.ars)).toMatchObject({ status: 'LIVE', serviceName: service.name });
  });
});

describe('the component and its demo', () => {
  it('serves the built component at a versioned URL: immutable for a year, ETag, CORS, JavaScript, gzip', async () => {
    const version = JSON.parse(fs.readFileSync('apps/widget/package.json', 'utf8')).version as string;
    const built = fs.readFileSync('apps/widget/dist/efa-rollout-status.js');
    const res = await get(`/public/widget/${version}/efa-rollout-status.js`).set('accept-encoding', 'identity').expect(200);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(res.headers.etag).toMatch(/^"w-/);
    expect(Buffer.from(res.text ?? res.body).equals(built)).toBe(true);
    // precompressed once: the client that accepts gzip gets the stored gzip copy (supertest decodes it again)
    const gz = await get(`/public/widget/${version}/efa-rollout-status.js`).set('accept-encoding', 'gzip').expect(200);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(Number(gz.headers['content-length'])).toBe(zlib.gzipSync(built, { level: 9 }).length);
    expect(Buffer.from(gz.text).equals(built)).toBe(true);
    await get(`/public/widget/${version}/efa-rollout-status.js`).set('if-none-match', res.headers.etag).expect(304);
  });

  it('redirects latest to the current version (short cache) and refuses other versions and files', async () => {
    const version = JSON.parse(fs.readFileSync('apps/widget/package.json', 'utf8')).version as string;
    const latest = await get('/public/widget/latest/efa-rollout-status.js').expect(302);
    expect(latest.headers.location).toBe(`/public/widget/${version}/efa-rollout-status.js`);
    expect(latest.headers['cache-control']).toBe('public, max-age=300');
    const old = await get('/public/widget/0.0.1/efa-rollout-status.js').expect(404);
    expect(old.body.error).toMatchObject({ code: 'NOT_FOUND', field: 'version' });
    expect((await get(`/public/widget/${version}/other.js`).expect(404)).body.error.field).toBe('file');
  });

  it('the demo page embeds the component for a LIVE and a PREPARING authority of Aufenthaltstitel', async () => {
    const version = JSON.parse(fs.readFileSync('apps/widget/package.json', 'utf8')).version as string;
    const res = await get('/public/demo').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('<html lang="de">');
    expect(res.text).toContain(`src="/public/widget/${version}/efa-rollout-status.js"`);
    expect(res.text).toContain('Musterstadt');
    const embedded = [...res.text.matchAll(/<efa-rollout-status id="(demo-[a-z-]+)" service="(\d+)" authority-ars="(\d{12})"/g)].map((m) => ({ id: m[1], ozgId: m[2], ars: m[3] }));
    const statusOf = async (ars: string) => (await t.dataSource.query(`SELECT status FROM public_status WHERE ozg_id = '10255' AND ars = $1`, [ars]))[0]?.status;
    expect(await statusOf(embedded.find((e) => e.id === 'demo-live')!.ars)).toBe('LIVE');
    expect(await statusOf(embedded.find((e) => e.id === 'demo-preparing')!.ars)).toBe('PREPARING');
    expect((await get('/public/demo?lang=en').expect(200)).text).toContain('<html lang="en">');
  });
});

describe('nothing internal in the open data', () => {
  it('notes, contacts, owners, obstacles and contracts of a published onboarding never appear in CSV, JSON, datapackage, feed or demo', async () => {
    const MARK = `INTERNAL-${Math.random().toString(36).slice(2, 10).toUpperCase()}`;
    const [row] = await t.dataSource.query(
      `SELECT o.id, o.version FROM public_status p JOIN onboarding o ON o.service_id = p.service_id AND o.authority_id = p.authority_id WHERE p.status = 'LIVE' ORDER BY p.ars LIMIT 1`,
    );
    ok(
      await t.gql(`mutation($id: ID!, $version: Int!, $m: String) { updateOnboarding(id: $id, version: $version, notes: $m, owner: $m, subjectContact: $m, technicalContact: $m) { id } }`, {
        id: row.id,
        version: row.version,
        m: MARK,
      }),
      'updateOnboarding',
    );
    await fx.blocker(row.id, { severity: 'INFO', title: `${MARK} obstacle`, description: MARK });
    // a public change of the same row in the same breath: once it shows, the copy holds the marked onboarding's current state
    const renamed = `Behörde ${MARK.toLowerCase()} umbenannt`;
    await t.dataSource.query(`UPDATE authority SET name = $2 WHERE id = (SELECT authority_id FROM onboarding WHERE id = $1)`, [row.id, renamed]);
    await eventually(
      async () => (await get('/public/v1/open-data/status.csv').set('cache-control', 'no-cache').expect(200)).text,
      (text) => text.includes(renamed),
    );
    const paths = ['/public/v1/open-data/status.csv', '/public/v1/open-data/status.json', '/public/v1/open-data/datapackage.json', '/public/v1/feeds/go-lives.atom', '/public/v1/feeds/go-lives.atom?lang=en', '/public/demo'];
    for (const p of paths) {
      const res = await get(p).set('cache-control', 'no-cache').expect(200);
      expect(res.text ?? JSON.stringify(res.body)).not.toContain(MARK);
      expect((res.text ?? JSON.stringify(res.body)).length).toBeGreaterThan(100);
    }
  });
});
