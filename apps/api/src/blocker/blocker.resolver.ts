import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CrudResolver } from '../common/crud.resolver.js';
import type { RequestContext } from '../common/loaders.js';
import { ReasonArgs } from '../onboarding/onboarding.args.js';
import { Onboarding } from '../onboarding/onboarding.entity.js';
import { BlockerDetailsArgs, BlockerFilter, CreateBlockerArgs, ResolveBlockerArgs } from './blocker.args.js';
import { Blocker } from './blocker.entity.js';
import { BlockerService } from './blocker.service.js';

@Resolver(() => Blocker)
export class BlockerResolver extends CrudResolver({
  entity: Blocker,
  name: 'Blocker',
  plural: 'Blockers',
  createArgs: CreateBlockerArgs,
  updatableArgs: BlockerDetailsArgs,
  filter: BlockerFilter,
}) {
  constructor(protected readonly service: BlockerService) {
    super();
  }

  @Mutation(() => Blocker, { description: 'Resolves an obstacle with a note on how.' })
  resolveBlocker(@Args({ type: () => ResolveBlockerArgs }) a: ResolveBlockerArgs, @Context() ctx: RequestContext) {
    return this.service.resolve(a.id, a.version, a.resolution, a.resolvedAt, ctx.actor);
  }

  @Mutation(() => Blocker, { description: 'Opens a resolved obstacle again; needs a reason.' })
  reopenBlocker(@Args({ type: () => ReasonArgs }) a: ReasonArgs, @Context() ctx: RequestContext) {
    return this.service.reopen(a.id, a.version, a.reason, ctx.actor);
  }

  @ResolveField(() => Onboarding)
  onboarding(@Parent() b: Blocker, @Context() ctx: RequestContext) {
    return ctx.loaders.byId(Onboarding).load(b.onboardingId);
  }
}
