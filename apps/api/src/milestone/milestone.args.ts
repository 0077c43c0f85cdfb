import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { MilestoneStatus } from '@efa/domain';
import { BaseFilter } from '../common/list.args.js';
import { LocalDate } from '../common/graphql-types.js';
import { WorkflowArgs } from '../onboarding/onboarding.args.js';

/** What a user edits on a milestone directly; its status changes through complete/reopen/markNotApplicable. */
@ArgsType()
export class MilestoneDetailsArgs {
  @Field(() => LocalDate, { nullable: true })
  dueDate?: string | null;

  @Field(() => String, { nullable: true })
  evidenceUrl?: string | null;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

/** An extra milestone for one onboarding, beyond its template. */
@ArgsType()
export class CreateMilestoneArgs extends MilestoneDetailsArgs {
  @Field(() => ID)
  onboardingId: string;

  @Field(() => String)
  key: string;

  @Field(() => String)
  nameDe: string;

  @Field(() => String)
  nameEn: string;

  @Field(() => String)
  stage: string;

  @Field(() => Boolean, { defaultValue: false })
  required: boolean;

  @Field(() => Int, { defaultValue: 100 })
  position: number;
}

@InputType()
export class MilestoneFilter extends BaseFilter {
  @Field(() => ID, { nullable: true })
  onboardingId?: string | null;

  @Field(() => [MilestoneStatus], { nullable: true })
  status?: MilestoneStatus[] | null;

  @Field(() => String, { nullable: true })
  stage?: string | null;

  @Field(() => Boolean, { nullable: true })
  required?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'true: open and past its due date.' })
  overdue?: boolean | null;
}

@ArgsType()
export class CompleteMilestoneArgs extends WorkflowArgs {
  @Field(() => LocalDate, { nullable: true, description: 'Default today; never in the future.' })
  completedAt?: string | null;

  @Field(() => String, { nullable: true })
  evidenceUrl?: string | null;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@ArgsType()
export class ReopenMilestoneArgs extends WorkflowArgs {
  @Field(() => String, { nullable: true })
  note?: string | null;
}
