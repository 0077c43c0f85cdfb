import 'reflect-metadata';
import type { Server } from 'node:http';
import { createApp } from './app.factory.js';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './database/bootstrap.js';
import { AccountService } from './account/account.service.js';
import { passwordHashing } from './account/password-hashing.js';
import { ensureAdminFromEnvironment, ensureDemoAccounts } from './account/bootstrap-accounts.js';
import { createLogger } from './observability/log.js';
import { Observability } from './observability/observability.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger({ level: config.logLevel, format: config.logFormat });
  passwordHashing.configure(config.argon2Concurrency);
  const started = Date.now();
  const db = await openDatabase(config);
  const where = db.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)';
  log.info({ databaseKind: db.kind, migrationsApplied: db.migrations }, `Database: ${where}${db.migrations.length ? `; applied ${db.migrations.join(', ')}` : ''}`);
  if (db.seeded) log.info({ seeded: db.seeded }, `Seeded: ${JSON.stringify(db.seeded)}`);

  const app = await createApp(db.dataSource, db.kind, { adminDist: config.adminDist, log, shutdownHooks: false, metricsToken: config.metricsToken, readyTimeoutMs: config.readyTimeoutMs });
  const accounts = app.get(AccountService);
  const admin = await ensureAdminFromEnvironment(db.dataSource, accounts, process.env);
  if (admin) log.info(`Created the administrator ${admin} (ADMIN_EMAIL)`);
  const demo = config.demoAccounts ? await ensureDemoAccounts(db.dataSource, accounts) : [];
  await app.listen(config.port, config.host);
  handleShutdown(app.getHttpServer() as Server, app, log, config.shutdownTimeoutMs);
  const base = `http://localhost:${config.port}`;
  log.info({ port: config.port, startMs: Date.now() - started }, `EfA Rollout is running (${Date.now() - started} ms):`);
  log.info(`  Console:  ${base}/`);
  log.info(`  GraphQL:  ${base}/graphql`);
  log.info(`  Ready:    ${base}/ready, metrics: ${base}/metrics${config.metricsToken ? ' (METRICS_TOKEN)' : ''}`);
  log.info(`  Health:   ${base}/health`);
  if (config.oidc) log.info(`  Single sign-on: ${config.oidc.issuer} (client ${config.oidc.clientId}, callback ${config.oidc.redirectUri})`);
  if (demo.length) {
    log.info('Demo accounts (demo data only, never for real use):');
    for (const a of demo) log.info(`  ${a.role.padEnd(18)} ${a.email.padEnd(30)} ${a.password}`);
  } else {
    const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM app_user WHERE active`);
    if (n === 0) log.info('No accounts yet: create the first administrator with `npm run user:create -- --email you@example.org --role ADMIN` or ADMIN_EMAIL/ADMIN_PASSWORD.');
  }
}

/**
 * Graceful shutdown on SIGTERM or SIGINT: /ready answers 503 and the port is closed (no new
 * connections; idle keep-alive connections are closed, busy ones after their answer), in-flight
 * requests finish for up to SHUTDOWN_TIMEOUT_MS, then the app stops and the database pool closes.
 * Exit code 0 when every request finished, 1 when some had to be cut off.
 */
function handleShutdown(server: Server, app: Awaited<ReturnType<typeof createApp>>, log: ReturnType<typeof createLogger>, timeoutMs: number): void {
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    app.get(Observability).lifecycle.draining = true;
    log.info({ signal, timeoutMs }, `${signal}: shutting down, finishing in-flight requests`);
    // The last resort if closing the app itself hangs (e.g. a query that never answers).
    setTimeout(() => {
      log.error('shutdown did not finish in time; exiting');
      process.exit(1);
    }, timeoutMs + 5000).unref();
    let timer: NodeJS.Timeout | undefined;
    const drained = await Promise.race([
      new Promise<boolean>((resolve) => server.close(() => resolve(true))),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    if (!drained) {
      log.warn({ timeoutMs }, 'requests still running after SHUTDOWN_TIMEOUT_MS: closing their connections');
      server.closeAllConnections();
    }
    try {
      await app.close();
    } catch (e) {
      log.error({ err: e }, 'error while closing the app');
      process.exit(1);
    }
    log.info(drained ? 'stopped: every request finished, database pool closed' : 'stopped: some requests were cut off, database pool closed');
    process.exit(drained ? 0 : 1);
  };
  process.once('SIGTERM', (s) => void stop(s));
  process.once('SIGINT', (s) => void stop(s));
}

main().catch((e) => {
  if (e instanceof ConfigError) {
    console.error(e.message);
    process.exit(2);
  }
  console.error(e);
  process.exit(1);
});
