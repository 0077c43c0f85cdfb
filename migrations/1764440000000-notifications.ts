import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications (issue 8): what users watch, the notification events (the outbox, written in the
 * transaction of the write that causes them), one notification row per watching user with its mail
 * delivery state, the weekly digests sent, and each user's settings (mail mode, language, the hashed
 * calendar-feed token). The mail jobs themselves live in graphile-worker's schema on PostgreSQL
 * (installed by graphile-worker's own migrations at start-up); on PGlite an in-process poller reads
 * the pending rows of `notification` instead.
 */
export class Notifications1764440000000 implements MigrationInterface {
  name = 'Notifications1764440000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE watch (
      id uuid NOT NULL DEFAULT uuid_generate_v4() CONSTRAINT pk_watch PRIMARY KEY,
      user_id uuid NOT NULL CONSTRAINT fk_watch_user REFERENCES app_user(id) ON DELETE CASCADE,
      target_type text NOT NULL CONSTRAINT ck_watch_target_type CHECK (target_type IN ('AUTHORITY', 'ONBOARDING', 'SERVICE', 'STATE')),
      target_id uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT uq_watch_user_target UNIQUE (user_id, target_type, target_id)
    )`);
    await q.query(`CREATE INDEX ix_watch_target ON watch (target_type, target_id)`);

    await q.query(`CREATE TABLE notification_event (
      id uuid NOT NULL DEFAULT uuid_generate_v4() CONSTRAINT pk_notification_event PRIMARY KEY,
      kind text NOT NULL CONSTRAINT ck_notification_event_kind CHECK (kind IN ('STAGE_CHANGED', 'WENT_LIVE', 'BLOCKER_OPENED', 'BLOCKER_RESOLVED', 'MILESTONE_OVERDUE', 'CONTRACT_STATUS_CHANGED', 'ACTION_ITEM_DUE')),
      event_key text CONSTRAINT uq_notification_event_key UNIQUE,
      entity_type text NOT NULL,
      entity_id uuid,
      onboarding_id uuid,
      authority_id uuid,
      service_id uuid,
      state_id uuid,
      params jsonb NOT NULL DEFAULT '{}'::jsonb,
      actor text NOT NULL,
      occurred_at timestamptz NOT NULL DEFAULT now()
    )`);

    await q.query(`CREATE TABLE notification (
      id uuid NOT NULL DEFAULT uuid_generate_v4() CONSTRAINT pk_notification PRIMARY KEY,
      user_id uuid NOT NULL CONSTRAINT fk_notification_user REFERENCES app_user(id) ON DELETE CASCADE,
      event_id uuid NOT NULL CONSTRAINT fk_notification_event REFERENCES notification_event(id) ON DELETE CASCADE,
      delivery text NOT NULL CONSTRAINT ck_notification_delivery CHECK (delivery IN ('NONE', 'IMMEDIATE', 'DIGEST')),
      read_at timestamptz,
      mail_sent_at timestamptz,
      mail_attempts integer NOT NULL DEFAULT 0,
      mail_next_attempt_at timestamptz,
      mail_error text,
      digest_week text,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT uq_notification_user_event UNIQUE (user_id, event_id)
    )`);
    await q.query(`CREATE INDEX ix_notification_user_created ON notification (user_id, created_at DESC)`);
    await q.query(`CREATE INDEX ix_notification_unread ON notification (user_id) WHERE read_at IS NULL`);
    await q.query(`CREATE INDEX ix_notification_mail_pending ON notification (created_at) WHERE delivery = 'IMMEDIATE' AND mail_sent_at IS NULL`);
    await q.query(`CREATE INDEX ix_notification_digest_pending ON notification (user_id) WHERE delivery = 'DIGEST' AND digest_week IS NULL`);

    await q.query(`CREATE TABLE notification_digest (
      user_id uuid NOT NULL CONSTRAINT fk_notification_digest_user REFERENCES app_user(id) ON DELETE CASCADE,
      iso_week text NOT NULL CONSTRAINT ck_notification_digest_week CHECK (iso_week ~ '^[0-9]{4}-W[0-9]{2}$'),
      message_id text NOT NULL,
      notification_count integer NOT NULL,
      sent_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT pk_notification_digest PRIMARY KEY (user_id, iso_week)
    )`);

    await q.query(`CREATE TABLE notification_setting (
      user_id uuid NOT NULL CONSTRAINT pk_notification_setting PRIMARY KEY CONSTRAINT fk_notification_setting_user REFERENCES app_user(id) ON DELETE CASCADE,
      mail_mode text NOT NULL DEFAULT 'IMMEDIATE' CONSTRAINT ck_notification_setting_mail_mode CHECK (mail_mode IN ('OFF', 'IMMEDIATE', 'WEEKLY_DIGEST')),
      language text NOT NULL DEFAULT 'de' CONSTRAINT ck_notification_setting_language CHECK (language IN ('de', 'en')),
      calendar_token_hash text CONSTRAINT uq_notification_setting_calendar_token UNIQUE,
      calendar_token_created_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_setting`);
    await q.query(`DROP TABLE notification_digest`);
    await q.query(`DROP TABLE notification`);
    await q.query(`DROP TABLE notification_event`);
    await q.query(`DROP TABLE watch`);
  }
}
