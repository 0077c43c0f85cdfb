import { INTERNAL_KINDS, eventKindOf, localDate, type NotificationKind, type NotificationParams } from '@efa/domain';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService, type AuditListener, type RecordedAuditEvent } from '../audit/audit.service.js';
import { NOTIFICATION_CONFIG, type NotificationConfig } from './notification.config.js';
import { NotificationQueue } from './notification-queue.js';

/** Where an event happened: the onboarding and what it belongs to (any may be null). */
export interface EventContext {
  onboardingId: string | null;
  authorityId: string | null;
  serviceId: string | null;
  stateId: string | null;
}

export interface NewEvent extends EventContext {
  kind: NotificationKind;
  /** Idempotency key of time-based events (MILESTONE_OVERDUE:<id>:<due date>): a second event with it is not written. */
  key?: string | null;
  entityType: string;
  entityId: string | null;
  params: NotificationParams;
  actor: string;
  /** Users told besides the watchers (e.g. the owner of an action item). */
  alsoUserIds?: string[];
}

/**
 * Turns writes into notification events, in the write's transaction: the
 * audit service calls `afterAudit` right after the audit event; the event row
 * (the outbox), one notification row per watching user and, for users who
 * want immediate mails, the mail job are written there, so they commit or
 * roll back with the write.
 */
@Injectable()
export class NotificationEvents implements AuditListener, OnModuleInit {
  constructor(
    private readonly audit: AuditService,
    private readonly queue: NotificationQueue,
    @Inject(NOTIFICATION_CONFIG) private readonly config: NotificationConfig,
  ) {}

  onModuleInit(): void {
    this.audit.addListener(this);
  }

  async afterAudit(em: EntityManager, event: RecordedAuditEvent): Promise<void> {
    const kind = eventKindOf(event);
    if (!kind) return;
    const c = event.changes;
    let onboardingId: string | null = null;
    let params: NotificationParams = {};
    let context: EventContext | null = null;
    if (event.entityType === 'Onboarding') {
      onboardingId = event.entityId;
      params = { fromStage: c.stage?.from as string, toStage: c.stage?.to as string };
      if (kind === 'WENT_LIVE') params.liveOn = localDate(new Date(String(c.liveAt!.to)));
    } else if (event.entityType === 'Blocker') {
      const [b] = await em.query(`SELECT onboarding_id, title FROM blocker WHERE id = $1`, [event.entityId]);
      if (!b) return;
      onboardingId = b.onboarding_id;
      params = { title: b.title };
    } else if (event.entityType === 'ReuseContract') {
      const [r] = await em.query(
        `SELECT r.state_id, r.service_id, st.name AS state, sv.name AS service FROM reuse_contract r JOIN state st ON st.id = r.state_id JOIN service sv ON sv.id = r.service_id WHERE r.id = $1`,
        [event.entityId],
      );
      if (!r) return;
      context = { onboardingId: null, authorityId: null, serviceId: r.service_id, stateId: r.state_id };
      params = { state: r.state, service: r.service, fromStatus: c.status?.from as string, toStatus: c.status?.to as string };
    }
    if (onboardingId) {
      const found = await this.onboardingContext(em, onboardingId);
      if (!found) return;
      context = found.context;
      params = { ...found.params, ...params };
    }
    if (!context) return;
    await this.emit(em, { kind, entityType: event.entityType, entityId: event.entityId, params, actor: event.actor, ...context });
  }

