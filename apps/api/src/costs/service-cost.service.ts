import { Injectable } from '@nestjs/common';
import { issueAt, validateServiceCost, type FieldIssue } from '@efa/domain';
import type { EntityManager } from 'typeorm';
import { CrudService, type CrudDefinition } from '../common/crud.service.js';
import { loadReference } from '../common/references.js';
import { OnlineService } from '../online-service/online-service.entity.js';
import type { ServiceCostFilter } from './service-cost.args.js';
import { ServiceCost } from './service-cost.entity.js';

@Injectable()
export class ServiceCostService extends CrudService<ServiceCost, ServiceCostFilter> {
  protected readonly def: CrudDefinition<ServiceCost> = {
    entity: ServiceCost,
    name: 'ServiceCost',
    searchColumns: ['note'],
    filterColumns: ['serviceId', 'year'],
    sortable: ['serviceId', 'year', 'operationCents', 'maintenanceCents', 'totalCents', 'updatedAt'],
    defaultSort: 'year',
  };

  protected async validate(cost: ServiceCost, em: EntityManager): Promise<FieldIssue[]> {
    const issues: FieldIssue[] = [];
    await loadReference(em, OnlineService, cost.serviceId, 'serviceId', 'service', issues);
    issues.push(...validateServiceCost(cost));
    if (issues.length === 0) {
      const [other] = await em.query(`SELECT 1 FROM service_cost WHERE service_id = $1 AND year = $2 AND id <> coalesce($3::uuid, uuid_nil())`, [cost.serviceId, cost.year, cost.id ?? null]);
      if (other) issues.push(issueAt('year', 'SERVICE_COST_RECORDED', { year: cost.year }));
    }
    return issues;
  }
}
