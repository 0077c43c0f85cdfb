import { Injectable } from '@nestjs/common';
import { issueText, validateMilestoneTemplate, validateServiceStage, type FieldIssue } from '@efa/domain';
import type { EntityManager } from 'typeorm';
import { CrudService, type CrudDefinition } from '../common/crud.service.js';
import { loadReference } from '../common/references.js';
import { OnlineService } from '../online-service/online-service.entity.js';
import type { MilestoneTemplateFilter, ServiceStageFilter } from './pipeline.args.js';
import { MilestoneTemplate } from './milestone-template.entity.js';
import { ServiceStage } from './service-stage.entity.js';

@Injectable()
export class ServiceStageService extends CrudService<ServiceStage, ServiceStageFilter> {
  protected readonly def: CrudDefinition<ServiceStage> = {
    entity: ServiceStage,
    name: 'ServiceStage',
    searchColumns: ['nameDe', 'nameEn'],
    prefixSearchColumns: ['key'],
    filterColumns: ['serviceId'],
    sortable: ['position', 'key', 'nameDe', 'nameEn', 'serviceId'],
    defaultSort: 'position',
  };

  protected async validate(s: ServiceStage, em: EntityManager): Promise<FieldIssue[]> {
    const issues: FieldIssue[] = [];
    await loadReference(em, OnlineService, s.serviceId, 'serviceId', 'service', issues);
    return [...issues, ...validateServiceStage(s)];
  }
}

@Injectable()
export class MilestoneTemplateService extends CrudService<MilestoneTemplate, MilestoneTemplateFilter> {
  protected readonly def: CrudDefinition<MilestoneTemplate> = {
    entity: MilestoneTemplate,
    name: 'MilestoneTemplate',
    searchColumns: ['nameDe', 'nameEn'],
    prefixSearchColumns: ['key'],
    filterColumns: ['serviceId', 'stageKey', 'active'],
    sortable: ['position', 'key', 'stageKey', 'nameDe', 'nameEn', 'required', 'active', 'serviceId'],
    defaultSort: 'position',
  };

  protected async validate(m: MilestoneTemplate, em: EntityManager): Promise<FieldIssue[]> {
    const issues: FieldIssue[] = [];
    await loadReference(em, OnlineService, m.serviceId, 'serviceId', 'service', issues);
    if (m.serviceId && m.stageKey && issues.length === 0) {
      const stage = await em.findOneBy(ServiceStage, { serviceId: m.serviceId, key: m.stageKey });
      if (!stage) issues.push({ field: 'stageKey', ...issueText('NOT_A_STAGE_OF_SERVICE', { stage: m.stageKey }) });
    }
    return [...issues, ...validateMilestoneTemplate(m)];
  }
}
