import { isOverdue, today } from '@efa/domain';
import { Args, Context, ID, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { User } from '../account/user.entity.js';
import { CrudResolver } from '../common/crud.resolver.js';
import type { RequestContext } from '../common/loaders.js';
import { AgendaSuggestionArgs, CreateMeetingArgs, CreateMeetingItemArgs, MeetingFilter, MeetingItemDetailsArgs, MeetingItemFilter, OverdueActionItemsArgs } from './meeting.args.js';
import { MeetingFiguresService } from './meeting-figures.service.js';
import { MeetingItem } from './meeting-item.entity.js';
import { MeetingItemService } from './meeting-item.service.js';
import { MEETING_LINKS, Meeting } from './meeting.entity.js';
import { MeetingService } from './meeting.service.js';
import { AgendaSuggestion, OverdueActionItems } from './meeting.types.js';

@Resolver(() => Meeting)
export class MeetingResolver extends CrudResolver({
  entity: Meeting,
  name: 'Meeting',
  plural: 'Meetings',
  createArgs: CreateMeetingArgs,
  filter: MeetingFilter,
}) {
  constructor(
    protected readonly service: MeetingService,
    private readonly figures: MeetingFiguresService,
  ) {
    super();
  }

  @ResolveField(() => [ID], { description: 'Services the meeting is about.' })
  serviceIds(@Parent() m: Meeting, @Context() ctx: RequestContext) {
    return m.serviceIds ?? ctx.loaders.linked(MEETING_LINKS[0].table, 'meeting_id', MEETING_LINKS[0].column).load(m.id);
  }

  @ResolveField(() => [ID], { description: 'Participating states.' })
  stateIds(@Parent() m: Meeting, @Context() ctx: RequestContext) {
    return m.stateIds ?? ctx.loaders.linked(MEETING_LINKS[1].table, 'meeting_id', MEETING_LINKS[1].column).load(m.id);
  }

  @ResolveField(() => [ID], { description: 'Participating authorities.' })
  authorityIds(@Parent() m: Meeting, @Context() ctx: RequestContext) {
    return m.authorityIds ?? ctx.loaders.linked(MEETING_LINKS[2].table, 'meeting_id', MEETING_LINKS[2].column).load(m.id);
  }

  @ResolveField(() => [MeetingItem], { description: 'Decisions and action items, in the order recorded.' })
  items(@Parent() m: Meeting, @Context() ctx: RequestContext) {
    return ctx.loaders.manyBy(MeetingItem, 'meetingId', { createdAt: 'ASC' }).load(m.id);
  }

  @Query(() => AgendaSuggestion, { description: 'An agenda from the changes since the previous meeting of the same kind: newly live, newly blocked, contracts signed, overdue action items.' })
  agendaSuggestion(@Args({ type: () => AgendaSuggestionArgs }) args: AgendaSuggestionArgs, @Context() ctx: RequestContext) {
    return this.figures.agendaSuggestion(args, ctx.principal);
  }

  @Query(() => OverdueActionItems, { description: 'Action items overdue (due before today, still open or in progress), narrowed to what they are linked to.' })
  overdueActionItems(@Args({ type: () => OverdueActionItemsArgs }) args: OverdueActionItemsArgs) {
    return this.figures.overdueActionItems(args);
  }
}

@Resolver(() => MeetingItem)
export class MeetingItemResolver extends CrudResolver({
  entity: MeetingItem,
  name: 'MeetingItem',
  plural: 'MeetingItems',
  createArgs: CreateMeetingItemArgs,
  updatableArgs: MeetingItemDetailsArgs,
  filter: MeetingItemFilter,
}) {
  constructor(protected readonly service: MeetingItemService) {
    super();
  }

  @ResolveField(() => Meeting)
  meeting(@Parent() i: MeetingItem, @Context() ctx: RequestContext) {
    return ctx.loaders.byId(Meeting).load(i.meetingId);
  }

  @ResolveField(() => String, { nullable: true, description: "The owner's name: the user's display name or the organisation." })
  async ownerName(@Parent() i: MeetingItem, @Context() ctx: RequestContext) {
    if (i.ownerUserId) return (await ctx.loaders.byId(User).load(i.ownerUserId))?.displayName ?? null;
    return i.ownerOrganisation;
  }

  @ResolveField(() => Boolean, { description: 'An action item due before today and still open or in progress.' })
  overdue(@Parent() i: MeetingItem) {
    return isOverdueToday(i);
  }
}

const isOverdueToday = (i: MeetingItem) => isOverdue(i, today());
