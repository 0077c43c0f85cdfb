import type { Metrics } from './metrics.js';
import type { Lifecycle } from './request-log.js';

/** What the health, readiness and metrics routes of one API instance need (provided by createApp). */
export class Observability {
  constructor(
    readonly metrics: Metrics,
    readonly lifecycle: Lifecycle,
    /** Bearer token GET /metrics requires; undefined = open. */
    readonly metricsToken: string | undefined,
    /** How long GET /ready waits for the database. */
    readonly readyTimeoutMs: number,
  ) {}
}
