import { Injectable } from '@nestjs/common';
import { Args, Context, Field, ID, Int, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '../common/loaders.js';
import { DomainError, ErrorCode, INTERNAL_FIELDS, INTERNAL_TYPES, Role, seesInternals, issueAt } from '@efa/domain';
import type { Actor } from '../common/actor.js';
import { GraphQLJSON } from 'graphql-scalars';
import { DataSource } from 'typeorm';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { auditValue } from '../audit/audit.service.js';
import { UUID_PATTERN } from '../common/crud.service.js';

@ObjectType({ description: 'One field of a change: its value before and after.' })
export class FieldChange {
  @Field(() => String)
  field: string;

  @Field(() => GraphQLJSON, { nullable: true })
  from: unknown;

  @Field(() => GraphQLJSON, { nullable: true })
  to: unknown;
}

@ObjectType({ description: 'An entry of an onboarding\'s timeline: a change of the onboarding, one of its milestones or obstacles.' })
export class TimelineEntry extends AuditEvent {
  @Field(() => String, { nullable: true, description: 'What the entry is about: the milestone\'s name or the obstacle\'s title; empty for the onboarding itself.' })
  subject: string | null;

  // Computed once per entry when the timeline is read (a field resolver per entry cost more API CPU
  // than the whole rest of the entry on the onboarding page).
  @Field(() => [FieldChange], { name: 'changes' })
  fieldChanges?: FieldChange[];
}

@Injectable()
export class HistoryService {
  constructor(private readonly dataSource: DataSource) {}

  /** The state a recorded entity belongs to (for the visibility of internal data), or null. */
  private async stateOf(entityType: string, entityId: string): Promise<string | null> {
    const sql: Record<string, string> = {
      Authority: `SELECT state_id FROM authority WHERE id = $1`,
      ReuseContract: `SELECT state_id FROM reuse_contract WHERE id = $1`,
      ReuseVariant: `SELECT state_id FROM reuse_variant WHERE id = $1`,
      Onboarding: `SELECT a.state_id FROM onboarding o JOIN authority a ON a.id = o.authority_id WHERE o.id = $1`,
      Milestone: `SELECT a.state_id FROM milestone m JOIN onboarding o ON o.id = m.onboarding_id JOIN authority a ON a.id = o.authority_id WHERE m.id = $1`,
      Blocker: `SELECT a.state_id FROM blocker b JOIN onboarding o ON o.id = b.onboarding_id JOIN authority a ON a.id = o.authority_id WHERE b.id = $1`,
      OnboardingNote: `SELECT a.state_id FROM onboarding_note n JOIN onboarding o ON o.id = n.onboarding_id JOIN authority a ON a.id = o.authority_id WHERE n.id = $1`,
    };
    if (!sql[entityType]) return null;
    const [row] = await this.dataSource.query(sql[entityType], [entityId]);
    return row?.state_id ?? null;
  }

  /** Leaves out what a state coordinator may not see of another state: obstacles, and changes of internal fields. */
  private redact<T extends AuditEvent>(actor: Actor, events: T[], stateId: string | null): T[] {
    if (seesInternals(actor, stateId)) return events;
    return events
      .filter((e) => !INTERNAL_TYPES.includes(e.entityType))
      .map((e) => {
        const hidden = INTERNAL_FIELDS[e.entityType] ?? [];
        const changes = Object.fromEntries(Object.entries(e.changes ?? {}).filter(([field]) => !hidden.includes(field)));
        return { ...e, changes, comment: hidden.length ? null : e.comment };
      });
  }

  /** Every recorded change of one record, newest first. */
  async history(actor: Actor, entityType: string, entityId: string, limit: number): Promise<AuditEvent[]> {
    if ((entityType === 'User' || entityType === 'Security') && actor.role !== Role.ADMIN) {
      throw new DomainError(ErrorCode.FORBIDDEN, 'The history of accounts (sign-ins, addresses) is for administrators only');
    }
    if (!UUID_PATTERN.test(entityId)) throw DomainError.validation([issueAt('entityId', 'NOT_AN_ID', { value: entityId })]);
    const events = await this.dataSource.getRepository(AuditEvent).find({ where: { entityType, entityId }, order: { occurredAt: 'DESC', id: 'DESC' }, take: limit });
    return this.redact(actor, events, await this.stateOf(entityType, entityId));
  }

  /** The onboarding's own changes and those of its milestones and obstacles, newest first. */
  async onboardingTimeline(actor: Actor, id: string, limit: number): Promise<TimelineEntry[]> {
    if (!UUID_PATTERN.test(id)) throw DomainError.notFound('Onboarding', id);
    const [found] = await this.dataSource.query(`SELECT a.state_id FROM onboarding o JOIN authority a ON a.id = o.authority_id WHERE o.id = $1`, [id]);
    if (!found) throw DomainError.notFound('Onboarding', id);
    return this.timelineOf(actor, id, found.state_id, limit);
  }

  /** The timeline of an onboarding known to exist, whose authority is in `stateId` (Onboarding.timeline). */
  async timelineOf(actor: Actor, id: string, stateId: string | null, limit: number): Promise<TimelineEntry[]> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      // Three index probes into ix_audit_event_entity (the onboarding's events, its milestones', its
      // obstacles'), each newest first and cut at the limit, merged: one statement with the three
      // conditions OR-ed over joins scanned the whole audit log (17 s at national scale,
      // docs/explain/interactive.md).
      `SELECT e.id, e.occurred_at, e.actor, e.entity_type, e.entity_id, e.action, e.changes, e.comment, e.subject
       FROM (
         (SELECT e.*, NULL::text AS subject FROM audit_event e
          WHERE e.entity_type = 'Onboarding' AND e.entity_id = $1 ORDER BY e.occurred_at DESC, e.id DESC LIMIT $2)
         UNION ALL
         (SELECT e.*, m.name_de AS subject FROM milestone m
          CROSS JOIN LATERAL (SELECT * FROM audit_event e WHERE e.entity_type = 'Milestone' AND e.entity_id = m.id ORDER BY e.occurred_at DESC, e.id DESC LIMIT $2) e
          WHERE m.onboarding_id = $1)
         UNION ALL
         (SELECT e.*, b.title AS subject FROM blocker b
          CROSS JOIN LATERAL (SELECT * FROM audit_event e WHERE e.entity_type = 'Blocker' AND e.entity_id = b.id ORDER BY e.occurred_at DESC, e.id DESC LIMIT $2) e
          WHERE b.onboarding_id = $1)
       ) e
       ORDER BY e.occurred_at DESC, e.id DESC
       LIMIT $2`,
      [id, limit],
    );
    const entries: TimelineEntry[] = rows.map((r) => ({
      id: r.id as string,
      occurredAt: r.occurred_at as Date,
      actor: r.actor as string,
      entityType: r.entity_type as string,
      entityId: r.entity_id as string,
      action: r.action as string,
      changes: r.changes as AuditEvent['changes'],
      comment: r.comment as string | null,
      subject: r.subject as string | null,
    }));
    return this.redact(actor, entries, stateId).map((e) => ({ ...e, fieldChanges: fieldChanges(e) }));
  }
}

