import { createHash, randomBytes } from 'node:crypto';
import { DomainError, ErrorCode, consolePath, issueAt, notificationTitle, type Language, type MailMode, type NotificationKind, type NotificationParams, type WatchTarget } from '@efa/domain';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../common/actor.js';
import { UUID_PATTERN } from '../common/crud.service.js';
import { NOTIFICATION_CONFIG, type NotificationConfig } from './notification.config.js';
import type { CalendarFeed, Notification, NotificationPage, NotificationSettings, Watch } from './notification.types.js';

/** Where each watchable record lives and what names it. */
const TARGETS: Record<WatchTarget, { table: string; label: string; name: string }> = {
  AUTHORITY: { table: 'authority', label: 't.name', name: 'Authority' },
  SERVICE: { table: 'service', label: 't.name', name: 'Service' },
  STATE: { table: 'state', label: 't.name', name: 'State' },
  ONBOARDING: {
    table: 'onboarding',
    label: `(SELECT a.name || ' · ' || sv.name FROM authority a, service sv WHERE a.id = t.authority_id AND sv.id = t.service_id)`,
    name: 'Onboarding',
  },
};

/** The rows an UPDATE/DELETE … RETURNING gave back (TypeORM answers those as [rows, affected]). */
const returned = (result: unknown): unknown[] => (Array.isArray(result) && Array.isArray(result[0]) ? result[0] : (result as unknown[]));

