import { STATES, validateAuthority, validateContract } from '@efa/domain';
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

  it('mirrors the public contract figures: 14 states with interest, 8 signed, and valid dates', async () => {
    const rows = await db.dataSource.query(`SELECT status, count(*)::int AS n FROM reuse_contract GROUP BY status`);
    const by = Object.fromEntries(rows.map((r: { status: string; n: number }) => [r.status, r.n]));
    expect(by.SIGNED).toBe(8);
    expect((by.SIGNED ?? 0) + (by.NEGOTIATING ?? 0) + (by.INTEREST_DECLARED ?? 0)).toBe(14);
    for (const c of AUFENTHALTSTITEL_CONTRACTS) expect(validateContract(c)).toEqual([]);
    expect(AUFENTHALTSTITEL_CONTRACTS.map((c) => c.state).sort()).toEqual(STATES.map((s) => s.code).filter((c) => c !== 'BB').sort());
  });

  it('is idempotent: running it again adds nothing and keeps edits', async () => {
    await db.dataSource.query(`UPDATE authority SET population = 1 WHERE ars = '150850000000'`);
    const again = await seedDatabase(db.dataSource);
    expect(again).toEqual({ states: 0, authorities: 0, specialistSystems: 0, services: 0, contracts: 0 });
    const [{ population }] = await db.dataSource.query(`SELECT population FROM authority WHERE ars = '150850000000'`);
    expect(population).toBe(1);
  });
});
