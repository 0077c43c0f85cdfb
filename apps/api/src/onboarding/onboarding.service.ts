import { Injectable } from '@nestjs/common';
import { COORDINATOR_ONBOARDING_FIELDS, DomainError, ErrorCode, OnboardingStatus, assertNoIssues, issueText, validateOnboarding, type FieldIssue, issueAt } from '@efa/domain';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import { Authority } from '../authority/authority.entity.js';
import type { Actor } from '../common/actor.js';
import { CrudService, SQL_TODAY, escapeLike, type CrudDefinition } from '../common/crud.service.js';
import { loadReference } from '../common/references.js';
import { OnlineService } from '../online-service/online-service.entity.js';
import { ServiceStage } from '../pipeline/service-stage.entity.js';
import { OnboardingTransition } from './onboarding-transition.entity.js';
import type { OnboardingFilter } from './onboarding.args.js';
import { Onboarding } from './onboarding.entity.js';

@Injectable()
export class OnboardingService extends CrudService<Onboarding, OnboardingFilter> {
  protected readonly def: CrudDefinition<Onboarding> = {
    entity: Onboarding,
    name: 'Onboarding',
    searchColumns: [],
    filterColumns: ['authorityId', 'serviceId', 'waveId', 'stage', 'status'],
    sortable: ['stage', 'status', 'stageEnteredAt', 'plannedGoLive', 'liveAt', 'owner', 'authorityId', 'serviceId', 'jiraKey', 'createdAt', 'updatedAt'],
    sortByReference: { authorityId: { table: 'authority', column: 'name' }, serviceId: { table: 'service', column: 'name' } },
    defaultSort: 'updatedAt',
    stateOf: async (o, em) => (await em.query(`SELECT state_id FROM authority WHERE id = $1`, [o.authorityId]))[0]?.state_id ?? null,
    coordinatorFields: COORDINATOR_ONBOARDING_FIELDS,
    ownStateSql: `e.authorityId IN (SELECT a.id FROM authority a WHERE a.state_id = :ownState)`,
  };

  protected override applyFilter(qb: SelectQueryBuilder<Onboarding>, f: OnboardingFilter, actor?: Actor): void {
    const q = f.q?.trim();
    if (q) {
      qb.andWhere(`(e.authorityId IN (SELECT a.id FROM authority a WHERE a.name ILIKE :oq OR a.ars LIKE :oqPrefix) OR e.jiraKey ILIKE :oqPrefix OR e.owner ILIKE :oq)`, {
        oq: `%${escapeLike(q)}%`,
        oqPrefix: `${escapeLike(q)}%`,
      });
    }
    if (f.inWave === true) qb.andWhere('e.waveId IS NOT NULL');
    if (f.inWave === false) qb.andWhere('e.waveId IS NULL');
    if (f.stateId) qb.andWhere(`e.authorityId IN (SELECT a.id FROM authority a WHERE a.state_id = :oStateId)`, { oStateId: f.stateId });
    if (f.specialistSystemId) qb.andWhere(`e.authorityId IN (SELECT a.id FROM authority a WHERE a.specialist_system_id = :oSystemId)`, { oSystemId: f.specialistSystemId });
    if (f.hasBlockingBlocker !== undefined && f.hasBlockingBlocker !== null) {
      // Obstacles are internal: for a coordinator, other states' onboardings have none (as Onboarding.blockers shows them).
      const blocked = `(EXISTS (SELECT 1 FROM blocker b WHERE b.onboarding_id = e.id AND b.severity = 'BLOCKING' AND b.resolved_at IS NULL) AND ${this.internalsVisibleSql(qb, actor)})`;
      qb.andWhere(`${f.hasBlockingBlocker ? '' : 'NOT '}${blocked}`);
    }
    if (f.overdue !== undefined && f.overdue !== null) {
      // IS NOT NULL keeps the condition two-valued, so overdue: false includes onboardings without a planned date.
      qb.andWhere(`${f.overdue ? '' : 'NOT '}(e.plannedGoLive IS NOT NULL AND e.plannedGoLive < ${SQL_TODAY} AND e.liveAt IS NULL AND e.status <> 'CANCELLED')`);
    }
  }

  protected async validate(o: Onboarding, em: EntityManager): Promise<FieldIssue[]> {
    const issues: FieldIssue[] = [];
    await loadReference(em, Authority, o.authorityId, 'authorityId', 'authority', issues);
    await loadReference(em, OnlineService, o.serviceId, 'serviceId', 'service', issues);
    return [...issues, ...validateOnboarding(o)];
  }

  /**
   * Starts an onboarding in the service's first stage and gives it the
   * milestones of the service's active templates (copied, so later template
   * changes leave it as it is). One onboarding per authority and service.
   */
  override async create(input: Partial<Onboarding>, actor: Actor): Promise<Onboarding> {
    return this.dataSource.transaction((em) => this.createIn(em, input, actor));
  }

  /** The same inside the caller's transaction; `at` back-dates the start (an import of an older case). */
  async createIn(em: EntityManager, input: Partial<Onboarding>, actor: Actor, at: Date = new Date()): Promise<Onboarding> {
    const issues: FieldIssue[] = [];
    const authority = await loadReference(em, Authority, input.authorityId, 'authorityId', 'authority', issues);
    const service = await loadReference(em, OnlineService, input.serviceId, 'serviceId', 'service', issues);
    assertNoIssues(issues);
    const existing = await em.findOneBy(Onboarding, { authorityId: authority!.id, serviceId: service!.id });
    if (existing) {
      throw new DomainError(ErrorCode.CONFLICT, `${authority!.name} already has an onboarding for ${service!.name}`, {
        issues: [{ field: 'serviceId', ...issueText('DUPLICATE_ONBOARDING') }],
        details: { existingId: existing.id },
      });
    }
    const [first] = await em.find(ServiceStage, { where: { serviceId: service!.id }, order: { position: 'ASC' }, take: 1 });
    if (!first) throw DomainError.validation([issueAt('serviceId', 'NO_PIPELINE_STAGES', { service: service!.name })]);
    const now = at;
    // A request racing this one past the check above hits the unique constraint (uq_onboarding_authority_service).
    const onboarding = await this.insert(em, { ...input, stage: first.key, status: OnboardingStatus.ACTIVE, stageEnteredAt: now }, actor);
    await em.query(
      `INSERT INTO milestone (onboarding_id, key, name_de, name_en, stage, required, position, status, due_date)
       SELECT $1, t.key, t.name_de, t.name_en, t.stage_key, t.required, t.position, 'OPEN',
              CASE WHEN t.due_days IS NULL THEN NULL ELSE ${SQL_TODAY} + t.due_days END
       FROM milestone_template t WHERE t.service_id = $2 AND t.active ORDER BY t.position`,
      [onboarding.id, service!.id],
    );
    await em.insert(OnboardingTransition, {
      onboardingId: onboarding.id,
      kind: 'CREATE',
      fromStage: null,
      toStage: first.key,
      fromStatus: null,
      toStatus: OnboardingStatus.ACTIVE,
      occurredAt: now,
      actor: actor.id,
      comment: null,
    });
    return onboarding;
  }
}
