import fs from 'node:fs';
import path from 'node:path';
import type { NextFunction, Request, Response } from 'express';

/**
 * The built console's hashed assets (dist/assets/*: file names carry a hash
 * of their content, so a name never changes its content): cached by
 * browsers for a year without revalidation (`immutable`), and sent
 * compressed. The console's build (apps/admin/vite.config.ts) writes a
 * Brotli (.br) and a gzip (.gz) copy next to each JavaScript, CSS and SVG
 * file; this sends the best one the browser accepts, with the original's
 * content type, and falls through to the static file handler otherwise
 * (no copy, another file; send keeps the Cache-Control set here). Nothing is
 * compressed per request.
 */

const IMMUTABLE = 'public, max-age=31536000, immutable';

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
};

const ENCODINGS = [
  { token: 'br', suffix: '.br' },
  { token: 'gzip', suffix: '.gz' },
] as const;

/** Which encodings an Accept-Encoding header allows (a q=0 entry refuses one). */
export function acceptedEncodings(header: string | undefined): Set<string> {
  const accepted = new Set<string>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name && !(q && Number(q.slice(2)) === 0)) accepted.add(name);
  }
  return accepted;
}

/** Express middleware for `<dist>/assets`; mount it before the static file handler. */
export function consoleAssets(dist: string) {
  const assets = path.join(dist, 'assets');
  return (req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !req.path.startsWith('/assets/')) return next();
    const name = req.path.slice('/assets/'.length);
    if (!name || name.includes('/') || name.includes('..')) return next();
    const file = path.join(assets, name);
    // a missing asset (an old page asking for a replaced chunk) must not be cached at all
    if (!fs.existsSync(file)) return next();
    res.setHeader('Cache-Control', IMMUTABLE);
    const type = CONTENT_TYPES[path.extname(name)];
    if (!type) return next();
    res.setHeader('Vary', 'Accept-Encoding');
    const accepted = acceptedEncodings(req.headers['accept-encoding']);
    for (const { token, suffix } of ENCODINGS) {
      if (!accepted.has(token) || !fs.existsSync(file + suffix)) continue;
      res.setHeader('Content-Encoding', token);
      res.setHeader('Content-Type', type);
      // express's sendFile would set the type of the .br/.gz file; the headers above win
      return res.sendFile(file + suffix, { headers: { 'Content-Type': type, 'Content-Encoding': token }, cacheControl: false, lastModified: true }, (error) => {
        if (error) next(error);
      });
    }
    return next();
  };
}
