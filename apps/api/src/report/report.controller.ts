import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { Principal } from '@efa/domain';
import type { Request, Response } from 'express';
import { AccountService } from '../account/account.service.js';
import { restCaller } from '../common/rest-access.js';
import { MonthlyReportService } from './monthly-report.service.js';
import { renderReportHtml } from './report-html.js';
import { parseReportParams } from './report-params.js';
import { renderReportXlsx } from './report-xlsx.js';

/** The report routes answer to whoever may read the dashboard (the GraphQL rule of `dashboard`). */
export const REPORT_ACCESS_OPERATION = 'dashboard';

/**
 * The monthly steering report (REST, so browsers download it):
 * GET /reports/monthly.xlsx and GET /reports/monthly.html with ?serviceId=&asOf=&since=,
 * signed in by the session cookie or a bearer token. Errors are JSON (401, 403, 400 naming the
 * parameter, 404 for an unknown service) through the global exception filter.
 */
@Controller('reports')
export class ReportController {
  constructor(
    private readonly accounts: AccountService,
    private readonly reports: MonthlyReportService,
  ) {}

  private viewer(req: Request): Promise<Principal> {
    return restCaller(this.accounts, req, REPORT_ACCESS_OPERATION, 'monthlyReport', 'read reports');
  }

  private async build(req: Request, query: Record<string, unknown>) {
    const viewer = await this.viewer(req);
    return this.reports.build(parseReportParams(query), viewer);
  }

  @Get('monthly.xlsx')
  async xlsx(@Req() req: Request, @Res() res: Response, @Query() query: Record<string, unknown>): Promise<void> {
    const report = await this.build(req, query);
    const file = `monatsbericht-${report.asOfDate}.xlsx`;
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename="${file}"`);
    res.send(await renderReportXlsx(report));
  }

  @Get('monthly.html')
  async html(@Req() req: Request, @Res() res: Response, @Query() query: Record<string, unknown>): Promise<void> {
    const report = await this.build(req, query);
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(renderReportHtml(report));
  }
}
