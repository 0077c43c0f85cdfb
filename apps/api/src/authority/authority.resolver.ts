import { Context, Info, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { CrudResolver } from '../common/crud.resolver.js';
import type { RequestContext } from '../common/loaders.js';
import { SpecialistSystem } from '../specialist-system/specialist-system.entity.js';
import { State } from '../state/state.entity.js';
import { AuthorityFilter, CreateAuthorityArgs } from './authority.args.js';
import { Authority } from './authority.entity.js';
import { AuthorityService } from './authority.service.js';

@Resolver(() => Authority)
export class AuthorityResolver extends CrudResolver({ entity: Authority, name: 'Authority', plural: 'Authorities', createArgs: CreateAuthorityArgs, filter: AuthorityFilter }) {
  constructor(protected readonly service: AuthorityService) {
    super();
  }

  @ResolveField(() => State)
  state(@Parent() a: Authority, @Context() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return ctx.loaders.reference(State, a.stateId, info);
  }

  @ResolveField(() => SpecialistSystem, { nullable: true })
  specialistSystem(@Parent() a: Authority, @Context() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return ctx.loaders.reference(SpecialistSystem, a.specialistSystemId, info);
  }
}
