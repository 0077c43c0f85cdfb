import { Type } from '@nestjs/common';
import { Args, ArgsType, Context, Field, ID, Int, IntersectionType, Mutation, PartialType, Query, Resolver } from '@nestjs/graphql';
import type { BaseRecord } from './base.entity.js';
import type { CrudService } from './crud.service.js';
import { ListMetadata } from './graphql-types.js';
import { ListArgs, type BaseFilter } from './list.args.js';
import type { RequestContext } from './loaders.js';

@ArgsType()
class RecordKeyArgs {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: 'The version you loaded; a stale one is refused with CONFLICT.' })
  version: number;
}

/**
 * Update arguments of a resource: id, version and every create field as
 * optional, without the create defaults (an omitted field keeps its value).
 */
export function UpdateArgsOf<C>(createArgs: Type<C>) {
  return IntersectionType(RecordKeyArgs, PartialType(createArgs, { decorator: ArgsType, omitDefaultValues: true }), ArgsType) as Type<RecordKeyArgs & Partial<C>>;
}

/**
 * The react-admin simple-GraphQL convention for one resource X:
 * X(id), allXs(...), _allXsMeta(...), createX(...), updateX(id, version, ...), deleteX(id).
 * Resolvers stay thin: arguments in, one service call, result out.
 */
export function CrudResolver<E extends BaseRecord, C extends object, F extends BaseFilter>(o: {
  entity: Type<E>;
  name: string;
  plural: string;
  createArgs: Type<C>;
  /** Fields an update may change, when fewer than the create fields (id and version are added). */
  updatableArgs?: Type<object>;
  filter: Type<F>;
}) {
  const UpdateArgs = UpdateArgsOf(o.updatableArgs ?? o.createArgs);

  @Resolver(() => o.entity, { isAbstract: true })
  abstract class CrudResolverHost {
    protected abstract readonly service: CrudService<E, F>;

    @Query(() => o.entity, { name: o.name, description: `One ${o.name} by id.` })
    one(@Args('id', { type: () => ID }) id: string, @Context() ctx: RequestContext): Promise<E> {
      return this.service.findOne(id, ctx.actor);
    }

    @Query(() => [o.entity], { name: `all${o.plural}`, description: `A page of ${o.plural}, filtered and sorted.` })
    all(@Args({ type: () => ListArgs }) args: ListArgs, @Context() ctx: RequestContext, @Args('filter', { type: () => o.filter, nullable: true }) filter?: F): Promise<E[]> {
      return this.service.list(args, filter, ctx.actor);
    }

    @Query(() => ListMetadata, { name: `_all${o.plural}Meta`, description: `How many ${o.plural} match the filter.` })
    async meta(@Args({ type: () => ListArgs }) _args: ListArgs, @Context() ctx: RequestContext, @Args('filter', { type: () => o.filter, nullable: true }) filter?: F): Promise<ListMetadata> {
      return { count: await this.service.count(filter, ctx.actor) };
    }

    @Mutation(() => o.entity, { name: `create${o.name}` })
    create(@Args({ type: () => o.createArgs }) input: C, @Context() ctx: RequestContext): Promise<E> {
      return this.service.create(input as unknown as Partial<E>, ctx.actor);
    }

    @Mutation(() => o.entity, { name: `update${o.name}` })
    update(@Args({ type: () => UpdateArgs }) input: RecordKeyArgs & Record<string, unknown>, @Context() ctx: RequestContext): Promise<E> {
      const { id, version, ...patch } = input;
      return this.service.update(id, version, patch as unknown as Partial<E>, ctx.actor);
    }

    @Mutation(() => o.entity, { name: `delete${o.name}` })
    delete(
      @Args('id', { type: () => ID }) id: string,
      @Args('version', { type: () => Int, nullable: true }) version: number | null,
      @Context() ctx: RequestContext,
    ): Promise<E> {
      return this.service.delete(id, version, ctx.actor);
    }
  }
  return CrudResolverHost;
}
