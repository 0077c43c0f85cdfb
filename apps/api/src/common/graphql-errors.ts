import { Catch, HttpException, Logger, type ArgumentsHost } from '@nestjs/common';
import type { GqlContextType, GqlExceptionFilter } from '@nestjs/graphql';
import { DomainError, ErrorCode, isDomainError, issueAt, type FieldIssue } from '@efa/domain';
import { GraphQLError, parse, visit, type GraphQLFormattedError } from 'graphql';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { requestScope } from '../observability/log.js';
import type { Locals } from '../observability/request-log.js';
import { BODY_LIMIT, fromLimitError } from './hardening.js';

/** Which field a database constraint protects, and what its violation means to a person (coded, libs/domain messages.ts). */
const CONSTRAINTS: Record<string, FieldIssue> = {
  uq_state_code: issueAt('code', 'DUPLICATE_STATE_CODE'),
  uq_state_ars_prefix: issueAt('arsPrefix', 'DUPLICATE_ARS_PREFIX'),
  uq_authority_ars: issueAt('ars', 'DUPLICATE_ARS'),
  uq_service_ozg_id: issueAt('ozgId', 'DUPLICATE_OZG_ID'),
  uq_specialist_system_vendor_product: issueAt('product', 'DUPLICATE_PRODUCT'),
  uq_reuse_contract_state_service: issueAt('serviceId', 'DUPLICATE_CONTRACT'),
  uq_reuse_variant_state_service: issueAt('serviceId', 'DUPLICATE_VARIANT'),
  uq_onboarding_authority_service: issueAt('serviceId', 'DUPLICATE_ONBOARDING'),
  uq_service_stage_key: issueAt('key', 'DUPLICATE_STAGE_KEY'),
  uq_service_stage_position: issueAt('position', 'DUPLICATE_STAGE_POSITION'),
  uq_milestone_template_key: issueAt('key', 'DUPLICATE_TEMPLATE_KEY'),
  uq_milestone_onboarding_key: issueAt('key', 'DUPLICATE_MILESTONE_KEY'),
  uq_cost_key_name_year: issueAt('name', 'DUPLICATE_COST_KEY'),
  uq_service_cost_service_year: issueAt('year', 'DUPLICATE_SERVICE_COST'),
  fk_service_cost_service: issueAt('serviceId', 'NO_SUCH_SERVICE'),
  fk_authority_state: issueAt('stateId', 'NO_SUCH_STATE'),
  fk_authority_specialist_system: issueAt('specialistSystemId', 'NO_SUCH_SPECIALIST_SYSTEM'),
  fk_service_lead_state: issueAt('leadStateId', 'NO_SUCH_STATE'),
  fk_reuse_contract_state: issueAt('stateId', 'NO_SUCH_STATE'),
  fk_reuse_contract_service: issueAt('serviceId', 'NO_SUCH_SERVICE'),
  uq_wave_name: issueAt('name', 'DUPLICATE_WAVE_NAME'),
  fk_onboarding_wave: issueAt('waveId', 'WAVE_OTHER_SERVICE'),
};

const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004', '53300']);

