import { Resolver } from '@nestjs/graphql';
import { CrudResolver } from '../common/crud.resolver.js';
import { CreateMilestoneTemplateArgs, CreateServiceStageArgs, MilestoneTemplateFields, MilestoneTemplateFilter, ServiceStageFilter, StageFields } from './pipeline.args.js';
import { MilestoneTemplateService, ServiceStageService } from './pipeline.service.js';
import { MilestoneTemplate } from './milestone-template.entity.js';
import { ServiceStage } from './service-stage.entity.js';

@Resolver(() => ServiceStage)
export class ServiceStageResolver extends CrudResolver({
  entity: ServiceStage,
  name: 'ServiceStage',
  plural: 'ServiceStages',
  createArgs: CreateServiceStageArgs,
  updatableArgs: StageFields,
  filter: ServiceStageFilter,
}) {
  constructor(protected readonly service: ServiceStageService) {
    super();
  }
}

@Resolver(() => MilestoneTemplate)
export class MilestoneTemplateResolver extends CrudResolver({
  entity: MilestoneTemplate,
  name: 'MilestoneTemplate',
  plural: 'MilestoneTemplates',
  createArgs: CreateMilestoneTemplateArgs,
  updatableArgs: MilestoneTemplateFields,
  filter: MilestoneTemplateFilter,
}) {
  constructor(protected readonly service: MilestoneTemplateService) {
    super();
  }
}
