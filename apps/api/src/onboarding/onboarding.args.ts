import { ArgsType, Field, GraphQLISODateTime, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { OnboardingStatus, type MessageParams } from '@efa/domain';
import { GraphQLJSON } from 'graphql-scalars';
import { BaseFilter } from '../common/list.args.js';
import { LocalDate } from '../common/graphql-types.js';
import { Onboarding } from './onboarding.entity.js';

/** What a user edits on an onboarding directly; stage and status move through the workflow mutations. */
@ArgsType()
export class OnboardingDetailsArgs {
  @Field(() => LocalDate, { nullable: true })
  plannedGoLive?: string | null;

  @Field(() => String, { nullable: true })
  owner?: string | null;

  @Field(() => String, { nullable: true })
  subjectContact?: string | null;

  @Field(() => String, { nullable: true })
  technicalContact?: string | null;

  @Field(() => String, { nullable: true })
  applyUrl?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'The authority agreed to publish its planned go-live quarter (public status page).' })
  publishPlan?: boolean | null;

  @Field(() => String, { nullable: true })
  jiraKey?: string | null;

  @Field(() => String, { nullable: true })
  notes?: string | null;
}

@ArgsType()
export class CreateOnboardingArgs extends OnboardingDetailsArgs {
  @Field(() => ID)
  authorityId: string;

  @Field(() => ID)
  serviceId: string;
}

@InputType()
export class OnboardingFilter extends BaseFilter {
  @Field(() => ID, { nullable: true })
  authorityId?: string | null;

  @Field(() => ID, { nullable: true })
  serviceId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Onboardings of this rollout wave.' })
  waveId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true: in a wave; false: in none.' })
  inWave?: boolean | null;

  @Field(() => ID, { nullable: true, description: 'Authorities of this state.' })
  stateId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Authorities using this specialist system.' })
  specialistSystemId?: string | null;

  @Field(() => [String], { nullable: true, description: 'In any of these stages.' })
  stage?: string[] | null;

  @Field(() => [OnboardingStatus], { nullable: true })
  status?: OnboardingStatus[] | null;

  @Field(() => Boolean, { nullable: true, description: 'true: with an open BLOCKING obstacle.' })
  hasBlockingBlocker?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'true: planned go-live has passed and it is not live.' })
  overdue?: boolean | null;
}

@ArgsType()
export class WorkflowArgs {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  version: number;
}

@ArgsType()
export class AdvanceOnboardingArgs extends WorkflowArgs {
  @Field(() => String, { nullable: true, description: 'Target stage; default the next one.' })
  toStage?: string | null;

  @Field(() => String, { nullable: true })
  comment?: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'For LIVE: when it went live (default now; back-dating allowed, never in the future).' })
  liveAt?: Date | null;
}

@ArgsType()
export class MoveOnboardingBackArgs extends WorkflowArgs {
  @Field(() => String)
  toStage: string;

  @Field(() => String)
  reason: string;
}

@ArgsType()
export class ReasonArgs extends WorkflowArgs {
  @Field(() => String)
  reason: string;
}

@ArgsType()
export class SetPlannedGoLiveArgs extends WorkflowArgs {
  @Field(() => LocalDate, { nullable: true })
  plannedGoLive: string | null;
}

@ArgsType()
export class AdvanceOnboardingsArgs {
  @Field(() => [ID])
  ids: string[];

  @Field(() => String, { nullable: true, description: 'Target stage; default each one\'s next stage.' })
  toStage?: string | null;

  @Field(() => String, { nullable: true })
  comment?: string | null;
}

/** A coded refusal reason (libs/domain messages.ts): clients translate `code` with `params`; `message` is the English text. */
@ObjectType()
export class RefusalReason {
  @Field(() => String, { description: 'Stable reason code, e.g. MILESTONE_NOT_DONE.' })
  code: string;

  @Field(() => String)
  message: string;

  @Field(() => GraphQLJSON, { description: 'Values the message names (stage keys, milestone names, …).' })
  params: MessageParams;
}

@ObjectType({ description: 'What happened to one onboarding of a bulk move.' })
export class BulkMoveResult {
  @Field(() => ID)
  id: string;

  @Field(() => Boolean)
  moved: boolean;

  @Field(() => Onboarding, { nullable: true })
  onboarding?: Onboarding | null;

  @Field(() => String, { nullable: true, description: 'Error code when refused, e.g. TRANSITION_NOT_ALLOWED.' })
  code?: string | null;

  @Field(() => [String], { description: 'Why it was refused (English).' })
  reasons: string[];

  @Field(() => [RefusalReason], { description: 'Why it was refused, coded (the same reasons as `reasons`).' })
  refusals: RefusalReason[];
}