/** Translates a database error into a coded domain error, or undefined if it is not one we know. */
export function fromDatabaseError(e: unknown): DomainError | undefined {
  const driver = (e instanceof QueryFailedError ? e.driverError : e) as { code?: string; constraint?: string; message?: string } | undefined;
  const code = driver?.code;
  if (!code) {
    if (e instanceof Error && /Connection terminated|timeout exceeded when trying to connect|connect ECONNREFUSED/i.test(e.message)) {
      return new DomainError(ErrorCode.UNAVAILABLE, 'The database is temporarily unavailable; please try again in a moment');
    }
    return undefined;
  }
  if (UNAVAILABLE_CODES.has(code)) return new DomainError(ErrorCode.UNAVAILABLE, 'The database is temporarily unavailable; please try again in a moment');
  const known = driver.constraint ? CONSTRAINTS[driver.constraint] : undefined;
  switch (code) {
    case '23505':
      return new DomainError(ErrorCode.CONFLICT, known ? `${known.field}: ${known.message}` : 'a record with these values already exists', { issues: known ? [known] : [] });
    case '23503':
      if (/update or delete/.test(driver.message ?? '')) return new DomainError(ErrorCode.REFERENCED, 'the record is still referenced by other records; remove or reassign them first');
      return DomainError.validation([known ?? issueAt('input', 'REFERENCE_MISSING')]);
    case '23514':
    case '23502':
    case '22P02':
    case '22001':
    case '22003':
    case '22007':
    case '22008':
      return DomainError.validation([known ?? issueAt(driver.constraint ?? 'input', 'NOT_ACCEPTABLE', { detail: driver.message ?? code })]);
    case '40001':
    case '40P01':
      return new DomainError(ErrorCode.CONFLICT, 'the record was changed by someone else at the same time; reload and try again');
    default:
      return undefined;
  }
}

/** Finds the argument or input field whose value starts at this offset of the query text. */
function fieldAt(body: string, offset: number): string | undefined {
  try {
    let found: string | undefined;
    visit(parse(body), {
      Argument(node) {
        if (node.value.loc?.start === offset) found = node.name.value;
      },
      ObjectField(node) {
        if (node.value.loc?.start === offset) found = node.name.value;
      },
    });
    return found;
  } catch {
    return undefined;
  }
}

/** The field a GraphQL-level input error is about (wrong type, unknown enum value, missing argument). */
function inputFieldOf(error: GraphQLError): string | undefined {
  const fromMessage =
    /argument "([^"]+)" of type/.exec(error.message)?.[1] ??
    /at "[^"]*?\.?([A-Za-z0-9_]+)"/.exec(error.message)?.[1] ??
    /Variable "\$([^"]+)" (?:got|of)/.exec(error.message)?.[1] ??
    /Field "([^"]+)" of required type/.exec(error.message)?.[1];
  if (fromMessage) return fromMessage;
  const node = error.nodes?.[0];
  if (node?.loc) return fieldAt(node.loc.source.body, node.loc.start);
  return undefined;
}

const logger = new Logger('GraphQL');

/** graphql-js's note when it gives up coercing variables (after 50 errors). */
const TOO_MANY_VARIABLE_ERRORS = /^Too many errors processing variables/;

/**
 * The one place where errors become GraphQL errors: coded domain errors keep
 * their code and field issues; database and input errors are translated into
 * coded errors naming the field; anything else is logged and answered with a
 * plain INTERNAL error, never a stack trace.
 */
export function formatGraphQLError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const answer = translateGraphQLError(formatted, error);
  // The request id goes with every error, so that people can report it and operators find the request's log lines.
  const scope = requestScope.getStore();
  if (!scope) return answer;
  scope.errorCodes.push(String(answer.extensions?.code ?? 'INTERNAL'));
  return { ...answer, extensions: { ...answer.extensions, requestId: scope.requestId } };
}

