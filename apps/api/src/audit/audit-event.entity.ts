import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type FieldChanges = Record<string, { from: unknown; to: unknown }>;

/** One change users care about: who, when, what, field-level before/after. */
@Entity('audit_event')
export class AuditEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  occurredAt: Date;

  @Column()
  actor: string;

  @Column()
  entityType: string;

  @Column('uuid')
  entityId: string;

  @Column()
  action: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  changes: FieldChanges;
}
