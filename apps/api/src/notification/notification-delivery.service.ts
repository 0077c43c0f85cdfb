import {
  BUSINESS_TIME_ZONE,
  MAIL_TEXTS,
  consolePath,
  digestSubject,
  digestWeekDue,
  mailSubject,
  notificationTitle,
  today,
  type Language,
  type NotificationKind,
  type NotificationParams,
} from '@efa/domain';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Mailer, escapeHtml } from './mailer.js';
import { NOTIFICATION_CONFIG, type NotificationConfig } from './notification.config.js';
import { NotificationEvents, type NewEvent } from './notification-events.service.js';
import { NotificationQueue } from './notification-queue.js';

/** A source of time-based events (milestone overdue; action items due once meetings exist): what is due on `day`. */
export interface DueEventSource {
  name: string;
  collect(em: EntityManager, day: string): Promise<NewEvent[]>;
}

/** Overdue open milestones of onboardings someone watches (directly or through authority, service, state); once per milestone and due date. */
export const overdueMilestones: DueEventSource = {
  name: 'MILESTONE_OVERDUE',
  async collect(em, day) {
    const rows = await em.query(
      `SELECT m.id, m.name_de, m.name_en, m.due_date, o.id AS onboarding_id, o.authority_id, o.service_id, a.state_id,
              a.name AS authority, sv.name AS service, st.name AS state
         FROM milestone m
         JOIN onboarding o ON o.id = m.onboarding_id AND o.status <> 'CANCELLED'
         JOIN authority a ON a.id = o.authority_id JOIN service sv ON sv.id = o.service_id JOIN state st ON st.id = a.state_id
        WHERE m.status = 'OPEN' AND m.due_date < $1::date
          AND EXISTS (SELECT 1 FROM watch w
                       WHERE (w.target_type = 'ONBOARDING' AND w.target_id = o.id) OR (w.target_type = 'AUTHORITY' AND w.target_id = o.authority_id)
                          OR (w.target_type = 'SERVICE' AND w.target_id = o.service_id) OR (w.target_type = 'STATE' AND w.target_id = a.state_id))
          AND NOT EXISTS (SELECT 1 FROM notification_event e WHERE e.event_key = 'MILESTONE_OVERDUE:' || m.id || ':' || m.due_date)
        ORDER BY m.due_date, m.id
        LIMIT 5000`,
      [day],
    );
    return rows.map(
      (r: Record<string, string>): NewEvent => ({
        kind: 'MILESTONE_OVERDUE',
        key: `MILESTONE_OVERDUE:${r.id}:${r.due_date}`,
        entityType: 'Milestone',
        entityId: r.id,
        onboardingId: r.onboarding_id,
        authorityId: r.authority_id,
        serviceId: r.service_id,
        stateId: r.state_id,
        params: { authority: r.authority, service: r.service, state: r.state, milestoneDe: r.name_de, milestoneEn: r.name_en, dueDate: r.due_date },
        actor: 'system',
      }),
    );
  },
};

/**
 * Open action items (meetings) due today or earlier: to their owner and to the watchers of what
 * they are linked to (an onboarding, directly or through an obstacle; an authority; a contract's
 * state and service); once per item and due date.
 */
export const dueActionItems: DueEventSource = {
  name: 'ACTION_ITEM_DUE',
  async collect(em, day) {
    const rows = await em.query(
      `SELECT i.id, i.text, i.due_date, i.owner_user_id, m.title AS meeting,
              o.id AS onboarding_id, coalesce(o.authority_id, i.authority_id) AS authority_id,
              coalesce(o.service_id, rc.service_id) AS service_id, coalesce(a.state_id, rc.state_id) AS state_id,
              a.name AS authority, sv.name AS service, st.name AS state
         FROM meeting_item i JOIN meeting m ON m.id = i.meeting_id
         LEFT JOIN blocker b ON b.id = i.blocker_id
         LEFT JOIN onboarding o ON o.id = coalesce(i.onboarding_id, b.onboarding_id)
         LEFT JOIN reuse_contract rc ON rc.id = i.reuse_contract_id
         LEFT JOIN authority a ON a.id = coalesce(o.authority_id, i.authority_id)
         LEFT JOIN service sv ON sv.id = coalesce(o.service_id, rc.service_id)
         LEFT JOIN state st ON st.id = coalesce(a.state_id, rc.state_id)
        WHERE i.kind = 'ACTION_ITEM' AND i.status IN ('OPEN', 'IN_PROGRESS') AND i.due_date <= $1::date
          AND NOT EXISTS (SELECT 1 FROM notification_event e WHERE e.event_key = 'ACTION_ITEM_DUE:' || i.id || ':' || i.due_date)
        ORDER BY i.due_date, i.id
        LIMIT 5000`,
      [day],
    );
    return rows.map(
      (r: Record<string, string | null>): NewEvent => ({
        kind: 'ACTION_ITEM_DUE',
        key: `ACTION_ITEM_DUE:${r.id}:${r.due_date}`,
        entityType: 'MeetingItem',
        entityId: r.id,
        onboardingId: r.onboarding_id,
        authorityId: r.authority_id,
        serviceId: r.service_id,
        stateId: r.state_id,
        params: { title: (r.text ?? '').slice(0, 140), dueDate: r.due_date, meeting: r.meeting, authority: r.authority, service: r.service, state: r.state },
        actor: 'system',
        alsoUserIds: r.owner_user_id ? [r.owner_user_id] : [],
      }),
    );
  },
};

