import { ArgsType, Field, GraphQLISODateTime, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Role } from '@efa/domain';
import { BaseFilter } from '../common/list.args.js';
import { User } from './user.entity.js';

@ArgsType()
export class UserFields {
  @Field(() => String)
  email: string;

  @Field(() => String)
  displayName: string;

  @Field(() => Role)
  role: Role;

  @Field(() => ID, { nullable: true, description: 'Required for a state coordinator.' })
  stateId?: string | null;

  @Field(() => Boolean, { defaultValue: true })
  active: boolean;
}

@ArgsType()
export class CreateUserArgs extends UserFields {
  @Field(() => String, { nullable: true, description: 'Initial password (at least 12 characters); none for single-sign-on users.' })
  password?: string | null;
}

@InputType()
export class UserFilter extends BaseFilter {
  @Field(() => [Role], { nullable: true })
  role?: Role[] | null;

  @Field(() => ID, { nullable: true })
  stateId?: string | null;

  @Field(() => Boolean, { nullable: true })
  active?: boolean | null;
}

@ArgsType()
export class SetUserPasswordArgs {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  version: number;

  @Field(() => String)
  password: string;
}

@ArgsType()
export class SignInArgs {
  @Field(() => String)
  email: string;

  @Field(() => String)
  password: string;
}

@ArgsType()
export class ChangePasswordArgs {
  @Field(() => String)
  currentPassword: string;

  @Field(() => String)
  newPassword: string;
}

@ObjectType({ description: 'A new session. The console keeps it in an httpOnly cookie; API clients send the token as "Authorization: Bearer <token>".' })
export class SignInResult {
  @Field(() => String)
  token: string;

  @Field(() => GraphQLISODateTime)
  expiresAt: Date;

  @Field(() => User)
  user: User;
}
