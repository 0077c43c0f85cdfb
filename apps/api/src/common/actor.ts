import { Role, type Principal } from '@efa/domain';

/**
 * Who performs a request: the signed-in user (id = e-mail address, as the
 * audit log records it) or, for maintenance (seed, CLI), the system.
 */
export interface Actor extends Principal {
  /** What the audit log records as the actor. */
  id: string;
  name: string;
}

export const SYSTEM_ACTOR: Actor = { id: 'system', name: 'System', userId: 'system', role: Role.ADMIN, stateId: null };
