import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CrudResolver } from '../common/crud.resolver.js';
import type { RequestContext } from '../common/loaders.js';
import { addressOf } from '../common/request-context.js';
import { AccountService } from './account.service.js';
import { SESSION_COOKIE } from './session-tokens.js';
import { ChangePasswordArgs, CreateUserArgs, SetUserPasswordArgs, SignInArgs, SignInResult, UserFields, UserFilter } from './user.args.js';
import { User } from './user.entity.js';
import { UserService } from './user.service.js';

@Resolver()
export class AccountResolver {
  constructor(private readonly accounts: AccountService) {}

  @Mutation(() => SignInResult, { description: 'Signs in with e-mail and password; sets the session cookie and returns the token for API clients.' })
  async signIn(@Args({ type: () => SignInArgs }) a: SignInArgs, @Context() ctx: RequestContext): Promise<SignInResult> {
    const session = await this.accounts.signIn(a.email, a.password, addressOf(ctx.req), ctx.req.headers['user-agent']);
    ctx.res.cookie(SESSION_COOKIE, session.token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: ctx.req.secure || process.env.COOKIE_SECURE === 'true',
      path: '/',
      expires: session.expiresAt,
    });
    return session;
  }

  @Mutation(() => Boolean, { description: 'Ends the current session and clears the session cookie (also when the session has ended already).' })
  async signOut(@Context() ctx: RequestContext): Promise<boolean> {
    if (ctx.principal) await this.accounts.signOut(ctx.principal, ctx.sessionId);
    ctx.res.clearCookie(SESSION_COOKIE, { path: '/' });
    return true;
  }

  @Query(() => User, { description: 'The signed-in user.' })
  me(@Context() ctx: RequestContext): Promise<User> {
    return this.accounts.me(ctx.actor);
  }

  @Mutation(() => User, { description: 'Changes the own password (at least 12 characters); other sessions end.' })
  changePassword(@Args({ type: () => ChangePasswordArgs }) a: ChangePasswordArgs, @Context() ctx: RequestContext): Promise<User> {
    return this.accounts.changePassword(ctx.actor, ctx.sessionId, a.currentPassword, a.newPassword);
  }
}

@Resolver(() => User)
export class UserResolver extends CrudResolver({ entity: User, name: 'User', plural: 'Users', createArgs: CreateUserArgs, updatableArgs: UserFields, filter: UserFilter }) {
  constructor(protected readonly service: UserService) {
    super();
  }

  @Mutation(() => User, { description: 'Sets a user\'s password (administrators); the user\'s sessions end.' })
  setUserPassword(@Args({ type: () => SetUserPasswordArgs }) a: SetUserPasswordArgs, @Context() ctx: RequestContext): Promise<User> {
    return this.service.setPassword(a.id, a.version, a.password, ctx.actor);
  }
}
