import { Controller, HttpCode, Param, Post, Query, Req, type StreamableFile } from '@nestjs/common';
import { DomainError, isImportTarget, issueAt, type ColumnMapping, type FieldIssue } from '@efa/domain';
import type { Request } from 'express';
import { AccountService } from '../account/account.service.js';
import { restCaller } from '../common/rest-access.js';
import { ndjsonImport, wantsNdjson } from './import-stream.js';
import { ImportService, type ImportReport } from './import.service.js';

/** Rows an HTTP answer lists by default (the summary counts them all); `maxRows` changes it. */
export const DEFAULT_MAX_ROWS = 10_000;
const MAX_ROWS_LIMIT = 1_000_000;

/**
 * The query parameters of an import: dryRun (default true), skipErrors (default false), mapping (JSON object
 * header → field), maxRows (rows listed in the answer, default 10,000), jiraMapping (JSON object: statuses,
 * summaryPattern, service; checked by the Jira target).
 */
export function parseImportParams(query: Record<string, unknown>): { dryRun: boolean; skipErrors: boolean; mapping: ColumnMapping | null; maxRows: number; settings: unknown } {
  const issues: FieldIssue[] = [];
  const flag = (name: string, fallback: boolean): boolean => {
    const v = query[name];
    if (v === undefined || v === '') return fallback;
    if (v === 'true' || v === '1') return true;
    if (v === 'false' || v === '0') return false;
    issues.push(issueAt(name, 'NOT_ONE_OF', { values: 'true, false', input: String(v) }));
    return fallback;
  };
  const dryRun = flag('dryRun', true);
  const skipErrors = flag('skipErrors', false);
  let mapping: ColumnMapping | null = null;
  if (query.mapping !== undefined && query.mapping !== '') {
    try {
      const parsed: unknown = typeof query.mapping === 'string' ? JSON.parse(query.mapping) : null;
      const ok = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) && Object.values(parsed).every((f) => f === null || typeof f === 'string');
      if (ok) mapping = parsed as ColumnMapping;
      else issues.push(issueAt('mapping', 'NOT_ACCEPTABLE', { detail: 'a JSON object of column header → field name (or null)' }));
    } catch {
      issues.push(issueAt('mapping', 'NOT_ACCEPTABLE', { detail: 'a JSON object of column header → field name (or null)' }));
    }
  }
  let maxRows = DEFAULT_MAX_ROWS;
  if (query.maxRows !== undefined && query.maxRows !== '') {
    const n = Number(query.maxRows);
    if (typeof query.maxRows === 'string' && /^\d+$/.test(query.maxRows) && n <= MAX_ROWS_LIMIT) maxRows = n;
    else issues.push(issueAt('maxRows', 'NOT_BETWEEN', { min: 0, max: MAX_ROWS_LIMIT, value: String(query.maxRows) }));
  }
  let settings: unknown = null;
  if (query.jiraMapping !== undefined && query.jiraMapping !== '') {
    try {
      settings = typeof query.jiraMapping === 'string' ? JSON.parse(query.jiraMapping) : undefined;
      if (settings === null || typeof settings !== 'object' || Array.isArray(settings)) throw new Error('not an object');
    } catch {
      issues.push(issueAt('jiraMapping', 'NOT_ACCEPTABLE', { detail: 'a JSON object with statuses (Jira status → stage key), summaryPattern and service' }));
    }
  }
  if (issues.length) throw DomainError.validation(issues);
  return { dryRun, skipErrors, mapping, maxRows, settings };
}

/**
 * Spreadsheet import over REST (a file is no GraphQL argument: Apollo's CSRF
 * prevention and the GraphQL body limit): POST /import/<target> (IMPORT_TARGETS) with the
 * CSV or XLSX file as the raw request body, ?dryRun=true (default) or false,
 * ?skipErrors, ?mapping=<JSON>, ?maxRows (rows listed in the answer, default 10,000; the summary counts
 * all); POST /import/jira takes a Jira CSV export and also ?jiraMapping=<JSON>. Signed in by the session cookie (SameSite=Strict,
 * so no cross-site post carries it) or a bearer token. Answers the report as
 * JSON; bad files and mappings are 400 naming the file, row or column. With
 * `Accept: application/x-ndjson` the answer is streamed: progress lines, then
 * the report or the error (import-stream.ts).
 */
@Controller('import')
export class ImportController {
  constructor(
    private readonly accounts: AccountService,
    private readonly imports: ImportService,
  ) {}

  @Post(':target')
  @HttpCode(200)
  async import(@Param('target') target: string, @Req() req: Request, @Query() query: Record<string, unknown>): Promise<ImportReport | StreamableFile> {
    if (!isImportTarget(target)) {
      await restCaller(this.accounts, req, (p) => (p ? 'ALLOWED' : 'UNAUTHENTICATED'), 'import', 'import');
      throw DomainError.notFound('import target', target);
    }
    // Importing is creating and changing records of the target: the GraphQL rule of its create/update operation (e.g. createAuthority).
    const actor = await restCaller(this.accounts, req, this.imports.importerOf(target).accessOperation, `import:${target}`, `import ${target}`);
    const params = parseImportParams(query);
    if (!wantsNdjson(req)) return this.imports.importFile(target, req, { actor, ...params });
    req.res?.setHeader('Cache-Control', 'no-store');
    req.res?.setHeader('X-Accel-Buffering', 'no'); // proxies (nginx) pass the lines on as they come
    return ndjsonImport((onProgress) => this.imports.importFile(target, req, { actor, ...params, onProgress }));
  }
}
