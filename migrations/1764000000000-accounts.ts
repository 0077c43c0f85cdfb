import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Accounts and sessions, settings shared by all API instances, sign-in attempts for rate limiting. */
export class Accounts1764000000000 implements MigrationInterface {
  name = 'Accounts1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE app_user (
      id uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1,
      email text NOT NULL,
      display_name text NOT NULL,
      role text NOT NULL CHECK (role IN ('ADMIN','ROLLOUT_MANAGER','STATE_COORDINATOR','STEERING_MEMBER')),
      state_id uuid CONSTRAINT fk_app_user_state REFERENCES state(id) ON DELETE RESTRICT,
      password_hash text,
      oidc_subject text CONSTRAINT uq_app_user_oidc_subject UNIQUE,
      active boolean NOT NULL DEFAULT true,
      is_demo boolean NOT NULL DEFAULT false,
      last_sign_in_at timestamptz,
      CONSTRAINT ck_app_user_coordinator_state CHECK ((role = 'STATE_COORDINATOR') = (state_id IS NOT NULL))
    )`);
    await q.query(`CREATE UNIQUE INDEX uq_app_user_email ON app_user (lower(email))`);

    await q.query(`CREATE TABLE user_session (
      id uuid PRIMARY KEY DEFAULT uuid_generate_v4(),
      user_id uuid NOT NULL CONSTRAINT fk_user_session_user REFERENCES app_user(id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz,
      method text NOT NULL DEFAULT 'PASSWORD',
      address text,
      user_agent text
    )`);
    await q.query(`CREATE INDEX ix_user_session_user ON user_session (user_id)`);

    await q.query(`CREATE TABLE app_setting (key text PRIMARY KEY, value text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`);

    await q.query(`CREATE TABLE sign_in_attempt (
      id bigserial PRIMARY KEY,
      occurred_at timestamptz NOT NULL DEFAULT now(),
      email text NOT NULL,
      address text NOT NULL,
      succeeded boolean NOT NULL
    )`);
    await q.query(`CREATE INDEX ix_sign_in_attempt_email ON sign_in_attempt (lower(email), occurred_at DESC)`);
    await q.query(`CREATE INDEX ix_sign_in_attempt_address ON sign_in_attempt (address, occurred_at DESC)`);

    // Failed sign-ins and refused operations have no record to point at.
    await q.query(`ALTER TABLE audit_event ALTER COLUMN entity_id DROP NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM audit_event WHERE entity_id IS NULL`);
    await q.query(`ALTER TABLE audit_event ALTER COLUMN entity_id SET NOT NULL`);
    for (const table of ['sign_in_attempt', 'app_setting', 'user_session', 'app_user']) await q.query(`DROP TABLE IF EXISTS ${table}`);
  }
}
