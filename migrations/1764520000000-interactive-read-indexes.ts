import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the console's interactive reads at national scale (issue 10, bench/interactive.mjs;
 * plans in docs/explain/interactive.md):
 * - `ix_onboarding_stage_entered`: the onboarding list filtered by stage and sorted by the time in
 *   the stage (the list's default) walks the index in order and stops after the page, instead of a
 *   sequential scan of every onboarding and a sort; authority_id included so the state filter and
 *   the count are answered from the index.
 * - `ix_blocker_onboarding`: the obstacles of one onboarding (onboarding page, timeline, board cards)
 *   by index; the existing partial index covers open obstacles only.
 */
export class InteractiveReadIndexes1764520000000 implements MigrationInterface {
  name = 'InteractiveReadIndexes1764520000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_onboarding_stage_entered ON onboarding (stage, stage_entered_at, id) INCLUDE (authority_id)`);
    await q.query(`CREATE INDEX ix_blocker_onboarding ON blocker (onboarding_id, opened_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_blocker_onboarding`);
    await q.query(`DROP INDEX ix_onboarding_stage_entered`);
  }
}
