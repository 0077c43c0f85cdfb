import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { dataPackage, goLivesAtom, newestGoLives, publicPagePath, statusCsvChunks, statusJsonChunks, type OpenDataRow } from './open-data.js';
import { sendProblem } from './public-api.controller.js';
import { gzipFile, sendFile, type PublicFile } from './public-files.js';
import { langOf, sendPublic } from './public-http.js';
import { PUBLIC_CONFIG, type PublicConfig } from './public.config.js';
import { PublicStatusStore, type PublicSnapshot } from './public-status.store.js';

interface Built {
  version: number;
  generatedAt: string;
  rows: OpenDataRow[];
  goLives: OpenDataRow[];
  csv?: Promise<PublicFile>;
  json?: Promise<PublicFile>;
}

/**
 * Open data of the public status (CC BY 4.0), all from the in-memory copy of public_status:
 * - GET /public/v1/open-data/status.csv, status.json, datapackage.json
 * - GET /public/v1/feeds/go-lives.atom (?lang=en)
 * CSV and JSON are built once per version of the copy (gzip in memory); rate limit and CORS come
 * from publicGate on /public, ETag/Cache-Control/304 from sendFile/sendPublic.
 */
@Controller('public/v1')
export class OpenDataController {
  private built: Built | undefined;
  /** The last finished files: served while the current version's are being built (a national file takes seconds). */
  private readonly ready: { csv?: PublicFile; json?: PublicFile } = {};

  constructor(
    private readonly store: PublicStatusStore,
    @Inject(PUBLIC_CONFIG) private readonly config: PublicConfig,
  ) {}

  /** The rows of the current copy (services by name, authorities by name), or a 503 answered. */
  private current(req: Request, res: Response): Built | undefined {
    const snapshot = this.store.current();
    if (!snapshot) {
      sendProblem(req, res, {
        status: 503,
        code: 'UNAVAILABLE',
        field: null,
        message: { de: 'Der öffentliche Umsetzungsstand wird gerade geladen. Bitte versuchen Sie es gleich erneut.', en: 'The public rollout status is being loaded. Please try again shortly.' },
      });
      return undefined;
    }
    if (this.built?.version !== snapshot.version) this.built = build(snapshot);
    return this.built;
  }

  private async sendBuilt(req: Request, res: Response, kind: 'csv' | 'json'): Promise<void> {
    const b = this.current(req, res);
    if (!b) return;
    if (kind === 'csv') b.csv ??= gzipFile('text/csv; charset=utf-8; header=present', statusCsvChunks(b.rows));
    else b.json ??= gzipFile('application/json; charset=utf-8', statusJsonChunks(b.rows, b.generatedAt));
    const pending = kind === 'csv' ? b.csv! : b.json!;
    void pending.then((f) => {
      if (this.built === b) this.ready[kind] = f;
    });
    // Stale while rebuilding: the previous version's file now, the new one as soon as it is built.
    // A test or client that needs the newest waits for it when there is no previous file.
    const file = req.headers['cache-control']?.includes('no-cache') || !this.ready[kind] ? await pending : await Promise.race([pending, Promise.resolve(this.ready[kind]!)]);
    sendFile(req, res, file, { maxAge: this.config.cacheMaxAge, disposition: `inline; filename="efa-rollout-status.${kind}"` });
  }

  @Get('open-data/status.csv')
  csv(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.sendBuilt(req, res, 'csv');
  }

  @Get('open-data/status.json')
  json(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.sendBuilt(req, res, 'json');
  }

  @Get('open-data/datapackage.json')
  datapackage(@Req() req: Request, @Res() res: Response): void {
    const b = this.current(req, res);
    if (!b) return;
    sendPublic(req, res, { type: 'application/json; charset=utf-8', body: JSON.stringify(dataPackage(b.generatedAt), null, 2), maxAge: this.config.cacheMaxAge });
  }

  @Get('feeds/go-lives.atom')
  atom(@Req() req: Request, @Res() res: Response): void {
    const b = this.current(req, res);
    if (!b) return;
    const lang = langOf(req, 'de');
    const base = baseUrl(req);
    const body = goLivesAtom(b.goLives, lang, base, b.generatedAt, (r) => `${base}${publicPagePath(r.ozgId, r.ars, lang)}`);
    sendPublic(req, res, { type: 'application/atom+xml; charset=utf-8', body, maxAge: this.config.cacheMaxAge });
  }
}

function build(snapshot: PublicSnapshot): Built {
  const rows: OpenDataRow[] = [];
  for (const s of snapshot.list) {
    for (const r of s.rows) {
      rows.push({
        ozgId: s.ozgId,
        serviceName: s.name,
        ars: r.ars,
        authorityName: r.name,
        stateCode: r.stateCode,
        stateName: r.stateName,
        status: r.status,
        liveSince: r.liveSince,
        applyUrl: r.applyUrl,
        plannedQuarter: r.plannedQuarter,
        updatedAt: r.updatedAt,
      });
    }
  }
  return { version: snapshot.version, generatedAt: snapshot.loadedAt.toISOString(), rows, goLives: newestGoLives(rows) };
}

/** Absolute links (Atom): PUBLIC_URL when set, else the request's own origin. */
function baseUrl(req: Request): string {
  const configured = process.env.PUBLIC_URL?.trim();
  if (configured) return configured.replace(/\/+$/, '');
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}