/** The field changes of an event; secrets (recorded before they were hidden at the source) as hidden. */
const fieldChanges = (e: AuditEvent): FieldChange[] =>
  Object.entries(e.changes ?? {}).map(([field, c]) => ({ field, from: auditValue(field, c.from), to: auditValue(field, c.to) }));

@Resolver(() => AuditEvent)
export class HistoryResolver {
  constructor(private readonly historyService: HistoryService) {}

  @Query(() => [AuditEvent], { description: 'Who changed what on one record, newest first.' })
  history(
    @Context() ctx: RequestContext,
    @Args('entityType', { type: () => String }) entityType: string,
    @Args('entityId', { type: () => ID }) entityId: string,
    @Args('limit', { type: () => Int, defaultValue: 200 }) limit: number,
  ) {
    return this.historyService.history(ctx.actor, entityType, entityId, Math.min(Math.max(limit, 1), 1000));
  }

  @Query(() => [TimelineEntry], { description: 'Everything that happened to an onboarding, its milestones and obstacles, newest first.' })
  onboardingTimeline(@Context() ctx: RequestContext, @Args('id', { type: () => ID }) id: string, @Args('limit', { type: () => Int, defaultValue: 200 }) limit: number) {
    return this.historyService.onboardingTimeline(ctx.actor, id, Math.min(Math.max(limit, 1), 1000));
  }

  @ResolveField(() => [FieldChange])
  changes(@Parent() e: AuditEvent): FieldChange[] {
    return fieldChanges(e);
  }
}

/** TimelineEntry.changes is computed with the entry (HistoryService.timelineOf); nothing to resolve per entry. */
@Resolver(() => TimelineEntry)
export class TimelineEntryResolver {}
