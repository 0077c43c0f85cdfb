import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity } from 'typeorm';
import { BaseRecord } from '../common/base.entity.js';

@ObjectType({ description: 'A stage of a service\'s onboarding pipeline (template data, editable).' })
@Entity('service_stage')
export class ServiceStage extends BaseRecord {
  @Field(() => ID)
  @Column('uuid')
  serviceId: string;

  @Field(() => String, { description: 'Stable key, e.g. KICK_OFF.' })
  @Column()
  key: string;

  @Field(() => String)
  @Column()
  nameDe: string;

  @Field(() => String)
  @Column()
  nameEn: string;

  @Field(() => Int, { description: 'Order in the pipeline, 1 = first.' })
  @Column('integer')
  position: number;
}
