import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the dashboard at national scale (bench: `npm run bench -- --scale national`; plans in
 * docs/explain/dashboard.md). The transition log's covering index is ix_onboarding_transition_log
 * (migration 1764150000000): an onboarding's stage and status "as of" a moment is one backward
 * probe per onboarding into it (`ORDER BY occurred_at DESC, id DESC LIMIT 1` scans the ascending
 * key backwards), answered from the index alone. Here ix_onboarding_service_stage gains the columns
 * the dashboard reads of a service's onboardings, so they come from the index, not from heap pages
 * spread over the whole table; it replaces the narrower index whose key it keeps. ix_onboarding_authority
 * goes: uq_onboarding_authority_service (authority_id, service_id) already serves lookups by authority.
 * ix_milestone_onboarding_due answers "overdue at asOf" per onboarding from the index alone (due date,
 * status, completion date, position, id), leaving out not-applicable milestones; the milestones'
 * names are read only for the listed ones.
 */
export class DashboardIndexes1764200000000 implements MigrationInterface {
  name = 'DashboardIndexes1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_onboarding_service_stage_covering ON onboarding (service_id, stage) INCLUDE (id, authority_id, status, live_at, planned_go_live)`);
    await q.query(`DROP INDEX ix_onboarding_service_stage`);
    await q.query(`DROP INDEX ix_onboarding_authority`);
    await q.query(
      `CREATE INDEX ix_milestone_onboarding_due ON milestone (onboarding_id, due_date) INCLUDE (status, completed_at, position, id) WHERE status <> 'NOT_APPLICABLE'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_milestone_onboarding_due`);
    await q.query(`CREATE INDEX ix_onboarding_authority ON onboarding (authority_id)`);
    await q.query(`CREATE INDEX ix_onboarding_service_stage ON onboarding (service_id, stage)`);
    await q.query(`DROP INDEX ix_onboarding_service_stage_covering`);
  }
}
