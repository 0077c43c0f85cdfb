import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The count of the onboarding list filtered by state (and stage), issue 10 (docs/explain/api-cpu.md):
 * `ix_onboarding_authority_stage` lets PostgreSQL count per authority of the state by an index-only
 * probe (2,389 authorities of the largest state, ~9 matches each) instead of reading every onboarding
 * of the stage from `ix_onboarding_stage_entered` and hashing them against the state's authorities
 * (93,603 entries for TEST nationally): 90-100 ms -> 15-25 ms for the largest state. The page itself
 * still walks `ix_onboarding_stage_entered` in the list's order.
 */
export class OnboardingAuthorityStageIndex1764570000000 implements MigrationInterface {
  name = 'OnboardingAuthorityStageIndex1764570000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_onboarding_authority_stage ON onboarding (authority_id, stage)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_onboarding_authority_stage`);
  }
}
