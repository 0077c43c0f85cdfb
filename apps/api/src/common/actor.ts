/**
 * Who performs a request. Until sign-in exists every request acts as the
 * named system actor; the accounts issue replaces this with the signed-in user.
 */
export interface Actor {
  id: string;
  name: string;
}

export const SYSTEM_ACTOR: Actor = { id: 'system', name: 'System (no sign-in yet)' };