  /**
   * `afterAudit` for many events in a few statements (the bulk advance): the onboarding
   * events' contexts in one read, their notification events and fan-out in one statement;
   * other events one by one as `afterAudit` does.
   */
  async afterAuditMany(em: EntityManager, events: RecordedAuditEvent[]): Promise<void> {
    const onboardingEvents: Array<{ event: RecordedAuditEvent; kind: NotificationKind }> = [];
    for (const event of events) {
      const kind = eventKindOf(event);
      if (!kind) continue;
      if (event.entityType === 'Onboarding') onboardingEvents.push({ event, kind });
      else await this.afterAudit(em, event);
    }
    if (!onboardingEvents.length) return;
    const ids = [...new Set(onboardingEvents.map((e) => e.event.entityId))];
    const rows: Array<{ id: string; authority_id: string; service_id: string; state_id: string; authority: string; service: string; state: string }> = await em.query(
      `SELECT o.id, o.authority_id, o.service_id, a.state_id, a.name AS authority, sv.name AS service, st.name AS state
         FROM onboarding o JOIN authority a ON a.id = o.authority_id JOIN service sv ON sv.id = o.service_id JOIN state st ON st.id = a.state_id
        WHERE o.id = ANY($1::uuid[])`,
      [ids],
    );
    const byId = new Map(rows.map((o) => [o.id, o]));
    const list: NewEvent[] = [];
    for (const { event, kind } of onboardingEvents) {
      const o = byId.get(event.entityId);
      if (!o) continue;
      const c = event.changes;
      const params: NotificationParams = { authority: o.authority, service: o.service, state: o.state, fromStage: c.stage?.from as string, toStage: c.stage?.to as string };
      if (kind === 'WENT_LIVE') params.liveOn = localDate(new Date(String(c.liveAt!.to)));
      list.push({ kind, entityType: event.entityType, entityId: event.entityId, params, actor: event.actor, onboardingId: o.id, authorityId: o.authority_id, serviceId: o.service_id, stateId: o.state_id });
    }
    await this.emitMany(em, list);
  }

  /**
   * `emit` for many events (without idempotency keys or extra users) in one statement:
   * the event rows and their fan-out to the watchers, with the same rules as `emit`.
   * Returns the number of notifications written.
   */
  async emitMany(em: EntityManager, events: NewEvent[]): Promise<number> {
    if (!events.length) return 0;
    const items = events.map((e) => ({
      kind: e.kind,
      entity_type: e.entityType,
      entity_id: e.entityId,
      onboarding_id: e.onboardingId,
      authority_id: e.authorityId,
      service_id: e.serviceId,
      state_id: e.stateId,
      params: e.params,
      actor: e.actor,
    }));
    const rows: Array<{ id: string; delivery: string }> = await em.query(
      `WITH ev AS (
         INSERT INTO notification_event (kind, entity_type, entity_id, onboarding_id, authority_id, service_id, state_id, params, actor)
         SELECT kind, entity_type, entity_id, onboarding_id, authority_id, service_id, state_id, params, actor
           FROM jsonb_to_recordset($1::jsonb) AS e(kind text, entity_type text, entity_id uuid, onboarding_id uuid, authority_id uuid, service_id uuid, state_id uuid, params jsonb, actor text)
         RETURNING id, kind, onboarding_id, authority_id, service_id, state_id, actor
       ), watcher AS (
         SELECT ev.id AS event_id, w.user_id FROM ev JOIN watch w ON w.target_type = 'ONBOARDING' AND w.target_id = ev.onboarding_id
         UNION SELECT ev.id, w.user_id FROM ev JOIN watch w ON w.target_type = 'AUTHORITY' AND w.target_id = ev.authority_id
         UNION SELECT ev.id, w.user_id FROM ev JOIN watch w ON w.target_type = 'SERVICE' AND w.target_id = ev.service_id
         UNION SELECT ev.id, w.user_id FROM ev JOIN watch w ON w.target_type = 'STATE' AND w.target_id = ev.state_id
       )
       INSERT INTO notification (user_id, event_id, delivery)
       SELECT u.id, ev.id,
              CASE WHEN NOT $3::boolean THEN 'NONE'
                   WHEN coalesce(s.mail_mode, 'IMMEDIATE') = 'IMMEDIATE' THEN 'IMMEDIATE'
                   WHEN s.mail_mode = 'WEEKLY_DIGEST' THEN 'DIGEST'
                   ELSE 'NONE' END
         FROM watcher JOIN ev ON ev.id = watcher.event_id
         JOIN app_user u ON u.id = watcher.user_id AND u.active
         LEFT JOIN notification_setting s ON s.user_id = u.id
        WHERE u.email <> ev.actor
          AND NOT (ev.kind = ANY($2::text[]) AND u.role = 'STATE_COORDINATOR' AND u.state_id IS DISTINCT FROM ev.state_id)
       ON CONFLICT DO NOTHING
       RETURNING id, delivery`,
      [JSON.stringify(items), INTERNAL_KINDS, this.config.mail !== undefined],
    );
    const immediate = rows.filter((r) => r.delivery === 'IMMEDIATE').map((r) => r.id);
    if (immediate.length) await this.queue.enqueueMails(em, immediate);
    return rows.length;
  }

