import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Role } from '@efa/domain';
import { Column, Entity } from 'typeorm';
import { BaseRecord } from '../common/base.entity.js';

registerEnumType(Role, { name: 'Role', description: 'ADMIN, ROLLOUT_MANAGER, STATE_COORDINATOR (bound to one state) or STEERING_MEMBER (read only).' });

@ObjectType({ description: 'A person who signs in to EfA Rollout.' })
@Entity('app_user')
export class User extends BaseRecord {
  @Field(() => String)
  @Column()
  email: string;

  @Field(() => String)
  @Column()
  displayName: string;

  @Field(() => Role)
  @Column({ type: 'text' })
  role: Role;

  @Field(() => ID, { nullable: true, description: 'The state a coordinator is bound to.' })
  @Column({ type: 'uuid', nullable: true })
  stateId: string | null;

  /** Never exposed. */
  @Column({ type: 'text', nullable: true, select: true })
  passwordHash: string | null;

  @Column({ type: 'text', nullable: true })
  oidcSubject: string | null;

  @Field(() => Boolean, { description: 'Inactive users cannot sign in.' })
  @Column({ default: true })
  active: boolean;

  @Field(() => Boolean, { description: 'A demo account of the embedded demo.' })
  @Column({ default: false })
  isDemo: boolean;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  lastSignInAt: Date | null;

  @Field(() => Boolean, { description: 'Signs in with a password (else only through single sign-on).' })
  get hasPassword(): boolean {
    return Boolean(this.passwordHash);
  }
}
