import { ArgsType, Field, Float, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';

@ArgsType()
export class DashboardArgs {
  @Field(() => ID, { nullable: true, description: 'The service; default: Aufenthaltstitel (OZG-ID 10255) or the service with the most onboardings.' })
  serviceId?: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Figures as of this moment ("Stand"), computed from the transition log; default now.' })
  asOf?: Date | null;

  @Field(() => ID, { nullable: true, description: 'Only this state.' })
  stateId?: string | null;

  @Field(() => ID, { nullable: true, description: "Only this rollout wave's onboardings (current membership); the service defaults to the wave's." })
  waveId?: string | null;
}

@ObjectType({ description: 'How many authorities are where, for one service.' })
export class StatusCounts {
  @Field(() => Int, { description: 'Authorities in scope (all authorities of the states in scope).' })
  authorities: number;

  @Field(() => Int)
  live: number;

  @Field(() => Int, { description: 'Onboardings active in a stage before LIVE.' })
  inRollout: number;

  @Field(() => Int)
  paused: number;

  @Field(() => Int)
  cancelled: number;

  @Field(() => Int, { description: 'Authorities without an onboarding (or none yet at asOf).' })
  notStarted: number;

  @Field(() => Float, { description: 'live / authorities, 0..1.' })
  shareLive: number;
}

@ObjectType()
export class StateFigures extends StatusCounts {
  @Field(() => ID)
  stateId: string;

  @Field(() => String)
  stateCode: string;

  @Field(() => String)
  stateName: string;
}

@ObjectType({ description: 'Onboardings in one stage (active or paused, not cancelled).' })
export class StageCount {
  @Field(() => String)
  stage: string;

  @Field(() => Int)
  position: number;

  @Field(() => Int)
  count: number;

  @Field(() => Int)
  paused: number;
}

@ObjectType({ description: 'Where the authorities using one specialist system stand.' })
export class SystemFigures {
  @Field(() => ID, { nullable: true })
  specialistSystemId: string | null;

  @Field(() => String, { description: 'Vendor and product, or "—" for authorities without a recorded system.' })
  name: string;

  @Field(() => Int)
  live: number;

  @Field(() => Int)
  inRollout: number;

  @Field(() => Int, { description: "Not live, with an open blocking obstacle at asOf (a state coordinator counts only their own state's obstacles)." })
  blocked: number;
}

@ObjectType({ description: 'Go-lives in one month, and the running total.' })
export class GoLiveMonth {
  @Field(() => String, { description: 'YYYY-MM' })
  month: string;

  @Field(() => Int)
  goLives: number;

  @Field(() => Int)
  cumulative: number;

  @Field(() => Int, { description: 'Planned go-lives in this month (forecast; months after asOf).' })
  planned: number;
}

@ObjectType({ description: 'The steering group\'s figures for one service, as of a moment.' })
export class Dashboard {
  @Field(() => ID)
  serviceId: string;

  @Field(() => String)
  serviceName: string;

  @Field(() => GraphQLISODateTime)
  asOf: Date;

  @Field(() => StatusCounts)
  totals: StatusCounts;

  @Field(() => [StateFigures])
  states: StateFigures[];

  @Field(() => [StageCount])
  funnel: StageCount[];

  @Field(() => [SystemFigures])
  specialistSystems: SystemFigures[];

  @Field(() => [GoLiveMonth])
  goLivesPerMonth: GoLiveMonth[];

  /** What the figures resolved on demand (go-lives per week, lead times, obstacles, …) are computed for; not a GraphQL field. */
  scope: DashboardScope;
}

/** Service, moment, state filter and caller of one dashboard request. */
export interface DashboardScope {
  serviceId: string;
  asOf: Date;
  stateId: string | null;
  /** Only the onboardings of this wave (their current membership), or null. */
  waveId: string | null;
  /** Whose obstacles may be shown: a state coordinator's state, or null for everyone else. */
  obstacleStateId: string | null;
}

@ObjectType({ description: 'Go-lives in one ISO week (Monday to Sunday, Europe/Berlin), and the running total.' })
export class GoLiveWeek {
  @Field(() => String, { description: 'ISO week, written YYYY-Www (e.g. 2023-W35).' })
  week: string;

  @Field(() => String, { description: 'The Monday the week starts on, YYYY-MM-DD.' })
  weekStart: string;

  @Field(() => Int)
  goLives: number;

  @Field(() => Int, { description: 'Live at the end of the week (net of moves back and cancellations).' })
  cumulative: number;

  @Field(() => Int, { description: 'Planned go-lives in this week (forecast; weeks after asOf).' })
  planned: number;
}

@ObjectType({ description: 'Median and 80th percentile of a duration in days, over `count` cases.' })
export class LeadTime {
  @Field(() => Int)
  count: number;

  @Field(() => Float, { nullable: true, description: 'Median days (null without cases).' })
  medianDays: number | null;

  @Field(() => Float, { nullable: true, description: '80th percentile days, interpolated (null without cases).' })
  p80Days: number | null;
}

@ObjectType({ description: 'Time spent in one stage: completed stays (entered and left again by asOf).' })
export class StageLeadTime extends LeadTime {
  @Field(() => String)
  stage: string;

  @Field(() => Int)
  position: number;
}

@ObjectType({ description: 'Lead times of one group: from the first transition (INTEREST) to LIVE, and per stage.' })
export class LeadTimeBreakdown {
  @Field(() => LeadTime, { description: 'Onboardings live at asOf: days from their first transition to their go-live.' })
  toLive: LeadTime;

  @Field(() => [StageLeadTime], { description: 'Every stage before LIVE, in pipeline order.' })
  stages: StageLeadTime[];
}

@ObjectType()
export class StateLeadTimes extends LeadTimeBreakdown {
  @Field(() => ID)
  stateId: string;

  @Field(() => String)
  stateCode: string;

  @Field(() => String)
  stateName: string;
}

@ObjectType()
export class SystemLeadTimes extends LeadTimeBreakdown {
  @Field(() => ID, { nullable: true })
  specialistSystemId: string | null;

  @Field(() => String, { description: 'Vendor and product, or "—" for authorities without a recorded system.' })
  name: string;
}

@ObjectType({ description: 'Lead times overall, per state and per specialist system (groups with cases only).' })
export class LeadTimes {
  @Field(() => LeadTimeBreakdown)
  overall: LeadTimeBreakdown;

  @Field(() => [StateLeadTimes])
  states: StateLeadTimes[];

  @Field(() => [SystemLeadTimes])
  specialistSystems: SystemLeadTimes[];
}

/** The onboarding a listed figure is about: its id, authority and state. */
@ObjectType({ isAbstract: true })
export class OnboardingRef {
  @Field(() => ID)
  onboardingId: string;

  @Field(() => String)
  authorityName: string;

  @Field(() => String)
  stateCode: string;
}

@ObjectType({ description: 'An onboarding that has been in its stage at least the threshold at asOf.' })
export class StuckOnboarding extends OnboardingRef {
  @Field(() => String)
  stage: string;

  @Field(() => String, { description: 'ACTIVE or ON_HOLD at asOf.' })
  status: string;

  @Field(() => GraphQLISODateTime)
  stageEnteredAt: Date;

  @Field(() => Int, { description: 'Whole days in the stage at asOf.' })
  days: number;
}

@ObjectType()
export class StuckOnboardings {
  @Field(() => Int, { description: 'How many are stuck (the list may be cut at `limit`).' })
  total: number;

  @Field(() => [StuckOnboarding], { description: 'Longest in their stage first.' })
  items: StuckOnboarding[];
}

@ObjectType({ description: 'A milestone due before asOf and not completed by then.' })
export class OverdueMilestone extends OnboardingRef {
  @Field(() => ID)
  milestoneId: string;

  @Field(() => String)
  key: string;

  @Field(() => String)
  nameDe: string;

  @Field(() => String)
  stage: string;

  @Field(() => String, { description: 'YYYY-MM-DD' })
  dueDate: string;

  @Field(() => Int)
  daysOverdue: number;
}

@ObjectType()
export class OverdueMilestones {
  @Field(() => Int)
  total: number;

  @Field(() => [OverdueMilestone], { description: 'Longest overdue first.' })
  items: OverdueMilestone[];
}

@ObjectType()
export class ObstacleCount {
  @Field(() => String)
  category: string;

  @Field(() => String)
  severity: string;

  @Field(() => Int)
  count: number;
}

@ObjectType({ description: 'An obstacle open at asOf (opened on or before, not resolved by then).' })
export class OpenObstacle extends OnboardingRef {
  @Field(() => ID)
  blockerId: string;

  @Field(() => String)
  title: string;

  @Field(() => String)
  category: string;

  @Field(() => String)
  severity: string;

  @Field(() => String, { description: 'YYYY-MM-DD' })
  openedAt: string;

  @Field(() => Int)
  daysOpen: number;
}

@ObjectType({ description: 'Obstacles open at asOf. A state coordinator sees only those of their own state.' })
export class ObstacleFigures {
  @Field(() => Int)
  total: number;

  @Field(() => [ObstacleCount], { description: 'Per category and severity (pairs with open obstacles only).' })
  byCategory: ObstacleCount[];

  @Field(() => [OpenObstacle], { description: 'Oldest first.' })
  oldest: OpenObstacle[];
}

@ObjectType({ description: "A state's reuse contract for the service and its reuse variant, as of asOf." })
export class StateContract {
  @Field(() => ID)
  stateId: string;

  @Field(() => String)
  stateCode: string;

  @Field(() => String)
  stateName: string;

  @Field(() => ID, { nullable: true })
  contractId: string | null;

  @Field(() => String, { description: 'NONE, INTEREST_DECLARED, NEGOTIATING, SIGNED or TERMINATED at asOf, from the dated lifecycle columns.' })
  status: string;

  @Field(() => String, { nullable: true, description: 'Dates after asOf are not shown.' })
  interestDeclaredAt: string | null;

  @Field(() => String, { nullable: true })
  negotiationStartedAt: string | null;

  @Field(() => String, { nullable: true })
  signedAt: string | null;

  @Field(() => String, { nullable: true })
  terminatedAt: string | null;

  @Field(() => String, { nullable: true })
  legalRoute: string | null;

  @Field(() => String, { nullable: true, description: 'The reuse variant recorded by asOf (its current value: variants keep no dated history).' })
  reuseVariant: string | null;
}

@ObjectType()
export class ContractStatusCount {
  @Field(() => String)
  status: string;

  @Field(() => Int)
  count: number;
}

@ObjectType()
export class ContractFigures {
  @Field(() => [ContractStatusCount], { description: 'States per contract status at asOf (every status, zeros included).' })
  counts: ContractStatusCount[];

  @Field(() => [StateContract])
  states: StateContract[];
}
