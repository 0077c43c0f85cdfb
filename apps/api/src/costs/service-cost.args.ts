import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { BaseFilter } from '../common/list.args.js';
import { Cents } from './cents.scalar.js';

@ArgsType()
export class ServiceCostDetailsArgs {
  @Field(() => Cents, { description: 'Operation costs in cents, as a string of digits.' })
  operationCents: number;

  @Field(() => Cents, { description: 'Maintenance costs in cents, as a string of digits.' })
  maintenanceCents: number;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@ArgsType()
export class CreateServiceCostArgs extends ServiceCostDetailsArgs {
  @Field(() => ID)
  serviceId: string;

  @Field(() => Int)
  year: number;
}

@InputType()
export class ServiceCostFilter extends BaseFilter {
  @Field(() => ID, { nullable: true })
  serviceId?: string | null;

  @Field(() => Int, { nullable: true })
  year?: number | null;
}
