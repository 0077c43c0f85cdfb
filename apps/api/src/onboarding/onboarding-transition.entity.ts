import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { internalField } from '../common/visibility.js';

/** One move of an onboarding: from which stage/status to which, when, by whom, why. */
@ObjectType({ description: 'A stage or status change of an onboarding (the transition log).' })
@Entity('onboarding_transition')
export class OnboardingTransition {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column('uuid')
  onboardingId: string;

  @Field(() => String, { description: 'CREATE, ADVANCE, MOVE_BACK, PAUSE, RESUME, CANCEL or REOPEN.' })
  @Column()
  kind: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  fromStage: string | null;

  @Field(() => String)
  @Column()
  toStage: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  fromStatus: string | null;

  @Field(() => String)
  @Column()
  toStatus: string;

  @Field(() => GraphQLISODateTime)
  @Column({ type: 'timestamptz' })
  occurredAt: Date;

  @Field(() => String)
  @Column()
  actor: string;

  @Field(() => String, { nullable: true, middleware: [internalField] })
  @Column({ type: 'text', nullable: true })
  comment: string | null;
}
