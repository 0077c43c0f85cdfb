import { ArgsType, Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { CostKeyKind, NonPayingReason, type MessageParams } from '@efa/domain';
import { GraphQLJSON } from 'graphql-scalars';
import { Cents } from './cents.scalar.js';

registerEnumType(NonPayingReason, {
  name: 'NonPayingReason',
  description: 'Why a state pays nothing in a contract year: no contract, not signed, signed after the year, terminated before it, or 0 in the key.',
});

@ArgsType()
export class CostAllocationArgs {
  @Field(() => ID)
  serviceId: string;

  @Field(() => Int, { description: 'The contract year whose recorded costs are shared.' })
  year: number;

  @Field(() => [ID], { description: 'The keys to compare (one or more, at most 10).' })
  keyIds: string[];
}

@ObjectType({ description: "One state's part of a contract year's costs under one key." })
export class StateCostShare {
  @Field(() => ID)
  stateId: string;

  @Field(() => String)
  stateCode: string;

  @Field(() => String)
  stateName: string;

  @Field(() => Float, { description: "The state's share in the key over all 16 states, 0..1." })
  keyShare: number;

  @Field(() => Float, { description: 'Its share of the total, renormalised over the paying states, 0..1 (0 when it does not pay).' })
  share: number;

  @Field(() => Cents)
  cents: number;

  @Field(() => Boolean, { description: 'Signed for the year (signed by 31 December, not terminated before 1 January) and more than 0 in the key.' })
  pays: boolean;

  @Field(() => NonPayingReason, { nullable: true })
  reason: NonPayingReason | null;

  @Field(() => GraphQLJSON, { nullable: true, description: 'Values the reason names (signedAt or terminatedAt, year), for clients that translate the reason.' })
  params: MessageParams | null;

  @Field(() => String, { nullable: true, description: 'Why the state pays nothing, in words (English).' })
  message: string | null;
}

@ObjectType({ description: 'The costs of a contract year shared by one key.' })
export class KeyAllocation {
  @Field(() => ID)
  keyId: string;

  @Field(() => String)
  keyName: string;

  @Field(() => CostKeyKind)
  keyKind: CostKeyKind;

  @Field(() => Int)
  keyYear: number;

  @Field(() => Cents, { description: 'The sum of the states\' amounts: always the recorded total.' })
  totalCents: number;

  @Field(() => Int)
  payingStates: number;

  @Field(() => [StateCostShare], { description: 'All 16 states in the order of their regional keys.' })
  states: StateCostShare[];
}

@ObjectType({ description: "A service's contract-year costs shared among the states that signed for the year, by each of the chosen keys." })
export class CostAllocation {
  @Field(() => ID)
  serviceId: string;

  @Field(() => String)
  serviceName: string;

  @Field(() => Int)
  year: number;

  @Field(() => Cents)
  operationCents: number;

  @Field(() => Cents)
  maintenanceCents: number;

  @Field(() => Cents)
  totalCents: number;

  @Field(() => [KeyAllocation])
  keys: KeyAllocation[];
}
