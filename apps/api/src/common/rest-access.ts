import { DomainError, ErrorCode, mayCall, type AccessDecision, type Principal } from '@efa/domain';
import type { Request } from 'express';
import type { AccountService } from '../account/account.service.js';
import type { Actor } from './actor.js';
import { noteUser } from '../observability/request-log.js';
import { sessionTokenOf } from './request-context.js';

/**
 * The signed-in caller of a REST route (session cookie or bearer token), checked against the
 * GraphQL rule of `access` in OPERATION_ACCESS (an operation name) or by a decision of its own
 * (e.g. `mayUseRoute` of ROUTE_ACCESS): UNAUTHENTICATED without a session, FORBIDDEN (recorded in
 * the audit log as a refusal of `refusedAs`) for a role the rule does not allow.
 */
export async function restCaller(
  accounts: AccountService,
  req: Request,
  access: string | ((principal: Principal | null) => AccessDecision),
  refusedAs: string,
  what: string,
): Promise<Actor> {
  const session = await accounts.resolve(sessionTokenOf(req));
  const actor = session?.actor ?? null;
  noteUser(req.res, actor?.userId);
  const decision = typeof access === 'string' ? mayCall(actor, access) : access(actor);
  if (decision === 'UNAUTHENTICATED') throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Please sign in');
  if (decision === 'FORBIDDEN') {
    await accounts.refused(actor!, refusedAs, `role ${actor!.role}`);
    throw new DomainError(ErrorCode.FORBIDDEN, `Your role (${actor!.role}) may not ${what}`);
  }
  return actor!;
}
