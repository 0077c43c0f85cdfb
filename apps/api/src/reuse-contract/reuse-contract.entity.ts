import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ContractStatus, LegalRoute, MunicipalAccessModel } from '@efa/domain';
import { Column, Entity } from 'typeorm';
import { BaseRecord } from '../common/base.entity.js';
import { internalField } from '../common/visibility.js';
import { LocalDate } from '../common/graphql-types.js';

@ObjectType({ description: 'A state\'s reuse contract (Nachnutzungsvertrag) for a service.' })
@Entity('reuse_contract')
export class ReuseContract extends BaseRecord {
  @Field(() => ID)
  @Column('uuid')
  stateId: string;

  @Field(() => ID)
  @Column('uuid')
  serviceId: string;

  @Field(() => ContractStatus)
  @Column({ type: 'text' })
  status: ContractStatus;

  @Field(() => LegalRoute, { nullable: true })
  @Column({ type: 'text', nullable: true })
  legalRoute: LegalRoute | null;

  @Field(() => MunicipalAccessModel, { nullable: true })
  @Column({ type: 'text', nullable: true })
  municipalAccess: MunicipalAccessModel | null;

  @Field(() => LocalDate, { nullable: true, description: 'Interessensbekundung.' })
  @Column({ type: 'date', nullable: true })
  interestDeclaredAt: string | null;

  @Field(() => LocalDate, { nullable: true })
  @Column({ type: 'date', nullable: true })
  negotiationStartedAt: string | null;

  @Field(() => LocalDate, { nullable: true })
  @Column({ type: 'date', nullable: true })
  signedAt: string | null;

  @Field(() => LocalDate, { nullable: true })
  @Column({ type: 'date', nullable: true })
  terminatedAt: string | null;

  @Field(() => String, { nullable: true, middleware: [internalField] })
  @Column({ type: 'text', nullable: true })
  notes: string | null;
}
