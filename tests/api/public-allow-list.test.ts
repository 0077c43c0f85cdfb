import { PUBLIC_FIELDS, type PublicFieldKind } from '@efa/domain';
import { parse } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';
import { PublicStatusStore } from '../../apps/api/src/public/public-status.store.js';
import { COST_MARKER, MARKER, fieldsOutsideAllowList, seedInternalMarkers } from '../support/public-fields.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Every public answer carries only allow-listed fields (PUBLIC_FIELDS in libs/domain), and none of
 * the internal data seeded with marker strings (notes, contacts, obstacles, costs, users, ...)
 * appears in any of them: JSON, HTML pages and the page script.
 */

let t: TestApp;
let ars: string;
const OZG = '10255';

beforeAll(async () => {
  t = await startTestApp();
  ({ ars } = await seedInternalMarkers(t.dataSource, OZG));
  // a live authority with a link to apply, and a planned quarter the authority agreed to publish
  await t.dataSource.query(
    `UPDATE onboarding SET apply_url = 'https://apply.example/allow-list' WHERE id = (
       SELECT o.id FROM onboarding o JOIN service s ON s.id = o.service_id WHERE s.ozg_id = $1 AND o.stage = 'LIVE' ORDER BY o.id LIMIT 1)`,
    [OZG],
  );
  await t.dataSource.query(
    `UPDATE onboarding SET publish_plan = true, planned_go_live = '2027-08-01' WHERE id = (
       SELECT o.id FROM onboarding o JOIN service s ON s.id = o.service_id WHERE s.ozg_id = $1 AND o.stage <> 'LIVE' AND o.status = 'ACTIVE' ORDER BY o.id LIMIT 1)`,
    [OZG],
  );
  await t.app.get(PublicStatusStore).sync();
});
afterAll(async () => t?.close());

/** Fetches a public URL: 200, no cookie, no marker anywhere in the body. */
async function fetchPublic(url: string) {
  const res = await t.http().get(url);
  expect({ url, status: res.status }).toEqual({ url, status: 200 });
  expect(res.headers['set-cookie']).toBeUndefined();
  const text = res.text ?? '';
  expect(text).not.toContain(MARKER);
  expect(text).not.toContain(COST_MARKER);
  expect(text).not.toContain('MARKER-7734');
  expect(text.toLowerCase()).not.toContain('marker-7f3a');
  return res;
}

async function json(url: string, kind: PublicFieldKind) {
  const res = await fetchPublic(url);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect({ url, outside: fieldsOutsideAllowList(res.body, kind) }).toEqual({ url, outside: [] });
  return res.body;
}

