import { Injectable } from '@nestjs/common';
import { DomainError, issueText, obstacleScopeOf, refusalReason, validateBlocker, type CodedMessage, type FieldIssue, today } from '@efa/domain';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { CrudService, type CrudDefinition } from '../common/crud.service.js';
import { loadReference } from '../common/references.js';
import { Onboarding } from '../onboarding/onboarding.entity.js';
import type { BlockerFilter } from './blocker.args.js';
import { Blocker } from './blocker.entity.js';

@Injectable()
export class BlockerService extends CrudService<Blocker, BlockerFilter> {
  protected readonly def: CrudDefinition<Blocker> = {
    entity: Blocker,
    name: 'Blocker',
    searchColumns: ['title', 'description', 'owner'],
    filterColumns: ['onboardingId', 'category', 'severity'],
    sortable: ['openedAt', 'resolvedAt', 'title', 'category', 'severity', 'owner', 'onboardingId', 'updatedAt'],
    defaultSort: 'openedAt',
    stateOf: async (r, em) =>
      (await em.query(`SELECT a.state_id FROM onboarding o JOIN authority a ON a.id = o.authority_id WHERE o.id = $1`, [r.onboardingId]))[0]?.state_id ?? null,
  };

  /** Obstacles are internal to a state: a state coordinator sees only those of their own state. */
  protected override scoped(qb: SelectQueryBuilder<Blocker>, actor?: Actor): SelectQueryBuilder<Blocker> {
    const scopeState = obstacleScopeOf(actor);
    if (!scopeState) return qb;
    return qb.andWhere(`e.onboardingId IN (SELECT o.id FROM onboarding o JOIN authority a ON a.id = o.authority_id WHERE a.state_id = :scopeState)`, { scopeState });
  }

  protected override applyFilter(qb: SelectQueryBuilder<Blocker>, f: BlockerFilter): void {
    if (f.open === true) qb.andWhere('e.resolvedAt IS NULL');
    if (f.open === false) qb.andWhere('e.resolvedAt IS NOT NULL');
    if (f.stateId) qb.andWhere(`e.onboardingId IN (SELECT o.id FROM onboarding o JOIN authority a ON a.id = o.authority_id WHERE a.state_id = :bStateId)`, { bStateId: f.stateId });
    if (f.serviceId) qb.andWhere(`e.onboardingId IN (SELECT o.id FROM onboarding o WHERE o.service_id = :bServiceId)`, { bServiceId: f.serviceId });
  }

  protected async validate(b: Blocker, em: EntityManager): Promise<FieldIssue[]> {
    const issues: FieldIssue[] = [];
    await loadReference(em, Onboarding, b.onboardingId, 'onboardingId', 'onboarding', issues);
    if (b.openedAt && b.openedAt > today()) issues.push({ field: 'openedAt', ...issueText('NOT_IN_FUTURE', { value: b.openedAt }) });
    return [...issues, ...validateBlocker(b)];
  }

  /** Deleting an open blocking obstacle would get round the advance rule: resolve it instead. */
  protected override async deleteRefusals(b: Blocker): Promise<CodedMessage[]> {
    return b.severity === 'BLOCKING' && !b.resolvedAt ? [refusalReason('OBSTACLE_DELETE_BLOCKING', { title: b.title })] : [];
  }

  override async create(input: Partial<Blocker>, actor: Actor): Promise<Blocker> {
    return super.create({ ...input, openedAt: input.openedAt ?? today(), resolvedAt: null, resolution: null }, actor);
  }

  async resolve(id: string, version: number, resolution: string, resolvedAt: string | null | undefined, actor: Actor) {
    return this.dataSource.transaction(async (em) => {
      const b = await this.loadForWrite(em, id, version);
      if (b.resolvedAt) throw DomainError.notAllowed([refusalReason('OBSTACLE_ALREADY_RESOLVED', { date: b.resolvedAt })]);
      if (!resolution?.trim()) throw DomainError.validation([{ field: 'resolution', ...issueText('RESOLUTION_REQUIRED') }]);
      const date = resolvedAt ?? today();
      if (date > today()) throw DomainError.validation([{ field: 'resolvedAt', ...issueText('NOT_IN_FUTURE', { value: date }) }]);
      return this.applyChange(em, b, { resolvedAt: date, resolution: resolution.trim() }, actor, 'RESOLVE', resolution);
    });
  }

  async reopen(id: string, version: number, reason: string, actor: Actor) {
    return this.dataSource.transaction(async (em) => {
      const b = await this.loadForWrite(em, id, version);
      if (!b.resolvedAt) throw DomainError.notAllowed([refusalReason('OBSTACLE_STILL_OPEN')]);
      if (!reason?.trim()) throw DomainError.validation([{ field: 'reason', ...issueText('OBSTACLE_REOPEN_REASON_REQUIRED') }]);
      return this.applyChange(em, b, { resolvedAt: null, resolution: null }, actor, 'REOPEN', reason);
    });
  }
}
