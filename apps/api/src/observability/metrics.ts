import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DataSource } from 'typeorm';

/** Seconds: from a fast lookup to a slow report. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** Distinct GraphQL operation labels kept; more (clients choose operation names) are counted as "(other)". */
const MAX_OPERATIONS = 300;

interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options?: { max?: number };
}

/** The node-postgres pool behind a TypeORM DataSource (also for PGlite's in-process adapter). */
function poolOf(dataSource: DataSource | undefined): PgPool | undefined {
  const driver = dataSource?.isInitialized ? (dataSource.driver as unknown as { master?: PgPool }) : undefined;
  return driver?.master && typeof driver.master.totalCount === 'number' ? driver.master : undefined;
}

/**
 * The Prometheus metrics of one API instance (prom-client, a registry of its own): HTTP requests
 * per REST route, GraphQL requests per operation, the database pool, and the process (CPU, memory,
 * event loop lag, garbage collection).
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  private readonly httpDuration: Histogram<'method' | 'route'>;
  private readonly graphqlRequests: Counter<'operation' | 'type' | 'outcome'>;
  private readonly graphqlDuration: Histogram<'operation' | 'type'>;
  private readonly operations = new Set<string>();

  constructor(dataSource?: DataSource) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.httpRequests = new Counter({ name: 'efa_http_requests_total', help: 'HTTP requests answered, by method, route (the route pattern; /graphql for GraphQL) and status', labelNames: ['method', 'route', 'status'], registers });
    this.httpDuration = new Histogram({ name: 'efa_http_request_duration_seconds', help: 'Time from receiving an HTTP request to the end of its answer, by method and route', labelNames: ['method', 'route'], buckets: BUCKETS, registers });
    this.graphqlRequests = new Counter({
      name: 'efa_graphql_requests_total',
      help: 'GraphQL requests, by operation (its name, else its root fields), type (query, mutation) and outcome (ok or the first error code)',
      labelNames: ['operation', 'type', 'outcome'],
      registers,
    });
    this.graphqlDuration = new Histogram({ name: 'efa_graphql_request_duration_seconds', help: 'Time to answer a GraphQL request, by operation and type', labelNames: ['operation', 'type'], buckets: BUCKETS, registers });
    new Gauge({
      name: 'efa_db_pool_connections',
      help: 'Connections of the database pool: open (total), idle, and requests waiting for one (waiting)',
      labelNames: ['state'],
      registers,
      collect() {
        const pool = poolOf(dataSource);
        if (!pool) return;
        this.set({ state: 'total' }, pool.totalCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
      },
    });
    new Gauge({
      name: 'efa_db_pool_max',
      help: 'Most connections the database pool opens',
      registers,
      collect() {
        const max = poolOf(dataSource)?.options?.max;
        if (max !== undefined) this.set(max);
      },
    });
  }

  /** One answered HTTP request (every route, GraphQL included). */
  observeHttp(method: string, route: string, status: number, seconds: number): void {
    this.httpRequests.inc({ method, route, status: String(status) });
    this.httpDuration.observe({ method, route }, seconds);
  }

  /** One answered GraphQL request. */
  observeGraphql(operation: string, type: string, outcome: string, seconds: number): void {
    const label = this.operations.has(operation) || this.operations.size < MAX_OPERATIONS ? operation : '(other)';
    this.operations.add(label);
    this.graphqlRequests.inc({ operation: label, type, outcome });
    this.graphqlDuration.observe({ operation: label, type }, seconds);
  }

  /** The text exposition format Prometheus scrapes. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
