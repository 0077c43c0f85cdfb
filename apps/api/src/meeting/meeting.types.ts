import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'An action item due before a moment and still open or in progress then.' })
export class OverdueActionItem {
  @Field(() => ID)
  itemId: string;

  @Field(() => ID)
  meetingId: string;

  @Field(() => String)
  meetingTitle: string;

  @Field(() => String)
  text: string;

  @Field(() => String, { description: "The owner user's name or the owner organisation." })
  owner: string;

  @Field(() => String, { description: 'OPEN or IN_PROGRESS.' })
  status: string;

  @Field(() => String, { description: 'YYYY-MM-DD' })
  dueDate: string;

  @Field(() => Int)
  daysOverdue: number;

  @Field(() => ID, { nullable: true, description: 'The onboarding it is linked to (directly or through an obstacle).' })
  onboardingId: string | null;

  @Field(() => ID, { nullable: true, description: 'The authority it is linked to (directly, or through an onboarding or obstacle).' })
  authorityId: string | null;

  @Field(() => String, { nullable: true })
  authorityName: string | null;

  @Field(() => String, { nullable: true })
  stateCode: string | null;
}

@ObjectType()
export class OverdueActionItems {
  @Field(() => Int, { description: 'How many are overdue (the list may be cut at `limit`).' })
  total: number;

  @Field(() => [OverdueActionItem], { description: 'Longest overdue first.' })
  items: OverdueActionItem[];
}

@ObjectType()
export class AgendaGoLive {
  @Field(() => ID)
  onboardingId: string;

  @Field(() => String)
  authorityName: string;

  @Field(() => String)
  stateCode: string;

  @Field(() => String)
  serviceName: string;

  @Field(() => GraphQLISODateTime)
  liveSince: Date;
}

@ObjectType()
export class AgendaBlocked {
  @Field(() => ID)
  onboardingId: string;

  @Field(() => String)
  authorityName: string;

  @Field(() => String)
  stateCode: string;

  @Field(() => String)
  serviceName: string;

  @Field(() => String, { description: 'Titles of the blocking obstacles.' })
  obstacles: string;
}

@ObjectType()
export class AgendaContract {
  @Field(() => ID)
  contractId: string;

  @Field(() => String)
  stateCode: string;

  @Field(() => String)
  stateName: string;

  @Field(() => String)
  serviceName: string;

  @Field(() => String, { description: 'YYYY-MM-DD' })
  signedAt: string;
}

@ObjectType({ description: 'An agenda computed from the changes since the previous meeting of the same kind.' })
export class AgendaSuggestion {
  @Field(() => GraphQLISODateTime, { description: 'Changes are counted after this moment: the previous meeting’s start, else one month before.' })
  since: Date;

  @Field(() => GraphQLISODateTime, { description: 'Up to this moment: the meeting’s start, or now if it is still ahead.' })
  until: Date;

  @Field(() => ID, { nullable: true })
  previousMeetingId: string | null;

  @Field(() => String, { nullable: true })
  previousMeetingTitle: string | null;

  @Field(() => [AgendaGoLive])
  newlyLive: AgendaGoLive[];

  @Field(() => [AgendaBlocked])
  newlyBlocked: AgendaBlocked[];

  @Field(() => [AgendaContract])
  contractsSigned: AgendaContract[];

  @Field(() => [OverdueActionItem])
  overdueActionItems: OverdueActionItem[];

  @Field(() => String, { description: 'The agenda as Markdown (names escaped).' })
  markdown: string;
}
