import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { TopicField } from '@efa/domain';
import { BaseFilter } from '../common/list.args.js';

@ArgsType()
export class CreateServiceArgs {
  @Field(() => String)
  name: string;

  @Field(() => String, { nullable: true, description: 'OZG-ID of the service bundle, e.g. 10255.' })
  ozgId?: string | null;

  @Field(() => [String], { nullable: true, description: 'LeiKa keys, 14 digits each.' })
  leikaKeys?: string[] | null;

  @Field(() => TopicField)
  topicField: TopicField;

  @Field(() => ID, { nullable: true })
  leadStateId?: string | null;

  @Field(() => String, { nullable: true })
  provider?: string | null;

  @Field(() => Int, { nullable: true })
  ozgType?: number | null;

  @Field(() => Int, { nullable: true })
  maturityLevel?: number | null;

  @Field(() => String, { nullable: true })
  standard?: string | null;

  @Field(() => String, { nullable: true })
  requiredStandardVersion?: string | null;

  @Field(() => String, { nullable: true })
  website?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;
}

@InputType()
export class ServiceFilter extends BaseFilter {
  @Field(() => TopicField, { nullable: true })
  topicField?: TopicField | null;

  @Field(() => ID, { nullable: true })
  leadStateId?: string | null;

  @Field(() => String, { nullable: true })
  ozgId?: string | null;
}
