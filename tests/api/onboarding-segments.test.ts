import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { uploadImport } from '../support/import-upload.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * onboarding_segment (migration 1764510000000) is derived from the transition log by triggers and read
 * by the dashboard for every "as of" figure: after each kind of write — the workflow's moves one by one
 * and in bulk, the import, back-dated and edited log entries, deleted onboardings — it must equal the
 * log's own computation, done here independently in TypeScript, and give every onboarding the stage
 * and status of its last transition at or before any moment.
 */
let t: TestApp;

type Transition = { id: string; onboarding_id: string; service_id: string; kind: string; from_stage: string | null; from_status: string | null; to_stage: string; to_status: string; occurred_at: Date };

/** The rows onboarding_segment must hold, computed from the log in TypeScript (the log's order: occurred_at, then id). */
async function expected() {
  const log: Transition[] = await t.dataSource.query(
    `SELECT t.id::text, t.onboarding_id::text, o.service_id::text, t.kind, t.from_stage, t.from_status, t.to_stage, t.to_status, t.occurred_at
     FROM onboarding_transition t JOIN onboarding o ON o.id = t.onboarding_id`,
  );
  const byOnboarding = new Map<string, Transition[]>();
  for (const e of log) byOnboarding.set(e.onboarding_id, [...(byOnboarding.get(e.onboarding_id) ?? []), e]);
  const rows = [];
  for (const entries of byOnboarding.values()) {
    entries.sort((a, b) => a.occurred_at.getTime() - b.occurred_at.getTime() || (a.id < b.id ? -1 : 1));
    const changed = entries.map((e, i) => i === 0 || entries[i - 1].to_stage !== e.to_stage);
    let stayFrom: Date | null = null;
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i];
      if (changed[i]) stayFrom = e.occurred_at;
      const nextChange = changed[i] ? entries.find((_, j) => j > i && changed[j]) : undefined;
      rows.push({
        transition_id: e.id,
        onboarding_id: e.onboarding_id,
        service_id: e.service_id,
        kind: e.kind,
        from_stage: e.from_stage,
        from_status: e.from_status,
        stage: e.to_stage,
        status: e.to_status,
        valid_from: e.occurred_at.toISOString(),
        valid_to: entries[i + 1]?.occurred_at.toISOString() ?? null,
        stage_changed: changed[i],
        stay_until: nextChange?.occurred_at.toISOString() ?? null,
        stay_from: stayFrom!.toISOString(),
        started: entries[0].occurred_at.toISOString(),
      });
    }
  }
  return rows.sort((a, b) => (a.transition_id < b.transition_id ? -1 : 1));
}

async function actual() {
  const rows: Array<Record<string, unknown>> = await t.dataSource.query(
    `SELECT transition_id::text, onboarding_id::text, service_id::text, kind, from_stage, from_status, stage, status, valid_from, valid_to, stage_changed, stay_until, stay_from, started
     FROM onboarding_segment ORDER BY transition_id`,
  );
  const iso = (v: unknown) => (v === null ? null : (v as Date).toISOString());
  return rows.map((r) => ({ ...r, valid_from: iso(r.valid_from), valid_to: iso(r.valid_to), stay_until: iso(r.stay_until), stay_from: iso(r.stay_from), started: iso(r.started) }));
}

async function expectExact() {
  const [want, got] = await Promise.all([expected(), actual()]);
  expect(got.length).toBe(want.length);
  expect(got).toEqual(want);
}

/** Per onboarding: stage and status at `at` from the segments vs. the last log entry at or before it; the count of differences. */
async function differencesAt(at: Date): Promise<number> {
  const [{ n }] = await t.dataSource.query(
    `WITH seg AS (
       SELECT onboarding_id, stage, status FROM onboarding_segment WHERE valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1)
     ), log AS (
       SELECT DISTINCT ON (onboarding_id) onboarding_id, to_stage AS stage, to_status AS status FROM onboarding_transition
       WHERE occurred_at <= $1 ORDER BY onboarding_id, occurred_at DESC, id DESC
     )
     SELECT count(*)::int AS n FROM seg FULL JOIN log USING (onboarding_id) WHERE seg IS DISTINCT FROM log`,
    [at],
  );
  return n;
}

const gql = (query: string, variables: Record<string, unknown>) => t.as('ROLLOUT_MANAGER').gql(query, variables);
const onboardingOf = async (id: string) => (await t.dataSource.query(`SELECT id, version, stage, status FROM onboarding WHERE id = $1`, [id]))[0];

