import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import express from 'express';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import request from 'supertest';
import { acceptedEncodings, consoleAssets } from './console-assets.js';

/** The console's assets as the API serves them: immutable caching, precompressed copies. */
describe('consoleAssets', () => {
  let dist: string;
  const script = 'export const answer = 42;\n'.repeat(200);
  let app: express.Express;

  beforeAll(() => {
    dist = fs.mkdtempSync(path.join(os.tmpdir(), 'efa-console-assets-'));
    fs.mkdirSync(path.join(dist, 'assets'));
    fs.writeFileSync(path.join(dist, 'assets', 'main-abc123.js'), script);
    fs.writeFileSync(path.join(dist, 'assets', 'main-abc123.js.br'), zlib.brotliCompressSync(script));
    fs.writeFileSync(path.join(dist, 'assets', 'main-abc123.js.gz'), zlib.gzipSync(script));
    fs.writeFileSync(path.join(dist, 'assets', 'plain-def456.js'), script);
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>console</title>');
    app = express();
    app.use(consoleAssets(dist));
    app.use(express.static(dist, { index: false, maxAge: '1h' }));
    app.use((_req, res) => res.status(200).type('html').send('index'));
  });
  afterAll(() => fs.rmSync(dist, { recursive: true, force: true }));

  it('sends the Brotli copy to a browser that accepts it, with the original content type and a year of immutable caching', async () => {
    // superagent would decompress the body: read the raw bytes from a server of our own
    const server = app.listen(0);
    const { port } = server.address() as { port: number };
    const res = await new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      http
        .get({ port, path: '/assets/main-abc123.js', headers: { 'Accept-Encoding': 'gzip, deflate, br' } }, (r) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => resolve({ status: r.statusCode ?? 0, headers: r.headers, body: Buffer.concat(chunks) }));
        })
        .on('error', reject);
    }).finally(() => server.close());
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^text\/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers.vary).toMatch(/Accept-Encoding/);
    expect(zlib.brotliDecompressSync(res.body).toString()).toBe(script);
  });

  it('sends gzip when Brotli is not accepted (or refused with q=0), and the plain file without either', async () => {
    const gz = await request(app).get('/assets/main-abc123.js').set('Accept-Encoding', 'gzip, br;q=0');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.text).toBe(script); // supertest decompresses gzip
    const plain = await request(app).get('/assets/main-abc123.js').set('Accept-Encoding', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.text).toBe(script);
  });

  it('serves an asset without compressed copies as it is, still immutable, and does not mark a missing asset cacheable', async () => {
    const plain = await request(app).get('/assets/plain-def456.js').set('Accept-Encoding', 'br, gzip');
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const missing = await request(app).get('/assets/gone-000000.js').set('Accept-Encoding', 'br');
    expect(missing.headers['cache-control'] ?? '').not.toMatch(/immutable/);
    expect(missing.text).toBe('index');
    const index = await request(app).get('/index.html');
    expect(index.headers['cache-control']).toBe('public, max-age=3600');
  });

  it('reads Accept-Encoding with weights', () => {
    expect([...acceptedEncodings('gzip, deflate, br')].sort()).toEqual(['br', 'deflate', 'gzip']);
    expect([...acceptedEncodings('br;q=0, gzip;q=0.5')]).toEqual(['gzip']);
    expect([...acceptedEncodings(undefined)]).toEqual([]);
  });
});
