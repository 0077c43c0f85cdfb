import { Injectable, type CanActivate, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import { DomainError, ErrorCode, isDomainError, mayCall } from '@efa/domain';
import type { GraphQLResolveInfo } from 'graphql';
import { catchError, from, mergeMap, throwError, type Observable } from 'rxjs';
import type { RequestContext } from '../common/loaders.js';
import { AccountService } from './account.service.js';

function rootOperation(context: ExecutionContext): { info: GraphQLResolveInfo; ctx: RequestContext } | undefined {
  if (context.getType<GqlContextType>() !== 'graphql') return undefined;
  const gql = GqlExecutionContext.create(context);
  const info = gql.getInfo<GraphQLResolveInfo>();
  if (info.parentType.name !== 'Query' && info.parentType.name !== 'Mutation') return undefined;
  return { info, ctx: gql.getContext<RequestContext>() };
}

/**
 * Checks every query and mutation against libs/domain's OPERATION_ACCESS
 * before it runs: not signed in → UNAUTHENTICATED, role without the right →
 * FORBIDDEN (recorded in the audit log), operation without a rule → FORBIDDEN.
 * Object-level rules (own state) follow in the services.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(private readonly accounts: AccountService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const op = rootOperation(context);
    if (!op) return true;
    const { info, ctx } = op;
    const decision = mayCall(ctx.principal, info.fieldName);
    if (decision === 'ALLOWED') return true;
    if (decision === 'UNAUTHENTICATED') throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Please sign in');
    await this.accounts.refused(ctx.principal!, info.fieldName, `role ${ctx.principal!.role}`);
    throw new DomainError(ErrorCode.FORBIDDEN, `Your role (${ctx.principal!.role}) may not use ${info.fieldName}`);
  }
}

/** Records operations the services refused for lack of rights (FORBIDDEN), after their transaction rolled back. */
@Injectable()
export class RefusalAuditInterceptor implements NestInterceptor {
  constructor(private readonly accounts: AccountService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const op = rootOperation(context);
    if (!op) return next.handle();
    return next.handle().pipe(
      catchError((e: unknown) => {
        if (!isDomainError(e) || e.code !== ErrorCode.FORBIDDEN || !op.ctx.principal) return throwError(() => e);
        return from(this.accounts.refused(op.ctx.principal, op.info.fieldName, e.message)).pipe(mergeMap(() => throwError(() => e)));
      }),
    );
  }
}