interface MailRow {
  id: string;
  mail_sent_at: Date | null;
  delivery: string;
  email: string;
  display_name: string;
  language: Language;
  kind: NotificationKind;
  params: NotificationParams;
  onboarding_id: string | null;
  authority_id: string | null;
  service_id: string | null;
  state_id: string | null;
}

const MAIL_ROW = `SELECT n.id, n.mail_sent_at, n.delivery, u.email, u.display_name, coalesce(s.language, 'de') AS language,
                         e.kind, e.params, e.onboarding_id, e.authority_id, e.service_id, e.state_id, n.created_at
                    FROM notification n JOIN app_user u ON u.id = n.user_id JOIN notification_event e ON e.id = n.event_id
                    LEFT JOIN notification_setting s ON s.user_id = n.user_id`;

/**
 * Delivers notifications by mail and runs the scheduled work. Every method is
 * safe to run again (a retried job, a second instance): an immediate mail is
 * sent only while `mail_sent_at` is empty, a digest only while its
 * (user, ISO week) row is missing, a time-based event only while its key is
 * new. Message-IDs come from the notification id (or user and week), so the
 * one case a retry can repeat — the SMTP server accepted, the process died
 * before marking it sent — carries the same Message-ID twice.
 */
@Injectable()
export class NotificationDelivery implements OnApplicationShutdown {
  private readonly log = new Logger('Notifications');
  readonly mailer: Mailer;
  private readonly sources: DueEventSource[] = [overdueMilestones, dueActionItems];

  constructor(
    private readonly dataSource: DataSource,
    private readonly events: NotificationEvents,
    private readonly queue: NotificationQueue,
    @Inject(NOTIFICATION_CONFIG) private readonly config: NotificationConfig,
  ) {
    this.mailer = new Mailer(config.mail);
  }

  onApplicationShutdown(): void {
    this.mailer.close();
  }

  /** Adds a source of time-based events (e.g. action items due, from the meetings feature). */
  addDueSource(source: DueEventSource): void {
    if (!this.sources.some((s) => s.name === source.name)) this.sources.push(source);
  }

  private host(): string {
    return new URL(this.config.publicUrl).hostname || 'localhost';
  }

  messageIdOf(notificationId: string): string {
    return `<notification.${notificationId}@${this.host()}>`;
  }

  digestMessageIdOf(userId: string, week: string): string {
    return `<digest.${userId}.${week}@${this.host()}>`;
  }

  private link(row: Pick<MailRow, 'onboarding_id' | 'authority_id' | 'service_id' | 'state_id'>): string {
    return `${this.config.publicUrl}${consolePath({ onboardingId: row.onboarding_id, authorityId: row.authority_id, serviceId: row.service_id, stateId: row.state_id })}`;
  }

  /** Sends one immediate notification mail unless it was sent; 'sent' or why not. */
  async sendImmediate(notificationId: string): Promise<'sent' | 'already-sent' | 'not-for-mail' | 'mail-off'> {
    const [row]: MailRow[] = await this.dataSource.query(`${MAIL_ROW} WHERE n.id = $1`, [notificationId]);
    if (!row || row.delivery !== 'IMMEDIATE') return 'not-for-mail';
    if (row.mail_sent_at) return 'already-sent';
    if (!this.mailer.enabled) return 'mail-off';
    const t = MAIL_TEXTS[row.language];
    const title = notificationTitle(row.kind, row.params, row.language);
    const link = this.link(row);
    await this.mailer.send({
      to: row.email,
      subject: mailSubject(row.kind, row.params, row.language),
      text: `${t.greeting(row.display_name)}\n\n${title}\n\n${t.open}: ${link}\n\n-- \n${t.why}\n`,
      html: `<p>${escapeHtml(t.greeting(row.display_name))}</p><p><strong>${escapeHtml(title)}</strong></p><p><a href="${escapeHtml(link)}">${escapeHtml(t.open)}</a></p><hr><p><small>${escapeHtml(t.why)}</small></p>`,
      messageId: this.messageIdOf(row.id),
    });
    await this.dataSource.query(`UPDATE notification SET mail_sent_at = now(), mail_attempts = mail_attempts + 1, mail_error = NULL WHERE id = $1 AND mail_sent_at IS NULL`, [row.id]);
    return 'sent';
  }

