import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The dashboard's lead times at national scale (issue 10; plans in docs/explain/dashboard.md): the
 * stays left by asOf are the onboarding_segment rows that changed the stage with `stay_until` at or
 * before asOf. `ix_onboarding_segment_stay` holds only those rows with the columns the lead times
 * read (about 37,000 for the busiest service), in the order of stay_until, so they are one narrow
 * index-only range scan instead of a filter over every entry of the service in the wide
 * ix_onboarding_segment_service.
 */
export class DashboardStayIndex1764573100000 implements MigrationInterface {
  name = 'DashboardStayIndex1764573100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX ix_onboarding_segment_stay ON onboarding_segment (service_id, stay_until)
       INCLUDE (valid_from, stage, onboarding_id) WHERE stage_changed AND stay_until IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_onboarding_segment_stay`);
  }
}
