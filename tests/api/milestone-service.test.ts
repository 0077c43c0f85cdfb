/**
 * milestone.service_id, the copy of its onboarding's service the dashboard's overdue milestones read
 * (migration 1764576000000): every way a milestone is written leaves it equal to its onboarding's
 * service, filled by the database itself (BEFORE trigger on milestone, AFTER UPDATE OF service_id on onboarding).
 */
import { uploadImport } from '../support/import-upload.js';
import { WorkflowFixture, ok } from './workflow-fixture.js';

let fx: WorkflowFixture;
beforeAll(async () => {
  fx = await WorkflowFixture.start();
});
afterAll(async () => fx?.close());

const query = <T = any>(sql: string, params: unknown[] = []): Promise<T[]> => fx.t.dataSource.query(sql, params);

/** Every milestone's copy against its onboarding's service: how many were checked, how many differ. */
async function copies(onboardingIds?: string[]) {
  const [row] = await query<{ checked: number; wrong: number }>(
    `SELECT count(*)::int AS checked, count(*) FILTER (WHERE m.service_id IS DISTINCT FROM o.service_id)::int AS wrong
       FROM milestone m JOIN onboarding o ON o.id = m.onboarding_id WHERE $1::uuid[] IS NULL OR o.id = ANY($1::uuid[])`,
    [onboardingIds ?? null],
  );
  return row;
}

const serviceOfMilestone = async (id: string) => (await query<{ service_id: string }>(`SELECT service_id FROM milestone WHERE id = $1`, [id]))[0].service_id;

describe('milestone.service_id', () => {
  it('is right for every seeded milestone (the seed writes them in bulk)', async () => {
    const all = await copies();
    expect(all.checked).toBeGreaterThan(0);
    expect(all.wrong).toBe(0);
  });

  it('is filled for the milestones createOnboarding makes from the service templates', async () => {
    const o = await fx.onboard();
    expect(o.milestones.length).toBeGreaterThan(0);
    const rows = await query<{ service_id: string }>(`SELECT DISTINCT service_id FROM milestone WHERE onboarding_id = $1`, [o.id]);
    expect(rows).toEqual([{ service_id: fx.serviceId }]);
  });

  it('is filled for the milestones of an onboarding created by the status import', async () => {
    const [a] = await query<{ id: string; ars: string }>(
      `SELECT a.id, a.ars FROM authority a WHERE a.ars IS NOT NULL AND NOT EXISTS (SELECT 1 FROM onboarding o WHERE o.authority_id = a.id AND o.service_id = $1) ORDER BY a.ars DESC LIMIT 1`,
      [fx.serviceId],
    );
    const res = await uploadImport(fx.t, 'onboardings', `ARS;Leistung\n${a.ars};${fx.serviceName}\n`, { dryRun: 'false' });
    expect(res.body).toMatchObject({ applied: true, summary: { create: 1 } });
    const [o] = await query<{ id: string }>(`SELECT id FROM onboarding WHERE authority_id = $1 AND service_id = $2`, [a.id, fx.serviceId]);
    const made = await copies([o.id]);
    expect(made.checked).toBeGreaterThan(0);
    expect(made.wrong).toBe(0);
  });

  it('is set by the database on a plain SQL insert, one row or many, whatever the writer sends', async () => {
    const other = await fx.newService();
    const o = await fx.onboard();
    const p = await fx.onboard('NW', other.id);
    // one row, naming another service: replaced by the onboarding's
    const [one] = await query<{ id: string; service_id: string }>(
      `INSERT INTO milestone (onboarding_id, service_id, key, name_de, name_en, stage, required, position, due_date)
       VALUES ($1, $2, 'SQL_ONE', 'Eins', 'One', 'INTEREST', false, 90, DATE '2024-01-31') RETURNING id, service_id`,
      [o.id, other.id],
    );
    expect(one.service_id).toBe(fx.serviceId);
    // many rows in one statement, of onboardings of two services, without the column
    await query(
      `INSERT INTO milestone (onboarding_id, key, name_de, name_en, stage, required, position)
       SELECT x.id, 'SQL_BULK_' || n, 'Viele', 'Many', 'INTEREST', false, 90 + n FROM unnest($1::uuid[]) x(id), generate_series(1, 3) n`,
      [[o.id, p.id]],
    );
    const rows = await query<{ onboarding_id: string; service_id: string; n: number }>(
      `SELECT onboarding_id, service_id, count(*)::int AS n FROM milestone WHERE key LIKE 'SQL_BULK_%' GROUP BY 1, 2 ORDER BY n`,
    );
    expect(new Map(rows.map((r) => [r.onboarding_id, [r.service_id, r.n]]))).toEqual(
      new Map([
        [o.id, [fx.serviceId, 3]],
        [p.id, [other.id, 3]],
      ]),
    );
  });

  it('refuses a milestone of no onboarding with the foreign key error, as before the copy', async () => {
    const write = query(`INSERT INTO milestone (onboarding_id, key, name_de, name_en, stage, required, position) VALUES ($1, 'NOWHERE', 'x', 'x', 'INTEREST', false, 1)`, [
      '00000000-0000-4000-8000-000000000000',
    ]);
    await expect(write).rejects.toMatchObject({ driverError: { code: '23503', constraint: 'fk_milestone_onboarding' } });
  });

  it('follows a milestone moved to another onboarding and cannot be set to another service', async () => {
    const other = await fx.newService();
    const o = await fx.onboard();
    const p = await fx.onboard('NW', other.id);
    const m = o.milestones[0];
    await query(`UPDATE milestone SET onboarding_id = $2, key = 'MOVED' WHERE id = $1`, [m.id, p.id]);
    expect(await serviceOfMilestone(m.id)).toBe(other.id);
    await query(`UPDATE milestone SET service_id = $2 WHERE id = $1`, [m.id, fx.serviceId]);
    expect(await serviceOfMilestone(m.id)).toBe(other.id);
    // the workflow's own updates (complete) leave it as it is
    const fresh = (await fx.get(o.id)).milestones[1];
    ok(await fx.gql(`mutation($id: ID!, $version: Int!) { completeMilestone(id: $id, version: $version) { id } }`, { id: fresh.id, version: fresh.version }), 'completeMilestone');
    expect(await serviceOfMilestone(fresh.id)).toBe(fx.serviceId);
  });

  it('follows its onboarding when the onboarding changes service (plain SQL; the API never does)', async () => {
    const other = await fx.newService();
    const o = await fx.onboard();
    await query(`UPDATE onboarding SET service_id = $2 WHERE id = $1`, [o.id, other.id]);
    const rows = await query<{ service_id: string; n: number }>(`SELECT service_id, count(*)::int AS n FROM milestone WHERE onboarding_id = $1 GROUP BY 1`, [o.id]);
    expect(rows).toEqual([{ service_id: other.id, n: o.milestones.length }]);
    expect((await copies()).wrong).toBe(0);
  });
});
