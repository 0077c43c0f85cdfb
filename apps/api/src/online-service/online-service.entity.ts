import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { TopicField } from '@efa/domain';
import { Column, Entity } from 'typeorm';
import { BaseRecord } from '../common/base.entity.js';

/** An EfA online service (OZG-Leistung). GraphQL type name `Service`. */
@ObjectType('Service', { description: 'An EfA online service (OZG-Leistung), e.g. Aufenthaltstitel.' })
@Entity('service')
export class OnlineService extends BaseRecord {
  @Field(() => String)
  @Column()
  name: string;

  @Field(() => String, { nullable: true, description: 'OZG-ID of the service bundle, e.g. 10255.' })
  @Column({ type: 'text', nullable: true, unique: true })
  ozgId: string | null;

  @Field(() => [String], { description: 'LeiKa keys (14 digits) of the individual services.' })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  leikaKeys: string[];

  @Field(() => TopicField)
  @Column({ type: 'text' })
  topicField: TopicField;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  leadStateId: string | null;

  @Field(() => String, { nullable: true, description: 'Who runs the service (provider / operator).' })
  @Column({ type: 'text', nullable: true })
  provider: string | null;

  @Field(() => Int, { nullable: true, description: 'OZG type 1-5.' })
  @Column({ type: 'smallint', nullable: true })
  ozgType: number | null;

  @Field(() => Int, { nullable: true, description: 'Maturity level (Reifegrad) 0-4.' })
  @Column({ type: 'smallint', nullable: true })
  maturityLevel: number | null;

  @Field(() => String, { nullable: true, description: 'Data exchange standard, e.g. XAusländer.' })
  @Column({ type: 'text', nullable: true })
  standard: string | null;

  @Field(() => String, { nullable: true, description: 'Minimum standard version an authority\'s specialist system must support.' })
  @Column({ type: 'text', nullable: true })
  requiredStandardVersion: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  website: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  description: string | null;
}
