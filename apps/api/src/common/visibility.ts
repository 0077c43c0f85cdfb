import { INTERNAL_FIELDS, Role, seesInternals } from '@efa/domain';
import type { FieldMiddleware, MiddlewareContext, NextFn } from '@nestjs/graphql';
import type { Loaders, RequestContext } from './loaders.js';

type Source = Record<string, unknown>;

/** The state a record belongs to, through its authority where it has no state of its own. */
export async function stateOfRecord(typeName: string, source: Source, loaders: Loaders): Promise<string | null> {
  switch (typeName) {
    case 'Authority':
    case 'ReuseContract':
    case 'ReuseVariant':
      return (source.stateId as string) ?? null;
    case 'Onboarding':
      return loaders.authorityState.load(source.authorityId as string);
    case 'Milestone':
    case 'Blocker':
    case 'OnboardingTransition':
      return loaders.onboardingState.load(source.onboardingId as string);
    default:
      return null;
  }
}

/**
 * Field middleware for internal fields (libs/domain INTERNAL_FIELDS): a state
 * coordinator gets null for records of other states, on every path the
 * field is reached by (lists, relations, single records).
 */
export const internalField: FieldMiddleware = async (ctx: MiddlewareContext, next: NextFn) => {
  const value = await next();
  const request = ctx.context as RequestContext;
  const principal = request.principal;
  if (!principal || principal.role !== Role.STATE_COORDINATOR || !ctx.info) return value;
  const typeName = ctx.info.parentType.name;
  if (!INTERNAL_FIELDS[typeName]?.includes(ctx.info.fieldName)) return value;
  const stateId = await stateOfRecord(typeName, ctx.source as Source, request.loaders);
  return seesInternals(principal, stateId) ? value : null;
};
