import { timingSafeEqual } from 'node:crypto';
import { Controller, Get, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Observability } from './observability.js';

/** GET /metrics: Prometheus text format; with METRICS_TOKEN set only for `Authorization: Bearer <METRICS_TOKEN>`. */
@Controller('metrics')
export class MetricsController {
  constructor(private readonly observability: Observability) {}

  @Get()
  async metrics(@Req() req: Request, @Res() res: Response): Promise<void> {
    const token = this.observability.metricsToken;
    if (token && !sameSecret(req.headers.authorization ?? '', `Bearer ${token}`)) {
      res.status(401).setHeader('WWW-Authenticate', 'Bearer realm="metrics"').json({ error: 'METRICS_TOKEN required: send Authorization: Bearer <METRICS_TOKEN>' });
      return;
    }
    const { contentType, body } = await this.observability.metrics.render();
    res.status(200).setHeader('Content-Type', contentType).setHeader('Cache-Control', 'no-store').send(body);
  }
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
