import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';

/** react-admin's list arguments: 0-based page, page size, sort field and order. */
@ArgsType()
export class ListArgs {
  @Field(() => Int, { nullable: true, description: '0-based page number.' })
  page?: number | null;

  @Field(() => Int, { nullable: true, description: 'Rows per page (1-1000; default 25, or as many as `filter.ids` asks for).' })
  perPage?: number | null;

  @Field(() => String, { nullable: true })
  sortField?: string | null;

  @Field(() => String, { nullable: true, description: 'ASC or DESC.' })
  sortOrder?: string | null;
}

/** Filter fields every resource has. */
@InputType({ isAbstract: true })
export class BaseFilter {
  @Field(() => [ID], { nullable: true, description: 'Only these ids.' })
  ids?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Free-text search.' })
  q?: string | null;
}

export const MAX_PER_PAGE = 1000;
export const DEFAULT_PER_PAGE = 25;
