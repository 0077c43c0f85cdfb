import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { demoPage, type DemoEmbed } from './demo-page.js';
import { publicPagePath } from './open-data.js';
import { sendProblem } from './public-api.controller.js';
import { fileFromBuffer, sendFile, type PublicFile } from './public-files.js';
import { langOf, sendPublic } from './public-http.js';
import { PUBLIC_CONFIG, type PublicConfig } from './public.config.js';
import { PublicStatusStore, type PublicRow } from './public-status.store.js';
import { loadWidget, WIDGET_FILE } from './widget-asset.js';

/** A year: the versioned URL never changes its content. */
const IMMUTABLE_SECONDS = 31_536_000;
/** How long the unversioned "latest" redirect may be cached. */
const LATEST_SECONDS = 300;
/** The service the demo shows (Aufenthaltstitel). */
const DEMO_OZG_ID = '10255';

/**
 * The embeddable component and its demo:
 * - GET /public/widget/:version/efa-rollout-status.js: the built component (apps/widget), immutable for a year;
 * - GET /public/widget/latest/efa-rollout-status.js: 302 to the current version, cached 5 minutes;
 * - GET /public/demo (?lang=en): a fictional municipal page embedding it for real authorities.
 */
@Controller('public')
export class WidgetController {
  private file: { version: string; file: PublicFile } | undefined;

  constructor(
    private readonly store: PublicStatusStore,
    @Inject(PUBLIC_CONFIG) private readonly config: PublicConfig,
  ) {}

  private widget(): { version: string; file: PublicFile } | undefined {
    if (this.file) return this.file;
    const asset = loadWidget();
    if (!asset) return undefined;
    this.file = { version: asset.version, file: fileFromBuffer('text/javascript; charset=utf-8', asset.code, asset.etag) };
    return this.file;
  }

  @Get('widget/:version/:file')
  script(@Param('version') version: string, @Param('file') name: string, @Req() req: Request, @Res() res: Response): void {
    const lang = langOf(req);
    const w = this.widget();
    if (!w) {
      return sendProblem(req, res, {
        status: 503,
        code: 'UNAVAILABLE',
        field: null,
        message: { de: 'Die Statuskomponente ist nicht gebaut (npm run build).', en: 'The status component has not been built (npm run build).' },
      });
    }
    if (name !== WIDGET_FILE) {
      return sendProblem(req, res, { status: 404, code: 'NOT_FOUND', field: 'file', message: { de: `Unbekannte Datei „${name}“ (nur ${WIDGET_FILE}).`, en: `Unknown file "${name}" (only ${WIDGET_FILE}).` } });
    }
    if (version === 'latest') {
      res.setHeader('Cache-Control', `public, max-age=${LATEST_SECONDS}`);
      res.redirect(302, `/public/widget/${w.version}/${WIDGET_FILE}`);
      return;
    }
    if (version !== w.version) {
      void lang;
      return sendProblem(req, res, {
        status: 404,
        code: 'NOT_FOUND',
        field: 'version',
        message: {
          de: `Version ${version} der Statuskomponente gibt es hier nicht; aktuell ist ${w.version} (/public/widget/${w.version}/${WIDGET_FILE}).`,
          en: `Version ${version} of the status component is not served here; the current one is ${w.version} (/public/widget/${w.version}/${WIDGET_FILE}).`,
        },
      });
    }
    sendFile(req, res, w.file, { maxAge: IMMUTABLE_SECONDS, immutable: true });
  }

  @Get('demo')
  demo(@Req() req: Request, @Res() res: Response): void {
    const lang = langOf(req);
    const w = this.widget();
    const snapshot = this.store.current();
    const service = snapshot?.services.get(DEMO_OZG_ID) ?? snapshot?.list[0];
    const rows = service?.rows ?? [];
    const newest = (a: PublicRow, b: PublicRow) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : a.ars.localeCompare(b.ars));
    // A LIVE one with a link to apply and a PREPARING one with a published quarter if there are, most recently changed first.
    const live = rows.filter((r) => r.status === 'LIVE').sort((a, b) => Number(!a.applyUrl) - Number(!b.applyUrl) || newest(a, b))[0];
    const preparing = rows.filter((r) => r.status === 'PREPARING').sort((a, b) => Number(!a.plannedQuarter) - Number(!b.plannedQuarter) || newest(a, b))[0];
    const embed = (r: PublicRow | undefined, id: string): DemoEmbed | undefined => (r && service ? { id, ozgId: service.ozgId, ars: r.ars, authorityName: r.name, status: r.status } : undefined);
    const html = demoPage({
      lang,
      ozgId: service?.ozgId ?? DEMO_OZG_ID,
      scriptUrl: `/public/widget/${w?.version ?? 'latest'}/${WIDGET_FILE}`,
      statusPageUrl: (ozgId, ars) => publicPagePath(ozgId, ars, lang),
      live: embed(live, 'demo-live'),
      preparing: embed(preparing, 'demo-preparing'),
    });
    // max-age 0: the picks follow the data; the ETag spares the transfer.
    sendPublic(req, res, { type: 'text/html; charset=utf-8', body: html, maxAge: 0, varyLanguage: typeof req.query.lang !== 'string' });
    void this.config;
  }
}
