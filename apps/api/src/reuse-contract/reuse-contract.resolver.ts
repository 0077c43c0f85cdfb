import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CrudResolver } from '../common/crud.resolver.js';
import type { RequestContext } from '../common/loaders.js';
import { OnlineService } from '../online-service/online-service.entity.js';
import { State } from '../state/state.entity.js';
import { CreateReuseContractArgs, ReuseContractFilter } from './reuse-contract.args.js';
import { ReuseContract } from './reuse-contract.entity.js';
import { ReuseContractService } from './reuse-contract.service.js';

@Resolver(() => ReuseContract)
export class ReuseContractResolver extends CrudResolver({
  entity: ReuseContract,
  name: 'ReuseContract',
  plural: 'ReuseContracts',
  createArgs: CreateReuseContractArgs,
  filter: ReuseContractFilter,
}) {
  constructor(protected readonly service: ReuseContractService) {
    super();
  }

  @ResolveField(() => State)
  state(@Parent() c: ReuseContract, @Context() ctx: RequestContext) {
    return ctx.loaders.byId(State).load(c.stateId);
  }

  @ResolveField(() => OnlineService, { name: 'service' })
  onlineService(@Parent() c: ReuseContract, @Context() ctx: RequestContext) {
    return ctx.loaders.byId(OnlineService).load(c.serviceId);
  }
}
