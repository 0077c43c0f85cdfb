import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity } from 'typeorm';
import { BaseRecord } from '../common/base.entity.js';

@ObjectType({ description: 'A milestone every new onboarding of the service gets (template data, editable; existing onboardings keep their copy).' })
@Entity('milestone_template')
export class MilestoneTemplate extends BaseRecord {
  @Field(() => ID)
  @Column('uuid')
  serviceId: string;

  @Field(() => String)
  @Column()
  key: string;

  @Field(() => String, { description: 'The stage by whose end the milestone should be done.' })
  @Column()
  stageKey: string;

  @Field(() => String)
  @Column()
  nameDe: string;

  @Field(() => String)
  @Column()
  nameEn: string;

  @Field(() => Boolean)
  @Column({ default: true })
  required: boolean;

  @Field(() => Int)
  @Column('integer')
  position: number;

  @Field(() => Int, { nullable: true, description: 'Due this many days after the onboarding was created.' })
  @Column({ type: 'integer', nullable: true })
  dueDays: number | null;

  @Field(() => Boolean, { description: 'Inactive templates are not given to new onboardings.' })
  @Column({ default: true })
  active: boolean;
}
