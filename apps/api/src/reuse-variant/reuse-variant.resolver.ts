import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CrudResolver } from '../common/crud.resolver.js';
import type { RequestContext } from '../common/loaders.js';
import { OnlineService } from '../online-service/online-service.entity.js';
import { State } from '../state/state.entity.js';
import { CreateReuseVariantArgs, ReuseVariantDetailsArgs, ReuseVariantFilter } from './reuse-variant.args.js';
import { ReuseVariant } from './reuse-variant.entity.js';
import { ReuseVariantService } from './reuse-variant.service.js';

@Resolver(() => ReuseVariant)
export class ReuseVariantResolver extends CrudResolver({
  entity: ReuseVariant,
  name: 'ReuseVariant',
  plural: 'ReuseVariants',
  createArgs: CreateReuseVariantArgs,
  updatableArgs: ReuseVariantDetailsArgs,
  filter: ReuseVariantFilter,
}) {
  constructor(protected readonly service: ReuseVariantService) {
    super();
  }

  @ResolveField(() => State)
  state(@Parent() v: ReuseVariant, @Context() ctx: RequestContext) {
    return ctx.loaders.byId(State).load(v.stateId);
  }

  @ResolveField(() => OnlineService, { name: 'service' })
  onlineService(@Parent() v: ReuseVariant, @Context() ctx: RequestContext) {
    return ctx.loaders.byId(OnlineService).load(v.serviceId);
  }
}
