import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Onboarding status and Jira import:
 * - `onboarding_note`: dated notes of an onboarding with their author's name as text (a Jira
 *   comment's author is an account id, not a user here), the source (`JIRA`) and, for imported
 *   notes, the id of the note in its source, unique per onboarding, so a re-import adds nothing twice;
 * - the transition kind `IMPORT`: a stage or status set by an import (an administrative move,
 *   recorded with the importing user and the reason "Import");
 * - `import_mapping.settings`: what a target needs besides the column mapping (the Jira mapping:
 *   status → stage, summary pattern, default service), saved per user like the column mapping.
 */
export class OnboardingNotes1764410000000 implements MigrationInterface {
  name = 'OnboardingNotes1764410000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE onboarding_note (
      id uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      onboarding_id uuid NOT NULL CONSTRAINT fk_onboarding_note_onboarding REFERENCES onboarding(id) ON DELETE CASCADE,
      author text NOT NULL CHECK (length(author) BETWEEN 1 AND 200),
      written_at timestamptz NOT NULL,
      text text NOT NULL CHECK (length(text) <= 100000),
      source text NOT NULL CHECK (source IN ('JIRA')),
      external_id text,
      CONSTRAINT uq_onboarding_note_external UNIQUE (onboarding_id, source, external_id)
    )`);
    await q.query(`CREATE INDEX ix_onboarding_note_onboarding ON onboarding_note (onboarding_id, written_at)`);
    await q.query(`ALTER TABLE onboarding_transition DROP CONSTRAINT onboarding_transition_kind_check`);
    await q.query(`ALTER TABLE onboarding_transition ADD CONSTRAINT onboarding_transition_kind_check CHECK (kind IN ('CREATE','ADVANCE','MOVE_BACK','PAUSE','RESUME','CANCEL','REOPEN','IMPORT'))`);
    await q.query(`ALTER TABLE import_mapping ADD COLUMN settings jsonb CHECK (settings IS NULL OR jsonb_typeof(settings) = 'object')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE import_mapping DROP COLUMN settings`);
    await q.query(`DELETE FROM onboarding_transition WHERE kind = 'IMPORT'`);
    await q.query(`ALTER TABLE onboarding_transition DROP CONSTRAINT onboarding_transition_kind_check`);
    await q.query(`ALTER TABLE onboarding_transition ADD CONSTRAINT onboarding_transition_kind_check CHECK (kind IN ('CREATE','ADVANCE','MOVE_BACK','PAUSE','RESUME','CANCEL','REOPEN'))`);
    await q.query(`DROP TABLE onboarding_note`);
  }
}
