import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { ContractStatus } from '@efa/domain';
import { CrudResolver } from '../common/crud.resolver.js';
import type { RequestContext } from '../common/loaders.js';
import { OnlineService } from '../online-service/online-service.entity.js';
import { State } from '../state/state.entity.js';
import { ContractStepArgs, CreateReuseContractArgs, ReuseContractFilter, SignContractArgs, TerminateContractArgs } from './reuse-contract.args.js';
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

  @Mutation(() => ReuseContract, { description: 'The state declared interest (Interessensbekundung).' })
  declareInterest(@Args({ type: () => ContractStepArgs }) a: ContractStepArgs, @Context() ctx: RequestContext) {
    return this.service.transition(a.id, a.version, ContractStatus.INTEREST_DECLARED, a.at, null, ctx.actor);
  }

  @Mutation(() => ReuseContract)
  startNegotiation(@Args({ type: () => ContractStepArgs }) a: ContractStepArgs, @Context() ctx: RequestContext) {
    return this.service.transition(a.id, a.version, ContractStatus.NEGOTIATING, a.at, null, ctx.actor);
  }

  @Mutation(() => ReuseContract, { description: 'The contract was signed (Beitritt); authorities of the state may then go live.' })
  signContract(@Args({ type: () => SignContractArgs }) a: SignContractArgs, @Context() ctx: RequestContext) {
    return this.service.transition(a.id, a.version, ContractStatus.SIGNED, a.signedAt, null, ctx.actor);
  }

  @Mutation(() => ReuseContract, { description: 'Ends a signed contract; needs a reason.' })
  terminateContract(@Args({ type: () => TerminateContractArgs }) a: TerminateContractArgs, @Context() ctx: RequestContext) {
    return this.service.transition(a.id, a.version, ContractStatus.TERMINATED, a.at, a.reason, ctx.actor);
  }
}
