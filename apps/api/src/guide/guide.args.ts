import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { BaseFilter } from '../common/list.args.js';
import { GuideSection } from './guide-section.entity.js';

@ArgsType()
export class GuideSectionDetailsArgs {
  @Field(() => String)
  title: string;

  @Field(() => String, { defaultValue: '' })
  body: string;

  @Field(() => String, { nullable: true, description: 'Milestone template key of the same service.' })
  milestoneKey?: string | null;

  @Field(() => Int, { nullable: true, description: 'Default: after the last section.' })
  position?: number | null;
}

@ArgsType()
export class CreateGuideSectionArgs extends GuideSectionDetailsArgs {
  @Field(() => ID)
  serviceId: string;
}

@InputType()
export class GuideSectionFilter extends BaseFilter {
  @Field(() => ID, { nullable: true })
  serviceId?: string | null;

  @Field(() => String, { nullable: true })
  milestoneKey?: string | null;
}

@ArgsType()
export class ReorderGuideSectionsArgs {
  @Field(() => ID)
  serviceId: string;

  @Field(() => [ID], { description: 'Every section of the guide, in the new order.' })
  sectionIds: string[];
}

@ObjectType({ description: 'A service\'s connection guide: its sections in order.' })
export class ConnectionGuide {
  @Field(() => ID)
  serviceId: string;

  @Field(() => String)
  serviceName: string;

  @Field(() => [GuideSection])
  sections: GuideSection[];
}
