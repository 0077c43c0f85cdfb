import { Injectable } from '@nestjs/common';
import {
  DomainError,
  ErrorCode,
  OnboardingStatus,
  checkAdvance,
  checkCancel,
  checkMoveBack,
  checkPause,
  checkReopen,
  checkResume,
  isDomainError,
  lastStage,
  refusalReason,
  resolveLiveAt,
  stateMayGoLive,
  assertNoIssues,
  validateOnboarding,
  type AdvanceContext,
  type CodedMessage,
  issueAt,
} from '@efa/domain';
import { DataSource, In, IsNull, type EntityManager } from 'typeorm';
import { AuditService, diffRecords } from '../audit/audit.service.js';
import { UUID_PATTERN } from '../common/crud.service.js';
import { Authority } from '../authority/authority.entity.js';
import { Blocker } from '../blocker/blocker.entity.js';
import type { Actor } from '../common/actor.js';
import { fromDatabaseError } from '../common/graphql-errors.js';
import { Milestone } from '../milestone/milestone.entity.js';
import { OnlineService } from '../online-service/online-service.entity.js';
import { ServiceStage } from '../pipeline/service-stage.entity.js';
import { ReuseContract } from '../reuse-contract/reuse-contract.entity.js';
import { OnboardingTransition } from './onboarding-transition.entity.js';
import type { BulkMoveResult } from './onboarding.args.js';
import { Onboarding } from './onboarding.entity.js';
import { OnboardingService } from './onboarding.service.js';

export type TransitionKind = 'ADVANCE' | 'MOVE_BACK' | 'PAUSE' | 'RESUME' | 'CANCEL' | 'REOPEN' | 'IMPORT';

const refuse = DomainError.refuseIf;

/**
 * The domain operations on an onboarding, named as users speak. Each checks
 * the rules of libs/domain, writes the change with optimistic locking, logs
 * the transition (from, to, when, who, why) and an audit event, all in one
 * transaction.
 */
