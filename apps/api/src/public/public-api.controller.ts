import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import { ARS_PATTERN, searchAuthorities } from '@efa/domain';
import type { Request, Response } from 'express';
import { langOf, sendPublic, type PublicLang } from './public-http.js';
import { PUBLIC_CONFIG, type PublicConfig } from './public.config.js';
import { PublicStatusStore, type PublicRow, type PublicServiceView } from './public-status.store.js';

/** An OZG-ID: 1 to 6 digits (as libs/domain checks it on services). */
export const OZG_ID_PATTERN = /^\d{1,6}$/;
const JSON_TYPE = 'application/json; charset=utf-8';

type Problem = { status: number; code: string; field: string | null; message: Record<PublicLang, string> };

const problems = {
  unavailable: (): Problem => ({
    status: 503,
    code: 'UNAVAILABLE',
    field: null,
    message: { de: 'Der öffentliche Umsetzungsstand wird gerade geladen. Bitte versuchen Sie es gleich erneut.', en: 'The public rollout status is being loaded. Please try again shortly.' },
  }),
  badOzgId: (v: string): Problem => ({
    status: 400,
    code: 'VALIDATION',
    field: 'ozgId',
    message: { de: `ozgId "${v}" ist keine OZG-ID (Ziffern, z. B. 10255).`, en: `ozgId "${v}" is not an OZG-ID (digits, e.g. 10255).` },
  }),
  badArs: (v: string): Problem => ({
    status: 400,
    code: 'VALIDATION',
    field: 'ars',
    message: { de: `ars "${v}" ist kein Amtlicher Regionalschlüssel (12 Ziffern).`, en: `ars "${v}" is not an official regional key (ARS, 12 digits).` },
  }),
  noService: (v: string): Problem => ({
    status: 404,
    code: 'NOT_FOUND',
    field: 'ozgId',
    message: { de: `Es gibt keinen öffentlich geführten Onlinedienst mit der OZG-ID ${v}.`, en: `There is no publicly listed online service with OZG-ID ${v}.` },
  }),
  noAuthority: (v: string): Problem => ({
    status: 404,
    code: 'NOT_FOUND',
    field: 'ars',
    message: { de: `Es gibt keine Behörde mit dem Regionalschlüssel ${v}.`, en: `There is no authority with the regional key ${v}.` },
  }),
  badQuery: (): Problem => ({
    status: 400,
    code: 'VALIDATION',
    field: 'q',
    message: { de: 'q: Bitte geben Sie 2 bis 100 Zeichen ein (Name der Behörde, des Kreises oder der Stadt, oder den Regionalschlüssel).', en: 'q: please enter 2 to 100 characters (name of the authority, district or city, or the regional key).' },
  }),
  badLimit: (): Problem => ({
    status: 400,
    code: 'VALIDATION',
    field: 'limit',
    message: { de: 'limit: eine ganze Zahl von 1 bis 50.', en: 'limit: a whole number from 1 to 50.' },
  }),
};

export function sendProblem(req: Request, res: Response, p: Problem): void {
  const lang = langOf(req);
  res.setHeader('Cache-Control', 'no-store');
  res.status(p.status).type(JSON_TYPE).send(JSON.stringify({ error: { code: p.code, field: p.field, message: p.message[lang] } }));
}

/** The public JSON of one authority's status for one service (the fields of PUBLIC_FIELDS.status). */
export function statusJson(service: PublicServiceView, row: PublicRow) {
  return {
    service: { ozgId: service.ozgId, name: service.name },
    authority: { ars: row.ars, name: row.name, stateCode: row.stateCode },
    status: row.status,
    liveSince: row.liveSince,
    applyUrl: row.applyUrl,
    plannedQuarter: row.plannedQuarter,
    updatedAt: row.updatedAt,
  };
}

export function searchResultJson(row: PublicRow) {
  return { ars: row.ars, name: row.name, stateCode: row.stateCode, stateName: row.stateName, status: row.status, liveSince: row.liveSince, applyUrl: row.applyUrl, plannedQuarter: row.plannedQuarter };
}

