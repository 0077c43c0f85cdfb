import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ReuseVariant as ReuseVariantKind } from '@efa/domain';
import { Column, Entity } from 'typeorm';
import { BaseRecord } from '../common/base.entity.js';
import { internalField } from '../common/visibility.js';

registerEnumType(ReuseVariantKind, { name: 'ReuseVariantKind', description: 'What a state intends for a service.' });

@ObjectType({ description: 'What a state intends for a service (Nachnutzungsvariante).' })
@Entity('reuse_variant')
export class ReuseVariant extends BaseRecord {
  @Field(() => ID)
  @Column('uuid')
  stateId: string;

  @Field(() => ID)
  @Column('uuid')
  serviceId: string;

  @Field(() => ReuseVariantKind)
  @Column({ type: 'text' })
  variant: ReuseVariantKind;

  @Field(() => String, { nullable: true, middleware: [internalField] })
  @Column({ type: 'text', nullable: true })
  note: string | null;
}
