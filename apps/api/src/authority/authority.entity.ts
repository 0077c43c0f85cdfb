import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { AuthorityKind, AuthorityLevel } from '@efa/domain';
import { Column, Entity } from 'typeorm';
import { BaseRecord } from '../common/base.entity.js';
import { internalField } from '../common/visibility.js';

@ObjectType({ description: 'An authority (Behörde), e.g. a foreigners\' authority (Ausländerbehörde).' })
@Entity('authority')
export class Authority extends BaseRecord {
  @Field(() => String)
  @Column()
  name: string;

  @Field(() => AuthorityKind)
  @Column({ type: 'text' })
  kind: AuthorityKind;

  @Field(() => AuthorityLevel)
  @Column({ type: 'text' })
  level: AuthorityLevel;

  @Field(() => ID)
  @Column('uuid')
  stateId: string;

  @Field(() => String, { description: 'Amtlicher Regionalschlüssel, 12 digits.' })
  @Column({ type: 'char', length: 12, unique: true })
  ars: string;

  @Field(() => Int, { nullable: true })
  @Column({ type: 'integer', nullable: true })
  population: number | null;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  specialistSystemId: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  website: string | null;

  @Field(() => String, { nullable: true, middleware: [internalField] })
  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Field(() => String, { nullable: true, middleware: [internalField] })
  @Column({ type: 'text', nullable: true })
  notes: string | null;
}
