import { createHash } from 'node:crypto';
import { applyDecorators, HttpException, Injectable, UseGuards, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { PublicRateLimiter } from './rate-limit.js';

/**
 * The shared HTTP behaviour of public (no sign-in) answers:
 * - publicGate: Express middleware on /public (app.factory): GET/HEAD/OPTIONS only (405 with
 *   Allow otherwise), the per-address rate limit (429 with Retry-After), CORS
 *   (Access-Control-Allow-Origin: *) and Cross-Origin-Resource-Policy: cross-origin, so other
 *   sites can embed the answers and the web component.
 * - PublicEndpoint(): the same rate limit and CORS for a controller or route outside /public.
 * - sendPublic(): ETag, Cache-Control and 304 on If-None-Match for one answer.
 */

const COUNTED = Symbol('publicRateCounted');
type Counted = Request & { [COUNTED]?: true };

export type PublicLang = 'de' | 'en';

/** The language of a public answer: ?lang=, else the Accept-Language header, else German. */
export function langOf(req: Request, fallback?: string): PublicLang {
  const asked = typeof req.query.lang === 'string' ? req.query.lang : fallback;
  if (asked === 'en' || asked === 'de') return asked;
  const accepted = req.acceptsLanguages('de', 'en');
  return accepted === 'en' ? 'en' : 'de';
}

const REFUSED = {
  de: (s: number) => `Zu viele Anfragen von Ihrer Adresse. Bitte versuchen Sie es in ${s} Sekunden erneut.`,
  en: (s: number) => `Too many requests from your address. Please try again in ${s} seconds.`,
};

function corsHeaders(res: Response): void {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Expose-Headers', 'ETag, Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset');
  res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
}

/** Counts the request; false (and a 429 answer sent) when the address is over its limit. */
function admit(limiter: PublicRateLimiter, req: Counted, res: Response): boolean {
  if (req[COUNTED]) return true;
  req[COUNTED] = true;
  const d = limiter.hit(req.ip ?? req.socket.remoteAddress ?? 'unknown');
  if (d.limit) {
    res.setHeader('RateLimit-Limit', String(d.limit));
    res.setHeader('RateLimit-Remaining', String(d.remaining));
    res.setHeader('RateLimit-Reset', String(d.resetSeconds));
  }
  if (d.allowed) return true;
  const lang = langOf(req);
  res.setHeader('Retry-After', String(d.resetSeconds));
  res.setHeader('Cache-Control', 'no-store');
  res.status(429).json({ error: { code: 'RATE_LIMITED', field: null, message: REFUSED[lang](d.resetSeconds) } });
  return false;
}

export function publicGate(limiter: PublicRateLimiter) {
  return (req: Request, res: Response, next: NextFunction): void => {
    corsHeaders(res);
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD, OPTIONS');
      res.setHeader('Access-Control-Allow-Headers', 'If-None-Match, Accept-Language');
      res.setHeader('Access-Control-Max-Age', '86400');
      res.setHeader('Allow', 'GET, HEAD, OPTIONS');
      res.status(204).end();
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD, OPTIONS');
      res.status(405).json({ error: { code: 'METHOD_NOT_ALLOWED', field: null, message: `The public endpoints are read-only: ${req.method} is not allowed (GET, HEAD, OPTIONS)` } });
      return;
    }
    if (admit(limiter, req, res)) next();
  };
}

/** The public rate limit and CORS for a route outside /public (inside /public the gate has done both). */
@Injectable()
export class PublicRateLimitGuard implements CanActivate {
  constructor(private readonly limiter: PublicRateLimiter) {}

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const req = http.getRequest<Counted>();
    const res = http.getResponse<Response>();
    corsHeaders(res);
    if (admit(this.limiter, req, res)) return true;
    // admit has answered 429; the exception only stops the handler (its own answer is not sent twice).
    throw new HttpException('rate limited', 429);
  }
}

/** Decorator: the public rate limit and CORS on a controller or route. */
export const PublicEndpoint = () => applyDecorators(UseGuards(PublicRateLimitGuard));

export interface PublicAnswer {
  status?: number;
  /** e.g. 'application/json; charset=utf-8'. */
  type: string;
  body: string | Buffer;
  /** Cache-Control max-age in seconds (default 60); `immutable` for versioned URLs. */
  maxAge: number;
  immutable?: boolean;
  /** Vary on Accept-Language when the language came from the header. */
  varyLanguage?: boolean;
}

/** Sends a public answer with ETag and Cache-Control; 304 when If-None-Match names its ETag. */
export function sendPublic(req: Request, res: Response, a: PublicAnswer): void {
  const etag = `"${createHash('sha1').update(a.body).digest('base64url').slice(0, 27)}"`;
  res.setHeader('ETag', etag);
  res.setHeader('Cache-Control', a.immutable ? `public, max-age=${a.maxAge}, immutable` : `public, max-age=${a.maxAge}`);
  if (a.varyLanguage) res.setHeader('Vary', 'Accept-Language');
  const status = a.status ?? 200;
  const inm = req.headers['if-none-match'];
  if (status === 200 && inm && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) {
    res.status(304).end();
    return;
  }
  res.status(status).setHeader('Content-Type', a.type);
  res.setHeader('Content-Length', String(Buffer.byteLength(a.body)));
  if (req.method === 'HEAD') res.end();
  else res.end(a.body);
}