export const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/** The signed-in user's side of notifications: watches, the notification list, settings and the calendar token. */
@Injectable()
export class NotificationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(NOTIFICATION_CONFIG) private readonly config: NotificationConfig,
  ) {}

  private userId(actor: Actor): string {
    if (!UUID_PATTERN.test(actor.userId)) throw new DomainError(ErrorCode.FORBIDDEN, 'Only a signed-in user has watches, notifications and settings');
    return actor.userId;
  }

  async watch(actor: Actor, targetType: WatchTarget, targetId: string): Promise<Watch> {
    const userId = this.userId(actor);
    const target = TARGETS[targetType];
    if (!target) throw DomainError.validation([issueAt('targetType', 'NOT_ONE_OF', { values: Object.keys(TARGETS).join(', '), input: String(targetType) })]);
    if (!UUID_PATTERN.test(targetId)) throw DomainError.validation([issueAt('targetId', 'NOT_AN_ID', { value: targetId })]);
    const [found] = await this.dataSource.query(`SELECT 1 FROM ${target.table} WHERE id = $1`, [targetId]);
    if (!found) throw DomainError.validation([issueAt('targetId', 'WATCH_TARGET_NOT_FOUND', { target: target.name, value: targetId })]);
    await this.dataSource.query(`INSERT INTO watch (user_id, target_type, target_id) VALUES ($1, $2, $3) ON CONFLICT (user_id, target_type, target_id) DO NOTHING`, [userId, targetType, targetId]);
    const [watch] = await this.watches(actor, targetType, targetId);
    return watch;
  }

  async unwatch(actor: Actor, targetType: WatchTarget, targetId: string): Promise<boolean> {
    const userId = this.userId(actor);
    if (!UUID_PATTERN.test(targetId)) throw DomainError.validation([issueAt('targetId', 'NOT_AN_ID', { value: targetId })]);
    const rows = returned(await this.dataSource.query(`DELETE FROM watch WHERE user_id = $1 AND target_type = $2 AND target_id = $3 RETURNING id`, [userId, targetType, targetId]));
    return rows.length > 0;
  }

  async watches(actor: Actor, targetType?: WatchTarget | null, targetId?: string | null): Promise<Watch[]> {
    const userId = this.userId(actor);
    if (targetId && !UUID_PATTERN.test(targetId)) throw DomainError.validation([issueAt('targetId', 'NOT_AN_ID', { value: targetId })]);
    const parts = (Object.keys(TARGETS) as WatchTarget[])
      .filter((t) => !targetType || t === targetType)
      .map(
        (t) => `SELECT w.id, w.target_type, w.target_id, w.created_at, coalesce((SELECT ${TARGETS[t].label} FROM ${TARGETS[t].table} t WHERE t.id = w.target_id), '–') AS label
                  FROM watch w WHERE w.user_id = $1 AND w.target_type = '${t}' AND ($2::uuid IS NULL OR w.target_id = $2::uuid)`,
      );
    const rows = await this.dataSource.query(`${parts.join(' UNION ALL ')} ORDER BY created_at DESC, id`, [userId, targetId ?? null]);
    return rows.map((r: Record<string, never>) => ({ id: r.id, targetType: r.target_type, targetId: r.target_id, label: r.label, createdAt: r.created_at }));
  }

  private async language(userId: string): Promise<Language> {
    const [s] = await this.dataSource.query(`SELECT language FROM notification_setting WHERE user_id = $1`, [userId]);
    return s?.language ?? 'de';
  }

  async list(actor: Actor, page = 0, perPage = 25, unreadOnly = false): Promise<NotificationPage> {
    const userId = this.userId(actor);
    if (!Number.isInteger(perPage) || perPage < 1 || perPage > 200) throw DomainError.validation([issueAt('perPage', 'NOT_BETWEEN', { min: 1, max: 200, value: String(perPage) })]);
    if (!Number.isInteger(page) || page < 0) throw DomainError.validation([issueAt('page', 'NOT_ZERO_OR_MORE', { value: String(page) })]);
    const language = await this.language(userId);
    const rows = await this.dataSource.query(
      `SELECT n.id, n.read_at, n.created_at, e.kind, e.params, e.onboarding_id, e.authority_id, e.service_id, e.state_id
         FROM notification n JOIN notification_event e ON e.id = n.event_id
        WHERE n.user_id = $1 AND (NOT $2::boolean OR n.read_at IS NULL)
        ORDER BY n.created_at DESC, n.id DESC OFFSET $3 LIMIT $4`,
      [userId, unreadOnly, page * perPage, perPage],
    );
    const [{ total, unread }] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE NOT $2::boolean OR read_at IS NULL)::int AS total, count(*) FILTER (WHERE read_at IS NULL)::int AS unread FROM notification WHERE user_id = $1`,
      [userId, unreadOnly],
    );
    return { items: rows.map((r: Record<string, unknown>) => this.toNotification(r, language)), total, unread };
  }

  private toNotification(r: Record<string, unknown>, language: Language): Notification {
    const ref = { onboardingId: r.onboarding_id as string | null, authorityId: r.authority_id as string | null, serviceId: r.service_id as string | null, stateId: r.state_id as string | null };
    return {
      id: r.id as string,
      kind: r.kind as NotificationKind,
      title: notificationTitle(r.kind as NotificationKind, r.params as NotificationParams, language),
      read: r.read_at !== null,
      createdAt: r.created_at as Date,
      link: consolePath(ref).replace(/^\//, ''),
      ...ref,
    };
  }

  async unreadCount(actor: Actor): Promise<number> {
    const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n FROM notification WHERE user_id = $1 AND read_at IS NULL`, [this.userId(actor)]);
    return n;
  }

  async markRead(actor: Actor, id: string): Promise<Notification> {
    const userId = this.userId(actor);
    if (!UUID_PATTERN.test(id)) throw DomainError.validation([issueAt('id', 'NOT_AN_ID', { value: id })]);
    await this.dataSource.query(`UPDATE notification SET read_at = coalesce(read_at, now()) WHERE id = $1 AND user_id = $2`, [id, userId]);
    const [row] = await this.dataSource.query(
      `SELECT n.id, n.read_at, n.created_at, e.kind, e.params, e.onboarding_id, e.authority_id, e.service_id, e.state_id
         FROM notification n JOIN notification_event e ON e.id = n.event_id WHERE n.id = $1 AND n.user_id = $2`,
      [id, userId],
    );
    if (!row) throw DomainError.notFound('Notification', id);
    return this.toNotification(row, await this.language(userId));
  }

  async markAllRead(actor: Actor): Promise<number> {
    const rows = returned(await this.dataSource.query(`UPDATE notification SET read_at = now() WHERE user_id = $1 AND read_at IS NULL RETURNING id`, [this.userId(actor)]));
    return rows.length;
  }

  async settings(actor: Actor): Promise<NotificationSettings> {
    const [s] = await this.dataSource.query(`SELECT mail_mode, language, calendar_token_hash, calendar_token_created_at FROM notification_setting WHERE user_id = $1`, [this.userId(actor)]);
    return {
      mailMode: s?.mail_mode ?? 'IMMEDIATE',
      language: s?.language ?? 'de',
      mailEnabled: this.config.mail !== undefined,
      calendarFeedActive: Boolean(s?.calendar_token_hash),
      calendarTokenCreatedAt: s?.calendar_token_created_at ?? null,
    };
  }

  async updateSettings(actor: Actor, mailMode: MailMode | null | undefined, language: Language | null | undefined): Promise<NotificationSettings> {
    const userId = this.userId(actor);
    await this.dataSource.transaction(async (em) => {
      const [before] = await em.query(`SELECT mail_mode, language FROM notification_setting WHERE user_id = $1 FOR UPDATE`, [userId]);
      const from = { mailMode: before?.mail_mode ?? 'IMMEDIATE', language: before?.language ?? 'de' };
      const to = { mailMode: mailMode ?? from.mailMode, language: language ?? from.language };
      await em.query(
        `INSERT INTO notification_setting (user_id, mail_mode, language) VALUES ($1, $2, $3)
         ON CONFLICT (user_id) DO UPDATE SET mail_mode = EXCLUDED.mail_mode, language = EXCLUDED.language, updated_at = now()`,
        [userId, to.mailMode, to.language],
      );
      const changes = Object.fromEntries(Object.entries(to).filter(([k, v]) => v !== from[k as keyof typeof from]).map(([k, v]) => [k, { from: from[k as keyof typeof from], to: v }]));
      if (Object.keys(changes).length) await this.audit.record(em, { actor: actor.id, entityType: 'NotificationSetting', entityId: userId, action: 'UPDATE', changes });
    });
    return this.settings(actor);
  }

  /** A new calendar token (the old one stops working); only its hash is stored. */
  async regenerateCalendarToken(actor: Actor): Promise<CalendarFeed> {
    const userId = this.userId(actor);
    const token = randomBytes(32).toString('base64url');
    await this.dataSource.transaction(async (em) => {
      await em.query(
        `INSERT INTO notification_setting (user_id, calendar_token_hash, calendar_token_created_at) VALUES ($1, $2, now())
         ON CONFLICT (user_id) DO UPDATE SET calendar_token_hash = EXCLUDED.calendar_token_hash, calendar_token_created_at = now(), updated_at = now()`,
        [userId, hashToken(token)],
      );
      await this.audit.record(em, { actor: actor.id, entityType: 'NotificationSetting', entityId: userId, action: 'REGENERATE_CALENDAR_TOKEN', changes: {} });
    });
    return { token, url: `${this.config.publicUrl}/calendar/${token}.ics` };
  }

  async revokeCalendarToken(actor: Actor): Promise<boolean> {
    const userId = this.userId(actor);
    return this.dataSource.transaction(async (em) => {
      const rows = returned(await em.query(`UPDATE notification_setting SET calendar_token_hash = NULL, calendar_token_created_at = NULL, updated_at = now() WHERE user_id = $1 AND calendar_token_hash IS NOT NULL RETURNING user_id`, [userId]));
      if (rows.length) await this.audit.record(em, { actor: actor.id, entityType: 'NotificationSetting', entityId: userId, action: 'REVOKE_CALENDAR_TOKEN', changes: {} });
      return rows.length > 0;
    });
  }
}
