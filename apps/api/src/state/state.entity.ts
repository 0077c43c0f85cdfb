import { Field, Float, ObjectType } from '@nestjs/graphql';
import { Column, Entity } from 'typeorm';
import { BaseRecord } from '../common/base.entity.js';
import { numericTransformer } from '../common/graphql-types.js';

@ObjectType({ description: 'A German federal state (Bundesland).' })
@Entity('state')
export class State extends BaseRecord {
  @Field(() => String, { description: 'Official two-letter code, e.g. BB.' })
  @Column({ type: 'char', length: 2, unique: true })
  code: string;

  @Field(() => String)
  @Column()
  name: string;

  @Field(() => String, { description: 'First two digits of every ARS/AGS in the state, e.g. 12 for Brandenburg.' })
  @Column({ type: 'char', length: 2, unique: true })
  arsPrefix: string;

  @Field(() => Float, { nullable: true, description: 'Königsteiner Schlüssel share in percent.' })
  @Column({ type: 'numeric', precision: 8, scale: 5, nullable: true, transformer: numericTransformer })
  koenigsteinShare: number | null;
}
