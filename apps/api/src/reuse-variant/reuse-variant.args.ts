import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { ReuseVariant as ReuseVariantKind } from '@efa/domain';
import { BaseFilter } from '../common/list.args.js';

@ArgsType()
export class ReuseVariantDetailsArgs {
  @Field(() => ReuseVariantKind)
  variant: ReuseVariantKind;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@ArgsType()
export class CreateReuseVariantArgs extends ReuseVariantDetailsArgs {
  @Field(() => ID)
  stateId: string;

  @Field(() => ID)
  serviceId: string;
}

@InputType()
export class ReuseVariantFilter extends BaseFilter {
  @Field(() => ID, { nullable: true })
  stateId?: string | null;

  @Field(() => ID, { nullable: true })
  serviceId?: string | null;

  @Field(() => [ReuseVariantKind], { nullable: true })
  variant?: ReuseVariantKind[] | null;
}