/**
 * The public JSON API (read-only, no sign-in, rate limited, cached), answered from the in-memory
 * copy of public_status:
 * - GET /public/v1/services: `[{ ozgId, name, live, total }]`
 * - GET /public/v1/services/:ozgId: the national and per-state figures of a service
 * - GET /public/v1/services/:ozgId/authorities/:ars: one authority's status
 * - GET /public/v1/services/:ozgId/search?q=&limit=&lang=: authorities matching a name or ARS
 */
@Controller('public/v1')
export class PublicApiController {
  constructor(
    private readonly store: PublicStatusStore,
    @Inject(PUBLIC_CONFIG) private readonly config: PublicConfig,
  ) {}

  private send(req: Request, res: Response, body: unknown): void {
    sendPublic(req, res, { type: JSON_TYPE, body: JSON.stringify(body), maxAge: this.config.cacheMaxAge });
  }

  /** The service of an :ozgId, or a problem answered. */
  private serviceOf(req: Request, res: Response, ozgId: string): PublicServiceView | undefined {
    const snapshot = this.store.current();
    if (!snapshot) return void sendProblem(req, res, problems.unavailable());
    if (!OZG_ID_PATTERN.test(ozgId)) return void sendProblem(req, res, problems.badOzgId(ozgId));
    const service = snapshot.services.get(ozgId);
    if (!service) return void sendProblem(req, res, problems.noService(ozgId));
    return service;
  }

  @Get('services')
  services(@Req() req: Request, @Res() res: Response): void {
    const snapshot = this.store.current();
    if (!snapshot) return sendProblem(req, res, problems.unavailable());
    this.send(req, res, snapshot.list.map((s) => ({ ozgId: s.ozgId, name: s.name, live: s.live, total: s.total })));
  }

  @Get('services/:ozgId')
  service(@Param('ozgId') ozgId: string, @Req() req: Request, @Res() res: Response): void {
    const s = this.serviceOf(req, res, ozgId);
    if (!s) return;
    this.send(req, res, {
      ozgId: s.ozgId,
      name: s.name,
      live: s.live,
      preparing: s.preparing,
      total: s.total,
      states: s.states.map((st) => ({ code: st.code, name: st.name, live: st.live, preparing: st.preparing, total: st.total })),
    });
  }

  @Get('services/:ozgId/authorities/:ars')
  status(@Param('ozgId') ozgId: string, @Param('ars') ars: string, @Req() req: Request, @Res() res: Response): void {
    const s = this.serviceOf(req, res, ozgId);
    if (!s) return;
    if (!ARS_PATTERN.test(ars)) return sendProblem(req, res, problems.badArs(ars));
    const row = s.byArs.get(ars);
    if (!row) return sendProblem(req, res, problems.noAuthority(ars));
    this.send(req, res, statusJson(s, row));
  }

  @Get('services/:ozgId/search')
  search(@Param('ozgId') ozgId: string, @Req() req: Request, @Res() res: Response): void {
    const s = this.serviceOf(req, res, ozgId);
    if (!s) return;
    const q = typeof req.query.q === 'string' ? req.query.q.trim() : '';
    if (q.length < 2 || q.length > 100) return sendProblem(req, res, problems.badQuery());
    const rawLimit = req.query.limit;
    let limit = 10;
    if (rawLimit !== undefined) {
      if (typeof rawLimit !== 'string' || !/^\d+$/.test(rawLimit) || Number(rawLimit) < 1 || Number(rawLimit) > 50) return sendProblem(req, res, problems.badLimit());
      limit = Number(rawLimit);
    }
    const found = searchAuthorities(s.rows, q, limit);
    this.send(req, res, { service: { ozgId: s.ozgId, name: s.name }, query: q, total: found.total, results: found.results.map(searchResultJson) });
  }
}
