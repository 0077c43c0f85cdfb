import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ActionItemStatus, MeetingItemKind } from '@efa/domain';
import { Column, Entity } from 'typeorm';
import { BaseRecord } from '../common/base.entity.js';
import { LocalDate } from '../common/graphql-types.js';
import './meeting.entity.js';

@ObjectType({ description: 'A decision or an action item recorded in a meeting, optionally linked to an onboarding, a contract, an authority or an obstacle.' })
@Entity('meeting_item')
export class MeetingItem extends BaseRecord {
  @Field(() => ID)
  @Column('uuid')
  meetingId: string;

  @Field(() => MeetingItemKind)
  @Column({ type: 'text' })
  kind: MeetingItemKind;

  @Field(() => String)
  @Column({ type: 'text' })
  text: string;

  @Field(() => ID, { nullable: true, description: 'The owner, a user (or else ownerOrganisation).' })
  @Column({ type: 'uuid', nullable: true })
  ownerUserId: string | null;

  @Field(() => String, { nullable: true, description: 'The owner, a named organisation (or else ownerUserId).' })
  @Column({ type: 'text', nullable: true })
  ownerOrganisation: string | null;

  @Field(() => LocalDate, { nullable: true, description: 'Action items only.' })
  @Column({ type: 'date', nullable: true })
  dueDate: string | null;

  @Field(() => ActionItemStatus, { nullable: true, description: 'Action items only (default OPEN).' })
  @Column({ type: 'text', nullable: true })
  status: ActionItemStatus | null;

  @Field(() => LocalDate, { nullable: true, description: 'When it was set DONE or CANCELLED (set by the API).' })
  @Column({ type: 'date', nullable: true })
  closedAt: string | null;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  onboardingId: string | null;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  reuseContractId: string | null;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  authorityId: string | null;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  blockerId: string | null;
}
