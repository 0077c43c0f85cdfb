import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the dashboard at national scale (bench: `npm run bench -- --scale national`; plans in
 * docs/explain/dashboard.md). An onboarding's stage and status "as of" a moment is its last
 * transition at or before it: one backward probe per onboarding into
 * ix_onboarding_transition_latest, answered from the index alone (the transition's columns the
 * dashboard reads are included). It replaces ix_onboarding_transition_onboarding, whose key it
 * extends, so the log keeps one index per onboarding. ix_onboarding_service_stage gains the columns
 * the dashboard reads of a service's onboardings, so they come from the index, not from heap pages
 * spread over the whole table.
 */
export class DashboardIndexes1764200000000 implements MigrationInterface {
  name = 'DashboardIndexes1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX ix_onboarding_transition_latest ON onboarding_transition (onboarding_id, occurred_at DESC, id DESC) INCLUDE (kind, from_stage, to_stage, to_status)`,
    );
    await q.query(`DROP INDEX ix_onboarding_transition_onboarding`);
    await q.query(`CREATE INDEX ix_onboarding_service_stage_covering ON onboarding (service_id, stage) INCLUDE (id, authority_id, status, live_at, planned_go_live)`);
    await q.query(`DROP INDEX ix_onboarding_service_stage`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_onboarding_service_stage ON onboarding (service_id, stage)`);
    await q.query(`DROP INDEX ix_onboarding_service_stage_covering`);
    await q.query(`CREATE INDEX ix_onboarding_transition_onboarding ON onboarding_transition (onboarding_id, occurred_at)`);
    await q.query(`DROP INDEX ix_onboarding_transition_latest`);
  }
}
