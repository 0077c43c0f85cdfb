import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dashboard figures as of a date read each onboarding's transitions up to that moment (stage and
 * status at asOf, stays per stage, go-lives). EXPLAIN on a generated national-size database
 * (228,000 onboardings, 800,000 transitions, one service of 9,000 onboardings) showed a parallel
 * sequential scan of the whole transition log per figure; with this covering index the plans
 * read only the service's onboardings' entries, index-only. It replaces the narrower
 * (onboarding_id, occurred_at) index, whose columns lead it.
 */
export class DashboardIndexes1764150000000 implements MigrationInterface {
  name = 'DashboardIndexes1764150000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX ix_onboarding_transition_log ON onboarding_transition (onboarding_id, occurred_at, id) INCLUDE (kind, from_stage, to_stage, from_status, to_status)`,
    );
    await q.query(`DROP INDEX IF EXISTS ix_onboarding_transition_onboarding`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX IF NOT EXISTS ix_onboarding_transition_onboarding ON onboarding_transition (onboarding_id, occurred_at)`);
    await q.query(`DROP INDEX IF EXISTS ix_onboarding_transition_log`);
  }
}
