import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the stage board (`stageBoard`, apps/api/src/onboarding/stage-board.ts; plans in
 * docs/explain/stage-board.md), so that it reads in proportion to the cards it shows plus cheap
 * index-only counts instead of every onboarding of the service:
 * - `ix_onboarding_board`: a service's onboardings by authority, with id, stage, status and wave:
 *   the per-column counts (index-only over the service's range, or one probe per authority of a
 *   state), and the probe (service, authority) of the walk through a column in name order. Only
 *   columns that are indexed already (stage, status, wave_id), so updates stay HOT as before.
 * - `ix_authority_name`, `ix_authority_state_name`: authorities in name order, nationally and within a
 *   state, with what a card needs of them (id, state, specialist system), so the walk through a
 *   column in name order stops after its page, index-only.
 */
export class StageBoardIndexes1764572000000 implements MigrationInterface {
  name = 'StageBoardIndexes1764572000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_onboarding_board ON onboarding (service_id, authority_id) INCLUDE (id, stage, status, wave_id)`);
    await q.query(`CREATE INDEX ix_authority_name ON authority (name) INCLUDE (id, state_id, specialist_system_id)`);
    await q.query(`CREATE INDEX ix_authority_state_name ON authority (state_id, name) INCLUDE (id, specialist_system_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_authority_state_name`);
    await q.query(`DROP INDEX ix_authority_name`);
    await q.query(`DROP INDEX ix_onboarding_board`);
  }
}
