import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CrudResolver } from '../common/crud.resolver.js';
import type { RequestContext } from '../common/loaders.js';
import { OnlineService } from '../online-service/online-service.entity.js';
import { CreateServiceCostArgs, ServiceCostDetailsArgs, ServiceCostFilter } from './service-cost.args.js';
import { ServiceCost } from './service-cost.entity.js';
import { ServiceCostService } from './service-cost.service.js';

@Resolver(() => ServiceCost)
export class ServiceCostResolver extends CrudResolver({
  entity: ServiceCost,
  name: 'ServiceCost',
  plural: 'ServiceCosts',
  createArgs: CreateServiceCostArgs,
  updatableArgs: ServiceCostDetailsArgs,
  filter: ServiceCostFilter,
}) {
  constructor(protected readonly service: ServiceCostService) {
    super();
  }

  @ResolveField(() => OnlineService, { name: 'service' })
  onlineService(@Parent() c: ServiceCost, @Context() ctx: RequestContext) {
    return ctx.loaders.byId(OnlineService).load(c.serviceId);
  }
}
