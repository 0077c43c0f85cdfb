import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Meetings (steering group, project meetings, kick-offs, information events, workshops) with their
 * participating services, states and authorities (join tables) and link attachments, and the
 * decisions and action items recorded in them (`meeting_item`), each optionally linked to an
 * onboarding, a reuse contract, an authority or an obstacle.
 */
export class Meetings1764420000000 implements MigrationInterface {
  name = 'Meetings1764420000000';

  async up(q: QueryRunner): Promise<void> {
    const base = `
      id uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1`;

    await q.query(`CREATE TABLE meeting (${base},
      kind text NOT NULL CHECK (kind IN ('STEERING_GROUP','PROJECT_MEETING','KICK_OFF','INFORMATION_EVENT','WORKSHOP')),
      title text NOT NULL CHECK (btrim(title) <> ''),
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      time_zone text NOT NULL DEFAULT 'Europe/Berlin',
      location text,
      online_url text,
      agenda text,
      minutes text,
      attachments jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(attachments) = 'array'),
      CONSTRAINT ck_meeting_ends_after_start CHECK (ends_at > starts_at)
    )`);
    await q.query(`CREATE INDEX ix_meeting_kind_starts ON meeting (kind, starts_at)`);
    await q.query(`CREATE INDEX ix_meeting_starts ON meeting (starts_at)`);

    await q.query(`CREATE TABLE meeting_service (
      meeting_id uuid NOT NULL CONSTRAINT fk_meeting_service_meeting REFERENCES meeting(id) ON DELETE CASCADE,
      service_id uuid NOT NULL CONSTRAINT fk_meeting_service_service REFERENCES service(id) ON DELETE RESTRICT,
      CONSTRAINT pk_meeting_service PRIMARY KEY (meeting_id, service_id)
    )`);
    await q.query(`CREATE INDEX ix_meeting_service_service ON meeting_service (service_id)`);
    await q.query(`CREATE TABLE meeting_state (
      meeting_id uuid NOT NULL CONSTRAINT fk_meeting_state_meeting REFERENCES meeting(id) ON DELETE CASCADE,
      state_id uuid NOT NULL CONSTRAINT fk_meeting_state_state REFERENCES state(id) ON DELETE RESTRICT,
      CONSTRAINT pk_meeting_state PRIMARY KEY (meeting_id, state_id)
    )`);
    await q.query(`CREATE INDEX ix_meeting_state_state ON meeting_state (state_id)`);
    await q.query(`CREATE TABLE meeting_authority (
      meeting_id uuid NOT NULL CONSTRAINT fk_meeting_authority_meeting REFERENCES meeting(id) ON DELETE CASCADE,
      authority_id uuid NOT NULL CONSTRAINT fk_meeting_authority_authority REFERENCES authority(id) ON DELETE RESTRICT,
      CONSTRAINT pk_meeting_authority PRIMARY KEY (meeting_id, authority_id)
    )`);
    await q.query(`CREATE INDEX ix_meeting_authority_authority ON meeting_authority (authority_id)`);

    await q.query(`CREATE TABLE meeting_item (${base},
      meeting_id uuid NOT NULL CONSTRAINT fk_meeting_item_meeting REFERENCES meeting(id) ON DELETE RESTRICT,
      kind text NOT NULL CHECK (kind IN ('DECISION','ACTION_ITEM')),
      text text NOT NULL CHECK (btrim(text) <> ''),
      owner_user_id uuid CONSTRAINT fk_meeting_item_owner_user REFERENCES app_user(id) ON DELETE RESTRICT,
      owner_organisation text,
      due_date date,
      status text CHECK (status IN ('OPEN','IN_PROGRESS','DONE','CANCELLED')),
      closed_at date,
      onboarding_id uuid CONSTRAINT fk_meeting_item_onboarding REFERENCES onboarding(id) ON DELETE RESTRICT,
      reuse_contract_id uuid CONSTRAINT fk_meeting_item_reuse_contract REFERENCES reuse_contract(id) ON DELETE RESTRICT,
      authority_id uuid CONSTRAINT fk_meeting_item_authority REFERENCES authority(id) ON DELETE RESTRICT,
      blocker_id uuid CONSTRAINT fk_meeting_item_blocker REFERENCES blocker(id) ON DELETE RESTRICT,
      CONSTRAINT ck_meeting_item_one_owner CHECK (owner_user_id IS NULL OR owner_organisation IS NULL),
      CONSTRAINT ck_meeting_item_action CHECK (
        (kind = 'ACTION_ITEM' AND status IS NOT NULL AND (owner_user_id IS NOT NULL OR owner_organisation IS NOT NULL))
        OR (kind = 'DECISION' AND status IS NULL AND due_date IS NULL)),
      CONSTRAINT ck_meeting_item_closed CHECK ((status IN ('DONE','CANCELLED')) = (closed_at IS NOT NULL))
    )`);
    await q.query(`CREATE INDEX ix_meeting_item_meeting ON meeting_item (meeting_id)`);
    await q.query(`CREATE INDEX ix_meeting_item_open_due ON meeting_item (due_date) WHERE kind = 'ACTION_ITEM' AND status IN ('OPEN','IN_PROGRESS')`);
    await q.query(`CREATE INDEX ix_meeting_item_onboarding ON meeting_item (onboarding_id) WHERE onboarding_id IS NOT NULL`);
    await q.query(`CREATE INDEX ix_meeting_item_authority ON meeting_item (authority_id) WHERE authority_id IS NOT NULL`);
    await q.query(`CREATE INDEX ix_meeting_item_reuse_contract ON meeting_item (reuse_contract_id) WHERE reuse_contract_id IS NOT NULL`);
    await q.query(`CREATE INDEX ix_meeting_item_blocker ON meeting_item (blocker_id) WHERE blocker_id IS NOT NULL`);
    await q.query(`CREATE INDEX ix_meeting_item_owner_user ON meeting_item (owner_user_id) WHERE owner_user_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE meeting_item`);
    await q.query(`DROP TABLE meeting_authority`);
    await q.query(`DROP TABLE meeting_state`);
    await q.query(`DROP TABLE meeting_service`);
    await q.query(`DROP TABLE meeting`);
  }
}
