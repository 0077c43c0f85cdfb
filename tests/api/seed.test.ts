import { STATES, validateAuthority, validateContract, validateMeeting, validateMeetingItem } from '@efa/domain';
import { seedDatabase } from '../../apps/api/src/seed/seed.js';
import { AUFENTHALTSTITEL_CONTRACTS } from '../../apps/api/src/seed/reference-data.js';
import { createTestDatabase, type TestDatabase } from '../support/test-app.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db?.close());

describe('seed', () => {
  it('holds the 16 states, 401 district-level authorities, the real products and services', async () => {
    const [counts] = await db.dataSource.query(`SELECT
      (SELECT count(*) FROM state)::int AS states, (SELECT count(*) FROM authority)::int AS authorities,
      (SELECT count(*) FROM specialist_system)::int AS systems, (SELECT count(*) FROM service)::int AS services`);
    expect(counts).toEqual({ states: 16, authorities: 401, systems: 8, services: 5 });
    const shares = await db.dataSource.query(`SELECT sum(koenigstein_share)::float AS total FROM state`);
    expect(shares[0].total).toBeCloseTo(100, 4);
    const services = await db.dataSource.query(`SELECT s.name, s.ozg_id, st.code AS lead FROM service s JOIN state st ON st.id = s.lead_state_id WHERE s.ozg_id IS NOT NULL ORDER BY s.ozg_id`);
    expect(services).toEqual([
      { name: 'Aufenthaltstitel', ozg_id: '10255', lead: 'BB' },
      { name: 'Aufenthaltskarten und aufenthaltsrelevante Bescheinigungen', ozg_id: '10596', lead: 'BB' },
    ]);
  });

  it('has an authority in every state whose ARS matches its state, each valid by the domain rules', async () => {
    const rows = await db.dataSource.query(`SELECT a.*, s.code AS state_code FROM authority a JOIN state s ON s.id = a.state_id`);
    expect(new Set(rows.map((r: { state_code: string }) => r.state_code)).size).toBe(16);
    for (const r of rows) {
      expect(validateAuthority({ name: r.name, kind: r.kind, level: r.level, stateCode: r.state_code, ars: r.ars, population: r.population })).toEqual([]);
    }
    const pilots = await db.dataSource.query(`SELECT name FROM authority WHERE ars IN ('120620000000', '120720000000', '120540000000') ORDER BY ars`);
    expect(pilots.map((p: { name: string }) => p.name)).toEqual(['Ausländerbehörde Stadt Potsdam', 'Ausländerbehörde Landkreis Elbe-Elster', 'Ausländerbehörde Landkreis Teltow-Fläming']);
  });

  it('mirrors the public contract figures: 14 states with interest, 8 signed by the end of 2022, and valid dates', async () => {
    const [c] = await db.dataSource.query(`SELECT count(*) FILTER (WHERE interest_declared_at IS NOT NULL)::int AS interest,
      count(*) FILTER (WHERE signed_at <= '2022-12-31')::int AS signed2022, count(*) FILTER (WHERE status = 'SIGNED')::int AS signed FROM reuse_contract`);
    expect(c).toEqual({ interest: 14, signed2022: 8, signed: 11 });
    for (const c of AUFENTHALTSTITEL_CONTRACTS) expect(validateContract(c)).toEqual([]);
    expect(AUFENTHALTSTITEL_CONTRACTS.map((c) => c.state).sort()).toEqual(STATES.map((s) => s.code).filter((c) => c !== 'BB').sort());
  });

  it('is idempotent: running it again adds nothing and keeps edits', async () => {
    await db.dataSource.query(`UPDATE authority SET population = 1 WHERE ars = '150850000000'`);
    const again = await seedDatabase(db.dataSource);
    expect(again).toEqual({ states: 0, authorities: 0, specialistSystems: 0, services: 0, contracts: 0, pipelines: 0, onboardings: 0, costKeys: 0, guideSections: 0, waves: 0, meetings: 0 });
    const [{ population }] = await db.dataSource.query(`SELECT population FROM authority WHERE ars = '150850000000'`);
    expect(population).toBe(1);
  });

  it('has fictional demo meetings whose action items link to seeded onboardings, each valid by the domain rules', async () => {
    const meetings = await db.dataSource.query(`SELECT title, kind, starts_at, ends_at, time_zone AS "timeZone", attachments FROM meeting ORDER BY starts_at`);
    expect(meetings.map((m: { title: string }) => m.title)).toContain('Lenkungskreis Aufenthaltstitel – Dezember 2026');
    for (const m of meetings) expect(validateMeeting({ ...m, startsAt: m.starts_at, endsAt: m.ends_at })).toEqual([]);
    const items = await db.dataSource.query(`SELECT kind, text, owner_organisation AS "ownerOrganisation", due_date::text AS "dueDate", status, onboarding_id FROM meeting_item`);
    for (const i of items) expect(validateMeetingItem(i)).toEqual([]);
    const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM meeting_item i JOIN onboarding o ON o.id = i.onboarding_id`);
    expect(n).toBeGreaterThanOrEqual(2);
  });

  describe('the demo story of the Aufenthaltstitel rollout', () => {
    const q = async (sql: string) => (await db.dataSource.query(sql))[0];

    it('has the pilots live in December 2020 and nobody else before 2021', async () => {
      const rows = await db.dataSource.query(`SELECT a.ars FROM onboarding o JOIN authority a ON a.id = o.authority_id WHERE o.live_at < '2021-01-01' ORDER BY o.live_at`);
      expect(rows.map((r: { ars: string }) => r.ars)).toEqual(['120620000000', '120720000000', '120540000000']);
    });

    it('has 100 authorities live in 12 states by the end of August 2023, Landkreis Harz the 100th', async () => {
      expect(await q(`SELECT count(*)::int AS n, count(DISTINCT a.state_id)::int AS states FROM onboarding o JOIN authority a ON a.id = o.authority_id WHERE o.live_at < '2023-09-01'`)).toEqual({ n: 100, states: 12 });
      expect(await q(`SELECT a.name FROM onboarding o JOIN authority a ON a.id = o.authority_id WHERE o.live_at < '2023-09-01' ORDER BY o.live_at DESC LIMIT 1`)).toEqual({ name: 'Ausländerbehörde Landkreis Harz' });
    });

    it('has about 100 in the earlier stages, some paused, some with open obstacles', async () => {
      const r = await q(`SELECT count(*) FILTER (WHERE stage <> 'LIVE')::int AS rollout, count(*) FILTER (WHERE status = 'ON_HOLD')::int AS paused,
        (SELECT count(DISTINCT onboarding_id) FROM blocker WHERE resolved_at IS NULL)::int AS blocked FROM onboarding`);
      expect(r.rollout).toBeGreaterThanOrEqual(90);
      expect(r.rollout).toBeLessThanOrEqual(110);
      expect(r.paused).toBeGreaterThan(0);
      expect(r.blocked).toBeGreaterThan(0);
    });

    it('is consistent: live only with a signed contract (or the lead state) and every required milestone done, history in order', async () => {
      expect(await q(`SELECT count(*)::int AS n FROM onboarding o JOIN authority a ON a.id = o.authority_id JOIN state s ON s.id = a.state_id
        LEFT JOIN reuse_contract c ON c.state_id = a.state_id AND c.service_id = o.service_id
        WHERE o.live_at IS NOT NULL AND s.code <> 'BB' AND (c.signed_at IS NULL OR c.signed_at > o.live_at::date)`)).toEqual({ n: 0 });
      expect(await q(`SELECT count(*)::int AS n FROM milestone m JOIN onboarding o ON o.id = m.onboarding_id
        WHERE o.stage = 'LIVE' AND m.required AND m.status <> 'DONE'`)).toEqual({ n: 0 });
      // The last transition of every onboarding ends where the onboarding is now.
      expect(await q(`SELECT count(*)::int AS n FROM onboarding o JOIN LATERAL (SELECT to_stage, to_status FROM onboarding_transition t WHERE t.onboarding_id = o.id ORDER BY occurred_at DESC LIMIT 1) last ON true
        WHERE last.to_stage <> o.stage OR last.to_status <> o.status`)).toEqual({ n: 0 });
      expect(await q(`SELECT count(*)::int AS n FROM onboarding_transition WHERE occurred_at > now()`)).toEqual({ n: 0 });
      expect(await q(`SELECT count(*)::int AS n FROM audit_event WHERE entity_type = 'Onboarding' AND actor NOT LIKE 'demo:%'`)).toEqual({ n: 0 });
    });
  });
});
