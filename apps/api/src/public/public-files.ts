import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import type { Request, Response } from 'express';

/**
 * A public file kept gzip-compressed in memory (the open data files and the component), sent as
 * is to clients that accept gzip and decompressed on the fly for the others, with a content
 * ETag computed once (not per request, as sendPublic does for small answers), Cache-Control and
 * 304 on If-None-Match. CORS and the rate limit come from publicGate on /public.
 */
export interface PublicFile {
  type: string;
  gzip: Buffer;
  /** Uncompressed size in bytes. */
  bytes: number;
  etag: string;
}

/** Gzips text given in chunks (a generator, so a national-size file never exists as one string). */
export async function gzipFile(type: string, chunks: Iterable<string>): Promise<PublicFile> {
  const gz = zlib.createGzip({ level: 6 });
  const out: Buffer[] = [];
  let bytes = 0;
  gz.on('data', (b: Buffer) => out.push(b));
  const ended = once(gz, 'end');
  for (const chunk of chunks) {
    bytes += Buffer.byteLength(chunk);
    if (!gz.write(chunk)) await once(gz, 'drain');
  }
  gz.end();
  await ended;
  const gzip = Buffer.concat(out);
  return { type, gzip, bytes, etag: `"${createHash('sha1').update(gzip).digest('base64url').slice(0, 27)}"` };
}

export function fileFromBuffer(type: string, code: Buffer, etag?: string): PublicFile {
  const gzip = zlib.gzipSync(code, { level: 9 });
  return { type, gzip, bytes: code.length, etag: etag ?? `"${createHash('sha1').update(code).digest('base64url').slice(0, 27)}"` };
}

export function sendFile(req: Request, res: Response, file: PublicFile, cache: { maxAge: number; immutable?: boolean; disposition?: string }): void {
  res.setHeader('ETag', file.etag);
  res.setHeader('Cache-Control', cache.immutable ? `public, max-age=${cache.maxAge}, immutable` : `public, max-age=${cache.maxAge}`);
  res.setHeader('Vary', 'Accept-Encoding');
  const inm = req.headers['if-none-match'];
  if (inm && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === file.etag)) {
    res.status(304).end();
    return;
  }
  res.status(200).setHeader('Content-Type', file.type);
  if (cache.disposition) res.setHeader('Content-Disposition', cache.disposition);
  const gzip = Boolean(req.acceptsEncodings('gzip', 'identity') === 'gzip');
  if (gzip) {
    res.setHeader('Content-Encoding', 'gzip');
    res.setHeader('Content-Length', String(file.gzip.length));
    if (req.method === 'HEAD') res.end();
    else res.end(file.gzip);
    return;
  }
  res.setHeader('Content-Length', String(file.bytes));
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  Readable.from([file.gzip]).pipe(zlib.createGunzip()).pipe(res);
}
