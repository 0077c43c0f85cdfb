import { Injectable } from '@nestjs/common';
import {
  DomainError,
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
  type AdvanceContext,
  type CodedMessage,
  issueAt,
} from '@efa/domain';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
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
  ) {}

  /** What the advance guard needs to know about an onboarding. */
  async advanceContext(em: EntityManager, o: Onboarding): Promise<AdvanceContext> {
    // One after the other: a transaction has one connection.
    const stages = await em.find(ServiceStage, { where: { serviceId: o.serviceId } });
    const milestones = await em.find(Milestone, { where: { onboardingId: o.id } });
    const blockers = await em.find(Blocker, { where: { onboardingId: o.id, resolvedAt: IsNull() } });
    const authority = await em.findOneByOrFail(Authority, { id: o.authorityId });
    const service = await em.findOneByOrFail(OnlineService, { id: o.serviceId });
    const contract = await em.findOneBy(ReuseContract, { stateId: authority.stateId, serviceId: o.serviceId });
    return {
      stages,
      milestones: milestones.map((m) => ({ key: m.key, name: m.nameEn, nameDe: m.nameDe, nameEn: m.nameEn, stage: m.stage, required: m.required, status: m.status })),
      blockers,
      contractSigned: stateMayGoLive(contract?.status, service.leadStateId === authority.stateId),
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
    return this.move(em, o, 'ADVANCE', patch, actor, comment, at);
  }

  async advance(id: string, version: number, toStage: string | null | undefined, comment: string | null | undefined, liveAt: Date | null | undefined, actor: Actor) {
    return this.dataSource.transaction(async (em) => this.advanceIn(em, await this.onboardings.loadForWrite(em, id, version), toStage, comment, liveAt, actor));
  }

  /**
   * Moves many onboardings at once (a wave). Each is checked on its own, in a
   * savepoint of one transaction: refused ones stay unchanged and say why.
   */
  async advanceMany(ids: string[], toStage: string | null | undefined, comment: string | null | undefined, actor: Actor): Promise<BulkMoveResult[]> {
    if (ids.length > 1000) throw DomainError.validation([issueAt('ids', 'TOO_MANY_AT_ONCE', { max: 1000, count: ids.length })]);
    const unique = [...new Set(ids)];
    return this.dataSource.transaction(async (em) => {
      const results = new Map<string, BulkMoveResult>();
      // Processed in a fixed order (sorted ids), so two overlapping waves do not deadlock; reported in the caller's order.
      for (const id of [...unique].sort()) {
        try {
          const onboarding = await em.transaction(async (sp) => this.advanceIn(sp, await this.onboardings.loadForWrite(sp, id), toStage, comment, null, actor));
          results.set(id, { id, moved: true, onboarding, reasons: [], refusals: [] });
        } catch (e) {
          const err = isDomainError(e) ? e : fromDatabaseError(e);
          if (!err) throw e;
          const refusals = (err.details.refusals as CodedMessage[] | undefined) ?? [];
          const reasons = refusals.length > 0 ? refusals.map((r) => r.message) : [err.message];
          results.set(id, { id, moved: false, onboarding: null, code: err.code, reasons, refusals });
        }
      }
      return unique.map((id) => results.get(id)!);
    });
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
