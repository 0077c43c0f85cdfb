import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { BaseFilter } from '../common/list.args.js';

@ArgsType()
export class StageFields {
  @Field(() => String)
  nameDe: string;

  @Field(() => String)
  nameEn: string;

  @Field(() => Int)
  position: number;
}

@ArgsType()
export class CreateServiceStageArgs extends StageFields {
  @Field(() => ID)
  serviceId: string;

  @Field(() => String, { description: 'Stable key, upper case, e.g. KICK_OFF.' })
  key: string;
}

@InputType()
export class ServiceStageFilter extends BaseFilter {
  @Field(() => ID, { nullable: true })
  serviceId?: string | null;
}

@ArgsType()
export class MilestoneTemplateFields {
  @Field(() => String)
  stageKey: string;

  @Field(() => String)
  nameDe: string;

  @Field(() => String)
  nameEn: string;

  @Field(() => Boolean, { defaultValue: true })
  required: boolean;

  @Field(() => Int)
  position: number;

  @Field(() => Int, { nullable: true })
  dueDays?: number | null;

  @Field(() => Boolean, { defaultValue: true })
  active: boolean;
}

@ArgsType()
export class CreateMilestoneTemplateArgs extends MilestoneTemplateFields {
  @Field(() => ID)
  serviceId: string;

  @Field(() => String)
  key: string;
}

@InputType()
export class MilestoneTemplateFilter extends BaseFilter {
  @Field(() => ID, { nullable: true })
  serviceId?: string | null;

  @Field(() => String, { nullable: true })
  stageKey?: string | null;

  @Field(() => Boolean, { nullable: true })
  active?: boolean | null;
}
