import { ArgsType, Field, Float, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';

@ArgsType()
export class DashboardArgs {
  @Field(() => ID, { nullable: true, description: 'The service; default: Aufenthaltstitel (OZG-ID 10255) or the service with the most onboardings.' })
  serviceId?: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Figures as of this moment ("Stand"), computed from the transition log; default now.' })
  asOf?: Date | null;

  @Field(() => ID, { nullable: true, description: 'Only this state.' })
  stateId?: string | null;
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

  @Field(() => Int)
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
}