  /** The onboarding's authority, service and state, with the names the texts show. */
  async onboardingContext(em: EntityManager, onboardingId: string): Promise<{ context: EventContext; params: NotificationParams } | null> {
    const [o] = await em.query(
      `SELECT o.id, o.authority_id, o.service_id, a.state_id, a.name AS authority, sv.name AS service, st.name AS state
         FROM onboarding o JOIN authority a ON a.id = o.authority_id JOIN service sv ON sv.id = o.service_id JOIN state st ON st.id = a.state_id
        WHERE o.id = $1`,
      [onboardingId],
    );
    if (!o) return null;
    return {
      context: { onboardingId: o.id, authorityId: o.authority_id, serviceId: o.service_id, stateId: o.state_id },
      params: { authority: o.authority, service: o.service, state: o.state },
    };
  }

  /**
   * Writes the event and fans it out to everyone who watches the onboarding,
   * its authority, its service or its state (not to the user who made the
   * change; obstacles not to coordinators of other states). Returns the
   * number of notifications written (0 also when the key existed).
   */
  async emit(em: EntityManager, e: NewEvent): Promise<number> {
    const [inserted] = await em.query(
      `INSERT INTO notification_event (kind, event_key, entity_type, entity_id, onboarding_id, authority_id, service_id, state_id, params, actor)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (event_key) DO NOTHING RETURNING id`,
      [e.kind, e.key ?? null, e.entityType, e.entityId, e.onboardingId, e.authorityId, e.serviceId, e.stateId, JSON.stringify(e.params), e.actor],
    );
    if (!inserted) return 0;
    const rows: Array<{ id: string; delivery: string }> = await em.query(
      `WITH watcher AS (
         SELECT DISTINCT w.user_id FROM watch w
          WHERE (w.target_type = 'ONBOARDING' AND w.target_id = $2::uuid)
             OR (w.target_type = 'AUTHORITY' AND w.target_id = $3::uuid)
             OR (w.target_type = 'SERVICE' AND w.target_id = $4::uuid)
             OR (w.target_type = 'STATE' AND w.target_id = $5::uuid)
         UNION SELECT unnest($9::uuid[])
       )
       INSERT INTO notification (user_id, event_id, delivery)
       SELECT u.id, $1::uuid,
              CASE WHEN NOT $8::boolean THEN 'NONE'
                   WHEN coalesce(s.mail_mode, 'IMMEDIATE') = 'IMMEDIATE' THEN 'IMMEDIATE'
                   WHEN s.mail_mode = 'WEEKLY_DIGEST' THEN 'DIGEST'
                   ELSE 'NONE' END
         FROM watcher JOIN app_user u ON u.id = watcher.user_id AND u.active
         LEFT JOIN notification_setting s ON s.user_id = u.id
        WHERE u.email <> $6
          AND NOT ($7::boolean AND u.role = 'STATE_COORDINATOR' AND u.state_id IS DISTINCT FROM $5::uuid)
       ON CONFLICT DO NOTHING
       RETURNING id, delivery`,
      [inserted.id, e.onboardingId, e.authorityId, e.serviceId, e.stateId, e.actor, INTERNAL_KINDS.includes(e.kind), this.config.mail !== undefined, e.alsoUserIds ?? []],
    );
    const immediate = rows.filter((r) => r.delivery === 'IMMEDIATE').map((r) => r.id);
    if (immediate.length) await this.queue.enqueueMails(em, immediate);
    return rows.length;
  }
}
