import { ArgsType, Field, InputType, Int } from '@nestjs/graphql';
import { CostKeyKind } from '@efa/domain';
import { BaseFilter } from '../common/list.args.js';
import { CostKeyComponent, StateValue } from './cost-key.entity.js';

@ArgsType()
export class CreateCostKeyArgs {
  @Field(() => String)
  name: string;

  @Field(() => CostKeyKind)
  kind: CostKeyKind;

  @Field(() => Int)
  year: number;

  @Field(() => [StateValue], { nullable: true, description: 'KOENIGSTEINER: a non-negative factor for each of the 16 states.' })
  factors?: StateValue[] | null;

  @Field(() => [CostKeyComponent], { nullable: true, description: 'COMBINED: components with a weight (summing to more than 0) and a value for each of the 16 states.' })
  components?: CostKeyComponent[] | null;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@InputType()
export class CostKeyFilter extends BaseFilter {
  @Field(() => CostKeyKind, { nullable: true })
  kind?: CostKeyKind | null;

  @Field(() => Int, { nullable: true })
  year?: number | null;
}