  /** Sends a user's digest of an ISO week (the notifications for digest created before `before`) unless it was sent. */
  async sendDigest(userId: string, week: string, before: Date): Promise<'sent' | 'already-sent' | 'empty' | 'mail-off'> {
    const [done] = await this.dataSource.query(`SELECT 1 FROM notification_digest WHERE user_id = $1 AND iso_week = $2`, [userId, week]);
    if (done) return 'already-sent';
    if (!this.mailer.enabled) return 'mail-off';
    const rows: MailRow[] = await this.dataSource.query(
      `${MAIL_ROW} WHERE n.user_id = $1 AND n.delivery = 'DIGEST' AND n.digest_week IS NULL AND n.created_at < $2 ORDER BY n.created_at, n.id LIMIT 500`,
      [userId, before],
    );
    if (rows.length === 0) return 'empty';
    const first = rows[0];
    const t = MAIL_TEXTS[first.language];
    const items = rows.map((r) => ({ title: notificationTitle(r.kind, r.params, r.language), link: this.link(r) }));
    const messageId = this.digestMessageIdOf(userId, week);
    await this.mailer.send({
      to: first.email,
      subject: digestSubject(week, rows.length, first.language),
      text: `${t.greeting(first.display_name)}\n\n${t.digestIntro(week)}\n\n${items.map((i) => `- ${i.title}\n  ${i.link}`).join('\n')}\n\n-- \n${t.why}\n`,
      html: `<p>${escapeHtml(t.greeting(first.display_name))}</p><p>${escapeHtml(t.digestIntro(week))}</p><ul>${items
        .map((i) => `<li><a href="${escapeHtml(i.link)}">${escapeHtml(i.title)}</a></li>`)
        .join('')}</ul><hr><p><small>${escapeHtml(t.why)}</small></p>`,
      messageId,
    });
    await this.dataSource.transaction(async (em) => {
      await em.query(`INSERT INTO notification_digest (user_id, iso_week, message_id, notification_count) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, [userId, week, messageId, rows.length]);
      await em.query(`UPDATE notification SET digest_week = $2 WHERE id = ANY($1::uuid[]) AND digest_week IS NULL`, [rows.map((r) => r.id), week]);
    });
    return 'sent';
  }

  /** Creates the time-based events due at `now` (each in its own transaction, idempotent by key); returns how many notifications they made. */
  async createDueEvents(now: Date = new Date()): Promise<number> {
    const day = today(now);
    let made = 0;
    for (const source of this.sources) {
      const events = await source.collect(this.dataSource.manager, day);
      for (const event of events) made += await this.dataSource.transaction((em) => this.events.emit(em, event));
    }
    return made;
  }

  /** Users with notifications waiting for the digest of the week before `now`, and the end of that week. */
  async dueDigests(now: Date = new Date()): Promise<{ week: string; before: Date; userIds: string[] }> {
    const week = digestWeekDue(now);
    const [{ before }] = await this.dataSource.query(`SELECT (date_trunc('week', $1::timestamptz AT TIME ZONE '${BUSINESS_TIME_ZONE}') AT TIME ZONE '${BUSINESS_TIME_ZONE}') AS before`, [now]);
    const users = await this.dataSource.query(
      `SELECT DISTINCT n.user_id FROM notification n
        WHERE n.delivery = 'DIGEST' AND n.digest_week IS NULL AND n.created_at < $1
          AND NOT EXISTS (SELECT 1 FROM notification_digest d WHERE d.user_id = n.user_id AND d.iso_week = $2)`,
      [before, week],
    );
    return { week, before: new Date(before), userIds: users.map((u: { user_id: string }) => u.user_id) };
  }

  /**
   * The scheduled work (hourly; daily would do, hourly catches up sooner after downtime): time-based events,
   * then the digest jobs of last week. On PostgreSQL the digests go into the queue; the poller (PGlite) sends them itself.
   */
  async runSchedule(now: Date = new Date()): Promise<{ dueNotifications: number; digests: number }> {
    const dueNotifications = await this.createDueEvents(now);
    const { week, before, userIds } = await this.dueDigests(now);
    if (this.mailer.enabled) {
      for (const userId of userIds) {
        if (this.queue.usesGraphileWorker) await this.dataSource.transaction((em) => this.queue.enqueueDigest(em, userId, week, before));
        else await this.sendDigest(userId, week, before).catch((e) => this.log.warn(`digest ${week} for ${userId} not sent yet: ${String(e)}`));
      }
    }
    return { dueNotifications, digests: userIds.length };
  }
}
