import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { MilestoneStatus } from '@efa/domain';
import { Column, Entity } from 'typeorm';
import { BaseRecord } from '../common/base.entity.js';
import { internalField } from '../common/visibility.js';
import { LocalDate } from '../common/graphql-types.js';

registerEnumType(MilestoneStatus, { name: 'MilestoneStatus' });

@ObjectType({ description: 'A step of an onboarding, copied from the service\'s template when the onboarding was created.' })
@Entity('milestone')
export class Milestone extends BaseRecord {
  @Field(() => ID)
  @Column('uuid')
  onboardingId: string;

  @Field(() => String)
  @Column()
  key: string;

  @Field(() => String)
  @Column()
  nameDe: string;

  @Field(() => String)
  @Column()
  nameEn: string;

  @Field(() => String, { description: 'The stage by whose end it should be done.' })
  @Column()
  stage: string;

  @Field(() => Boolean)
  @Column()
  required: boolean;

  @Field(() => Int)
  @Column('integer')
  position: number;

  @Field(() => MilestoneStatus)
  @Column({ type: 'text' })
  status: MilestoneStatus;

  @Field(() => LocalDate, { nullable: true })
  @Column({ type: 'date', nullable: true })
  dueDate: string | null;

  @Field(() => LocalDate, { nullable: true })
  @Column({ type: 'date', nullable: true })
  completedAt: string | null;

  @Field(() => String, { nullable: true, middleware: [internalField], description: 'Link to the evidence (ticket, document, e-mail).' })
  @Column({ type: 'text', nullable: true })
  evidenceUrl: string | null;

  @Field(() => String, { nullable: true, middleware: [internalField], description: 'Note; for NOT_APPLICABLE the reason.' })
  @Column({ type: 'text', nullable: true })
  note: string | null;
}
