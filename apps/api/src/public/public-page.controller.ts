import { createHash } from 'node:crypto';
import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import { ARS_PATTERN, searchAuthorities } from '@efa/domain';
import type { Request, Response } from 'express';
import { OZG_ID_PATTERN } from './public-api.controller.js';
import { langOf, sendPublic, type PublicLang } from './public-http.js';
import { authorityPage, indexPage, problemPage, servicePage, TEXT, type SearchView } from './public-page.html.js';
import { PUBLIC_SEARCH_JS } from './public-search.script.js';
import { PUBLIC_CONFIG, type PublicConfig } from './public.config.js';
import { PublicStatusStore, type PublicServiceView } from './public-status.store.js';

const HTML = 'text/html; charset=utf-8';
const SCRIPT_HASH = createHash('sha256').update(PUBLIC_SEARCH_JS).digest('hex').slice(0, 12);
/** The versioned URL of the search script (content hash: cached for a year, immutable). */
export const PUBLIC_SEARCH_SCRIPT_URL = `/public/assets/public-search.${SCRIPT_HASH}.js`;
const SEARCH_RESULTS = 10;

const langOfPath = (req: Request): PublicLang => (req.path.startsWith('/public/en') ? 'en' : 'de');

/**
 * The public status pages, server-rendered (work without JavaScript), German and English:
 * - GET /public → /public/de (or /public/en by ?lang= / Accept-Language)
 * - GET /public/{de,en}: the services
 * - GET /public/{de,en}/services/:ozgId[?q=]: search form, results, national and per-state figures
 * - GET /public/{de,en}/services/:ozgId/authorities/:ars: one authority's answer
 * - GET /public/assets/public-search.<hash>.js: search-as-you-type
 */
@Controller('public')
export class PublicPageController {
  constructor(
    private readonly store: PublicStatusStore,
    @Inject(PUBLIC_CONFIG) private readonly config: PublicConfig,
  ) {}

  private html(req: Request, res: Response, body: string, status = 200): void {
    if (status === 200) sendPublic(req, res, { type: HTML, body, maxAge: this.config.cacheMaxAge });
    else {
      res.setHeader('Cache-Control', 'no-store');
      res.status(status).type(HTML).send(body);
    }
  }

  private service(req: Request, res: Response, lang: PublicLang, ozgId: string, other: string): PublicServiceView | undefined {
    const t = TEXT[lang];
    const snapshot = this.store.current();
    if (!snapshot) return void this.html(req, res, problemPage(lang, t.notFound, t.unavailable, other), 503);
    const s = OZG_ID_PATTERN.test(ozgId) ? snapshot.services.get(ozgId) : undefined;
    if (!s) return void this.html(req, res, problemPage(lang, t.notFound, t.noService(ozgId), other), 404);
    return s;
  }

  @Get()
  root(@Req() req: Request, @Res() res: Response): void {
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Vary', 'Accept-Language');
    res.redirect(302, `/public/${langOf(req)}`);
  }

  @Get(['de', 'en'])
  index(@Req() req: Request, @Res() res: Response): void {
    const lang = langOfPath(req);
    const snapshot = this.store.current();
    if (!snapshot) return this.html(req, res, problemPage(lang, TEXT[lang].notFound, TEXT[lang].unavailable, `/public/${TEXT[lang].otherLang}`), 503);
    this.html(req, res, indexPage(lang, snapshot.list));
  }

  @Get(['de/services/:ozgId', 'en/services/:ozgId'])
  servicePage(@Param('ozgId') ozgId: string, @Req() req: Request, @Res() res: Response): void {
    const lang = langOfPath(req);
    const s = this.service(req, res, lang, ozgId, `/public/${TEXT[lang].otherLang}/services/${encodeURIComponent(ozgId)}`);
    if (!s) return;
    let search: SearchView | undefined;
    if (typeof req.query.q === 'string') {
      const query = req.query.q.trim().slice(0, 200);
      if (query.length < 2 || query.length > 100) search = { query, error: true, total: 0, results: [] };
      else search = { query, ...searchAuthorities(s.rows, query, SEARCH_RESULTS) };
    }
    this.html(req, res, servicePage(lang, s, search, PUBLIC_SEARCH_SCRIPT_URL), search?.error ? 400 : 200);
  }

  @Get(['de/services/:ozgId/authorities/:ars', 'en/services/:ozgId/authorities/:ars'])
  authorityPage(@Param('ozgId') ozgId: string, @Param('ars') ars: string, @Req() req: Request, @Res() res: Response): void {
    const lang = langOfPath(req);
    const t = TEXT[lang];
    const other = `/public/${t.otherLang}/services/${encodeURIComponent(ozgId)}/authorities/${encodeURIComponent(ars)}`;
    const s = this.service(req, res, lang, ozgId, other);
    if (!s) return;
    if (!ARS_PATTERN.test(ars)) return this.html(req, res, problemPage(lang, t.notFound, t.badArs(ars), other), 400);
    const row = s.byArs.get(ars);
    if (!row) return this.html(req, res, problemPage(lang, t.notFound, t.noAuthority(ars), other), 404);
    this.html(req, res, authorityPage(lang, s, row));
  }

  @Get('assets/public-search.:hash.js')
  script(@Param('hash') hash: string, @Req() req: Request, @Res() res: Response): void {
    if (hash !== SCRIPT_HASH) {
      res.setHeader('Cache-Control', 'no-store');
      res.status(404).type('text/plain').send(`Not found: public-search.${hash}.js (current: ${PUBLIC_SEARCH_SCRIPT_URL})`);
      return;
    }
    sendPublic(req, res, { type: 'text/javascript; charset=utf-8', body: PUBLIC_SEARCH_JS, maxAge: 31536000, immutable: true });
  }
}
