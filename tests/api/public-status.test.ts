import { publicSearchKey } from '@efa/domain';
import { createApp } from '../../apps/api/src/app.factory.js';
import { PublicStatusStore } from '../../apps/api/src/public/public-status.store.js';
import { PublicRateLimiter } from '../../apps/api/src/public/rate-limit.js';
import request from 'supertest';
import type { QueryRunner } from 'typeorm';
import { uploadImport } from '../support/import-upload.js';
import type { TestApp } from '../support/test-app.js';
import { Q, WorkflowFixture, ok, random, type Onboarding } from './workflow-fixture.js';

/**
 * public_status is kept current by the database in the same transaction as every write that can
 * change it (migration 1764500000000); each path users take is exercised here, then the public
 * HTTP behaviour: JSON answers, errors naming the field, ETag/304, Cache-Control, CORS,
 * read-only methods, the rate limit across two instances, and GraphQL introspection.
 */

let fx: WorkflowFixture;
let t: TestApp;
let ozgId: string;

type PublicRow = { status: string; live_since: string | null; apply_url: string | null; planned_quarter: string | null; authority_name: string; service_name: string; search_key: string; state_name: string };

async function rowOf(authorityId: string, serviceId = fx.serviceId): Promise<PublicRow | undefined> {
  const [row] = await t.dataSource.query(
    `SELECT status, to_char(live_since, 'YYYY-MM-DD') AS live_since, apply_url, planned_quarter, authority_name, service_name, search_key, state_name
       FROM public_status WHERE service_id = $1 AND authority_id = $2`,
    [serviceId, authorityId],
  );
  return row;
}

const arsOf = async (authorityId: string): Promise<string> => (await t.dataSource.query(`SELECT ars FROM authority WHERE id = $1`, [authorityId]))[0].ars;
/** Changing transactions so far: those folded into the version (by the store's check) and those not yet folded. */
const changes = async (): Promise<number> =>
  (await t.dataSource.query(`SELECT (coalesce((SELECT version FROM public_status_version), 0) + (SELECT count(*) FROM public_status_change))::int AS n`))[0].n;

/** Sets an onboarding LIVE in SQL in a transaction of its own; `during` runs before it ends with commit or rollback. */
async function goLiveInTransaction(onboardingId: string, end: 'commit' | 'rollback', during: (runner: QueryRunner) => Promise<void>): Promise<void> {
  const runner = t.dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    await runner.query(`UPDATE onboarding SET stage = 'LIVE', live_at = now() WHERE id = $1`, [onboardingId]);
    await during(runner);
    await (end === 'commit' ? runner.commitTransaction() : runner.rollbackTransaction());
  } finally {
    await runner.release();
  }
}

/** The public JSON status after the in-memory copy picked up the latest change. */
async function publicStatus(authorityId: string) {
  await t.app.get(PublicStatusStore).sync();
  const res = await t.http().get(`/public/v1/services/${ozgId}/authorities/${await arsOf(authorityId)}`);
  expect(res.status).toBe(200);
  return res.body;
}

const UPDATE = `mutation($id: ID!, $version: Int!, $applyUrl: String, $publishPlan: Boolean, $notes: String) {
  updateOnboarding(id: $id, version: $version, applyUrl: $applyUrl, publishPlan: $publishPlan, notes: $notes) { id version publishPlan applyUrl } }`;

beforeAll(async () => {
  fx = await WorkflowFixture.start();
  t = fx.t;
  ozgId = `9${Math.floor(Math.random() * 1e5).toString().padStart(5, "0")}`;
  // the fixture's service gets an OZG-ID: from then on it is public
  const [{ version }] = await t.dataSource.query(`SELECT version FROM service WHERE id = $1`, [fx.serviceId]);
  ok(await fx.gql(`mutation($id: ID!, $v: Int!, $ozgId: String) { updateService(id: $id, version: $v, ozgId: $ozgId) { id } }`, { id: fx.serviceId, v: version, ozgId }), 'updateService');
});
afterAll(async () => fx?.close());

