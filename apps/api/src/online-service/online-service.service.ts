import { Injectable } from '@nestjs/common';
import { validateService, type FieldIssue } from '@efa/domain';
import { type EntityManager } from 'typeorm';
import type { Actor } from '../common/actor.js';
import { CrudService, type CrudDefinition } from '../common/crud.service.js';
import { installDefaultPipeline } from '../pipeline/default-pipeline.js';
import { loadReference } from '../common/references.js';
import { State } from '../state/state.entity.js';
import type { ServiceFilter } from './online-service.args.js';
import { OnlineService } from './online-service.entity.js';

@Injectable()
export class OnlineServiceService extends CrudService<OnlineService, ServiceFilter> {
  protected readonly def: CrudDefinition<OnlineService> = {
    entity: OnlineService,
    name: 'Service',
    searchColumns: ['name', 'provider'],
    prefixSearchColumns: ['ozgId'],
    filterColumns: ['topicField', 'leadStateId', 'ozgId'],
    sortable: ['name', 'ozgId', 'topicField', 'leadStateId', 'provider', 'ozgType', 'maturityLevel', 'standard', 'createdAt', 'updatedAt'],
    defaultSort: 'name',
    referencedBy: [
      { table: 'reuse_contract', column: 'service_id', label: 'reuse contracts' },
      { table: 'onboarding', column: 'service_id', label: 'onboardings' },
      { table: 'reuse_variant', column: 'service_id', label: 'reuse variants' },
      { table: 'service_cost', column: 'service_id', label: 'recorded yearly costs' },
    ],
  };

  /** A new service starts with the default onboarding pipeline, editable afterwards. */
  override async create(input: Partial<OnlineService>, actor: Actor): Promise<OnlineService> {
    return this.dataSource.transaction(async (em) => {
      const service = await this.insert(em, input, actor);
      await installDefaultPipeline(em, service.id);
      return service;
    });
  }

  protected async validate(s: OnlineService, em: EntityManager): Promise<FieldIssue[]> {
    const issues: FieldIssue[] = [];
    await loadReference(em, State, s.leadStateId, 'leadStateId', 'state', issues, false);
    return [...issues, ...validateService(s)];
  }
}