/** Onboardings of the demo data that are active and can be moved by the workflow, in a stable order. */
async function movable(n: number, offset = 0): Promise<Array<{ id: string; version: number; stage: string }>> {
  return t.dataSource.query(
    `SELECT o.id, o.version, o.stage FROM onboarding o JOIN service_stage st ON st.service_id = o.service_id AND st.key = o.stage
     WHERE o.status = 'ACTIVE' AND st.position = 2
       -- free to advance whatever ids the seed drew: no open blocking obstacle, no open required milestone of its stage
       AND NOT EXISTS (SELECT 1 FROM blocker b WHERE b.onboarding_id = o.id AND b.resolved_at IS NULL AND b.severity = 'BLOCKING')
       AND NOT EXISTS (SELECT 1 FROM milestone m WHERE m.onboarding_id = o.id AND m.stage = o.stage AND m.required AND m.status = 'OPEN')
     ORDER BY o.id LIMIT $1 OFFSET $2`,
    [n, offset],
  );
}

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('onboarding_segment', () => {
  it('holds the seeded log exactly', async () => {
    expect(Number((await t.dataSource.query(`SELECT count(*) AS n FROM onboarding_segment`))[0].n)).toBeGreaterThan(0);
    await expectExact();
  });

  it('follows the workflow: advance, bulk advance, move back, pause, resume, cancel, reopen, a new onboarding', async () => {
    const [a, b, c, d, e, f] = await movable(6);
    expect(f).toBeDefined();
    const adv = await gql(`mutation($id: ID!, $v: Int!) { advanceOnboarding(id: $id, version: $v) { stage } }`, { id: a.id, v: a.version });
    expect(adv.errors).toBeUndefined();
    const bulk = await gql(`mutation($ids: [ID!]!) { advanceOnboardings(ids: $ids) { id moved code } }`, { ids: [b.id, c.id] });
    expect(bulk.data!.advanceOnboardings.filter((r: { moved: boolean }) => r.moved)).toHaveLength(2);
    const back = await onboardingOf(a.id);
    expect((await gql(`mutation($id: ID!, $v: Int!, $s: String!) { moveOnboardingBack(id: $id, version: $v, toStage: $s, reason: "zurück") { stage } }`, { id: a.id, v: back.version, s: a.stage })).errors).toBeUndefined();
    expect((await gql(`mutation($id: ID!, $v: Int!) { pauseOnboarding(id: $id, version: $v, reason: "Pause") { status } }`, { id: d.id, v: d.version })).errors).toBeUndefined();
    const paused = await onboardingOf(d.id);
    expect((await gql(`mutation($id: ID!, $v: Int!) { resumeOnboarding(id: $id, version: $v) { status } }`, { id: d.id, v: paused.version })).errors).toBeUndefined();
    expect((await gql(`mutation($id: ID!, $v: Int!) { cancelOnboarding(id: $id, version: $v, reason: "Abbruch") { status } }`, { id: e.id, v: e.version })).errors).toBeUndefined();
    const cancelled = await onboardingOf(e.id);
    expect((await t.as('ADMIN').gql(`mutation($id: ID!, $v: Int!) { reopenOnboarding(id: $id, version: $v, reason: "weiter") { status } }`, { id: e.id, v: cancelled.version })).errors).toBeUndefined();
    const [free] = await t.dataSource.query(
      `SELECT a.id AS authority_id, sv.id AS service_id FROM authority a CROSS JOIN service sv
       WHERE EXISTS (SELECT 1 FROM service_stage st WHERE st.service_id = sv.id)
         AND NOT EXISTS (SELECT 1 FROM onboarding o WHERE o.authority_id = a.id AND o.service_id = sv.id) ORDER BY a.id, sv.id LIMIT 1`,
    );
    const created = await gql(`mutation($a: ID!, $s: ID!) { createOnboarding(authorityId: $a, serviceId: $s) { id } }`, { a: free.authority_id, s: free.service_id });
    expect(created.errors).toBeUndefined();
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM onboarding_segment WHERE onboarding_id = $1`, [created.data!.createOnboarding.id]))[0].n).toBe(1);
    await expectExact();
  });

  it('follows the import (administrative IMPORT transitions, new onboardings)', async () => {
    const before = Number((await t.dataSource.query(`SELECT count(*) AS n FROM onboarding_segment WHERE kind = 'IMPORT'`))[0].n);
    const res = await uploadImport(t, 'onboardings', fs.readFileSync('tests/fixtures/import/onboardings-de.csv'), { dryRun: 'false', skipErrors: 'true' });
    expect(res.body).toMatchObject({ applied: true });
    expect(Number((await t.dataSource.query(`SELECT count(*) AS n FROM onboarding_segment WHERE kind = 'IMPORT'`))[0].n)).toBeGreaterThan(before);
    await expectExact();
  });

  it('follows back-dated, edited and deleted log entries, several onboardings in one statement, a changed service', async () => {
    const [g, h] = await movable(2, 6);
    // a back-dated entry in the middle of each log, in one multi-row statement
    await t.dataSource.query(
      `INSERT INTO onboarding_transition (onboarding_id, kind, from_stage, to_stage, from_status, to_status, occurred_at, actor)
       SELECT o.id, 'PAUSE', o.stage, o.stage, 'ACTIVE', 'ON_HOLD', (SELECT min(occurred_at) + interval '1 hour' FROM onboarding_transition x WHERE x.onboarding_id = o.id), 'test'
       FROM onboarding o WHERE o.id IN ($1, $2)`,
      [g.id, h.id],
    );
    await expectExact();
    // an entry moved to before the first one, one at the same moment as another (the id decides the order)
    await t.dataSource.query(
      `UPDATE onboarding_transition t SET occurred_at = (SELECT min(occurred_at) - interval '1 day' FROM onboarding_transition x WHERE x.onboarding_id = t.onboarding_id)
       WHERE t.id = (SELECT id FROM onboarding_transition WHERE onboarding_id = $1 ORDER BY occurred_at DESC, id DESC LIMIT 1)`,
      [g.id],
    );
    await t.dataSource.query(
      `INSERT INTO onboarding_transition (onboarding_id, kind, from_stage, to_stage, from_status, to_status, occurred_at, actor)
       SELECT onboarding_id, 'RESUME', to_stage, to_stage, 'ON_HOLD', 'ACTIVE', occurred_at, 'test' FROM onboarding_transition
       WHERE onboarding_id = $1 ORDER BY occurred_at DESC, id DESC LIMIT 1`,
      [h.id],
    );
    await expectExact();
    // an entry deleted; a whole onboarding deleted through the API (its log goes with it)
    await t.dataSource.query(`DELETE FROM onboarding_transition WHERE id = (SELECT id FROM onboarding_transition WHERE onboarding_id = $1 ORDER BY occurred_at, id LIMIT 1 OFFSET 1)`, [h.id]);
    await expectExact();
    const victim = await onboardingOf(g.id);
    const deleted = await t.as('ADMIN').gql(`mutation($id: ID!, $v: Int) { deleteOnboarding(id: $id, version: $v) { id } }`, { id: victim.id, v: victim.version });
    expect(deleted.errors).toBeUndefined();
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM onboarding_segment WHERE onboarding_id = $1`, [g.id]))[0].n).toBe(0);
    // an onboarding moved to another service keeps its segments under the new service
    const [other] = await t.dataSource.query(
      `SELECT sv.id FROM service sv WHERE NOT EXISTS (SELECT 1 FROM onboarding o WHERE o.service_id = sv.id AND o.authority_id = (SELECT authority_id FROM onboarding WHERE id = $1)) ORDER BY sv.id LIMIT 1`,
      [h.id],
    );
    await t.dataSource.query(`UPDATE onboarding SET service_id = $2 WHERE id = $1`, [h.id, other.id]);
    await expectExact();
  });

  it('gives every onboarding the stage and status of its last entry at or before any moment', async () => {
    const moments: Array<{ at: Date }> = await t.dataSource.query(
      `SELECT DISTINCT occurred_at AS at FROM onboarding_transition ORDER BY 1 LIMIT 400`,
    );
    let checked = 0;
    for (const { at } of moments.filter((_, i) => i % 20 === 0)) {
      for (const m of [new Date(at.getTime() - 1), at, new Date(at.getTime() + 1)]) {
        expect(await differencesAt(m)).toBe(0);
        checked++;
      }
    }
    expect(await differencesAt(new Date())).toBe(0);
    expect(checked).toBeGreaterThan(10);
  });

  // Two connections at once: PostgreSQL (PGlite has one connection, where writers cannot overlap).
  (process.env.EFA_TEST_DB === 'postgres' ? it : it.skip)('stays exact when two transactions write to the same log at once', async () => {
    const [k] = await movable(1, 8);
    const first = t.dataSource.createQueryRunner();
    const second = t.dataSource.createQueryRunner();
    const entry = (at: string) =>
      `INSERT INTO onboarding_transition (onboarding_id, kind, from_stage, to_stage, from_status, to_status, occurred_at, actor)
       VALUES ($1, 'PAUSE', '${k.stage}', '${k.stage}', 'ACTIVE', 'ON_HOLD', '${at}', 'test')`;
    try {
      await first.startTransaction();
      await second.startTransaction();
      await first.query(entry('2030-01-01T00:00:00Z'), [k.id]);
      // waits in the trigger for the first transaction's lock on the onboarding
      const waiting = second.query(entry('2030-01-02T00:00:00Z'), [k.id]);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await first.commitTransaction();
      await waiting;
      await second.commitTransaction();
    } finally {
      await first.release();
      await second.release();
    }
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM onboarding_segment WHERE onboarding_id = $1 AND valid_from >= '2030-01-01'`, [k.id]))[0].n).toBe(2);
    await expectExact();
  });
});
