import { Injectable } from '@nestjs/common';
import { DomainError, MilestoneStatus, issueText, refusalReason, validateMilestone, validateMilestoneTemplate, type CodedMessage, type FieldIssue, today } from '@efa/domain';
import type { EntityManager, SelectQueryBuilder } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { CrudService, SQL_TODAY, type CrudDefinition } from '../common/crud.service.js';
import { loadReference } from '../common/references.js';
import { Onboarding } from '../onboarding/onboarding.entity.js';
import { ServiceStage } from '../pipeline/service-stage.entity.js';
import type { MilestoneFilter } from './milestone.args.js';
import { Milestone } from './milestone.entity.js';

@Injectable()
export class MilestoneService extends CrudService<Milestone, MilestoneFilter> {
  protected readonly def: CrudDefinition<Milestone> = {
    entity: Milestone,
    name: 'Milestone',
    searchColumns: ['nameDe', 'nameEn', 'note'],
    prefixSearchColumns: ['key'],
    filterColumns: ['onboardingId', 'status', 'stage', 'required'],
    sortable: ['position', 'key', 'stage', 'status', 'dueDate', 'completedAt', 'required', 'onboardingId', 'updatedAt'],
    defaultSort: 'position',
    stateOf: async (r, em) =>
      (await em.query(`SELECT a.state_id FROM onboarding o JOIN authority a ON a.id = o.authority_id WHERE o.id = $1`, [r.onboardingId]))[0]?.state_id ?? null,
    ownStateSql: `e.onboardingId IN (SELECT o.id FROM onboarding o JOIN authority a ON a.id = o.authority_id WHERE a.state_id = :ownState)`,
  };

  protected override applyFilter(qb: SelectQueryBuilder<Milestone>, f: MilestoneFilter): void {
    if (f.overdue !== undefined && f.overdue !== null) {
      // IS NOT NULL keeps the condition two-valued, so overdue: false includes milestones without a due date.
      qb.andWhere(`${f.overdue ? '' : 'NOT '}(e.status = 'OPEN' AND e.dueDate IS NOT NULL AND e.dueDate < ${SQL_TODAY})`);
    }
  }

  protected async validate(m: Milestone, em: EntityManager): Promise<FieldIssue[]> {
    const issues: FieldIssue[] = [];
    const onboarding = await loadReference(em, Onboarding, m.onboardingId, 'onboardingId', 'onboarding', issues);
    if (onboarding && m.stage && !(await em.findOneBy(ServiceStage, { serviceId: onboarding.serviceId, key: m.stage }))) {
      issues.push({ field: 'stage', ...issueText('NOT_A_STAGE_OF_SERVICE', { stage: m.stage }) });
    }
    const template = validateMilestoneTemplate({ key: m.key, stageKey: m.stage, nameDe: m.nameDe, nameEn: m.nameEn, required: m.required, position: m.position, active: true });
    return [...issues, ...template.map((i) => ({ ...i, field: i.field === 'stageKey' ? 'stage' : i.field })), ...validateMilestone(m)];
  }

  /** Deleting a required milestone would get round the go-live rule: mark it not applicable with a reason instead. */
  protected override async deleteRefusals(m: Milestone): Promise<CodedMessage[]> {
    return m.required ? [refusalReason('MILESTONE_DELETE_REQUIRED', { milestone: m.nameEn, milestone_de: m.nameDe, milestone_en: m.nameEn })] : [];
  }

  override async create(input: Partial<Milestone>, actor: Actor): Promise<Milestone> {
    return super.create({ ...input, status: MilestoneStatus.OPEN }, actor);
  }

  async complete(id: string, version: number, completedAt: string | null | undefined, evidenceUrl: string | null | undefined, note: string | null | undefined, actor: Actor) {
    return this.dataSource.transaction(async (em) => {
      const m = await this.loadForWrite(em, id, version);
      if (m.status === MilestoneStatus.DONE) throw DomainError.notAllowed([refusalReason('MILESTONE_ALREADY_DONE')]);
      const date = completedAt ?? today();
      if (date > today()) throw DomainError.validation([{ field: 'completedAt', ...issueText('NOT_IN_FUTURE', { value: date }) }]);
      return this.applyChange(em, m, { status: MilestoneStatus.DONE, completedAt: date, evidenceUrl: evidenceUrl ?? m.evidenceUrl, note: note ?? m.note }, actor, 'COMPLETE', note);
    });
  }

  async reopen(id: string, version: number, note: string | null | undefined, actor: Actor) {
    return this.dataSource.transaction(async (em) => {
      const m = await this.loadForWrite(em, id, version);
      if (m.status === MilestoneStatus.OPEN) throw DomainError.notAllowed([refusalReason('MILESTONE_ALREADY_OPEN')]);
      return this.applyChange(em, m, { status: MilestoneStatus.OPEN, completedAt: null, note: note ?? m.note }, actor, 'REOPEN', note);
    });
  }

  async markNotApplicable(id: string, version: number, reason: string, actor: Actor) {
    return this.dataSource.transaction(async (em) => {
      const m = await this.loadForWrite(em, id, version);
      if (m.status === MilestoneStatus.NOT_APPLICABLE) throw DomainError.notAllowed([refusalReason('MILESTONE_ALREADY_NOT_APPLICABLE')]);
      if (!reason?.trim()) throw DomainError.validation([{ field: 'reason', ...issueText('NOT_APPLICABLE_REASON_REQUIRED') }]);
      return this.applyChange(em, m, { status: MilestoneStatus.NOT_APPLICABLE, completedAt: null, note: reason.trim() }, actor, 'NOT_APPLICABLE', reason);
    });
  }
}
