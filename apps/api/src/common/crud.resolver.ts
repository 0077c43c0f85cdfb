import { Type } from '@nestjs/common';
import { Args, ArgsType, Context, Field, ID, Info, Int, IntersectionType, Mutation, PartialType, Query, Resolver } from '@nestjs/graphql';
import { Kind, getArgumentValues, type GraphQLResolveInfo } from 'graphql';
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
      return pageOnce(ctx, o.name, args, filter, () => this.service.list(args, filter, ctx.actor));
    }

    @Query(() => ListMetadata, { name: `_all${o.plural}Meta`, description: `How many ${o.plural} match the filter.` })
    async meta(@Args({ type: () => ListArgs }) _args: ListArgs, @Context() ctx: RequestContext, @Args('filter', { type: () => o.filter, nullable: true }) filter: F | undefined, @Info() info: GraphQLResolveInfo): Promise<ListMetadata> {
      // react-admin asks for a page and its count in one request (`items: allXs(...)`, `total: _allXsMeta(...)`).
      // When that page holds every match (its first page, not full; or all the ids asked for), the count is
      // its length: no count query (react-admin's getMany, small lists). Same rows, same rules: the page is
      // the service's list with the same filter and actor.
      const sibling = siblingPage(info, `all${o.plural}`, filter);
      if (sibling) {
        const rows = await pageOnce(ctx, o.name, sibling.args, sibling.filter, () => this.service.list(sibling.args, sibling.filter, ctx.actor)).catch(() => undefined);
        const count = rows && this.service.countFromPage(sibling.args, sibling.filter, rows.length);
        if (count !== undefined) return { count };
      }
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

/** JSON with object keys sorted, so that equal arguments give equal keys whatever order they came in. */
function stableKey(value: unknown): string {
  return JSON.stringify(value ?? null, (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v));
}

/** The list query of one page, run once per request whoever asks first (the page's resolver or its count's). */
function pageOnce<E>(ctx: RequestContext, resource: string, args: ListArgs, filter: unknown, run: () => Promise<E[]>): Promise<E[]> {
  const { page, perPage, sortField, sortOrder } = args;
  const key = `${resource}:${stableKey([page, perPage, sortField, sortOrder, filter])}`;
  const pages = (ctx.pages ??= new Map());
  let result = pages.get(key) as Promise<E[]> | undefined;
  if (!result) {
    result = run();
    pages.set(key, result);
  }
  return result;
}

/**
 * The arguments of a page of the same resource with the same filter asked for in the same operation
 * (a root field `listField` beside this count, without directives), or undefined.
 */
function siblingPage(info: GraphQLResolveInfo, listField: string, filter: unknown): { args: ListArgs; filter: never } | undefined {
  const definition = info.parentType.getFields()[listField];
  if (!definition || info.parentType !== info.schema.getQueryType()) return undefined;
  const wanted = stableKey(filter);
  for (const node of info.operation.selectionSet.selections) {
    if (node.kind !== Kind.FIELD || node.name.value !== listField || node.directives?.length) continue;
    let values: Record<string, unknown>;
    try {
      values = getArgumentValues(definition, node, info.variableValues);
    } catch {
      continue;
    }
    const { filter: theirs, ...args } = values;
    if (stableKey(theirs) === wanted) return { args: args as ListArgs, filter: (theirs ?? undefined) as never };
  }
  return undefined;
}
