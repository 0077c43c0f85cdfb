import { Field, ObjectType } from '@nestjs/graphql';
import { Column, Entity } from 'typeorm';
import { BaseRecord } from '../common/base.entity.js';

@ObjectType({ description: 'A specialist software product (Fachverfahren) and its vendor.' })
@Entity('specialist_system')
export class SpecialistSystem extends BaseRecord {
  @Field(() => String, { description: 'Vendor (Hersteller), e.g. HSH.' })
  @Column()
  vendor: string;

  @Field(() => String, { description: 'Product, e.g. AUSO.' })
  @Column()
  product: string;

  @Field(() => String, { description: 'Data exchange standard, e.g. XAusländer.' })
  @Column()
  standard: string;

  @Field(() => [String], { description: 'Standard versions the product supports, e.g. ["1.15", "1.17"].' })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  supportedVersions: string[];

  @Field(() => Boolean, { description: 'Whether the product offers the XAusländer OZG interface.' })
  @Column({ default: false })
  ozgInterface: boolean;
}
