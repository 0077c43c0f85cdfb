import { Args, Context, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '../common/loaders.js';
import {
  ContractFigures,
  Dashboard,
  DashboardArgs,
  GoLiveMonth,
  GoLiveWeek,
  LeadTimes,
  ObstacleFigures,
  OverdueMilestones,
  StageCount,
  StateFigures,
  StatusCounts,
  StuckOnboardings,
  SystemFigures,
} from './dashboard.types.js';
import { DashboardService, type DashboardHead } from './dashboard.service.js';
import { MeetingFiguresService } from '../meeting/meeting-figures.service.js';
import { OverdueActionItems } from '../meeting/meeting.types.js';

/**
 * The dashboard query: the service, moment and scope; every figure is a field resolved only when
 * asked for. The figures one request asks for are computed together (DashboardService's FigureBatch):
 * a few SQL statements started at the same time, each computing its basis (snapshot, stays) once.
 */
@Resolver(() => Dashboard)
export class DashboardResolver {
  constructor(
    private readonly dashboards: DashboardService,
    private readonly meetingFigures: MeetingFiguresService,
  ) {}

  @Query(() => Dashboard, {
    description:
      'Figures for the steering group: live / in rollout / not started per state, funnel, vendors, go-lives per month and week, lead times, stuck onboardings, overdue milestones, open obstacles, contracts — as of any moment.',
  })
  dashboard(@Args({ type: () => DashboardArgs }) args: DashboardArgs, @Context() ctx: RequestContext): Promise<DashboardHead> {
    return this.dashboards.head(args, ctx.principal);
  }

  @ResolveField(() => StatusCounts)
  totals(@Parent() d: DashboardHead): Promise<StatusCounts> {
    return this.dashboards.totals(d.scope);
  }

  @ResolveField(() => [StateFigures])
  states(@Parent() d: DashboardHead): Promise<StateFigures[]> {
    return this.dashboards.states(d.scope);
  }

  @ResolveField(() => [StageCount])
  funnel(@Parent() d: DashboardHead): Promise<StageCount[]> {
    return this.dashboards.funnel(d.scope);
  }

  @ResolveField(() => [SystemFigures])
  specialistSystems(@Parent() d: DashboardHead): Promise<SystemFigures[]> {
    return this.dashboards.specialistSystems(d.scope);
  }

  @ResolveField(() => [GoLiveMonth])
  goLivesPerMonth(@Parent() d: DashboardHead): Promise<GoLiveMonth[]> {
    return this.dashboards.goLivesPerMonth(d.scope);
  }

  @ResolveField(() => [GoLiveWeek], { description: 'Go-lives per ISO week (Europe/Berlin) with the running total, and planned go-lives in the weeks ahead.' })
  goLivesPerWeek(@Parent() d: DashboardHead): Promise<GoLiveWeek[]> {
    return this.dashboards.goLivesPerWeek(d.scope);
  }

  @ResolveField(() => LeadTimes, { description: 'Median and 80th percentile days to LIVE and per stage, overall, per state and per specialist system.' })
  leadTimes(@Parent() d: DashboardHead): Promise<LeadTimes> {
    return this.dashboards.leadTimes(d.scope);
  }

  @ResolveField(() => StuckOnboardings, { description: 'Onboardings in one stage for at least minDays at asOf (active or paused, not live or cancelled), longest first.' })
  stuckOnboardings(
    @Parent() d: DashboardHead,
    @Args('minDays', { type: () => Int, defaultValue: 90, description: 'Threshold in days (0 or more).' }) minDays: number,
    @Args('limit', { type: () => Int, defaultValue: 50, description: 'At most this many listed (1..1000).' }) limit: number,
  ): Promise<StuckOnboardings> {
    return this.dashboards.stuckOnboardings(d.scope, minDays, limit);
  }

  @ResolveField(() => OverdueMilestones, { description: 'Milestones due before asOf and not completed by then, longest overdue first.' })
  overdueMilestones(@Parent() d: DashboardHead, @Args('limit', { type: () => Int, defaultValue: 50, description: 'At most this many listed (1..1000).' }) limit: number): Promise<OverdueMilestones> {
    return this.dashboards.overdueMilestones(d.scope, limit);
  }

  @ResolveField(() => OverdueActionItems, {
    description: "Action items of meetings overdue at asOf, linked to the service (or to no service) and, narrowed to a state, to that state (or to none); longest overdue first.",
  })
  overdueActionItems(@Parent() d: DashboardHead, @Args('limit', { type: () => Int, defaultValue: 50, description: 'At most this many listed (1..1000).' }) limit: number): Promise<OverdueActionItems> {
    return this.meetingFigures.overdueActionItems({ serviceId: d.scope.serviceId, stateId: d.scope.stateId, asOf: d.scope.asOf, limit }, true);
  }

  @ResolveField(() => ObstacleFigures, { description: "Obstacles open at asOf by category and severity, oldest first; a state coordinator sees only their own state's." })
  obstacles(@Parent() d: DashboardHead, @Args('limit', { type: () => Int, defaultValue: 50, description: 'At most this many listed (1..1000).' }) limit: number): Promise<ObstacleFigures> {
    return this.dashboards.obstacles(d.scope, limit);
  }

  @ResolveField(() => ContractFigures, { description: "Each state's reuse contract status for the service at asOf, and its reuse variant." })
  contracts(@Parent() d: DashboardHead): Promise<ContractFigures> {
    return this.dashboards.contracts(d.scope);
  }
}
