import { ArgsType, Field, GraphQLISODateTime, ID, InputType, Int } from '@nestjs/graphql';
import { ActionItemStatus, MeetingItemKind, MeetingKind } from '@efa/domain';
import { BaseFilter } from '../common/list.args.js';
import { LocalDate } from '../common/graphql-types.js';
import { MeetingAttachment } from './meeting.entity.js';

@ArgsType()
export class CreateMeetingArgs {
  @Field(() => MeetingKind)
  kind: MeetingKind;

  @Field(() => String)
  title: string;

  @Field(() => GraphQLISODateTime)
  startsAt: Date;

  @Field(() => GraphQLISODateTime)
  endsAt: Date;

  @Field(() => String, { nullable: true, description: 'IANA time zone; default Europe/Berlin.' })
  timeZone?: string | null;

  @Field(() => String, { nullable: true })
  location?: string | null;

  @Field(() => String, { nullable: true })
  onlineUrl?: string | null;

  @Field(() => String, { nullable: true, description: 'Markdown.' })
  agenda?: string | null;

  @Field(() => String, { nullable: true, description: 'Markdown.' })
  minutes?: string | null;

  @Field(() => [MeetingAttachment], { nullable: true })
  attachments?: MeetingAttachment[] | null;

  @Field(() => [ID], { nullable: true, description: 'Services the meeting is about. With a wave and no services: the wave\'s service.' })
  serviceIds?: string[] | null;

  @Field(() => ID, { nullable: true, description: 'The rollout wave the meeting belongs to; its service must be among serviceIds.' })
  waveId?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Participating states. A state coordinator writes meetings whose only state is their own.' })
  stateIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Participating authorities.' })
  authorityIds?: string[] | null;
}

@InputType()
export class MeetingFilter extends BaseFilter {
  @Field(() => [MeetingKind], { nullable: true })
  kind?: MeetingKind[] | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Starting at or after.' })
  startsFrom?: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Starting before.' })
  startsBefore?: Date | null;

  @Field(() => ID, { nullable: true })
  serviceId?: string | null;

  @Field(() => ID, { nullable: true })
  stateId?: string | null;

  @Field(() => ID, { nullable: true })
  authorityId?: string | null;

  @Field(() => ID, { nullable: true })
  waveId?: string | null;
}

@ArgsType()
export class MeetingItemDetailsArgs {
  @Field(() => MeetingItemKind)
  kind: MeetingItemKind;

  @Field(() => String)
  text: string;

  @Field(() => ID, { nullable: true, description: 'Owner: a user, or else ownerOrganisation.' })
  ownerUserId?: string | null;

  @Field(() => String, { nullable: true, description: 'Owner: a named organisation, or else ownerUserId.' })
  ownerOrganisation?: string | null;

  @Field(() => LocalDate, { nullable: true })
  dueDate?: string | null;

  @Field(() => ActionItemStatus, { nullable: true, description: 'Action items: default OPEN. Decisions: none.' })
  status?: ActionItemStatus | null;

  @Field(() => ID, { nullable: true })
  onboardingId?: string | null;

  @Field(() => ID, { nullable: true })
  reuseContractId?: string | null;

  @Field(() => ID, { nullable: true })
  authorityId?: string | null;

  @Field(() => ID, { nullable: true })
  blockerId?: string | null;
}

@ArgsType()
export class CreateMeetingItemArgs extends MeetingItemDetailsArgs {
  @Field(() => ID)
  meetingId: string;
}

@InputType()
export class MeetingItemFilter extends BaseFilter {
  @Field(() => ID, { nullable: true })
  meetingId?: string | null;

  @Field(() => MeetingItemKind, { nullable: true })
  kind?: MeetingItemKind | null;

  @Field(() => [ActionItemStatus], { nullable: true })
  status?: ActionItemStatus[] | null;

  @Field(() => ID, { nullable: true })
  ownerUserId?: string | null;

  @Field(() => String, { nullable: true, description: 'Owner organisation contains this text.' })
  ownerOrganisation?: string | null;

  @Field(() => ID, { nullable: true })
  onboardingId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Linked to this authority, directly or through an onboarding or obstacle of it.' })
  authorityId?: string | null;

  @Field(() => ID, { nullable: true })
  reuseContractId?: string | null;

  @Field(() => ID, { nullable: true })
  blockerId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true: action items due before today and still open or in progress.' })
  overdue?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'true: owned by the signed-in user.' })
  mine?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'true: OPEN or IN_PROGRESS.' })
  open?: boolean | null;
}

@ArgsType()
export class AgendaSuggestionArgs {
  @Field(() => ID, { nullable: true, description: 'The meeting to suggest an agenda for (its kind, start, services and states, unless given here; it is never its own previous meeting).' })
  meetingId?: string | null;

  @Field(() => MeetingKind, { nullable: true, description: 'The kind of the (planned) meeting; default the meeting’s.' })
  kind?: MeetingKind | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the (planned) meeting starts; default the meeting’s, else now.' })
  startsAt?: Date | null;

  @Field(() => [ID], { nullable: true, description: 'Narrow to these services; default the meeting’s (none: all).' })
  serviceIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Narrow to these states; default the meeting’s (none: all).' })
  stateIds?: string[] | null;

  @Field(() => String, { nullable: true, defaultValue: 'de', description: 'Language of the Markdown: de or en.' })
  language?: string | null;
}

@ArgsType()
export class OverdueActionItemsArgs {
  @Field(() => ID, { nullable: true, description: 'Linked to this authority, directly or through an onboarding or obstacle of it.' })
  authorityId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Linked to this onboarding, directly or through an obstacle of it.' })
  onboardingId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Linked to a record of this state (authority, onboarding, obstacle, contract).' })
  stateId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Linked to a record of this service (onboarding, obstacle, contract).' })
  serviceId?: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Overdue at this moment (default now).' })
  asOf?: Date | null;

  @Field(() => Int, { nullable: true, defaultValue: 100, description: '1..1000.' })
  limit?: number | null;
}
