import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DATABASE_KIND } from '../database/database.module.js';
import type { DatabaseKind } from '../database/data-source.js';

export const MAIL_TASK = 'notification_mail';
export const DIGEST_TASK = 'notification_digest';
export const SCHEDULE_TASK = 'notification_schedule';
export const MAX_MAIL_ATTEMPTS = 10;

/**
 * Puts delivery jobs into the durable queue, inside the caller's transaction.
 *
 * PostgreSQL: graphile-worker's `add_job` SQL function, so the job commits
 * with the write that caused it; the job key (`mail:<notification id>`,
 * `digest:<user>:<week>`) makes enqueueing twice the same job once.
 * PGlite (single connection, no second process): no job rows; the pending
 * rows of `notification` are the queue and the in-process poller reads them.
 */
@Injectable()
export class NotificationQueue {
  constructor(@Inject(DATABASE_KIND) readonly kind: DatabaseKind) {}

  get usesGraphileWorker(): boolean {
    return this.kind === 'postgres';
  }

  async enqueueMails(em: EntityManager, notificationIds: string[]): Promise<void> {
    if (!this.usesGraphileWorker || notificationIds.length === 0) return;
    await em.query(
      `SELECT graphile_worker.add_job($1, json_build_object('notificationId', n.id), job_key := 'mail:' || n.id, max_attempts := $3, job_key_mode := 'unsafe_dedupe')
         FROM unnest($2::uuid[]) AS n(id)`,
      [MAIL_TASK, notificationIds, MAX_MAIL_ATTEMPTS],
    );
  }

  async enqueueDigest(em: EntityManager, userId: string, week: string, before: Date): Promise<void> {
    if (!this.usesGraphileWorker) return;
    await em.query(`SELECT graphile_worker.add_job($1, json_build_object('userId', $2::text, 'week', $3::text, 'before', $4::text), job_key := $5, max_attempts := $6, job_key_mode := 'unsafe_dedupe')`, [
      DIGEST_TASK,
      userId,
      week,
      before.toISOString(),
      `digest:${userId}:${week}`,
      MAX_MAIL_ATTEMPTS,
    ]);
  }
}
