import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity } from 'typeorm';
import { BaseRecord } from '../common/base.entity.js';
import { Cents, bigintCentsTransformer } from './cents.scalar.js';

@ObjectType({ description: "A service's operation and maintenance costs of one contract year, in euro cents." })
@Entity('service_cost')
export class ServiceCost extends BaseRecord {
  @Field(() => ID)
  @Column('uuid')
  serviceId: string;

  @Field(() => Int, { description: 'The contract year.' })
  @Column({ type: 'smallint' })
  year: number;

  @Field(() => Cents, { description: 'Operation costs (Betrieb) in cents.' })
  @Column({ type: 'bigint', transformer: bigintCentsTransformer })
  operationCents: number;

  @Field(() => Cents, { description: 'Maintenance costs (Pflege, Weiterentwicklung) in cents.' })
  @Column({ type: 'bigint', transformer: bigintCentsTransformer })
  maintenanceCents: number;

  @Field(() => Cents, { description: 'Operation + maintenance: the total shared among the signing states.' })
  @Column({ type: 'bigint', insert: false, update: false, transformer: bigintCentsTransformer })
  totalCents: number;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  note: string | null;
}
