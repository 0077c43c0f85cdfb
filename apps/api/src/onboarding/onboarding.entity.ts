import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { OnboardingStatus } from '@efa/domain';
import { Column, Entity } from 'typeorm';
import { BaseRecord } from '../common/base.entity.js';
import { internalField } from '../common/visibility.js';
import { LocalDate } from '../common/graphql-types.js';

registerEnumType(OnboardingStatus, { name: 'OnboardingStatus', description: 'ACTIVE in its stage, ON_HOLD (paused, resumable) or CANCELLED.' });

@ObjectType({ description: 'The rollout case of one authority for one service (Anbindung).' })
@Entity('onboarding')
export class Onboarding extends BaseRecord {
  @Field(() => ID)
  @Column('uuid')
  authorityId: string;

  @Field(() => ID)
  @Column('uuid')
  serviceId: string;

  @Field(() => ID, { nullable: true, description: 'The rollout wave (project team) it belongs to; only a wave of the same service.' })
  @Column({ type: 'uuid', nullable: true })
  waveId: string | null;

  @Field(() => String, { description: 'Key of the current pipeline stage, e.g. CONNECTION.' })
  @Column()
  stage: string;

  @Field(() => OnboardingStatus)
  @Column({ type: 'text' })
  status: OnboardingStatus;

  @Field(() => String, { nullable: true, middleware: [internalField], description: 'Why it is paused or cancelled.' })
  @Column({ type: 'text', nullable: true })
  statusReason: string | null;

  @Field(() => GraphQLISODateTime)
  @Column({ type: 'timestamptz' })
  stageEnteredAt: Date;

  @Field(() => LocalDate, { nullable: true })
  @Column({ type: 'date', nullable: true })
  plannedGoLive: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When real applications started to arrive.' })
  @Column({ type: 'timestamptz', nullable: true })
  liveAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Who drives the onboarding (person or organisation).' })
  @Column({ type: 'text', nullable: true })
  owner: string | null;

  @Field(() => String, { nullable: true, middleware: [internalField], description: 'Subject-matter contact at the authority.' })
  @Column({ type: 'text', nullable: true })
  subjectContact: string | null;

  @Field(() => String, { nullable: true, middleware: [internalField], description: 'Technical contact at the authority.' })
  @Column({ type: 'text', nullable: true })
  technicalContact: string | null;

  @Field(() => String, { nullable: true, description: 'Where applicants start the online service for this authority.' })
  @Column({ type: 'text', nullable: true })
  applyUrl: string | null;

  @Field(() => Boolean, { description: 'The authority agreed to publish its planned go-live quarter on the public status page.' })
  @Column({ type: 'boolean', default: false })
  publishPlan: boolean;

  @Field(() => String, { nullable: true, description: 'Key of the Jira issue this onboarding was tracked in.' })
  @Column({ type: 'text', nullable: true })
  jiraKey: string | null;

  @Field(() => String, { nullable: true, middleware: [internalField] })
  @Column({ type: 'text', nullable: true })
  notes: string | null;
}
