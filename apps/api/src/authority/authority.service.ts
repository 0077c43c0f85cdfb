import { Injectable } from '@nestjs/common';
import { validateAuthority, type FieldIssue } from '@efa/domain';
import { type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { CrudService, type CrudDefinition } from '../common/crud.service.js';
import { loadReference } from '../common/references.js';
import { SpecialistSystem } from '../specialist-system/specialist-system.entity.js';
import { State } from '../state/state.entity.js';
import type { AuthorityFilter } from './authority.args.js';
import { Authority } from './authority.entity.js';

@Injectable()
export class AuthorityService extends CrudService<Authority, AuthorityFilter> {
  protected readonly def: CrudDefinition<Authority> = {
    entity: Authority,
    name: 'Authority',
    searchColumns: ['name'],
    prefixSearchColumns: ['ars'],
    filterColumns: ['stateId', 'kind', 'level', 'specialistSystemId'],
    sortable: ['name', 'kind', 'level', 'stateId', 'ars', 'population', 'specialistSystemId', 'createdAt', 'updatedAt'],
    sortByReference: { stateId: { table: 'state', column: 'name' }, specialistSystemId: { table: 'specialist_system', column: 'product' } },
    defaultSort: 'name',
    stateOf: async (r) => r.stateId,
    ownStateSql: 'e.stateId = :ownState',
    referencedBy: [{ table: 'onboarding', column: 'authority_id', label: 'onboardings' }],
  };

  protected override applyFilter(qb: SelectQueryBuilder<Authority>, f: AuthorityFilter): void {
    if (f.hasSpecialistSystem === true) qb.andWhere('e.specialistSystemId IS NOT NULL');
    if (f.hasSpecialistSystem === false) qb.andWhere('e.specialistSystemId IS NULL');
    if (f.population_gte !== undefined && f.population_gte !== null) qb.andWhere('e.population >= :popMin', { popMin: f.population_gte });
    if (f.population_lte !== undefined && f.population_lte !== null) qb.andWhere('e.population <= :popMax', { popMax: f.population_lte });
  }

  protected async validate(a: Authority, em: EntityManager): Promise<FieldIssue[]> {
    const issues: FieldIssue[] = [];
    const state = await loadReference(em, State, a.stateId, 'stateId', 'state', issues);
    await loadReference(em, SpecialistSystem, a.specialistSystemId, 'specialistSystemId', 'specialist system', issues, false);
    const ruleIssues = validateAuthority({ ...a, stateCode: state?.code });
    // A missing/unknown state is already reported against stateId.
    return [...issues, ...ruleIssues.filter((i) => !(i.field === 'stateId' && issues.some((j) => j.field === 'stateId')))];
  }
}
