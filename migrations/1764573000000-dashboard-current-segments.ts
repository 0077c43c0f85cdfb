import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The dashboard "today" at national scale (issue 10; plans in docs/explain/dashboard.md): each
 * onboarding's entry in force now is its onboarding_segment row without successor (valid_to null).
 * `ix_onboarding_segment_current` holds only those rows (one per onboarding, about a fifth of the
 * table), with the columns the snapshot reads, so the snapshot as of any moment after the service's
 * last entry is one index-only range scan of the service's current rows (11,401 for the busiest
 * service instead of its 49,564 entries); entries closed after an earlier moment are read from
 * ix_onboarding_segment_service as before (DashboardService, `snapshotAt`).
 */
export class DashboardCurrentSegments1764573000000 implements MigrationInterface {
  name = 'DashboardCurrentSegments1764573000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX ix_onboarding_segment_current ON onboarding_segment (service_id, valid_from)
       INCLUDE (onboarding_id, stage, status, started, stay_from) WHERE valid_to IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_onboarding_segment_current`);
  }
}
