import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import { DomainError, issueAt, type FieldIssue } from '@efa/domain';
import type { GraphQLResolveInfo } from 'graphql';
import type { Observable } from 'rxjs';

/**
 * Longest text any argument may carry (the longest field-specific limit, a guide section's
 * body, is the same). Fields with a tighter limit check it in libs/domain's rules; this is the
 * net under every text argument, including those without a rule of their own (search terms,
 * reasons, comments), so that no text reaches the database unbounded.
 */
export const MAX_TEXT_LENGTH = 100_000;

/** NUL: PostgreSQL cannot store it in a text column (it would fail the write with a driver error). */
const NUL = '\u0000';

/** Every problem of the text values in `value`, each naming its argument path (`attachments.0.title`). */
export function textIssues(value: unknown, path: string, issues: FieldIssue[] = []): FieldIssue[] {
  if (typeof value === 'string') {
    if (value.includes(NUL)) issues.push(issueAt(path, 'NUL_CHARACTER'));
    if (value.length > MAX_TEXT_LENGTH) issues.push(issueAt(path, 'TOO_LONG', { max: MAX_TEXT_LENGTH }));
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => textIssues(item, `${path}.${i}`, issues));
  } else if (value && typeof value === 'object' && !(value instanceof Date)) {
    for (const [key, item] of Object.entries(value)) textIssues(item, path ? `${path}.${key}` : key, issues);
  }
  return issues;
}

/**
 * Checks the text arguments of every query and mutation before it runs: a NUL character or a
 * text over MAX_TEXT_LENGTH is refused with VALIDATION naming the argument, instead of
 * reaching PostgreSQL (which refuses NUL with an error that would otherwise surface as INTERNAL).
 */
@Injectable()
export class TextInputInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType<GqlContextType>() === 'graphql') {
      const gql = GqlExecutionContext.create(context);
      const info = gql.getInfo<GraphQLResolveInfo>();
      if (info.parentType.name === 'Query' || info.parentType.name === 'Mutation') {
        const issues = textIssues(gql.getArgs(), '');
        if (issues.length) throw DomainError.validation(issues);
      }
    }
    return next.handle();
  }
}
