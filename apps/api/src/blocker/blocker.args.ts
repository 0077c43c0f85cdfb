import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { BlockerCategory, BlockerSeverity } from '@efa/domain';
import { BaseFilter } from '../common/list.args.js';
import { LocalDate } from '../common/graphql-types.js';
import { WorkflowArgs } from '../onboarding/onboarding.args.js';

@ArgsType()
export class BlockerDetailsArgs {
  @Field(() => String)
  title: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => BlockerCategory)
  category: BlockerCategory;

  @Field(() => BlockerSeverity)
  severity: BlockerSeverity;

  @Field(() => String, { nullable: true })
  owner?: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Default today.' })
  openedAt?: string | null;
}

@ArgsType()
export class CreateBlockerArgs extends BlockerDetailsArgs {
  @Field(() => ID)
  onboardingId: string;
}

@InputType()
export class BlockerFilter extends BaseFilter {
  @Field(() => ID, { nullable: true })
  onboardingId?: string | null;

  @Field(() => [BlockerCategory], { nullable: true })
  category?: BlockerCategory[] | null;

  @Field(() => [BlockerSeverity], { nullable: true })
  severity?: BlockerSeverity[] | null;

  @Field(() => Boolean, { nullable: true, description: 'true: not resolved yet; false: resolved.' })
  open?: boolean | null;

  @Field(() => ID, { nullable: true, description: 'Obstacles of onboardings of authorities in this state.' })
  stateId?: string | null;

  @Field(() => ID, { nullable: true })
  serviceId?: string | null;
}

@ArgsType()
export class ResolveBlockerArgs extends WorkflowArgs {
  @Field(() => String, { description: 'How it was resolved.' })
  resolution: string;

  @Field(() => LocalDate, { nullable: true, description: 'Default today; never in the future.' })
  resolvedAt?: string | null;
}
