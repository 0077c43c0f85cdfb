import { Args, Context, Field, GraphQLISODateTime, Mutation, ObjectType, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { seesInternals, stageAt } from '@efa/domain';
import { Authority } from '../authority/authority.entity.js';
import { Blocker } from '../blocker/blocker.entity.js';
import { CrudResolver } from '../common/crud.resolver.js';
import type { RequestContext } from '../common/loaders.js';
import { Milestone } from '../milestone/milestone.entity.js';
import { OnlineService } from '../online-service/online-service.entity.js';
import { OnboardingNote } from './onboarding-note.entity.js';
import { OnboardingTransition } from './onboarding-transition.entity.js';
import {
  AdvanceOnboardingArgs,
  AdvanceOnboardingsArgs,
  BulkMoveResult,
  CreateOnboardingArgs,
  MoveOnboardingBackArgs,
  OnboardingDetailsArgs,
  OnboardingFilter,
  ReasonArgs,
  SetPlannedGoLiveArgs,
  WorkflowArgs,
} from './onboarding.args.js';
import { Onboarding } from './onboarding.entity.js';
import { OnboardingService } from './onboarding.service.js';
import { OnboardingWorkflowService } from './onboarding-workflow.service.js';

@ObjectType({ description: 'Where an onboarding stood at a moment.' })
class StageSnapshot {
  @Field(() => String)
  stage: string;

  @Field(() => String)
  status: string;
}

@Resolver(() => Onboarding)
export class OnboardingResolver extends CrudResolver({
  entity: Onboarding,
  name: 'Onboarding',
  plural: 'Onboardings',
  createArgs: CreateOnboardingArgs,
  updatableArgs: OnboardingDetailsArgs,
  filter: OnboardingFilter,
}) {
  constructor(
    protected readonly service: OnboardingService,
    private readonly workflow: OnboardingWorkflowService,
  ) {
    super();
  }

  @Mutation(() => Onboarding, { description: 'Moves to the next stage, or forward to toStage. LIVE needs the signed contract and every required milestone up to TEST; an open BLOCKING obstacle stops any advance.' })
  advanceOnboarding(@Args({ type: () => AdvanceOnboardingArgs }) a: AdvanceOnboardingArgs, @Context() ctx: RequestContext) {
    return this.workflow.advance(a.id, a.version, a.toStage, a.comment, a.liveAt, ctx.actor);
  }

  @Mutation(() => [BulkMoveResult], { description: 'Advances many onboardings (a wave); each is checked on its own and refused ones stay unchanged.' })
  advanceOnboardings(@Args({ type: () => AdvanceOnboardingsArgs }) a: AdvanceOnboardingsArgs, @Context() ctx: RequestContext) {
    return this.workflow.advanceMany(a.ids, a.toStage, a.comment, ctx.actor);
  }

  @Mutation(() => Onboarding, { description: 'Moves back to an earlier stage; needs a reason.' })
  moveOnboardingBack(@Args({ type: () => MoveOnboardingBackArgs }) a: MoveOnboardingBackArgs, @Context() ctx: RequestContext) {
    return this.workflow.moveBack(a.id, a.version, a.toStage, a.reason, ctx.actor);
  }

  @Mutation(() => Onboarding, { description: 'Pauses (ON_HOLD) with a reason; resumable into the same stage.' })
  pauseOnboarding(@Args({ type: () => ReasonArgs }) a: ReasonArgs, @Context() ctx: RequestContext) {
    return this.workflow.pause(a.id, a.version, a.reason, ctx.actor);
  }

  @Mutation(() => Onboarding)
  resumeOnboarding(@Args({ type: () => WorkflowArgs }) a: WorkflowArgs, @Context() ctx: RequestContext) {
    return this.workflow.resume(a.id, a.version, ctx.actor);
  }

  @Mutation(() => Onboarding, { description: 'Cancels with a reason; only reopenOnboarding moves it again.' })
  cancelOnboarding(@Args({ type: () => ReasonArgs }) a: ReasonArgs, @Context() ctx: RequestContext) {
    return this.workflow.cancel(a.id, a.version, a.reason, ctx.actor);
  }

  @Mutation(() => Onboarding, { description: 'Reopens a cancelled onboarding (administrators).' })
  reopenOnboarding(@Args({ type: () => ReasonArgs }) a: ReasonArgs, @Context() ctx: RequestContext) {
    return this.workflow.reopen(a.id, a.version, a.reason, ctx.actor);
  }

  @Mutation(() => Onboarding)
  setPlannedGoLive(@Args({ type: () => SetPlannedGoLiveArgs }) a: SetPlannedGoLiveArgs, @Context() ctx: RequestContext) {
    return this.workflow.setPlannedGoLive(a.id, a.version, a.plannedGoLive, ctx.actor);
  }

  @ResolveField(() => Authority)
  authority(@Parent() o: Onboarding, @Context() ctx: RequestContext) {
    return ctx.loaders.byId(Authority).load(o.authorityId);
  }

  @ResolveField(() => OnlineService, { name: 'service' })
  onlineService(@Parent() o: Onboarding, @Context() ctx: RequestContext) {
    return ctx.loaders.byId(OnlineService).load(o.serviceId);
  }

  @ResolveField(() => [Milestone])
  milestones(@Parent() o: Onboarding, @Context() ctx: RequestContext) {
    return ctx.loaders.manyBy(Milestone, 'onboardingId', { position: 'ASC' }).load(o.id);
  }

  @ResolveField(() => [Blocker], { description: 'Its obstacles; a state coordinator sees those of their own state only.' })
  async blockers(@Parent() o: Onboarding, @Context() ctx: RequestContext) {
    if (!seesInternals(ctx.actor, await ctx.loaders.authorityState.load(o.authorityId))) return [];
    return ctx.loaders.manyBy(Blocker, 'onboardingId', { openedAt: 'DESC' }).load(o.id);
  }

  @ResolveField(() => [OnboardingNote], { name: 'noteEntries', description: 'Dated notes (e.g. imported Jira comments), oldest first; a state coordinator sees those of their own state only.' })
  async noteEntries(@Parent() o: Onboarding, @Context() ctx: RequestContext) {
    if (!seesInternals(ctx.actor, await ctx.loaders.authorityState.load(o.authorityId))) return [];
    return ctx.loaders.manyBy(OnboardingNote, 'onboardingId', { writtenAt: 'ASC' }).load(o.id);
  }

  @ResolveField(() => [OnboardingTransition], { description: 'The transition log, oldest first.' })
  transitions(@Parent() o: Onboarding, @Context() ctx: RequestContext) {
    return ctx.loaders.manyBy(OnboardingTransition, 'onboardingId', { occurredAt: 'ASC' }).load(o.id);
  }

  @ResolveField(() => StageSnapshot, { nullable: true, description: 'Stage and status at a past moment, from the transition log; null if it did not exist yet.' })
  async stageOn(
    @Parent() o: Onboarding,
    @Context() ctx: RequestContext,
    // Optional (default now) so that clients selecting every field, like react-admin's provider, can.
    @Args('at', { type: () => GraphQLISODateTime, nullable: true }) at?: Date | null,
  ) {
    const log = await ctx.loaders.manyBy(OnboardingTransition, 'onboardingId', { occurredAt: 'ASC' }).load(o.id);
    return stageAt(log, at ?? new Date()) ?? null;
  }
}
