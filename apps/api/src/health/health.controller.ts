import { Controller, Get, Inject, Logger, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { DATABASE_KIND } from '../database/database.module.js';
import type { DatabaseKind } from '../database/data-source.js';

/** GET /health: API and database status, 503 when the database does not answer. */
@Controller('health')
export class HealthController {
  private readonly logger = new Logger('Health');

  constructor(
    private readonly dataSource: DataSource,
    @Inject(DATABASE_KIND) private readonly kind: DatabaseKind,
  ) {}

  @Get()
  async health(@Res() res: Response): Promise<void> {
    const started = Date.now();
    let database: 'ok' | 'unavailable' = 'ok';
    try {
      await Promise.race([
        this.dataSource.query('SELECT 1'),
        new Promise((_, reject) => setTimeout(() => reject(new Error('no answer within 3 s')), 3000).unref()),
      ]);
    } catch (e) {
      database = 'unavailable';
      // The cause goes to the log, not to this public endpoint.
      this.logger.warn(`database unavailable: ${e instanceof Error ? e.message : String(e)}`);
    }
    res.status(database === 'ok' ? 200 : 503).json({
      status: database === 'ok' ? 'ok' : 'degraded',
      api: 'ok',
      database,
      databaseKind: this.kind,
      latencyMs: Date.now() - started,
    });
  }
}
