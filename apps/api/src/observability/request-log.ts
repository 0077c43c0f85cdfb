import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { Kind } from 'graphql';
import type { Logger } from 'pino';
import type { RequestContext } from '../common/loaders.js';
import { requestScope, type RequestScope } from './log.js';
import type { Metrics } from './metrics.js';

/** Whether the instance is shutting down (GET /ready answers 503, answers close their connection). */
export class Lifecycle {
  draining = false;
}

/** What the GraphQL plugin learns about a request's operation (res.locals.graphql). */
export interface GraphqlOperationInfo {
  name: string | null;
  type: string;
  /** Root fields selected (the operation's label when it has no name). */
  fields: string[];
}

/** A request id the client sent (X-Request-Id) is kept when it is short and plain; otherwise a new one is made. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Probes and scrapes: logged at debug level so that they do not drown the requests of people. */
const QUIET_PATHS = new Set(['/health', '/ready', '/metrics']);

export interface Locals {
  scope?: RequestScope;
  graphql?: GraphqlOperationInfo;
  userId?: string;
}

/** Records the signed-in user of the request for its log line (the user's id, not the e-mail address). */
export function noteUser(res: Response | undefined, userId: string | undefined): void {
  if (res && userId) (res.locals as Locals).userId = userId;
}

/**
 * First middleware of every request: its id (X-Request-Id, echoed in the answer), then, when the
 * answer is done, one log line (method, path without query, GraphQL operation, status, duration,
 * user id, error codes; never bodies, headers or query strings) and the metrics.
 */
export function requestLogging(log: Logger, metrics: Metrics, lifecycle: Lifecycle): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    const given = req.get('x-request-id');
    const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
    const scope: RequestScope = { requestId, errorCodes: [], ...(req.method === 'POST' ? { post: true } : {}) };
    const locals = res.locals as Locals;
    locals.scope = scope;
    res.setHeader('X-Request-Id', requestId);
    if (lifecycle.draining) res.setHeader('Connection', 'close');

    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const path = req.originalUrl.split('?')[0];
      const aborted = !res.writableFinished;
      const status = aborted ? 499 : res.statusCode;
      const gql = locals.graphql;
      const codes = [...new Set(scope.errorCodes)];
      const route = path === '/graphql' ? '/graphql' : ((req.route as { path?: string } | undefined)?.path ? `${req.baseUrl}${(req.route as { path: string }).path}` : status === 404 ? '(unmatched)' : '(static)');
      metrics.observeHttp(req.method, route, status, seconds);
      const operation = gql ? (gql.name ?? (gql.fields.join(',').slice(0, 100) || '(anonymous)')) : undefined;
      if (path === '/graphql' && req.method !== 'GET') metrics.observeGraphql(operation ?? '(invalid)', gql?.type ?? 'unknown', codes[0] ?? (status >= 500 ? 'INTERNAL' : 'ok'), seconds);
      const line = {
        requestId,
        method: req.method,
        path,
        ...(gql ? { operation, operationType: gql.type } : path === '/graphql' ? { operation: bodyOperationName(req) } : {}),
        status,
        durationMs: Math.round(seconds * 10_000) / 10,
        ...(locals.userId ? { userId: locals.userId } : {}),
        ...(codes.length ? { errors: codes } : {}),
        ...(aborted ? { aborted: true } : {}),
      };
      const level = status >= 500 || codes.includes('INTERNAL') ? 'error' : codes.includes('UNAVAILABLE') ? 'warn' : QUIET_PATHS.has(path) ? 'debug' : 'info';
      log[level](line, 'request');
    };
    res.once('finish', finish);
    res.once('close', finish);
    requestScope.run(scope, next);
  };
}

/** Enters the request's scope again after the body parsers (their stream callbacks run outside it). */
export function reenterRequestScope(): RequestHandler {
  return (_req: Request, res: Response, next: NextFunction) => {
    const scope = (res.locals as Locals).scope;
    if (scope) requestScope.run(scope, next);
    else next();
  };
}

/** The operation name the client sent, for the log line of a request that never got to run (unparsable, invalid). */
function bodyOperationName(req: Request): string | undefined {
  const name = (req.body as { operationName?: unknown } | undefined)?.operationName;
  return typeof name === 'string' && /^[_A-Za-z][_0-9A-Za-z]{0,99}$/.test(name) ? name : undefined;
}

/** Apollo plugin: hands the resolved operation (name, type, root fields) to the request's log line and metrics. */
export function operationObserver(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operationName, operation }) {
          if (!operation) return;
          const fields = operation.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : []));
          (contextValue.res.locals as Locals).graphql = { name: operationName ?? null, type: operation.operation, fields };
        },
      };
    },
  };
}
