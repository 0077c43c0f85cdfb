import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rollout waves (project teams) and connection guides.
 * - `wave`: one service, name (unique per service), start and target go-live date, members (user ids)
 *   and organisations. `onboarding.wave_id` references it together with the onboarding's own
 *   service_id (composite foreign key on `wave (id, service_id)`), so the database itself refuses an
 *   onboarding in a wave of another service. A meeting (branch `meetings`) references a wave with a
 *   plain nullable `wave_id uuid REFERENCES wave(id)`.
 * - `guide_section`: ordered Markdown sections of a service's guide, each optionally linked to a
 *   milestone template key of the same service; `revision` is its latest version's number.
 * - `guide_section_version`: every edit of a section's content (title, body, milestone key), with
 *   its author and time; never updated.
 */
export class WavesAndGuides1764430000000 implements MigrationInterface {
  name = 'WavesAndGuides1764430000000';

  async up(q: QueryRunner): Promise<void> {
    const base = `
      id uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1`;
    await q.query(`CREATE TABLE wave (${base},
      service_id uuid NOT NULL CONSTRAINT fk_wave_service REFERENCES service(id) ON DELETE RESTRICT,
      name text NOT NULL CHECK (length(btrim(name)) > 0),
      description text,
      starts_on date NOT NULL,
      target_go_live date NOT NULL,
      member_user_ids uuid[] NOT NULL DEFAULT '{}',
      organisations text[] NOT NULL DEFAULT '{}',
      CONSTRAINT uq_wave_name UNIQUE (service_id, name),
      CONSTRAINT uq_wave_id_service UNIQUE (id, service_id),
      CONSTRAINT ck_wave_target_after_start CHECK (target_go_live >= starts_on)
    )`);
    await q.query(`ALTER TABLE onboarding ADD COLUMN wave_id uuid`);
    await q.query(`ALTER TABLE onboarding ADD CONSTRAINT fk_onboarding_wave FOREIGN KEY (wave_id, service_id) REFERENCES wave (id, service_id) ON DELETE RESTRICT`);
    await q.query(`CREATE INDEX ix_onboarding_wave ON onboarding (wave_id) WHERE wave_id IS NOT NULL`);

    await q.query(`CREATE TABLE guide_section (${base},
      service_id uuid NOT NULL CONSTRAINT fk_guide_section_service REFERENCES service(id) ON DELETE CASCADE,
      position integer NOT NULL CHECK (position > 0),
      title text NOT NULL,
      body text NOT NULL DEFAULT '',
      milestone_key text,
      revision integer NOT NULL DEFAULT 1 CHECK (revision > 0),
      updated_by text NOT NULL,
      CONSTRAINT fk_guide_section_milestone FOREIGN KEY (service_id, milestone_key) REFERENCES milestone_template (service_id, key) ON UPDATE CASCADE ON DELETE RESTRICT
    )`);
    await q.query(`CREATE INDEX ix_guide_section_service ON guide_section (service_id, position)`);
    await q.query(`CREATE TABLE guide_section_version (
      id uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
      section_id uuid NOT NULL CONSTRAINT fk_guide_section_version_section REFERENCES guide_section(id) ON DELETE CASCADE,
      revision integer NOT NULL CHECK (revision > 0),
      title text NOT NULL,
      body text NOT NULL,
      milestone_key text,
      author text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT uq_guide_section_version UNIQUE (section_id, revision)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE guide_section_version`);
    await q.query(`DROP TABLE guide_section`);
    await q.query(`ALTER TABLE onboarding DROP CONSTRAINT fk_onboarding_wave`);
    await q.query(`ALTER TABLE onboarding DROP COLUMN wave_id`);
    await q.query(`DROP TABLE wave`);
  }
}
