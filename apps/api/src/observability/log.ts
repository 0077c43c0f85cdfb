import { AsyncLocalStorage } from 'node:async_hooks';
import type { LoggerService } from '@nestjs/common';
import { pino, stdTimeFunctions, type DestinationStream, type Level, type Logger } from 'pino';
import { createRequire } from 'node:module';
import type { LogLevel } from '../config.js';

/** What the code running for one HTTP request may want to know about it (its id, the error codes it answered). */
export interface RequestScope {
  requestId: string;
  /** Codes of the errors answered (GraphQL errors and REST error bodies), for the request's log line and metrics. */
  errorCodes: string[];
  /** The request is a POST (GraphQL): its answer is never revalidated, so it gets no ETag (app.factory.ts). */
  post?: boolean;
}

/** The request being served (set by the request middleware, read by the error formatter and the logger). */
export const requestScope = new AsyncLocalStorage<RequestScope>();

export function currentRequestId(): string | undefined {
  return requestScope.getStore()?.requestId;
}

/** Field names whose values never reach the log, wherever they appear in a logged object. */
const REDACTED = ['password', 'newPassword', 'currentPassword', 'token', 'accessToken', 'refreshToken', 'secret', 'authorization', 'cookie', 'headers.authorization', 'headers.cookie'];

export interface LogOptions {
  level: LogLevel;
  format: 'json' | 'pretty';
  /** Where the lines go (default: standard output). */
  destination?: DestinationStream;
}

/**
 * The process's logger: pino, one JSON object per line (`time` ISO 8601, `level` as a word, `msg`), or
 * readable lines for a terminal. Lines written while serving a request carry its `requestId`.
 */
export function createLogger(options: LogOptions): Logger {
  const settings = {
    level: options.level,
    timestamp: stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    redact: { paths: [...REDACTED, ...REDACTED.map((p) => `*.${p}`)], censor: '[redacted]' },
    mixin: () => {
      const requestId = currentRequestId();
      return requestId ? { requestId } : {};
    },
  };
  if (options.format === 'pretty') {
    // Loaded only when asked for (a terminal): production writes JSON and never needs it.
    const pretty = createRequire(import.meta.url)('pino-pretty') as typeof import('pino-pretty');
    return pino(settings, options.destination ?? pretty({ sync: true, colorize: Boolean(process.stdout.isTTY), translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' }));
  }
  return pino(settings, options.destination ?? pino.destination({ dest: 1, sync: true }));
}

/** Nest's start-up chatter (modules loaded, routes mapped): debug, not info. */
const CHATTY_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication', 'GraphQLModule']);

/** Nest's LoggerService on pino, so that Nest's own lines and those of `new Logger(context)` are JSON too. */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    const rest = [...params];
    // Nest passes (message, context) or, for errors, (message, stack, context).
    const context = rest.length && typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    if (level === 'info' && context && CHATTY_CONTEXTS.has(context)) level = 'debug';
    const fields: Record<string, unknown> = context ? { context } : {};
    let text: string | undefined;
    if (message instanceof Error) {
      fields.err = message;
      text = message.message;
    } else if (message && typeof message === 'object') {
      Object.assign(fields, message);
    } else {
      text = String(message);
    }
    if (level === 'error' && typeof rest[0] === 'string' && rest[0]) fields.stack = rest[0];
    this.logger[level](fields, text);
  }
}
