import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { BlockerCategory, BlockerSeverity } from '@efa/domain';
import { Column, Entity } from 'typeorm';
import { BaseRecord } from '../common/base.entity.js';
import { LocalDate } from '../common/graphql-types.js';

registerEnumType(BlockerCategory, { name: 'BlockerCategory', description: 'The five reuse dimensions.' });
registerEnumType(BlockerSeverity, { name: 'BlockerSeverity', description: 'BLOCKING stops the onboarding from advancing.' });

@ObjectType({ description: 'An obstacle (Hemmnis) of an onboarding.' })
@Entity('blocker')
export class Blocker extends BaseRecord {
  @Field(() => ID)
  @Column('uuid')
  onboardingId: string;

  @Field(() => String)
  @Column()
  title: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Field(() => BlockerCategory)
  @Column({ type: 'text' })
  category: BlockerCategory;

  @Field(() => BlockerSeverity)
  @Column({ type: 'text' })
  severity: BlockerSeverity;

  @Field(() => String, { nullable: true, description: 'Who is to resolve it (person or organisation).' })
  @Column({ type: 'text', nullable: true })
  owner: string | null;

  @Field(() => LocalDate)
  @Column({ type: 'date' })
  openedAt: string;

  @Field(() => LocalDate, { nullable: true })
  @Column({ type: 'date', nullable: true })
  resolvedAt: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  resolution: string | null;
}
