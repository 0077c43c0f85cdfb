import { HeaderMap } from '@apollo/server';
import { ErrorCode } from '@efa/domain';
import type { Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import type { AccountService } from '../account/account.service.js';
import { SESSION_COOKIE } from '../account/session-tokens.js';
import type { Actor } from './actor.js';
import { fromDatabaseError } from './graphql-errors.js';
import { noteUser } from '../observability/request-log.js';
import { Loaders, type RequestContext } from './loaders.js';

/** The session token of a request: the httpOnly cookie of the console, or a bearer token of an API client. */
export function sessionTokenOf(req: Request): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim();
  return cookieOf(req, SESSION_COOKIE);
}

/** The value of a cookie of the request. */
export function cookieOf(req: Request, cookie: string): string | undefined {
  const cookies = req.headers.cookie?.split(';') ?? [];
  for (const c of cookies) {
    const [name, ...rest] = c.trim().split('=');
    if (name === cookie) {
      try {
        return decodeURIComponent(rest.join('='));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** The address a request came from (the proxy's X-Forwarded-For when TRUST_PROXY is set). */
export function addressOf(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? 'unknown';
}

/** Builds the GraphQL context: per-request DataLoaders and the signed-in user (if the token is valid). */
export async function buildRequestContext(req: Request, res: Response, dataSource: DataSource, accounts: AccountService): Promise<RequestContext> {
  let session: Awaited<ReturnType<AccountService['resolve']>>;
  try {
    session = await accounts.resolve(sessionTokenOf(req));
  } catch (e) {
    // The database is away (the session check is the first query): 503 with UNAVAILABLE and a hint
    // when to retry, rather than Apollo's 500 for a failed context.
    const domain = fromDatabaseError(e);
    if (domain?.code !== ErrorCode.UNAVAILABLE) throw e;
    throw new GraphQLError(domain.message, { originalError: domain, extensions: { http: { status: 503, headers: new HeaderMap([['retry-after', '5']]) } } });
  }
  const principal: Actor | null = session?.actor ?? null;
  noteUser(res, principal?.userId);
  return {
    req,
    res,
    loaders: new Loaders(dataSource),
    principal,
    sessionId: session?.sessionId,
    // Only public operations (signIn) run without a principal, and they do not use the actor (AccessGuard).
    actor: principal as Actor,
  };
}
