import { Context, Info, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { CrudResolver } from '../common/crud.resolver.js';
import type { RequestContext } from '../common/loaders.js';
import { State } from '../state/state.entity.js';
import { CreateServiceArgs, ServiceFilter } from './online-service.args.js';
import { OnlineService } from './online-service.entity.js';
import { OnlineServiceService } from './online-service.service.js';

@Resolver(() => OnlineService)
export class OnlineServiceResolver extends CrudResolver({ entity: OnlineService, name: 'Service', plural: 'Services', createArgs: CreateServiceArgs, filter: ServiceFilter }) {
  constructor(protected readonly service: OnlineServiceService) {
    super();
  }

  @ResolveField(() => State, { nullable: true })
  leadState(@Parent() s: OnlineService, @Context() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return ctx.loaders.reference(State, s.leadStateId, info);
  }
}
