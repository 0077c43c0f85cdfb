import { Injectable } from '@nestjs/common';
import { validateReuseVariant, type FieldIssue } from '@efa/domain';
import type { EntityManager } from 'typeorm';
import { CrudService, type CrudDefinition } from '../common/crud.service.js';
import { loadReference } from '../common/references.js';
import { OnlineService } from '../online-service/online-service.entity.js';
import { State } from '../state/state.entity.js';
import type { ReuseVariantFilter } from './reuse-variant.args.js';
import { ReuseVariant } from './reuse-variant.entity.js';

@Injectable()
export class ReuseVariantService extends CrudService<ReuseVariant, ReuseVariantFilter> {
  protected readonly def: CrudDefinition<ReuseVariant> = {
    entity: ReuseVariant,
    name: 'ReuseVariant',
    searchColumns: ['note'],
    filterColumns: ['stateId', 'serviceId', 'variant'],
    sortable: ['stateId', 'serviceId', 'variant', 'updatedAt'],
    sortByReference: { stateId: { table: 'state', column: 'name' }, serviceId: { table: 'service', column: 'name' } },
    defaultSort: 'stateId',
    stateOf: async (r) => r.stateId,
    ownStateSql: 'e.stateId = :ownState',
  };

  protected async validate(v: ReuseVariant, em: EntityManager): Promise<FieldIssue[]> {
    const issues: FieldIssue[] = [];
    await loadReference(em, State, v.stateId, 'stateId', 'state', issues);
    await loadReference(em, OnlineService, v.serviceId, 'serviceId', 'service', issues);
    return [...issues, ...validateReuseVariant(v)];
  }
}
