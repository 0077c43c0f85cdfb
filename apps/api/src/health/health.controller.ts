import { Controller, Get, Inject, Logger, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { DATABASE_KIND } from '../database/database.module.js';
import type { DatabaseKind } from '../database/data-source.js';
import { Observability } from '../observability/observability.js';

type DatabaseState = 'ok' | 'unavailable';

/**
 * GET /health: liveness. The process is up and answers; it does not touch the database, so a
 * database outage never makes an orchestrator restart healthy API processes. `database` is the
 * result of the last readiness check (`ok` after the start, which needs the database).
 *
 * GET /ready: readiness. 200 when the database answers within READY_TIMEOUT_MS and every migration
 * this version knows is applied; 503 with a JSON `reason` otherwise, and while shutting down.
 */
@Controller()
export class HealthController {
  private readonly logger = new Logger('Health');
  private lastDatabase: { state: DatabaseState; at: Date } = { state: 'ok', at: new Date() };

  constructor(
    private readonly dataSource: DataSource,
    @Inject(DATABASE_KIND) private readonly kind: DatabaseKind,
    private readonly observability: Observability,
  ) {}

  @Get('health')
  health(@Res() res: Response): void {
    res.status(200).json({
      status: 'ok',
      api: 'ok',
      database: this.lastDatabase.state,
      databaseCheckedAt: this.lastDatabase.at.toISOString(),
      databaseKind: this.kind,
      uptimeSeconds: Math.round(process.uptime()),
    });
  }

  @Get('ready')
  async ready(@Res() res: Response): Promise<void> {
    const started = Date.now();
    const base = { databaseKind: this.kind };
    if (this.observability.lifecycle.draining) {
      res.status(503).json({ status: 'unavailable', reason: 'shutting down', ...base });
      return;
    }
    const timeoutMs = this.observability.readyTimeoutMs;
    let applied: string[];
    try {
      let timer: NodeJS.Timeout | undefined;
      const rows = await Promise.race([
        this.dataSource.query(`SELECT name FROM migrations ORDER BY id`) as Promise<Array<{ name: string }>>,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
        }),
      ]).finally(() => clearTimeout(timer));
      applied = rows.map((r) => r.name);
    } catch (e) {
      this.lastDatabase = { state: 'unavailable', at: new Date() };
      // The cause goes to the log, not to this public endpoint.
      this.logger.warn(`not ready, database unreachable: ${e instanceof Error ? e.message : String(e)}`);
      res.status(503).json({ status: 'unavailable', reason: 'database unreachable', database: 'unavailable', ...base, latencyMs: Date.now() - started });
      return;
    }
    this.lastDatabase = { state: 'ok', at: new Date() };
    const known = this.dataSource.migrations.map((m) => m.name || m.constructor.name);
    const done = new Set(applied);
    const pending = known.filter((name) => !done.has(name));
    // Migrations this version does not know: a newer version migrated the database (rolling upgrade); it stays ready.
    const unknown = applied.filter((name) => !known.includes(name));
    const migrations = { applied: applied.length, latest: applied[applied.length - 1] ?? null, pending, ...(unknown.length ? { newerThanThisVersion: unknown } : {}) };
    if (pending.length) {
      res.status(503).json({ status: 'unavailable', reason: `migrations pending: ${pending.join(', ')}`, database: 'ok', ...base, migrations, latencyMs: Date.now() - started });
      return;
    }
    res.status(200).json({ status: 'ready', database: 'ok', ...base, migrations, latencyMs: Date.now() - started });
  }
}