describe('public_status follows every write in the same transaction', () => {
  it('a service given an OZG-ID has a row for every authority, NOT_PLANNED where it has no onboarding; the SQL search key is libs/domain publicSearchKey', async () => {
    const [{ authorities }] = await t.dataSource.query(`SELECT count(*)::int AS authorities FROM authority`);
    const rows = await t.dataSource.query(`SELECT status, count(*)::int AS n FROM public_status WHERE service_id = $1 GROUP BY status`, [fx.serviceId]);
    expect(rows).toEqual([{ status: 'NOT_PLANNED', n: authorities }]);
    const names = ['Ausländerbehörde Landkreis Göttingen', 'Landeshauptstadt München', 'Straße/Weg – Süd (Kreis)', 'Rhein-Kreis Neuss', 'Göttingen ÄÖÜ äöüß é', 'Cúcuta Açaí Ñandú', 'áàâãå éèêë íìîï óòôõ úùû ç ñ'];
    const [{ keys }] = await t.dataSource.query(`SELECT array_agg(public_search_key(n) ORDER BY i) AS keys FROM unnest($1::text[]) WITH ORDINALITY AS u(n, i)`, [names]);
    expect(keys).toEqual(names.map(publicSearchKey));
    // One plain letter per accented one (the first map had an "o" too many: ú→o, ç→u, ñ→c).
    expect(keys.slice(-2)).toEqual(['cucuta acai nandu', 'aaaaa eeee iiii oooo uuu c n']);
  });

  it('create: PREPARING; apply link and planned quarter stay hidden until live / agreed; delete: NOT_PLANNED again', async () => {
    const before = await changes();
    const o = await fx.onboard('NW');
    expect(await rowOf(o.authorityId)).toMatchObject({ status: 'PREPARING', live_since: null, apply_url: null, planned_quarter: null });
    expect(await changes()).toBe(before + 1);
    const updated = ok(await fx.gql(UPDATE, { id: o.id, version: o.version, applyUrl: 'https://apply.example/nw' }), 'updateOnboarding');
    const planned = ok<Onboarding>(await fx.gql(Q.setPlannedGoLive, { id: o.id, version: updated.version, plannedGoLive: '2027-02-15' }), 'setPlannedGoLive');
    // neither the link (not live) nor the quarter (not agreed) is public
    expect(await rowOf(o.authorityId)).toMatchObject({ status: 'PREPARING', apply_url: null, planned_quarter: null });
    const agreed = ok(await fx.gql(UPDATE, { id: o.id, version: planned.version, publishPlan: true }), 'updateOnboarding');
    expect(agreed.publishPlan).toBe(true);
    expect(await rowOf(o.authorityId)).toMatchObject({ planned_quarter: '2027-Q1' });
    expect(await publicStatus(o.authorityId)).toMatchObject({ status: 'PREPARING', plannedQuarter: '2027-Q1', applyUrl: null, liveSince: null });
    const moved = ok<Onboarding>(await fx.gql(Q.setPlannedGoLive, { id: o.id, version: agreed.version, plannedGoLive: '2027-11-02' }), 'setPlannedGoLive');
    expect(await rowOf(o.authorityId)).toMatchObject({ planned_quarter: '2027-Q4' });
    // an edit of internal fields only changes nothing public (no change row)
    const quiet = await changes();
    const noted = ok(await fx.gql(UPDATE, { id: o.id, version: moved.version, notes: 'internal' }), 'updateOnboarding');
    expect(await changes()).toBe(quiet);
    const withdrawn = ok(await fx.gql(UPDATE, { id: o.id, version: noted.version, publishPlan: false }), 'updateOnboarding');
    expect(await rowOf(o.authorityId)).toMatchObject({ planned_quarter: null });
    ok(await fx.gql(`mutation($id: ID!, $v: Int) { deleteOnboarding(id: $id, version: $v) { id } }`, { id: o.id, v: withdrawn.version }), 'deleteOnboarding');
    expect(await rowOf(o.authorityId)).toMatchObject({ status: 'NOT_PLANNED', planned_quarter: null });
  });

  it('publishPlan null is refused naming the field, and nothing changes', async () => {
    const o = await fx.onboard('NW');
    const r = await fx.gql(UPDATE, { id: o.id, version: o.version, publishPlan: null });
    expect(r.errors?.[0].extensions?.code).toBe('VALIDATION');
    expect(JSON.stringify(r.errors?.[0].extensions?.issues)).toContain('publishPlan');
    expect((await fx.get(o.id)).version).toBe(o.version);
  });

  it('go-live: LIVE with its day and the link to apply, in the JSON answer too; move back: PREPARING without them', async () => {
    const o = await fx.onboardingIn('TEST');
    const withUrl = ok(await fx.gql(UPDATE, { id: o.id, version: o.version, applyUrl: 'https://apply.example/live' }), 'updateOnboarding');
    await fx.completeRequired(o);
    const live = await fx.advanced(await fx.get(o.id), { toStage: 'LIVE' });
    const today = isoDayBerlin();
    expect(live.stage).toBe('LIVE');
    expect(withUrl.applyUrl).toBe('https://apply.example/live');
    expect(await rowOf(o.authorityId)).toMatchObject({ status: 'LIVE', live_since: today, apply_url: 'https://apply.example/live' });
    expect(await publicStatus(o.authorityId)).toMatchObject({ service: { ozgId, name: fx.serviceName }, status: 'LIVE', liveSince: today, applyUrl: 'https://apply.example/live', plannedQuarter: null });
    const back = ok<Onboarding>(await fx.gql(Q.moveBack, { id: o.id, version: live.version, toStage: 'TEST', reason: 'certificate expired' }), 'moveOnboardingBack');
    expect(back.stage).toBe('TEST');
    expect(await rowOf(o.authorityId)).toMatchObject({ status: 'PREPARING', live_since: null, apply_url: null });
  });

  it('pause keeps PREPARING, cancel makes NOT_PLANNED, reopen PREPARING again', async () => {
    const o = await fx.onboardingIn('KICK_OFF');
    const paused = ok<Onboarding>(await fx.gql(Q.pause, { id: o.id, version: o.version, reason: 'staff' }), 'pauseOnboarding');
    expect(await rowOf(o.authorityId)).toMatchObject({ status: 'PREPARING' });
    const cancelled = ok<Onboarding>(await fx.gql(Q.cancel, { id: paused.id, version: paused.version, reason: 'no budget' }), 'cancelOnboarding');
    expect(await rowOf(o.authorityId)).toMatchObject({ status: 'NOT_PLANNED' });
    expect(await publicStatus(o.authorityId)).toMatchObject({ status: 'NOT_PLANNED' });
    ok(await fx.gql(Q.reopen, { id: cancelled.id, version: cancelled.version, reason: 'budget found' }), 'reopenOnboarding');
    expect(await rowOf(o.authorityId)).toMatchObject({ status: 'PREPARING' });
  });

  it('bulk advance: every onboarding moved to LIVE is LIVE, a refused one stays PREPARING', async () => {
    const ready = [await fx.onboardingIn('TEST'), await fx.onboardingIn('TEST')];
    for (const o of ready) await fx.completeRequired(o);
    const refused = await fx.onboardingIn('TEST'); // required milestones open
    const results = ok<Array<{ id: string; moved: boolean }>>(await fx.gql(Q.advanceMany, { ids: [...ready.map((o) => o.id), refused.id], toStage: 'LIVE' }), 'advanceOnboardings');
    expect(results.map((r) => r.moved)).toEqual([true, true, false]);
    for (const o of ready) expect(await rowOf(o.authorityId)).toMatchObject({ status: 'LIVE', live_since: isoDayBerlin() });
    expect(await rowOf(refused.authorityId)).toMatchObject({ status: 'PREPARING' });
  });

  it('import: a spreadsheet row that sets the stage LIVE and the link makes the authority LIVE', async () => {
    const o = await fx.onboardingIn('CONNECTION');
    const ars = await arsOf(o.authorityId);
    const csv = `ARS;Leistung;Phase;Antragslink\n${ars};${fx.serviceName};Live;https://apply.example/imported\n`;
    const res = await uploadImport(t, 'onboardings', csv, { dryRun: 'false' });
    if (!res.body.applied) throw new Error(`import refused: ${JSON.stringify(res.body)}`);
    expect(res.body).toMatchObject({ applied: true, summary: { update: 1 } });
    expect(await rowOf(o.authorityId)).toMatchObject({ status: 'LIVE', live_since: isoDayBerlin(), apply_url: 'https://apply.example/imported' });
  });

  it('authority, state and service renames change their rows; a service without OZG-ID has none', async () => {
    const o = await fx.onboard('ST');
    const [a] = await t.dataSource.query(`SELECT version, state_id FROM authority WHERE id = $1`, [o.authorityId]);
    const name = `Landkreis Prüfstadt ${random()}`;
    ok(await fx.gql(`mutation($id: ID!, $v: Int!, $name: String) { updateAuthority(id: $id, version: $v, name: $name) { id } }`, { id: o.authorityId, v: a.version, name }), 'updateAuthority');
    expect(await rowOf(o.authorityId)).toMatchObject({ authority_name: name, search_key: publicSearchKey(name), status: 'PREPARING' });
    await t.app.get(PublicStatusStore).sync();
    const found = await t.http().get(`/public/v1/services/${ozgId}/search`).query({ q: `kreis pruefstadt ${name.split(' ').pop()}` });
    expect(found.body.results.map((r: { name: string }) => r.name)).toEqual([name]);

    const [st] = await t.dataSource.query(`SELECT version, name FROM state WHERE id = $1`, [a.state_id]);
    ok(await fx.gql(`mutation($id: ID!, $v: Int!, $name: String) { updateState(id: $id, version: $v, name: $name) { id } }`, { id: a.state_id, v: st.version, name: `${st.name} (neu)` }), 'updateState');
    expect(await rowOf(o.authorityId)).toMatchObject({ state_name: `${st.name} (neu)` });

    const [s] = await t.dataSource.query(`SELECT version FROM service WHERE id = $1`, [fx.serviceId]);
    const serviceName = `${fx.serviceName} (umbenannt)`;
    ok(await fx.gql(`mutation($id: ID!, $v: Int!, $name: String) { updateService(id: $id, version: $v, name: $name) { id } }`, { id: fx.serviceId, v: s.version, name: serviceName }), 'updateService');
    const [{ names }] = await t.dataSource.query(`SELECT array_agg(DISTINCT service_name) AS names FROM public_status WHERE service_id = $1`, [fx.serviceId]);
    expect(names).toEqual([serviceName]);

    // a second service: given an OZG-ID it is public, without it no longer
    const other = await fx.newService();
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM public_status WHERE service_id = $1`, [other.id]))[0].n).toBe(0);
    await t.dataSource.query(`UPDATE service SET ozg_id = $2 WHERE id = $1`, [other.id, `8${Math.floor(Math.random() * 1e5).toString().padStart(5, "0")}`]);
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM public_status WHERE service_id = $1`, [other.id]))[0].n).toBeGreaterThan(0);
    await t.dataSource.query(`UPDATE service SET ozg_id = NULL WHERE id = $1`, [other.id]);
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM public_status WHERE service_id = $1`, [other.id]))[0].n).toBe(0);
  });

  it('a new authority gets its rows; a rolled-back write leaves public_status as it was', async () => {
    const id = await fx.authority('BB');
    expect(await rowOf(id)).toMatchObject({ status: 'NOT_PLANNED' });
    const o = await fx.onboardingIn('TEST', 'BB');
    const before = await rowOf(o.authorityId);
    await goLiveInTransaction(o.id, 'rollback', async (runner) => {
      expect((await runner.query(`SELECT status FROM public_status WHERE service_id = $1 AND authority_id = $2`, [fx.serviceId, o.authorityId]))[0].status).toBe('LIVE');
    });
    expect(await rowOf(o.authorityId)).toEqual(before);
  });

  it('the change check folds the change log into one version row: the log stays empty, each committed changing transaction counts once', async () => {
    const store = t.app.get(PublicStatusStore);
    const version = async (): Promise<number> => Number((await t.dataSource.query(`SELECT public_status_version() AS v`))[0].v);
    const logged = async (): Promise<number> => (await t.dataSource.query(`SELECT count(*)::int AS n FROM public_status_change`))[0].n;
    await store.sync();
    expect(await logged()).toBe(0);
    const v0 = await version();
    expect(await store.sync()).toBe(false);
    // a change not yet committed is not folded; once committed, the next check counts it
    const o = await fx.onboardingIn('TEST', 'SN');
    const v1 = await version();
    await goLiveInTransaction(o.id, 'commit', async () => expect(await version()).toBe(v1));
    expect(await version()).toBe(v1 + 1);
    expect(v1).toBeGreaterThan(v0);
    expect(await logged()).toBe(0);
    expect((await publicStatus(o.authorityId)).status).toBe('LIVE');
    expect(await store.sync()).toBe(false);
  });
});

/** Today in Berlin (the go-live day of a go-live without a given moment). */
function isoDayBerlin(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());
}

describe('public JSON endpoints', () => {
  let ars: string;
  beforeAll(async () => {
    await t.app.get(PublicStatusStore).sync();
    [{ ars }] = await t.dataSource.query(`SELECT ars FROM public_status WHERE service_id = $1 ORDER BY ars LIMIT 1`, [fx.serviceId]);
  });

  it('lists the services with their figures, answers a status with ETag, Cache-Control and CORS, and 304 on If-None-Match', async () => {
    const list = await t.http().get('/public/v1/services');
    expect(list.status).toBe(200);
    const mine = list.body.find((s: { ozgId: string }) => s.ozgId === ozgId);
    const [{ live, total }] = await t.dataSource.query(`SELECT count(*) FILTER (WHERE status = 'LIVE')::int AS live, count(*)::int AS total FROM public_status WHERE ozg_id = $1`, [ozgId]);
    expect(mine).toEqual({ ozgId, name: expect.any(String), live, total });
    const res = await t.http().get(`/public/v1/services/${ozgId}/authorities/${ars}`).set('origin', 'https://portal.example');
    expect(res.status).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['cache-control']).toMatch(/^public, max-age=\d+/);
    expect(res.headers.etag).toMatch(/^"/);
    const again = await t.http().get(`/public/v1/services/${ozgId}/authorities/${ars}`).set('if-none-match', res.headers.etag);
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    const head = await t.http().head(`/public/v1/services/${ozgId}/authorities/${ars}`);
    expect(head.status).toBe(200);
    expect(head.headers.etag).toBe(res.headers.etag);
    const detail = await t.http().get(`/public/v1/services/${ozgId}`);
    expect(detail.body).toMatchObject({ ozgId, live, total, states: expect.arrayContaining([expect.objectContaining({ code: 'NW' })]) });
  });

  it('errors name the field: malformed ARS 400, unknown ARS or service 404, query too short 400, in German or English', async () => {
    const bad = await t.http().get(`/public/v1/services/${ozgId}/authorities/12-34`).query({ lang: 'en' });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ error: { code: 'VALIDATION', field: 'ars', message: expect.stringContaining('12 digits') } });
    const unknown = await t.http().get(`/public/v1/services/${ozgId}/authorities/999999999999`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: 'NOT_FOUND', field: 'ars', message: expect.stringContaining('Regionalschlüssel') });
    const noService = await t.http().get(`/public/v1/services/000000/authorities/${ars}`);
    expect(noService.status).toBe(404);
    expect(noService.body.error).toMatchObject({ code: 'NOT_FOUND', field: 'ozgId' });
    const short = await t.http().get(`/public/v1/services/${ozgId}/search`).query({ q: 'x' });
    expect(short.status).toBe(400);
    expect(short.body.error).toMatchObject({ field: 'q' });
  });

  it('is read-only: other methods 405, OPTIONS answers the CORS preflight', async () => {
    const post = await t.http().post(`/public/v1/services`).send({});
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD, OPTIONS');
    const del = await t.http().delete(`/public/v1/services/${ozgId}/authorities/${ars}`);
    expect(del.status).toBe(405);
    const pre = await t.http().options(`/public/v1/services`).set('origin', 'https://portal.example').set('access-control-request-method', 'GET');
    expect(pre.status).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe('*');
  });

  it('search tolerates Landkreis/Kreis/Stadt prefixes and umlaut spellings', async () => {
    const [{ name }] = await t.dataSource.query(`SELECT authority_name AS name FROM public_status WHERE service_id = $1 AND authority_name ~ 'Landkreis [A-ZÄÖÜ]' ORDER BY authority_name LIMIT 1`, [fx.serviceId]);
    const place = name.replace(/^.*Landkreis /, '');
    const spelled = place.replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss').toLowerCase();
    for (const q of [`Landkreis ${place}`, `kreis ${spelled}`, spelled]) {
      const res = await t.http().get(`/public/v1/services/${ozgId}/search`).query({ q });
      expect(res.status).toBe(200);
      expect(res.body.results.map((r: { name: string }) => r.name)).toContain(name);
    }
  });

  it('GraphQL: no public type in the schema, and an anonymous client may not introspect', async () => {
    const anon = await t.anonymous.gql(`{ __schema { types { name } } }`);
    expect(anon.data).toBeUndefined();
    expect(anon.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const typed = await t.anonymous.gql(`{ __type(name: "Onboarding") { fields { name } } }`);
    expect(typed.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const signedIn = await t.gql<{ __schema: { types: Array<{ name: string }> } }>(`{ __schema { types { name } } }`);
    expect(signedIn.data!.__schema.types.map((x) => x.name).filter((n) => /^Public/.test(n))).toEqual([]);
  });
});

describe('rate limit across instances', () => {
  it('counts per address in PostgreSQL: two instances on one database refuse together once the merged count passes the limit (429 with Retry-After)', async () => {
    // the main test app's counts are merged and cleared first: only the two new instances count below
    await t.app.get(PublicRateLimiter).flush();
    await t.dataSource.query(`DELETE FROM public_rate_limit`);
    const public_ = { rateLimit: 5, rateWindowSeconds: 600, rateFlushMs: 60_000 };
    const a = await createApp(t.dataSource, t.kind, { logger: ['error'], closeOnShutdown: false, public: public_ });
    const b = await createApp(t.dataSource, t.kind, { logger: ['error'], closeOnShutdown: false, public: public_ });
    try {
      const get = (app: typeof a) => request(app.getHttpServer()).get('/public/v1/services');
      const [la, lb] = [a.get(PublicRateLimiter), b.get(PublicRateLimiter)];
      for (let i = 0; i < 3; i++) expect((await get(a)).status).toBe(200);
      await la.flush();
      expect((await get(b)).status).toBe(200); // b knows only its own 1
      await lb.flush(); // merged: 4
      expect((await get(b)).status).toBe(200); // 5
      const refused = await get(b);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(refused.body.error).toMatchObject({ code: 'RATE_LIMITED' });
      await lb.flush(); // merged: 6
      // a decides on what it knew at its last merge (3) plus its own count until its next merge
      expect((await get(a)).status).toBe(200);
      await la.flush(); // merged: 7, and a learns it
      expect((await get(a)).status).toBe(429);
      await a.get(PublicRateLimiter).flush();
      const [{ hits }] = await t.dataSource.query(`SELECT sum(hits)::int AS hits FROM public_rate_limit`);
      expect(hits).toBe(8);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
