import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { AuthorityKind, AuthorityLevel } from '@efa/domain';
import { BaseFilter } from '../common/list.args.js';

@ArgsType()
export class CreateAuthorityArgs {
  @Field(() => String)
  name: string;

  @Field(() => AuthorityKind)
  kind: AuthorityKind;

  @Field(() => AuthorityLevel)
  level: AuthorityLevel;

  @Field(() => ID)
  stateId: string;

  @Field(() => String, { description: 'Amtlicher Regionalschlüssel, 12 digits, starting with the state\'s prefix.' })
  ars: string;

  @Field(() => Int, { nullable: true })
  population?: number | null;

  @Field(() => ID, { nullable: true })
  specialistSystemId?: string | null;

  @Field(() => String, { nullable: true })
  website?: string | null;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => String, { nullable: true })
  notes?: string | null;
}

@InputType()
export class AuthorityFilter extends BaseFilter {
  @Field(() => ID, { nullable: true })
  stateId?: string | null;

  @Field(() => AuthorityKind, { nullable: true })
  kind?: AuthorityKind | null;

  @Field(() => AuthorityLevel, { nullable: true })
  level?: AuthorityLevel | null;

  @Field(() => ID, { nullable: true })
  specialistSystemId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true: only authorities with a specialist system recorded; false: only those without.' })
  hasSpecialistSystem?: boolean | null;

  @Field(() => Int, { nullable: true, description: 'Population at least.' })
  population_gte?: number | null;

  @Field(() => Int, { nullable: true, description: 'Population at most.' })
  population_lte?: number | null;
}
