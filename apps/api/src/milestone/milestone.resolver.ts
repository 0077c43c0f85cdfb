import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CrudResolver } from '../common/crud.resolver.js';
import type { RequestContext } from '../common/loaders.js';
import { ReasonArgs } from '../onboarding/onboarding.args.js';
import { Onboarding } from '../onboarding/onboarding.entity.js';
import { CompleteMilestoneArgs, CreateMilestoneArgs, MilestoneDetailsArgs, MilestoneFilter, ReopenMilestoneArgs } from './milestone.args.js';
import { Milestone } from './milestone.entity.js';
import { MilestoneService } from './milestone.service.js';

@Resolver(() => Milestone)
export class MilestoneResolver extends CrudResolver({
  entity: Milestone,
  name: 'Milestone',
  plural: 'Milestones',
  createArgs: CreateMilestoneArgs,
  updatableArgs: MilestoneDetailsArgs,
  filter: MilestoneFilter,
}) {
  constructor(protected readonly service: MilestoneService) {
    super();
  }

  @Mutation(() => Milestone, { description: 'Ticks a milestone off (completedAt default today, never in the future).' })
  completeMilestone(@Args({ type: () => CompleteMilestoneArgs }) a: CompleteMilestoneArgs, @Context() ctx: RequestContext) {
    return this.service.complete(a.id, a.version, a.completedAt, a.evidenceUrl, a.note, ctx.actor);
  }

  @Mutation(() => Milestone)
  reopenMilestone(@Args({ type: () => ReopenMilestoneArgs }) a: ReopenMilestoneArgs, @Context() ctx: RequestContext) {
    return this.service.reopen(a.id, a.version, a.note, ctx.actor);
  }

  @Mutation(() => Milestone, { description: 'Marks a milestone as not applicable to this onboarding; needs a reason.' })
  markMilestoneNotApplicable(@Args({ type: () => ReasonArgs }) a: ReasonArgs, @Context() ctx: RequestContext) {
    return this.service.markNotApplicable(a.id, a.version, a.reason, ctx.actor);
  }

  @ResolveField(() => Onboarding)
  onboarding(@Parent() m: Milestone, @Context() ctx: RequestContext) {
    return ctx.loaders.byId(Onboarding).load(m.onboardingId);
  }
}