@Injectable()
export class OnboardingWorkflowService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly onboardings: OnboardingService,
    private readonly audit: AuditService,
  ) {}

  /** What the advance guard needs to know about an onboarding. */
  async advanceContext(em: EntityManager, o: Onboarding): Promise<AdvanceContext> {
    // One after the other: a transaction has one connection.
    const stages = await em.find(ServiceStage, { where: { serviceId: o.serviceId } });
    const milestones = await em.find(Milestone, { where: { onboardingId: o.id }, order: { position: 'ASC' } });
    const blockers = await em.find(Blocker, { where: { onboardingId: o.id, resolvedAt: IsNull() } });
    const authority = await em.findOneByOrFail(Authority, { id: o.authorityId });
    const service = await em.findOneByOrFail(OnlineService, { id: o.serviceId });
    const contract = await em.findOneBy(ReuseContract, { stateId: authority.stateId, serviceId: o.serviceId });
    return this.contextOf(stages, milestones, blockers, contract, service.leadStateId === authority.stateId);
  }

  /** The advance guard's context from rows already read. */
  private contextOf(stages: ServiceStage[], milestones: Milestone[], blockers: Blocker[], contract: ReuseContract | null, leadState: boolean): AdvanceContext {
    return {
      stages,
      milestones: milestones.map((m) => ({ key: m.key, name: m.nameEn, nameDe: m.nameDe, nameEn: m.nameEn, stage: m.stage, required: m.required, status: m.status })),
      blockers,
      contractSigned: stateMayGoLive(contract?.status, leadState),
    };
  }

  private async stagesOf(em: EntityManager, serviceId: string) {
    return em.find(ServiceStage, { where: { serviceId } });
  }

  /** Writes the move and its log entry. */
  private async move(
    em: EntityManager,
    o: Onboarding,
    kind: TransitionKind,
    patch: Partial<Onboarding>,
    actor: Actor,
    comment: string | null | undefined,
    at: Date,
  ): Promise<Onboarding> {
    const saved = await this.onboardings.applyChange(em, o, patch, actor, kind, comment);
    await em.insert(OnboardingTransition, {
      onboardingId: o.id,
      kind,
      fromStage: o.stage,
      toStage: saved.stage,
      fromStatus: o.status,
      toStatus: saved.status,
      occurredAt: at,
      actor: actor.id,
      comment: comment?.trim() || null,
    });
    return saved;
  }

  private async advanceIn(em: EntityManager, o: Onboarding, toStage: string | null | undefined, comment: string | null | undefined, liveAt: Date | null | undefined, actor: Actor) {
    const ctx = await this.advanceContext(em, o);
    const { patch, at } = this.advancePatch(o, ctx, toStage, liveAt);
    return this.move(em, o, 'ADVANCE', patch, actor, comment, at);
  }

  /** The advance guards (throwing the refusal) and the change an allowed advance makes. */
  private advancePatch(o: Onboarding, ctx: AdvanceContext, toStage: string | null | undefined, liveAt: Date | null | undefined): { patch: Partial<Onboarding>; at: Date } {
    const check = checkAdvance(o, ctx, toStage);
    refuse(check.reasons);
    const now = new Date();
    const goesLive = check.toStage === lastStage(ctx.stages);
    let at = now;
    const patch: Partial<Onboarding> = { stage: check.toStage!, stageEnteredAt: now };
    if (goesLive) {
      if (liveAt && Number.isNaN(new Date(liveAt).getTime())) throw DomainError.validation([issueAt('liveAt', 'NOT_A_DATE_TIME')]);
      const live = resolveLiveAt(liveAt, now, new Date(o.stageEnteredAt));
      refuse(live.reasons);
      at = live.liveAt!;
      patch.liveAt = at;
      patch.stageEnteredAt = at;
    } else if (liveAt) {
      refuse([refusalReason('LIVE_AT_ONLY_FOR_LIVE', { stage: lastStage(ctx.stages) ?? '' })]);
    }
    return { patch, at };
  }

  async advance(id: string, version: number, toStage: string | null | undefined, comment: string | null | undefined, liveAt: Date | null | undefined, actor: Actor) {
    return this.dataSource.transaction(async (em) => this.advanceIn(em, await this.onboardings.loadForWrite(em, id, version), toStage, comment, liveAt, actor));
  }

  /**
   * Moves many onboardings at once (a wave). Each is checked on its own with
   * the rules of a single advance; refused ones stay unchanged and say why,
   * the others move, all in one transaction. Set-based: one read per table
   * for all of them, the guards in memory, then one UPDATE (each only if its
   * version is still the one read, else that one is refused with CONFLICT),
   * one INSERT of the transitions, one of the audit events and one of the
   * notifications. Should the batched write meet a database error, it is
   * rolled back and the wave is done one by one (`advanceManyOneByOne`), so
   * only the onboarding at fault is refused, as before.
   */
  async advanceMany(ids: string[], toStage: string | null | undefined, comment: string | null | undefined, actor: Actor): Promise<BulkMoveResult[]> {
    if (ids.length > 1000) throw DomainError.validation([issueAt('ids', 'TOO_MANY_AT_ONCE', { max: 1000, count: ids.length })]);
    const unique = [...new Set(ids)];
    if (!unique.length) return [];
    return this.dataSource.transaction(async (em) => {
      let results: Map<string, BulkMoveResult>;
      try {
        results = await em.transaction((sp) => this.advanceManyIn(sp, unique, toStage, comment, actor));
      } catch (e) {
        // Only a database error about the data is worth the retry one by one (not a lost connection).
        if (isDomainError(e) || !fromDatabaseError(e) || fromDatabaseError(e)!.code === ErrorCode.UNAVAILABLE) throw e;
        results = await this.advanceManyOneByOne(em, unique, toStage, comment, actor);
      }
      return unique.map((id) => results.get(id)!);
    });
  }

  private refusal(id: string, e: unknown): BulkMoveResult {
    const err = isDomainError(e) ? e : fromDatabaseError(e);
    if (!err) throw e;
    const refusals = (err.details.refusals as CodedMessage[] | undefined) ?? [];
    const reasons = refusals.length > 0 ? refusals.map((r) => r.message) : [err.message];
    return { id, moved: false, onboarding: null, code: err.code, reasons, refusals };
  }

  /** The set-based wave (see advanceMany). */
  private async advanceManyIn(em: EntityManager, ids: string[], toStage: string | null | undefined, comment: string | null | undefined, actor: Actor) {
    const results = new Map<string, BulkMoveResult>();
    const valid = ids.filter((id) => UUID_PATTERN.test(id));
    // One read per table for the whole wave.
    const onboardings = valid.length ? await em.find(Onboarding, { where: { id: In(valid) } }) : [];
    const byId = new Map(onboardings.map((o) => [o.id, o]));
    const serviceIds = [...new Set(onboardings.map((o) => o.serviceId))];
    const authorityIds = [...new Set(onboardings.map((o) => o.authorityId))];
    const onboardingIds = onboardings.map((o) => o.id);
    const authorities = authorityIds.length ? await em.find(Authority, { where: { id: In(authorityIds) } }) : [];
    const services = serviceIds.length ? await em.find(OnlineService, { where: { id: In(serviceIds) } }) : [];
    const stages = serviceIds.length ? await em.find(ServiceStage, { where: { serviceId: In(serviceIds) } }) : [];
    const milestones = onboardingIds.length ? await em.find(Milestone, { where: { onboardingId: In(onboardingIds) }, order: { position: 'ASC' } }) : [];
    const blockers = onboardingIds.length ? await em.find(Blocker, { where: { onboardingId: In(onboardingIds), resolvedAt: IsNull() } }) : [];
    const stateIds = [...new Set(authorities.map((a) => a.stateId))];
    const contracts = serviceIds.length && stateIds.length ? await em.find(ReuseContract, { where: { serviceId: In(serviceIds), stateId: In(stateIds) } }) : [];

    const authorityById = new Map(authorities.map((a) => [a.id, a]));
    const serviceById = new Map(services.map((s) => [s.id, s]));
    const group = <T, K>(rows: T[], key: (r: T) => K) => {
      const m = new Map<K, T[]>();
      for (const r of rows) m.set(key(r), [...(m.get(key(r)) ?? []), r]);
      return m;
    };
    const stagesOf = group(stages, (s) => s.serviceId);
    const milestonesOf = group(milestones, (m) => m.onboardingId);
    const blockersOf = group(blockers, (b) => b.onboardingId);
    const contractOf = new Map(contracts.map((c) => [`${c.stateId}/${c.serviceId}`, c]));

    // The guards per onboarding, in memory, in a fixed order (sorted ids).
    const moves: Array<{ o: Onboarding; patch: Partial<Onboarding>; at: Date; changes: ReturnType<typeof diffRecords> }> = [];
    for (const id of [...ids].sort()) {
      try {
        const o = byId.get(id);
        if (!o) throw DomainError.notFound('Onboarding', id);
        const authority = authorityById.get(o.authorityId)!;
        const service = serviceById.get(o.serviceId)!;
        const ctx = this.contextOf(stagesOf.get(o.serviceId) ?? [], milestonesOf.get(o.id) ?? [], blockersOf.get(o.id) ?? [], contractOf.get(`${authority.stateId}/${o.serviceId}`) ?? null, service.leadStateId === authority.stateId);
        const { patch, at } = this.advancePatch(o, ctx, toStage, null);
        const merged = em.merge(Onboarding, em.create(Onboarding, { ...o }), patch);
        const changes = diffRecords(o, merged);
        this.onboardings.authorizeInStates(actor, [authority.stateId], Object.keys(changes));
        assertNoIssues(validateOnboarding(merged));
        moves.push({ o, patch, at, changes });
      } catch (e) {
        results.set(id, this.refusal(id, e));
      }
    }
    if (!moves.length) return results;

    // Locked in a fixed order (so two overlapping waves do not deadlock), then written
    // where the version is still the one read; the others were changed meanwhile.
    const moveIds = moves.map((m) => m.o.id);
    await em.query(`SELECT id FROM onboarding WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [moveIds]);
    const updated: Array<{ id: string }> = await em.query(
      // (Wrapped in a SELECT: TypeORM answers a bare UPDATE … RETURNING as [rows, count].)
      `WITH changed AS (
         UPDATE onboarding t
            SET stage = v.stage, stage_entered_at = v.stage_entered_at,
                live_at = CASE WHEN v.sets_live_at THEN v.live_at ELSE t.live_at END,
                version = t.version + 1, updated_at = now()
           FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, version int, stage text, stage_entered_at timestamptz, sets_live_at boolean, live_at timestamptz)
          WHERE t.id = v.id AND t.version = v.version
         RETURNING t.id)
       SELECT id FROM changed`,
      [
        JSON.stringify(
          moves.map(({ o, patch }) => ({ id: o.id, version: o.version, stage: patch.stage, stage_entered_at: patch.stageEnteredAt, sets_live_at: 'liveAt' in patch, live_at: patch.liveAt ?? null })),
        ),
      ],
    );
    const written = new Set(updated.map((r) => r.id));
    const done = moves.filter((m) => written.has(m.o.id));
    for (const m of moves) if (!written.has(m.o.id)) results.set(m.o.id, this.refusal(m.o.id, DomainError.conflict('Onboarding', m.o.id, m.o.version)));
    if (!done.length) return results;

    const note = comment?.trim() || null;
    await em.query(
      `INSERT INTO onboarding_transition (onboarding_id, kind, from_stage, to_stage, from_status, to_status, occurred_at, actor, comment)
       SELECT onboarding_id, 'ADVANCE', from_stage, to_stage, status, status, occurred_at, $2, $3
         FROM jsonb_to_recordset($1::jsonb) AS v(onboarding_id uuid, from_stage text, to_stage text, status text, occurred_at timestamptz)`,
      [JSON.stringify(done.map(({ o, patch, at }) => ({ onboarding_id: o.id, from_stage: o.stage, to_stage: patch.stage, status: o.status, occurred_at: at }))), actor.id, note],
    );
    await this.audit.recordMany(
      em,
      done.map(({ o, changes }) => ({ actor: actor.id, entityType: 'Onboarding', entityId: o.id, action: 'ADVANCE', changes, comment: note })),
      { notify: true },
    );
    const saved = await em.find(Onboarding, { where: { id: In(done.map((m) => m.o.id)) } });
    for (const onboarding of saved) results.set(onboarding.id, { id: onboarding.id, moved: true, onboarding, reasons: [], refusals: [] });
    return results;
  }

  /** The wave one onboarding at a time, each in a savepoint (the fallback of advanceMany). */
  private async advanceManyOneByOne(em: EntityManager, ids: string[], toStage: string | null | undefined, comment: string | null | undefined, actor: Actor) {
    const results = new Map<string, BulkMoveResult>();
    // Processed in a fixed order (sorted ids), so two overlapping waves do not deadlock; reported in the caller's order.
    for (const id of [...ids].sort()) {
      try {
        const onboarding = await em.transaction(async (sp) => this.advanceIn(sp, await this.onboardings.loadForWrite(sp, id), toStage, comment, null, actor));
        results.set(id, { id, moved: true, onboarding, reasons: [], refusals: [] });
      } catch (e) {
        results.set(id, this.refusal(id, e));
      }
    }
    return results;
  }

  async moveBack(id: string, version: number, toStage: string, reason: string, actor: Actor) {
    return this.dataSource.transaction(async (em) => {
      const o = await this.onboardings.loadForWrite(em, id, version);
      const stages = await this.stagesOf(em, o.serviceId);
      refuse(checkMoveBack(o, stages, toStage, reason));
      // Leaving the last stage means it is no longer live; the log keeps when it was.
      return this.move(em, o, 'MOVE_BACK', { stage: toStage, stageEnteredAt: new Date(), liveAt: null }, actor, reason, new Date());
    });
  }

  async pause(id: string, version: number, reason: string, actor: Actor) {
    return this.dataSource.transaction(async (em) => {
      const o = await this.onboardings.loadForWrite(em, id, version);
      refuse(checkPause(o, reason));
      return this.move(em, o, 'PAUSE', { status: OnboardingStatus.ON_HOLD, statusReason: reason.trim() }, actor, reason, new Date());
    });
  }

  /** Resumes a paused onboarding in the stage it left (the stage does not change while paused). */
  async resume(id: string, version: number, actor: Actor) {
    return this.dataSource.transaction(async (em) => {
      const o = await this.onboardings.loadForWrite(em, id, version);
      refuse(checkResume(o));
      return this.move(em, o, 'RESUME', { status: OnboardingStatus.ACTIVE, statusReason: null }, actor, null, new Date());
    });
  }

  async cancel(id: string, version: number, reason: string, actor: Actor) {
    return this.dataSource.transaction(async (em) => {
      const o = await this.onboardings.loadForWrite(em, id, version);
      refuse(checkCancel(o, reason));
      return this.move(em, o, 'CANCEL', { status: OnboardingStatus.CANCELLED, statusReason: reason.trim() }, actor, reason, new Date());
    });
  }

  /** Brings a cancelled onboarding back (administrators only once roles exist). */
  async reopen(id: string, version: number, reason: string, actor: Actor) {
    return this.dataSource.transaction(async (em) => {
      const o = await this.onboardings.loadForWrite(em, id, version);
      refuse(checkReopen(o, reason));
      return this.move(em, o, 'REOPEN', { status: OnboardingStatus.ACTIVE, statusReason: null }, actor, reason, new Date());
    });
  }

  /**
   * An import's administrative move (kind IMPORT, inside the import's
   * transaction): stage and status as the imported source says, without the
   * guards of advance and moveBack (the source is the record of what
   * happened; the import is allowed only to roles that move onboardings
   * anyway, and a cancelled one is reopened only for an administrator, see
   * planOnboardingImport). Logged like every move, with the importing user,
   * the reason and the time it happened, and audited.
   */
  async importMove(em: EntityManager, o: Onboarding, to: { stage: string; status: OnboardingStatus; liveAt: Date | null }, actor: Actor, reason: string, at: Date): Promise<Onboarding> {
    const patch: Partial<Onboarding> = {
      stage: to.stage,
      status: to.status,
      liveAt: to.liveAt,
      statusReason: to.status === OnboardingStatus.ACTIVE ? null : to.status === o.status ? o.statusReason : reason,
    };
    if (to.stage !== o.stage) patch.stageEnteredAt = at;
    return this.move(em, o, 'IMPORT', patch, actor, reason, at);
  }

  async setPlannedGoLive(id: string, version: number, plannedGoLive: string | null, actor: Actor) {
    return this.dataSource.transaction(async (em) => {
      const o = await this.onboardings.loadForWrite(em, id, version);
      return this.onboardings.applyChange(em, o, { plannedGoLive }, actor, 'SET_PLANNED_GO_LIVE');
    });
  }
}
