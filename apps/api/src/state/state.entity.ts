import { Field, Float, ObjectType } from '@nestjs/graphql';
import { Column, Entity } from 'typeorm';
import { BaseRecord } from '../common/base.entity.js';
import { numericTransformer } from '../common/graphql-types.js';

@ObjectType({ description: 'A German federal state (Bundesland).' })
@Entity('state')
export class State extends BaseRecord {
  @Field({ description: 'Official two-letter code, e.g. BB.' })
  @Column({ type: 'char', length: 2, unique: true })
  code: string;

  @Field()
  @Column()
  name: string;

  @Field({ description: 'First two digits of every ARS/AGS in the state, e.g. 12 for Brandenburg.' })
  @Column({ type: 'char', length: 2, unique: true })
  arsPrefix: string;

  @Field(() => Float, { nullable: true, description: 'Königsteiner Schlüssel share in percent.' })
  @Column({ type: 'numeric', precision: 8, scale: 5, nullable: true, transformer: numericTransformer })
  koenigsteinShare: number | null;
}
