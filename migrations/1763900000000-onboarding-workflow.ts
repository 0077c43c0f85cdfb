import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Onboarding workflow: per-service pipeline templates, onboardings, milestones, blockers, transition log, reuse variants. */
export class OnboardingWorkflow1763900000000 implements MigrationInterface {
  name = 'OnboardingWorkflow1763900000000';

  async up(q: QueryRunner): Promise<void> {
    const base = `
      id uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1`;

    await q.query(`ALTER TABLE audit_event ADD COLUMN comment text`);

    await q.query(`CREATE TABLE service_stage (${base},
      service_id uuid NOT NULL CONSTRAINT fk_service_stage_service REFERENCES service(id) ON DELETE CASCADE,
      key text NOT NULL CHECK (key ~ '^[A-Z][A-Z0-9_]*$'),
      name_de text NOT NULL,
      name_en text NOT NULL,
      position integer NOT NULL CHECK (position > 0),
      CONSTRAINT uq_service_stage_key UNIQUE (service_id, key),
      CONSTRAINT uq_service_stage_position UNIQUE (service_id, position) DEFERRABLE INITIALLY IMMEDIATE
    )`);

    await q.query(`CREATE TABLE milestone_template (${base},
      service_id uuid NOT NULL CONSTRAINT fk_milestone_template_service REFERENCES service(id) ON DELETE CASCADE,
      key text NOT NULL CHECK (key ~ '^[A-Z][A-Z0-9_]*$'),
      stage_key text NOT NULL,
      name_de text NOT NULL,
      name_en text NOT NULL,
      required boolean NOT NULL DEFAULT true,
      position integer NOT NULL,
      due_days integer CHECK (due_days >= 0),
      active boolean NOT NULL DEFAULT true,
      CONSTRAINT uq_milestone_template_key UNIQUE (service_id, key),
      CONSTRAINT fk_milestone_template_stage FOREIGN KEY (service_id, stage_key) REFERENCES service_stage(service_id, key) ON UPDATE CASCADE ON DELETE RESTRICT
    )`);

    await q.query(`CREATE TABLE onboarding (${base},
      authority_id uuid NOT NULL CONSTRAINT fk_onboarding_authority REFERENCES authority(id) ON DELETE RESTRICT,
      service_id uuid NOT NULL CONSTRAINT fk_onboarding_service REFERENCES service(id) ON DELETE RESTRICT,
      stage text NOT NULL,
      status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE','ON_HOLD','CANCELLED')),
      status_reason text,
      stage_entered_at timestamptz NOT NULL DEFAULT now(),
      planned_go_live date,
      live_at timestamptz,
      owner text,
      subject_contact text,
      technical_contact text,
      apply_url text,
      jira_key text,
      notes text,
      CONSTRAINT uq_onboarding_authority_service UNIQUE (authority_id, service_id),
      CONSTRAINT fk_onboarding_stage FOREIGN KEY (service_id, stage) REFERENCES service_stage(service_id, key) ON UPDATE CASCADE ON DELETE RESTRICT,
      CONSTRAINT ck_onboarding_status_reason CHECK (status = 'ACTIVE' OR status_reason IS NOT NULL)
    )`);
    await q.query(`CREATE INDEX ix_onboarding_service_stage ON onboarding (service_id, stage)`);
    await q.query(`CREATE INDEX ix_onboarding_authority ON onboarding (authority_id)`);

    await q.query(`CREATE TABLE milestone (${base},
      onboarding_id uuid NOT NULL CONSTRAINT fk_milestone_onboarding REFERENCES onboarding(id) ON DELETE CASCADE,
      key text NOT NULL,
      name_de text NOT NULL,
      name_en text NOT NULL,
      stage text NOT NULL,
      required boolean NOT NULL,
      position integer NOT NULL,
      status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN','DONE','NOT_APPLICABLE')),
      due_date date,
      completed_at date,
      evidence_url text,
      note text,
      CONSTRAINT uq_milestone_onboarding_key UNIQUE (onboarding_id, key),
      CONSTRAINT ck_milestone_done_has_date CHECK (status <> 'DONE' OR completed_at IS NOT NULL),
      CONSTRAINT ck_milestone_na_has_reason CHECK (status <> 'NOT_APPLICABLE' OR note IS NOT NULL)
    )`);
    await q.query(`CREATE INDEX ix_milestone_open_due ON milestone (due_date) WHERE status = 'OPEN'`);

    await q.query(`CREATE TABLE blocker (${base},
      onboarding_id uuid NOT NULL CONSTRAINT fk_blocker_onboarding REFERENCES onboarding(id) ON DELETE CASCADE,
      title text NOT NULL,
      description text,
      category text NOT NULL CHECK (category IN ('ORGANISATIONAL','SUBJECT_MATTER','TECHNICAL','LEGAL','FINANCIAL')),
      severity text NOT NULL CHECK (severity IN ('INFO','DELAYING','BLOCKING')),
      owner text,
      opened_at date NOT NULL DEFAULT current_date,
      resolved_at date,
      resolution text,
      CONSTRAINT ck_blocker_resolved_after_opened CHECK (resolved_at IS NULL OR resolved_at >= opened_at)
    )`);
    await q.query(`CREATE INDEX ix_blocker_onboarding_open ON blocker (onboarding_id) WHERE resolved_at IS NULL`);

    await q.query(`CREATE TABLE onboarding_transition (
      id uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
      onboarding_id uuid NOT NULL CONSTRAINT fk_onboarding_transition_onboarding REFERENCES onboarding(id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('CREATE','ADVANCE','MOVE_BACK','PAUSE','RESUME','CANCEL','REOPEN')),
      from_stage text,
      to_stage text NOT NULL,
      from_status text,
      to_status text NOT NULL,
      occurred_at timestamptz NOT NULL DEFAULT now(),
      actor text NOT NULL,
      comment text
    )`);
    await q.query(`CREATE INDEX ix_onboarding_transition_onboarding ON onboarding_transition (onboarding_id, occurred_at)`);
    await q.query(`CREATE INDEX ix_onboarding_transition_occurred ON onboarding_transition (occurred_at)`);

    await q.query(`CREATE TABLE reuse_variant (${base},
      state_id uuid NOT NULL CONSTRAINT fk_reuse_variant_state REFERENCES state(id) ON DELETE RESTRICT,
      service_id uuid NOT NULL CONSTRAINT fk_reuse_variant_service REFERENCES service(id) ON DELETE RESTRICT,
      variant text NOT NULL CHECK (variant IN ('EFA_REUSE','OWN_FORM','EXISTING_STATE_SOLUTION','NONE_PLANNED')),
      note text,
      CONSTRAINT uq_reuse_variant_state_service UNIQUE (state_id, service_id)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['reuse_variant', 'onboarding_transition', 'blocker', 'milestone', 'onboarding', 'milestone_template', 'service_stage']) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
    await q.query(`ALTER TABLE audit_event DROP COLUMN IF EXISTS comment`);
  }
}
