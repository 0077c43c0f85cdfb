import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { ContractStatus, LegalRoute, MunicipalAccessModel } from '@efa/domain';
import { BaseFilter } from '../common/list.args.js';
import { LocalDate } from '../common/graphql-types.js';

@ArgsType()
export class CreateReuseContractArgs {
  @Field(() => ID)
  stateId: string;

  @Field(() => ID)
  serviceId: string;

  @Field(() => ContractStatus, { defaultValue: ContractStatus.NONE })
  status: ContractStatus;

  @Field(() => LegalRoute, { nullable: true })
  legalRoute?: LegalRoute | null;

  @Field(() => MunicipalAccessModel, { nullable: true })
  municipalAccess?: MunicipalAccessModel | null;

  @Field(() => LocalDate, { nullable: true })
  interestDeclaredAt?: string | null;

  @Field(() => LocalDate, { nullable: true })
  negotiationStartedAt?: string | null;

  @Field(() => LocalDate, { nullable: true })
  signedAt?: string | null;

  @Field(() => LocalDate, { nullable: true })
  terminatedAt?: string | null;

  @Field(() => String, { nullable: true })
  notes?: string | null;
}

@InputType()
export class ReuseContractFilter extends BaseFilter {
  @Field(() => ID, { nullable: true })
  stateId?: string | null;

  @Field(() => ID, { nullable: true })
  serviceId?: string | null;

  @Field(() => [ContractStatus], { nullable: true, description: 'Any of these statuses.' })
  status?: ContractStatus[] | null;

  @Field(() => LegalRoute, { nullable: true })
  legalRoute?: LegalRoute | null;
}

@ArgsType()
export class ContractStepArgs {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  version: number;

  @Field(() => LocalDate, { nullable: true, description: 'Date of the step; default today, never in the future.' })
  at?: string | null;
}

@ArgsType()
export class SignContractArgs {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  version: number;

  @Field(() => LocalDate, { description: 'Date of signature; never in the future.' })
  signedAt: string;
}

@ArgsType()
export class TerminateContractArgs extends ContractStepArgs {
  @Field(() => String)
  reason: string;
}
