import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CrudResolver } from '../common/crud.resolver.js';
import type { RequestContext } from '../common/loaders.js';
import { ConnectionGuide, CreateGuideSectionArgs, GuideSectionDetailsArgs, GuideSectionFilter, ReorderGuideSectionsArgs } from './guide.args.js';
import { GuideSection, GuideSectionVersion } from './guide-section.entity.js';
import { GuideSectionService } from './guide.service.js';

@Resolver(() => GuideSection)
export class GuideSectionResolver extends CrudResolver({
  entity: GuideSection,
  name: 'GuideSection',
  plural: 'GuideSections',
  createArgs: CreateGuideSectionArgs,
  updatableArgs: GuideSectionDetailsArgs,
  filter: GuideSectionFilter,
}) {
  constructor(protected readonly service: GuideSectionService) {
    super();
  }

  @Query(() => [GuideSectionVersion], { description: 'Every version of a guide section, newest first: content, author and time.' })
  guideSectionVersions(@Args('sectionId', { type: () => ID }) sectionId: string) {
    return this.service.versions(sectionId);
  }

  @Query(() => ConnectionGuide, { description: "A service's connection guide (Integrationsleitfaden): its sections in order." })
  connectionGuide(@Args('serviceId', { type: () => ID }) serviceId: string) {
    return this.service.guide(serviceId);
  }

  @Mutation(() => ConnectionGuide, { description: "Puts a guide's sections in a new order (every section once)." })
  reorderGuideSections(@Args({ type: () => ReorderGuideSectionsArgs }) a: ReorderGuideSectionsArgs, @Context() ctx: RequestContext) {
    return this.service.reorder(a.serviceId, a.sectionIds, ctx.actor);
  }
}
