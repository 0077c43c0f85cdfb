import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { DomainError, ErrorCode, mayCall, type Principal } from '@efa/domain';
import type { Request, Response } from 'express';
import { AccountService } from '../account/account.service.js';
import { sessionTokenOf } from '../common/request-context.js';
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

  private async viewer(req: Request): Promise<Principal> {
    const session = await this.accounts.resolve(sessionTokenOf(req));
    const principal = session?.actor ?? null;
    const decision = mayCall(principal, REPORT_ACCESS_OPERATION);
    if (decision === 'UNAUTHENTICATED') throw new DomainError(ErrorCode.UNAUTHENTICATED, 'Please sign in');
    if (decision === 'FORBIDDEN') {
      await this.accounts.refused(principal!, 'monthlyReport', `role ${principal!.role}`);
      throw new DomainError(ErrorCode.FORBIDDEN, `Your role (${principal!.role}) may not read reports`);
    }
    return principal!;
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
