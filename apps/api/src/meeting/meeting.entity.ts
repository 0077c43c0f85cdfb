import { Field, GraphQLISODateTime, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ActionItemStatus, MeetingItemKind, MeetingKind } from '@efa/domain';
import { Column, Entity } from 'typeorm';
import { BaseRecord } from '../common/base.entity.js';

registerEnumType(MeetingKind, { name: 'MeetingKind', description: 'Steering group (monthly), project meeting, kick-off, information event, workshop.' });
registerEnumType(MeetingItemKind, { name: 'MeetingItemKind', description: 'A decision taken in a meeting, or an action item someone has to do.' });
registerEnumType(ActionItemStatus, { name: 'ActionItemStatus', description: 'Status of an action item (decisions have none).' });

@ObjectType({ description: 'A link attached to a meeting (presentation, document, recording).' })
@InputType('MeetingAttachmentInput')
export class MeetingAttachment {
  @Field(() => String)
  title: string;

  @Field(() => String, { description: 'An http(s) address.' })
  url: string;
}

@ObjectType({ description: 'A meeting: steering group, project meeting, kick-off, information event or workshop.' })
@Entity('meeting')
export class Meeting extends BaseRecord {
  @Field(() => MeetingKind)
  @Column({ type: 'text' })
  kind: MeetingKind;

  @Field(() => String)
  @Column()
  title: string;

  @Field(() => GraphQLISODateTime)
  @Column({ type: 'timestamptz' })
  startsAt: Date;

  @Field(() => GraphQLISODateTime)
  @Column({ type: 'timestamptz' })
  endsAt: Date;

  @Field(() => String, { description: 'IANA time zone the meeting is held in (e.g. Europe/Berlin); start and end are instants.' })
  @Column({ type: 'text' })
  timeZone: string;

  @Field(() => String, { nullable: true, description: 'Room, address.' })
  @Column({ type: 'text', nullable: true })
  location: string | null;

  @Field(() => String, { nullable: true, description: 'Link to the online meeting (http/https).' })
  @Column({ type: 'text', nullable: true })
  onlineUrl: string | null;

  @Field(() => String, { nullable: true, description: 'Markdown.' })
  @Column({ type: 'text', nullable: true })
  agenda: string | null;

  @Field(() => String, { nullable: true, description: 'Markdown.' })
  @Column({ type: 'text', nullable: true })
  minutes: string | null;

  @Field(() => ID, { nullable: true, description: 'The rollout wave (project team) the meeting belongs to; its service is among the meeting\'s services.' })
  @Column({ type: 'uuid', nullable: true })
  waveId: string | null;

  @Field(() => [MeetingAttachment])
  @Column({ type: 'jsonb', default: () => `'[]'::jsonb` })
  attachments: MeetingAttachment[];

  /** The participating services, states and authorities (join tables), attached when loaded for a write. */
  serviceIds?: string[];
  stateIds?: string[];
  authorityIds?: string[];
}

/** The link fields of a meeting, kept in join tables. */
export const MEETING_LINKS = [
  { field: 'serviceIds', table: 'meeting_service', column: 'service_id', target: 'service', label: 'service' },
  { field: 'stateIds', table: 'meeting_state', column: 'state_id', target: 'state', label: 'state' },
  { field: 'authorityIds', table: 'meeting_authority', column: 'authority_id', target: 'authority', label: 'authority' },
] as const;
export type MeetingLinkField = (typeof MEETING_LINKS)[number]['field'];