function translateGraphQLError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const gqlError = error instanceof GraphQLError ? error : undefined;
  const original = gqlError?.originalError ?? error;
  const base = { locations: formatted.locations, path: formatted.path };

  const domain = isDomainError(original) ? original : (fromDatabaseError(original) ?? fromLimitError(original));
  if (domain) {
    return { ...base, message: domain.message, extensions: { code: domain.code, issues: domain.issues, ...domain.details } };
  }

  const apolloCode = formatted.extensions?.code as string | undefined;
  if (gqlError && TOO_MANY_VARIABLE_ERRORS.test(formatted.message)) {
    // graphql-js stops coercing variables after 50 errors and adds this one; the others name their fields.
    const message = 'variables: too many invalid values; the first 50 problems are listed, each naming its field — correct them and send again';
    return { ...base, message, extensions: { code: ErrorCode.VALIDATION, graphqlCode: apolloCode ?? 'BAD_USER_INPUT', issues: [{ field: 'variables', message: 'too many invalid values' }] } };
  }
  if (gqlError && (apolloCode === 'GRAPHQL_VALIDATION_FAILED' || apolloCode === 'BAD_USER_INPUT' || (!gqlError.originalError && !gqlError.path))) {
    const field = inputFieldOf(gqlError);
    const message = field && !formatted.message.includes(`"${field}"`) && !formatted.message.startsWith(`${field}:`) ? `${field}: ${formatted.message}` : formatted.message;
    return { ...base, message, extensions: { code: ErrorCode.VALIDATION, graphqlCode: apolloCode ?? 'GRAPHQL_PARSE_FAILED', issues: field ? [{ field, message: formatted.message }] : [] } };
  }
  if (gqlError?.originalError instanceof GraphQLError) {
    // A scalar's parse error (e.g. LocalDate) thrown while coercing a variable.
    return { ...base, message: formatted.message, extensions: { code: ErrorCode.VALIDATION } };
  }

  logger.error(original instanceof Error ? (original.stack ?? original.message) : String(original));
  return { ...base, message: 'Internal server error; the details were logged', extensions: { code: ErrorCode.INTERNAL } };
}

/** HTTP status of a coded error answered by a REST route (reports). */
const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
};

/** The JSON answer to an error outside GraphQL execution (HTTP routes, body parsing, unknown paths): never a stack trace. */
export function httpErrorBody(exception: unknown): { status: number; body: Record<string, unknown> } {
  if (isDomainError(exception)) {
    return {
      status: HTTP_STATUS[exception.code] ?? 400,
      body: { errors: [{ message: exception.message, extensions: { code: exception.code, issues: exception.issues, ...exception.details } }] },
    };
  }
  const cause = (exception instanceof HttpException ? exception.cause : exception) as { type?: string; status?: number } | undefined;
  if (cause?.type === 'entity.too.large') {
    const message = `The request body is larger than the limit of ${BODY_LIMIT}; send less data per request`;
    return { status: 413, body: { errors: [{ message, extensions: { code: ErrorCode.LIMIT_EXCEEDED, limit: 'body', max: BODY_LIMIT } }] } };
  }
  if (cause?.type === 'entity.parse.failed' || (cause instanceof SyntaxError && cause.status === 400)) {
    return { status: 400, body: { errors: [{ message: 'The request body is not valid JSON', extensions: { code: ErrorCode.VALIDATION } }] } };
  }
  if (exception instanceof HttpException && exception.getStatus() < 500) {
    const response = exception.getResponse();
    return { status: exception.getStatus(), body: typeof response === 'object' ? (response as Record<string, unknown>) : { statusCode: exception.getStatus(), message: response } };
  }
  logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
  return { status: 500, body: { statusCode: 500, message: 'Internal server error; the details were logged' } };
}

/**
 * Hands every error raised in a resolver to GraphQL unchanged, so that
 * formatGraphQLError is the one place that logs and translates it (Nest's
 * default handler would log expected domain refusals as server errors).
 * Errors of HTTP routes and middleware (body too large, malformed JSON,
 * unknown path) are answered as JSON by httpErrorBody.
 */
@Catch()
export class GraphQLErrorPassThrough implements GqlExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<GqlContextType>() === 'graphql') return exception;
    const res = host.switchToHttp().getResponse<Response>();
    const { status, body } = httpErrorBody(exception);
    const scope = requestScope.getStore() ?? (res.locals as Locals).scope;
    if (scope) {
      const errors = body.errors as Array<{ extensions?: Record<string, unknown> }> | undefined;
      for (const e of errors ?? []) {
        scope.errorCodes.push(String(e.extensions?.code ?? status));
        e.extensions = { ...e.extensions, requestId: scope.requestId };
      }
      if (!errors) body.requestId = scope.requestId;
    }
    if (res.headersSent) res.end();
    else res.status(status).json(body);
    return undefined;
  }
}
