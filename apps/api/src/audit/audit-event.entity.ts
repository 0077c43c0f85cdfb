import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type FieldChanges = Record<string, { from: unknown; to: unknown }>;

/** One change users care about: who, when, what, field-level before/after. */
@ObjectType({ description: 'One recorded change: who, when, which record, what action, which fields from what to what.' })
@Entity('audit_event')
export class AuditEvent {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => GraphQLISODateTime)
  @Column({ type: 'timestamptz', default: () => 'now()' })
  occurredAt: Date;

  @Field(() => String)
  @Column()
  actor: string;

  @Field(() => String, { description: 'The record\'s GraphQL type, e.g. Onboarding.' })
  @Column()
  entityType: string;

  @Field(() => ID, { nullable: true, description: 'Empty for security events without a record (failed sign-in, refused operation).' })
  @Column({ type: 'uuid', nullable: true })
  entityId: string | null;

  @Field(() => String, { description: 'CREATE, UPDATE, DELETE or a domain action such as ADVANCE, PAUSE, COMPLETE, SIGNED.' })
  @Column()
  action: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  changes: FieldChanges;

  /** Why: the comment or reason given with a transition. */
  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  comment: string | null;
}
