import { Injectable } from '@nestjs/common';
import { validateState, type FieldIssue } from '@efa/domain';
import { type EntityManager } from 'typeorm';
import { CrudService, type CrudDefinition } from '../common/crud.service.js';
import type { StateFilter } from './state.args.js';
import { State } from './state.entity.js';

@Injectable()
export class StateService extends CrudService<State, StateFilter> {
  protected readonly def: CrudDefinition<State> = {
    entity: State,
    name: 'State',
    searchColumns: ['name'],
    prefixSearchColumns: ['code', 'arsPrefix'],
    filterColumns: ['code'],
    sortable: ['code', 'name', 'arsPrefix', 'koenigsteinShare', 'createdAt', 'updatedAt'],
    defaultSort: 'arsPrefix',
    referencedBy: [
      { table: 'authority', column: 'state_id', label: 'authorities' },
      { table: 'reuse_contract', column: 'state_id', label: 'reuse contracts' },
      { table: 'service', column: 'lead_state_id', label: 'services it leads' },
      { table: 'reuse_variant', column: 'state_id', label: 'reuse variants' },
    ],
  };

  protected async validate(s: State, _em: EntityManager): Promise<FieldIssue[]> {
    return validateState(s);
  }
}
