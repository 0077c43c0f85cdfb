import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { DataSource, type DataSourceOptions, type Logger } from 'typeorm';
import type { PoolConfig } from '../config.js';
import { MIGRATIONS } from '../../../../migrations/index.js';
import { ENTITIES } from './entities.js';
import { SnakeNamingStrategy } from './naming.strategy.js';
import { requestScope } from '../observability/log.js';

// DATE columns stay 'YYYY-MM-DD' strings (no time-zone shift through JS Date).
pg.types.setTypeParser(1082, (v: string) => v);

export type DatabaseKind = 'postgres' | 'pglite';

/** Counts SQL statements; tests use it to prove that lists do not issue one query per row. */
export class QueryCounter implements Logger {
  /**
   * Statements sent while serving an HTTP request (inside its request scope). Background work — the
   * public status copy's change check, the rate-limit merge, schedules — runs outside any request and
   * is not counted, so a test can count what one request costs without racing a timer.
   */
  count = 0;
  readonly statements: string[] = [];
  constructor(private readonly echo = false) {}
  logQuery(query: string): void {
    if (this.echo) console.log(`[sql] ${query}`);
    if (!requestScope.getStore()) return;
    this.count++;
    if (this.statements.length < 1000) this.statements.push(query);
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
    // JIT off unless asked for (DB_JIT): a startup option, like the timeouts above.
    ...((pool.jit ?? 'off') !== 'server' ? { options: `-c jit=${pool.jit ?? 'off'}` } : {}),
  };
}

/**
 * The lock file of a PGlite folder (`<folder>.lock`, beside it, with the process id): PGlite itself
 * does not notice a second process opening its folder, which would corrupt it. A lock whose process
 * is gone (killed, crashed) is stale and taken over.
 */
export function lockPgliteFolder(dataDir: string): () => void {
  const file = `${path.resolve(dataDir)}.lock`;
  for (let attempt = 0; ; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => fs.rmSync(file, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw e;
      const pid = Number(fs.readFileSync(file, 'utf8').trim());
      let alive = false;
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid) {
        try {
          process.kill(pid, 0);
          alive = true;
        } catch (err) {
          alive = (err as NodeJS.ErrnoException).code === 'EPERM';
        }
      }
      if (alive) throw new Error(`the embedded database ${dataDir} is open in process ${pid} (${file}); stop that process first: one PGlite folder, one process`);
      fs.rmSync(file, { force: true });
    }
  }
}

/** The PGlite instance of this process (one folder, one process); `loadDataDir` fills a new folder from a backup (dumpDataDir). */
async function openPglite(dataDir: string, loadDataDir?: Blob) {
  const [{ PGlite }, { uuid_ossp }, { pg_trgm }, { createPgConfig }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite/contrib/uuid_ossp'),
    import('@electric-sql/pglite/contrib/pg_trgm'),
    import('@electric-sql/pglite/node-postgres'),
  ]);
  const inMemory = dataDir.startsWith('memory://');
  if (!inMemory) fs.mkdirSync(dataDir, { recursive: true });
  const unlock = inMemory ? () => undefined : lockPgliteFolder(dataDir);
  try {
    const pglite = await PGlite.create(dataDir, { extensions: { uuid_ossp, pg_trgm }, ...(loadDataDir ? { loadDataDir } : {}) });
    const close = pglite.close.bind(pglite);
    pglite.close = async () => {
      try {
        await close();
      } finally {
        unlock();
      }
    };
    return { pglite, pgConfig: createPgConfig(pglite) };
  } catch (e) {
    unlock();
    throw e;
  }
}

/**
 * Backup of the embedded database: PGlite's dumpDataDir (a gzip'd tarball of the folder, taken by
 * the database itself, so consistent) into `file`. The folder must not be open elsewhere (the API
 * stopped; the lock file says so). Answers the size in bytes.
 */
export async function backupPglite(dataDir: string, file: string): Promise<number> {
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) throw new Error(`${dataDir} is no embedded database folder (no PG_VERSION)`);
  if (fs.existsSync(file)) throw new Error(`${file} exists already; choose a new file`);
  const { pglite } = await openPglite(dataDir);
  try {
    await pglite.query('CHECKPOINT');
    const dump = await pglite.dumpDataDir('gzip');
    const bytes = Buffer.from(await dump.arrayBuffer());
    fs.writeFileSync(file, bytes, { flag: 'wx' });
    return bytes.length;
  } finally {
    await pglite.close();
  }
}

/** Restore of a backupPglite file into a new or empty folder; answers the number of applied migrations found (a check that it opens). */
export async function restorePglite(file: string, dataDir: string): Promise<number> {
  if (fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0) throw new Error(`${dataDir} is not empty; restore into a new or empty folder`);
  const blob = new Blob([fs.readFileSync(file)], { type: 'application/x-gzip' });
  const { pglite } = await openPglite(dataDir, blob);
  try {
    const { rows } = await pglite.query<{ n: number }>('SELECT count(*)::int AS n FROM migrations');
    return rows[0].n;
  } finally {
    await pglite.close();
  }
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
