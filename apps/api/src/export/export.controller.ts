import { Controller, Get, Req, Res } from '@nestjs/common';
import { mayUseRoute } from '@efa/domain';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { AccountService } from '../account/account.service.js';
import { AuditService } from '../audit/audit.service.js';
import { restCaller } from '../common/rest-access.js';
import { zipSink } from './export-zip.js';
import { FullExportService } from './full-export.service.js';

export const FULL_EXPORT_ROUTE = 'GET /export/full';

/**
 * GET /export/full: the full export as a zip download for administrators (ROUTE_ACCESS), signed in
 * by the session cookie or a bearer token; the download is recorded in the audit log. Streamed: the
 * tables are read in batches straight into the zip. An error after the download began breaks the
 * connection, so a client never keeps an archive without its manifest.
 */
@Controller('export')
export class ExportController {
  constructor(
    private readonly accounts: AccountService,
    private readonly exports: FullExportService,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
  ) {}

  @Get('full')
  async full(@Req() req: Request, @Res() res: Response): Promise<void> {
    const actor = await restCaller(this.accounts, req, (principal) => mayUseRoute(principal, FULL_EXPORT_ROUTE), 'fullExport', 'export all data');
    await this.audit.recordSecurity(this.dataSource.manager, { actor: actor.id, action: 'FULL_EXPORT', comment: FULL_EXPORT_ROUTE });
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Type', 'application/zip');
    res.setHeader('Content-Disposition', `attachment; filename="efa-export-${new Date().toISOString().slice(0, 10)}.zip"`);
    const sink = zipSink(res);
    // A client that breaks off the download must not leave the export's transaction waiting.
    res.on('close', () => {
      if (!res.writableFinished) sink.cancel();
    });
    try {
      await this.exports.exportTo(sink);
      await sink.finish();
    } catch (e) {
      sink.abort();
      res.destroy(e as Error);
    }
  }
}