describe('public answers carry only allow-listed fields', () => {
  it('JSON: services, service figures, statuses of live, preparing and not planned authorities, search results, errors', async () => {
    const services = await json('/public/v1/services', 'serviceListItem');
    expect(services.length).toBeGreaterThan(0);
    for (const s of services) await json(`/public/v1/services/${s.ozgId}`, 'serviceDetail');
    const statuses = await t.dataSource.query(
      `SELECT DISTINCT ON (status, (apply_url IS NULL), (planned_quarter IS NULL)) ars, status FROM public_status WHERE ozg_id = $1 ORDER BY status, (apply_url IS NULL), (planned_quarter IS NULL), ars`,
      [OZG],
    );
    expect(new Set(statuses.map((s: { status: string }) => s.status))).toEqual(new Set(['LIVE', 'PREPARING', 'NOT_PLANNED']));
    for (const s of [...statuses, { ars }]) await json(`/public/v1/services/${OZG}/authorities/${s.ars}`, 'status');
    const withLink = await json(`/public/v1/services/${OZG}/search?q=${encodeURIComponent(statuses[0].ars)}`, 'search');
    expect(withLink.results.length).toBeGreaterThan(0);
    const [{ name }] = await t.dataSource.query(`SELECT name FROM authority WHERE ars = $1`, [ars]);
    const found = await json(`/public/v1/services/${OZG}/search?q=${encodeURIComponent(name)}&limit=50`, 'search');
    expect(found.results.map((r: { ars: string }) => r.ars)).toContain(ars);
    const error = await t.http().get(`/public/v1/services/${OZG}/authorities/000000000000`);
    expect(error.status).toBe(404);
    expect(fieldsOutsideAllowList(error.body.error, 'error')).toEqual([]);
    expect(Object.keys(error.body)).toEqual(['error']);
  });

  it('the seeded status shows only what is public: the paused onboarding is PREPARING without its unpublished quarter', async () => {
    const res = await json(`/public/v1/services/${OZG}/authorities/${ars}`, 'status');
    expect(res).toMatchObject({ status: 'PREPARING', plannedQuarter: null, applyUrl: null, liveSince: null });
  });

  it('HTML: index, service page with results, authority pages, in German and English, and the page script', async () => {
    const [{ name }] = await t.dataSource.query(`SELECT name FROM authority WHERE ars = $1`, [ars]);
    const pages = [
      '/public/de',
      '/public/en',
      `/public/de/services/${OZG}`,
      `/public/en/services/${OZG}?q=${encodeURIComponent(ars)}`,
      `/public/de/services/${OZG}?q=${encodeURIComponent(name)}`,
      `/public/de/services/${OZG}/authorities/${ars}`,
      `/public/en/services/${OZG}/authorities/${ars}`,
    ];
    let script = '';
    for (const url of pages) {
      const res = await fetchPublic(url);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      // the only data attributes are the form's service and language
      const dataAttributes = new Set([...res.text.matchAll(/\s(data-[a-z-]+)=/g)].map((m) => m[1]));
      expect([...dataAttributes].filter((a) => !['data-ozg-id', 'data-lang'].includes(a))).toEqual([]);
      script ||= /<script src="([^"]+)"/.exec(res.text)?.[1] ?? '';
    }
    expect(script).toMatch(/^\/public\/assets\/public-search\.[0-9a-f]+\.js$/);
    await fetchPublic(script);
  });

  it('open data, Atom feed, the component and its demo', async () => {
    const allowed: readonly string[] = PUBLIC_FIELDS.openDataRecord;
    // CSV: the header is the allow-list, in order
    const csv = await fetchPublic('/public/v1/open-data/status.csv');
    const rows: Record<string, string>[] = parse(csv.text, { columns: true });
    expect(Object.keys(rows[0])).toEqual([...allowed]);
    expect(rows.some((r) => r.ars === ars)).toBe(true);
    // JSON: top level and every record
    const body = (await fetchPublic('/public/v1/open-data/status.json')).body;
    expect(Object.keys(body).filter((k) => !(PUBLIC_FIELDS.openData as readonly string[]).includes(k))).toEqual([]);
    expect(fieldsOutsideAllowList(body.records, 'openDataRecord')).toEqual([]);
    expect(body.fields.map((f: { name: string }) => f.name)).toEqual([...allowed]);
    expect(rows.find((r) => r.applyUrl === 'https://apply.example/allow-list')).toBeDefined();
    expect(rows.find((r) => r.plannedQuarter === '2027-Q3')).toBeDefined();
    // datapackage: the CSV's documented fields are the allow-list
    const pkg = (await fetchPublic('/public/v1/open-data/datapackage.json')).body;
    expect(pkg.resources[0].schema.fields.map((f: { name: string }) => f.name)).toEqual([...allowed]);
    // Atom: only the allow-listed elements in the feed and its entries
    for (const url of ['/public/v1/feeds/go-lives.atom', '/public/v1/feeds/go-lives.atom?lang=en']) {
      const feed = new XMLParser({ ignoreAttributes: true, isArray: (n) => n === 'entry' || n === 'link' }).parse((await fetchPublic(url)).text).feed;
      expect(Object.keys(feed).filter((k) => !(PUBLIC_FIELDS.atomFeed as readonly string[]).includes(k))).toEqual([]);
      expect(feed.entry.length).toBeGreaterThan(0);
      for (const e of feed.entry) expect(Object.keys(e).filter((k) => !(PUBLIC_FIELDS.atomEntry as readonly string[]).includes(k))).toEqual([]);
    }
    // the demo page and the component itself
    const demo = await fetchPublic('/public/demo');
    const dataAttributes = new Set([...demo.text.matchAll(/\s(data-[a-z-]+)=/g)].map((m) => m[1]));
    expect([...dataAttributes]).toEqual([]);
    await fetchPublic('/public/demo?lang=en');
    const latest = await t.http().get('/public/widget/latest/efa-rollout-status.js').expect(302);
    await fetchPublic(latest.headers.location);
  });
});
