import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { BaseRecord } from '../common/base.entity.js';

/** One section of a service's connection guide (Integrationsleitfaden): Markdown, in order, linked to a milestone. */
@ObjectType({ description: 'A section of a service\'s connection guide (Markdown), linked to the milestone template it explains.' })
@Entity('guide_section')
export class GuideSection extends BaseRecord {
  @Field(() => ID)
  @Column('uuid')
  serviceId: string;

  @Field(() => Int, { description: 'Order in the guide (1 = first).' })
  @Column('int')
  position: number;

  @Field(() => String)
  @Column()
  title: string;

  @Field(() => String, { description: 'Markdown (rendered without raw HTML).' })
  @Column({ type: 'text' })
  body: string;

  @Field(() => String, { nullable: true, description: 'Key of the milestone template this section explains, e.g. DVDV_ENTRY.' })
  @Column({ type: 'text', nullable: true })
  milestoneKey: string | null;

  @Field(() => Int, { description: 'Number of the current (latest) content version.' })
  @Column('int')
  revision: number;

  @Field(() => String, { description: 'Who wrote the current version.' })
  @Column({ type: 'text' })
  updatedBy: string;
}

/** A kept version of a section's content: every edit adds one, none is changed. */
@ObjectType({ description: 'One version of a guide section: its content as it was after an edit, who made it and when.' })
@Entity('guide_section_version')
export class GuideSectionVersion {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column('uuid')
  sectionId: string;

  @Field(() => Int)
  @Column('int')
  revision: number;

  @Field(() => String)
  @Column()
  title: string;

  @Field(() => String)
  @Column({ type: 'text' })
  body: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  milestoneKey: string | null;

  @Field(() => String, { description: 'Who made the edit (e-mail address, as in the audit log).' })
  @Column({ type: 'text' })
  author: string;

  @Field(() => GraphQLISODateTime)
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
