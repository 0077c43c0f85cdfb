import { Args, Query, Resolver } from '@nestjs/graphql';
import { Dashboard, DashboardArgs } from './dashboard.types.js';
import { DashboardService } from './dashboard.service.js';

@Resolver(() => Dashboard)
export class DashboardResolver {
  constructor(private readonly dashboards: DashboardService) {}

  @Query(() => Dashboard, { description: 'Figures for the steering group: live / in rollout / not started per state, funnel, vendors, go-lives per month — as of any moment.' })
  dashboard(@Args({ type: () => DashboardArgs }) args: DashboardArgs): Promise<Dashboard> {
    return this.dashboards.dashboard(args);
  }
}
