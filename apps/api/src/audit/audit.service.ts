import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditEvent, type FieldChanges } from './audit-event.entity.js';

export type AuditAction = 'CREATE' | 'UPDATE' | 'DELETE' | (string & {});

const IGNORED = new Set(['createdAt', 'updatedAt', 'version']);

/** Fields whose values never go into the audit log, only that they changed (the password hash). */
const SECRET = new Set(['passwordHash']);
const HIDDEN = '(hidden)';

/** What the audit log shows of a field's value: a secret only as set or not set. */
export function auditValue(field: string, value: unknown): unknown {
  return SECRET.has(field) && value !== null && value !== undefined ? HIDDEN : value;
}

function normalise(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  return value === undefined ? null : value;
}

/** Field-level before/after of two versions of a record (timestamps and version left out). */
export function diffRecords(before: object | null, after: object | null): FieldChanges {
  const changes: FieldChanges = {};
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (IGNORED.has(key) || key === 'id') continue;
    const from = normalise(b[key]);
    const to = normalise(a[key]);
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[key] = { from: auditValue(key, from), to: auditValue(key, to) };
  }
  return changes;
}

export interface RecordedAuditEvent {
  actor: string;
  entityType: string;
  entityId: string;
  action: AuditAction;
  changes: FieldChanges;
  comment?: string | null;
}

/**
 * Reacts to an audit event inside the same transaction (the notification outbox): whatever it
 * writes commits or rolls back with the write that caused the event.
 */
export interface AuditListener {
  afterAudit(em: EntityManager, event: RecordedAuditEvent): Promise<void>;
  /** Many events at once (a batched write asked for its listeners); without it, `afterAudit` is called per event. */
  afterAuditMany?(em: EntityManager, events: RecordedAuditEvent[]): Promise<void>;
}

/** Writes audit events inside the caller's transaction, so a failed write leaves no event. */
@Injectable()
export class AuditService {
  private readonly listeners: AuditListener[] = [];

  /** Registers a listener called after every recorded (non-security) event, in the caller's transaction. */
  addListener(listener: AuditListener): void {
    if (!this.listeners.includes(listener)) this.listeners.push(listener);
  }

  async record(em: EntityManager, event: RecordedAuditEvent): Promise<void> {
    await em.insert(AuditEvent, event as never);
    for (const listener of this.listeners) await listener.afterAudit(em, event);
  }

  /**
   * Many events in one statement per 1,000 (a batched write, e.g. the spreadsheet import's
   * apply), inside the caller's transaction like `record`. All of one statement share its
   * moment (`occurred_at` = the transaction's now()).
   */
  async recordMany(
    em: EntityManager,
    events: Array<{ actor: string; entityType: string; entityId: string; action: AuditAction; changes: FieldChanges; comment?: string | null }>,
    options: { notify?: boolean } = {},
  ): Promise<void> {
    for (let i = 0; i < events.length; i += 1000) {
      const chunk = events.slice(i, i + 1000).map((e) => ({ actor: e.actor, entity_type: e.entityType, entity_id: e.entityId, action: e.action, changes: e.changes, comment: e.comment ?? null }));
      await em.query(
        `INSERT INTO audit_event (actor, entity_type, entity_id, action, changes, comment)
         SELECT actor, entity_type, entity_id, action, changes, comment
           FROM jsonb_to_recordset($1::jsonb) AS e(actor text, entity_type text, entity_id uuid, action text, changes jsonb, comment text)`,
        [JSON.stringify(chunk)],
      );
    }
    // With notify, the listeners hear of the events as they would of `record`'s (the bulk advance);
    // the spreadsheet import's apply does not ask for them.
    if (options.notify && events.length) {
      for (const listener of this.listeners) {
        if (listener.afterAuditMany) await listener.afterAuditMany(em, events);
        else for (const event of events) await listener.afterAudit(em, event);
      }
    }
  }

  /** Security events: sign-ins, failed sign-ins, sign-outs, refused operations (entity optional). */
  async recordSecurity(em: EntityManager, event: { actor: string; action: string; entityType?: string; entityId?: string | null; comment?: string | null }): Promise<void> {
    await em.insert(AuditEvent, { entityType: 'Security', entityId: null, changes: {}, comment: null, ...event } as never);
  }
}
