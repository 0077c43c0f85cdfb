import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { pino, type Logger } from 'pino';
import serveStatic from 'serve-static';
import type { DataSource } from 'typeorm';
import { AppModule } from './app.module.js';
import { consoleAssets } from './common/console-assets.js';
import { BODY_LIMIT, securityHeaders } from './common/hardening.js';
import type { DatabaseKind } from './database/data-source.js';
import { NestPinoLogger, requestScope } from './observability/log.js';
import { Metrics } from './observability/metrics.js';
import { Observability } from './observability/observability.js';
import { Lifecycle, reenterRequestScope, requestLogging } from './observability/request-log.js';
import type { NotificationConfig } from './notification/notification.config.js';
import type { PublicConfig } from './public/public.config.js';
import { publicGate } from './public/public-http.js';
import { PublicRateLimiter } from './public/rate-limit.js';

export interface CreateAppOptions {
  /** Folder of the built console, served at / with a fallback to index.html for client-side routes. */
  adminDist?: string;
  logger?: false | Array<'log' | 'error' | 'warn' | 'debug' | 'verbose' | 'fatal'>;
  closeOnShutdown?: boolean;
  /** Nest's own SIGTERM/SIGINT handling (main has its own graceful shutdown and turns it off). */
  shutdownHooks?: boolean;
  /** The process logger: Nest's lines and one line per request go to it. Unset: Nest's console logger with `logger`'s levels, no request lines. */
  log?: Logger;
  metricsToken?: string;
  readyTimeoutMs?: number;
  /** Overrides of the notification settings read from the environment (tests: their own SMTP server, worker on or off). */
  notifications?: Partial<NotificationConfig>;
  /** Overrides of the public status settings read from the environment (tests: rate limit, check interval). */
  public?: Partial<PublicConfig>;
}

/** Builds the Nest application around an initialised DataSource (used by main, the CLI and tests). */
export async function createApp(dataSource: DataSource, kind: DatabaseKind, options: CreateAppOptions = {}): Promise<NestExpressApplication> {
  const observability = new Observability(new Metrics(dataSource), new Lifecycle(), options.metricsToken, options.readyTimeoutMs ?? 2000);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forDataSource(dataSource, kind, { closeOnShutdown: options.closeOnShutdown, observability, notifications: options.notifications, public: options.public }), {
    logger: options.log ? new NestPinoLogger(options.log) : (options.logger ?? ['error', 'warn', 'log']),
    bodyParser: true,
  });
  if (options.shutdownHooks ?? true) app.enableShutdownHooks();
  // Express's weak ETag (a SHA-1 of the body) on answers to GET and HEAD only, where If-None-Match can
  // use it (the public status, reports): an answer to a POST (every GraphQL request) is never
  // revalidated, and hashing each one cost ~2% of the API's CPU on the console's list pages.
  const express = app.getHttpAdapter().getInstance();
  const weakEtag = express.get('etag fn') as ((body: unknown, encoding?: string) => string | undefined) | undefined;
  if (weakEtag) express.set('etag fn', (body: unknown, encoding?: string) => (requestScope.getStore()?.post ? undefined : weakEtag(body, encoding)));
  // First of all: the request id, and the request's log line and metrics when its answer is done.
  app.use(requestLogging(options.log ?? pino({ level: 'silent' }), observability.metrics, observability.lifecycle));
  // Security headers (CSP, frame denial, no sniffing, no X-Powered-By) on every response. CORS stays
  // closed (no enableCors): the console is served from the same origin.
  // Behind a reverse proxy, TRUST_PROXY (Express's "trust proxy", e.g. 1 or loopback) makes the client's address the one sign-in limits count.
  if (process.env.TRUST_PROXY) app.set('trust proxy', /^\d+$/.test(process.env.TRUST_PROXY) ? Number(process.env.TRUST_PROXY) : process.env.TRUST_PROXY);
  app.use(securityHeaders());
  // The public status (no sign-in): read-only methods, per-address rate limit, CORS (public/public-http.ts).
  app.use('/public', publicGate(app.get(PublicRateLimiter)));
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.use(reenterRequestScope());

  const dist = options.adminDist;
  if (dist && fs.existsSync(path.join(dist, 'index.html'))) {
    // hashed assets: a year, immutable, precompressed (common/console-assets.ts); the rest (index.html) is revalidated.
    // Both looked up (a file-system stat) only for paths that can be the console's: not for the public
    // status, whose traffic would otherwise pay a stat per request (bench/public.mjs).
    app.use(consoleAssets(dist));
    const assets = serveStatic(dist, { index: false, maxAge: '1h', immutable: false });
    app.use((req: Request, res: Response, next: NextFunction) => (req.path === '/public' || req.path.startsWith('/public/') ? next() : assets(req, res, next)));
    const index = path.join(dist, 'index.html');
    app.use((req: Request, res: Response, next: NextFunction) => {
      if (req.method !== 'GET' || req.path.startsWith('/graphql') || req.path.startsWith('/health') || req.path === '/ready' || req.path === '/metrics' || req.path.startsWith('/auth/') || req.path.startsWith('/reports/') || req.path.startsWith('/calendar/') || req.path === '/public' || req.path.startsWith('/public/') || !req.accepts('html')) return next();
      res.sendFile(index);
    });
  }
  await app.init();
  return app;
}
