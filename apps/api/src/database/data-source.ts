import fs from 'node:fs';
import pg from 'pg';
import { DataSource, type DataSourceOptions, type Logger } from 'typeorm';
import type { PoolConfig } from '../config.js';
import { MIGRATIONS } from '../../../../migrations/index.js';
import { ENTITIES } from './entities.js';
import { SnakeNamingStrategy } from './naming.strategy.js';

// DATE columns stay 'YYYY-MM-DD' strings (no time-zone shift through JS Date).
pg.types.setTypeParser(1082, (v: string) => v);

export type DatabaseKind = 'postgres' | 'pglite';

/** Counts SQL statements; tests use it to prove that lists do not issue one query per row. */
export class QueryCounter implements Logger {
  count = 0;
  readonly statements: string[] = [];
  constructor(private readonly echo = false) {}
  logQuery(query: string): void {
    this.count++;
    if (this.statements.length < 1000) this.statements.push(query);
    if (this.echo) console.log(`[sql] ${query}`);
  }
  reset(): void {
    this.count = 0;
    this.statements.length = 0;
  }
  logQueryError(error: string | Error, query: string): void {
    if (this.echo) console.error(`[sql error] ${String(error)} in ${query}`);
  }
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(message: string): void {
    if (this.echo) console.log(`[migration] ${message}`);
  }
  log(): void {}
}

export interface DatabaseTarget {
  /** PostgreSQL connection string; undefined means embedded PGlite. */
  url?: string;
  /** PGlite data folder ('memory://' for an in-memory database). */
  dataDir?: string;
  echo?: boolean;
  /** Pool settings for PostgreSQL (defaults: 10 connections, 5 s connect timeout, no statement timeout). */
  pool?: Partial<PoolConfig>;
}

/** node-postgres pool options of the pool settings. */
export function pgPoolOptions(pool: Partial<PoolConfig> = {}): Record<string, unknown> {
  return {
    max: pool.max ?? 10,
    connectionTimeoutMillis: pool.connectTimeoutMs ?? 5000,
    ...(pool.idleTimeoutMs ? { idleTimeoutMillis: pool.idleTimeoutMs } : {}),
    ...(pool.keepAliveMs ? { keepAlive: true, keepAliveInitialDelayMillis: pool.keepAliveMs } : {}),
    // Session settings sent when a connection opens (0 = PostgreSQL's default, no limit).
    ...(pool.statementTimeoutMs ? { statement_timeout: pool.statementTimeoutMs } : {}),
    ...(pool.idleInTransactionTimeoutMs ? { idle_in_transaction_session_timeout: pool.idleInTransactionTimeoutMs } : {}),
  };
}

/** The PGlite instance of this process (one folder, one process). */
async function openPglite(dataDir: string) {
  const [{ PGlite }, { uuid_ossp }, { pg_trgm }, { createPgConfig }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite/contrib/uuid_ossp'),
    import('@electric-sql/pglite/contrib/pg_trgm'),
    import('@electric-sql/pglite/node-postgres'),
  ]);
  if (!dataDir.startsWith('memory://')) fs.mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create(dataDir, { extensions: { uuid_ossp, pg_trgm } });
  return { pglite, pgConfig: createPgConfig(pglite) };
}

export async function createDataSource(target: DatabaseTarget): Promise<{ dataSource: DataSource; kind: DatabaseKind; counter: QueryCounter }> {
  const counter = new QueryCounter(target.echo);
  const common = {
    type: 'postgres',
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    logger: counter,
    logging: true,
  } as const;

  if (target.url) {
    const options: DataSourceOptions = { ...common, url: target.url, extra: pgPoolOptions(target.pool) };
    return { dataSource: new DataSource(options), kind: 'postgres', counter };
  }

  const { pglite, pgConfig } = await openPglite(target.dataDir ?? 'memory://');
  // The in-process adapter: node-postgres talks to PGlite directly, one connection (PGlite is single-session).
  const options: DataSourceOptions = {
    ...common,
    driver: pg,
    extra: { ...pgConfig, max: 1 },
    // installed by PGlite's extension loader above
    installExtensions: false,
  };
  const dataSource = new DataSource(options);
  const destroy = dataSource.destroy.bind(dataSource);
  dataSource.destroy = async () => {
    await destroy();
    await pglite.close();
  };
  return { dataSource, kind: 'pglite', counter };
}
