import { Injectable } from '@nestjs/common';
import { CONTRACT_STATUS_DATES, ContractStatus, DomainError, checkContractTransition, issueText, today, validateContract, type FieldIssue } from '@efa/domain';
import { type EntityManager, type SelectQueryBuilder } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { CrudService, escapeLike, type CrudDefinition } from '../common/crud.service.js';
import { loadReference } from '../common/references.js';
import { OnlineService } from '../online-service/online-service.entity.js';
import { State } from '../state/state.entity.js';
import type { ReuseContractFilter } from './reuse-contract.args.js';
import { ReuseContract } from './reuse-contract.entity.js';

@Injectable()
export class ReuseContractService extends CrudService<ReuseContract, ReuseContractFilter> {
  protected readonly def: CrudDefinition<ReuseContract> = {
    entity: ReuseContract,
    name: 'ReuseContract',
    searchColumns: [],
    filterColumns: ['stateId', 'serviceId', 'status', 'legalRoute'],
    sortable: ['stateId', 'serviceId', 'status', 'legalRoute', 'municipalAccess', 'interestDeclaredAt', 'negotiationStartedAt', 'signedAt', 'terminatedAt', 'createdAt', 'updatedAt'],
    sortByReference: { stateId: { table: 'state', column: 'name' }, serviceId: { table: 'service', column: 'name' } },
    defaultSort: 'createdAt',
    stateOf: async (r) => r.stateId,
    ownStateSql: 'e.stateId = :ownState',
  };

  protected override applyFilter(qb: SelectQueryBuilder<ReuseContract>, f: ReuseContractFilter, actor?: Actor): void {
    const q = f.q?.trim();
    if (q) {
      // Search the notes (internal: a coordinator's own state's only), the state's name/code and the service's name/OZG id.
      qb.andWhere(
        `((e.notes ILIKE :cq AND ${this.internalsVisibleSql(qb, actor)}) OR e.stateId IN (SELECT s.id FROM state s WHERE s.name ILIKE :cq OR s.code ILIKE :cqExact) OR e.serviceId IN (SELECT sv.id FROM service sv WHERE sv.name ILIKE :cq OR sv.ozg_id = :cqExact))`,
        { cq: `%${escapeLike(q)}%`, cqExact: q },
      );
    }
  }

  protected async validate(c: ReuseContract, em: EntityManager): Promise<FieldIssue[]> {
    const issues: FieldIssue[] = [];
    await loadReference(em, State, c.stateId, 'stateId', 'state', issues);
    await loadReference(em, OnlineService, c.serviceId, 'serviceId', 'service', issues);
    return [...issues, ...validateContract(c)];
  }

  /** A generic update may correct details and dates; a change of status follows the lifecycle rules like the step mutations. */
  override async update(id: string, version: number, patch: Partial<ReuseContract>, actor: Actor): Promise<ReuseContract> {
    return this.dataSource.transaction(async (em) => {
      const existing = await this.loadForWrite(em, id, version, actor);
      if (patch.status && patch.status !== existing.status) {
        DomainError.refuseIf(checkContractTransition(existing.status, patch.status, null));
      }
      return this.applyChange(em, existing, patch, actor, 'UPDATE');
    });
  }

  /**
   * A contract as a spreadsheet import writes it, inside the import's
   * transaction: a new one like `create`; a change like `update` (a change of
   * status only forwards along the lifecycle, terminating needs the reason,
   * which the history records with the new status as the action). Lifecycle
   * dates the row sets must not be in the future, as with the step mutations.
   */
  async importRow(em: EntityManager, existing: ReuseContract | null, values: Partial<ReuseContract>, reason: string | null, actor: Actor): Promise<ReuseContract> {
    const future = CONTRACT_STATUS_DATES.map(([, f]) => f).filter((f) => {
      const v = values[f];
      return typeof v === 'string' && v !== existing?.[f] && v > today();
    });
    if (future.length) throw DomainError.validation(future.map((f) => ({ field: f, ...issueText('NOT_IN_FUTURE', { value: String(values[f]) }) })));
    if (!existing) return this.insert(em, values, actor);
    const statusChanged = values.status !== undefined && values.status !== existing.status;
    if (statusChanged) DomainError.refuseIf(checkContractTransition(existing.status, values.status!, reason));
    return this.applyChange(em, existing, values, actor, statusChanged ? values.status! : 'UPDATE', statusChanged ? reason : null);
  }

  /**
   * Moves a contract along its lifecycle (NONE -> INTEREST_DECLARED ->
   * NEGOTIATING -> SIGNED -> TERMINATED), setting the date of the step
   * (default today, never in the future); the date order rules apply.
   */
  async transition(id: string, version: number, to: ContractStatus, at: string | null | undefined, reason: string | null | undefined, actor: Actor): Promise<ReuseContract> {
    return this.dataSource.transaction(async (em) => {
      const c = await this.loadForWrite(em, id, version, actor);
      const reasons = checkContractTransition(c.status, to, reason);
      DomainError.refuseIf(reasons);
      const date = at ?? today();
      const field = STATUS_DATE[to];
      if (date > today()) throw DomainError.validation([{ field, ...issueText('NOT_IN_FUTURE', { value: date }) }]);
      return this.applyChange(em, c, { status: to, [field]: date } as Partial<ReuseContract>, actor, to, reason);
    });
  }
}

const STATUS_DATE: Record<ContractStatus, 'interestDeclaredAt' | 'negotiationStartedAt' | 'signedAt' | 'terminatedAt'> = {
  NONE: 'interestDeclaredAt',
  INTEREST_DECLARED: 'interestDeclaredAt',
  NEGOTIATING: 'negotiationStartedAt',
  SIGNED: 'signedAt',
  TERMINATED: 'terminatedAt',
};
