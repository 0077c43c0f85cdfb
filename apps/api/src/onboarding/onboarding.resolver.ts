import { Args, Context, Field, GraphQLISODateTime, Int, Mutation, ObjectType, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { seesInternals, stageAt, stateMayGoLive } from '@efa/domain';
import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { Authority } from '../authority/authority.entity.js';
import { Blocker } from '../blocker/blocker.entity.js';
import { CrudResolver } from '../common/crud.resolver.js';
import type { RequestContext } from '../common/loaders.js';
import { GuideSection } from '../guide/guide-section.entity.js';
import { HistoryService, TimelineEntry } from '../history/history.resolver.js';
import { MeetingFiguresService } from '../meeting/meeting-figures.service.js';
import { OverdueActionItems } from '../meeting/meeting.types.js';
import { Milestone } from '../milestone/milestone.entity.js';
import { NotificationService } from '../notification/notification.service.js';
import { UUID_PATTERN } from '../common/crud.service.js';
import { ServiceStage } from '../pipeline/service-stage.entity.js';
import { Wave } from '../wave/wave.entity.js';
import { OnlineService } from '../online-service/online-service.entity.js';
import { leanManyBy } from '../common/lean-loaders.js';
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

/**
 * Per request: may the onboarding's state take it live as far as the contract goes (the service's lead
 * state, or a signed reuse contract of its state)? One statement for all onboardings of a request.
 */
const contractLoaders = new WeakMap<object, DataLoader<string, boolean>>();
function contractSignedLoader(ctx: RequestContext, dataSource: DataSource): DataLoader<string, boolean> {
  let loader = contractLoaders.get(ctx.loaders);
  if (!loader) {
    loader = new DataLoader<string, boolean>(async (ids) => {
      const rows: Array<{ id: string; lead: boolean; status: string | null }> = await dataSource.query(
        `SELECT o.id, sv.lead_state_id IS NOT DISTINCT FROM a.state_id AS lead, c.status
         FROM onboarding o JOIN authority a ON a.id = o.authority_id JOIN service sv ON sv.id = o.service_id
         LEFT JOIN reuse_contract c ON c.state_id = a.state_id AND c.service_id = o.service_id
         WHERE o.id = ANY($1)`,
        [[...ids]],
      );
      const signed = new Map<string, boolean>();
      for (const r of rows) signed.set(r.id, (signed.get(r.id) ?? false) || stateMayGoLive(r.status ?? undefined, r.lead));
      return ids.map((id) => signed.get(id) ?? false);
    });
    contractLoaders.set(ctx.loaders, loader);
  }
  return loader;
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
    private readonly history: HistoryService,
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationService,
    private readonly meetingFigures: MeetingFiguresService,
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

  @ResolveField(() => Wave, { nullable: true, description: 'The rollout wave it belongs to, if any.' })
  wave(@Parent() o: Onboarding, @Context() ctx: RequestContext) {
    return o.waveId ? ctx.loaders.byId(Wave).load(o.waveId) : null;
  }

  @ResolveField(() => [ServiceStage], { description: "The service's pipeline stages, in order (the same as allServiceStages of the service)." })
  stages(@Parent() o: Onboarding, @Context() ctx: RequestContext) {
    return leanManyBy(ctx, this.dataSource, ServiceStage, 'serviceId', { position: 'ASC' }).load(o.serviceId);
  }

  @ResolveField(() => [GuideSection], { description: "The sections of the service's connection guide, in order (the same as allGuideSections of the service)." })
  guideSections(@Parent() o: Onboarding, @Context() ctx: RequestContext) {
    return leanManyBy(ctx, this.dataSource, GuideSection, 'serviceId', { position: 'ASC' }).load(o.serviceId);
  }

  @ResolveField(() => Boolean, { description: "Does the contract let it go live: its state is the service's lead state or has signed the reuse contract (what advancing to LIVE checks)." })
  contractSigned(@Parent() o: Onboarding, @Context() ctx: RequestContext) {
    return contractSignedLoader(ctx, this.dataSource).load(o.id);
  }

  @ResolveField(() => [TimelineEntry], { description: 'The same as onboardingTimeline(id): its own changes and those of its milestones and obstacles, newest first.' })
  async timeline(@Parent() o: Onboarding, @Context() ctx: RequestContext, @Args('limit', { type: () => Int, defaultValue: 200 }) limit: number) {
    return this.history.timelineOf(ctx.actor, o.id, await ctx.loaders.authorityState.load(o.authorityId), Math.min(Math.max(limit, 1), 1000));
  }

  @ResolveField(() => Boolean, { description: 'Does the signed-in user watch it (the same as myWatches(targetType: ONBOARDING, targetId) being non-empty)?' })
  async watching(@Parent() o: Onboarding, @Context() ctx: RequestContext) {
    if (!UUID_PATTERN.test(ctx.actor.userId)) return false;
    return (await this.notifications.watches(ctx.actor, 'ONBOARDING', o.id)).length > 0;
  }

  @ResolveField(() => OverdueActionItems, { description: 'Action items overdue now that are linked to it, directly or through an obstacle (the same as overdueActionItems(onboardingId)).' })
  overdueActionItems(@Parent() o: Onboarding) {
    return this.meetingFigures.overdueActionItems({ onboardingId: o.id });
  }

  @ResolveField(() => [Milestone])
  milestones(@Parent() o: Onboarding, @Context() ctx: RequestContext) {
    return leanManyBy(ctx, this.dataSource, Milestone, 'onboardingId', { position: 'ASC' }).load(o.id);
  }

  @ResolveField(() => [Blocker], { description: 'Its obstacles; a state coordinator sees those of their own state only.' })
  async blockers(@Parent() o: Onboarding, @Context() ctx: RequestContext) {
    if (!seesInternals(ctx.actor, await ctx.loaders.authorityState.load(o.authorityId))) return [];
    return leanManyBy(ctx, this.dataSource, Blocker, 'onboardingId', { openedAt: 'DESC' }).load(o.id);
  }

  @ResolveField(() => [OnboardingNote], { name: 'noteEntries', description: 'Dated notes (e.g. imported Jira comments), oldest first; a state coordinator sees those of their own state only.' })
  async noteEntries(@Parent() o: Onboarding, @Context() ctx: RequestContext) {
    if (!seesInternals(ctx.actor, await ctx.loaders.authorityState.load(o.authorityId))) return [];
    return leanManyBy(ctx, this.dataSource, OnboardingNote, 'onboardingId', { writtenAt: 'ASC' }).load(o.id);
  }

  @ResolveField(() => [OnboardingTransition], { description: 'The transition log, oldest first.' })
  transitions(@Parent() o: Onboarding, @Context() ctx: RequestContext) {
    return leanManyBy(ctx, this.dataSource, OnboardingTransition, 'onboardingId', { occurredAt: 'ASC' }).load(o.id);
  }

  @ResolveField(() => StageSnapshot, { nullable: true, description: 'Stage and status at a past moment, from the transition log; null if it did not exist yet.' })
  async stageOn(
    @Parent() o: Onboarding,
    @Context() ctx: RequestContext,
    // Optional (default now) so that clients selecting every field, like react-admin's provider, can.
    @Args('at', { type: () => GraphQLISODateTime, nullable: true }) at?: Date | null,
  ) {
    const log = await leanManyBy(ctx, this.dataSource, OnboardingTransition, 'onboardingId', { occurredAt: 'ASC' }).load(o.id);
    return stageAt(log, at ?? new Date()) ?? null;
  }
}
