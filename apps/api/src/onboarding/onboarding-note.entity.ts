import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity } from 'typeorm';
import { BaseRecord } from '../common/base.entity.js';

/**
 * A dated note of an onboarding, e.g. a comment of the Jira issue it was
 * tracked in (source JIRA, with the comment's id in its source, so a
 * re-import adds nothing twice). Internal: a state coordinator sees the
 * notes of their own state's onboardings only.
 */
@ObjectType({ description: 'A dated note of an onboarding (e.g. an imported Jira comment).' })
@Entity('onboarding_note')
export class OnboardingNote extends BaseRecord {
  @Field(() => ID)
  @Column('uuid')
  onboardingId: string;

  @Field(() => String, { description: 'Who wrote it, as its source names them (a Jira account id or user name).' })
  @Column()
  author: string;

  @Field(() => GraphQLISODateTime)
  @Column({ type: 'timestamptz' })
  writtenAt: Date;

  @Field(() => String)
  @Column()
  text: string;

  @Field(() => String, { description: 'Where it comes from: JIRA.' })
  @Column()
  source: string;

  @Field(() => String, { nullable: true, description: 'Its id in the source (a Jira comment: time, author and a fingerprint of the text; the export has no comment ids).' })
  @Column({ type: 'text', nullable: true })
  externalId: string | null;
}
