import { ArgsType, Field, Float, InputType } from '@nestjs/graphql';
import { BaseFilter } from '../common/list.args.js';

@ArgsType()
export class CreateStateArgs {
  @Field(() => String, { description: 'Official two-letter code, one of the 16 states.' })
  code: string;

  @Field(() => String)
  name: string;

  @Field(() => String)
  arsPrefix: string;

  @Field(() => Float, { nullable: true })
  koenigsteinShare?: number | null;
}

@InputType()
export class StateFilter extends BaseFilter {
  @Field(() => String, { nullable: true })
  code?: string | null;
}
