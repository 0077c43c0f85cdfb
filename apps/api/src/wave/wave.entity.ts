import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity } from 'typeorm';
import { BaseRecord } from '../common/base.entity.js';
import { LocalDate } from '../common/graphql-types.js';

/**
 * A rollout wave or project team: a named group of onboardings of one service with a target
 * go-live date, the people (users) and organisations working on it. Meetings refer to a wave by
 * `wave_id` (see the migration 1764430000000).
 */
@ObjectType({ description: 'A rollout wave / project team: onboardings of one service with a target go-live date.' })
@Entity('wave')
export class Wave extends BaseRecord {
  @Field(() => ID)
  @Column('uuid')
  serviceId: string;

  @Field(() => String)
  @Column()
  name: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Field(() => LocalDate, { description: 'Start of the plan (the linear plan runs from here to the target date).' })
  @Column({ type: 'date' })
  startsOn: string;

  @Field(() => LocalDate)
  @Column({ type: 'date' })
  targetGoLive: string;

  @Field(() => [ID], { description: 'Users working on the wave.' })
  @Column({ type: 'uuid', array: true, default: () => `'{}'` })
  memberUserIds: string[];

  @Field(() => [String], { description: 'Organisations working on the wave (e.g. the state\'s IT service provider).' })
  @Column({ type: 'text', array: true, default: () => `'{}'` })
  organisations: string[];
}
