import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestApp, type TestApp, type TestUserKey } from '../support/test-app.js';

/** POST /import/:target with `Accept: application/x-ndjson`: progress lines while the file streams in, then the report or a coded error. */
let t: TestApp;
let port = 0;
beforeAll(async () => {
  t = await startTestApp();
  await t.app.listen(0, '127.0.0.1');
  port = (t.app.getHttpServer().address() as AddressInfo).port;
});
afterAll(async () => t?.close());

interface Line {
  type: 'progress' | 'report' | 'error';
  rows?: number;
  bytes?: number;
  status?: number;
  summary?: Record<string, number>;
  errors?: Array<{ message: string; extensions: { code: string; issues: Array<{ field: string; code: string; params: Record<string, unknown> }> } }>;
}

/** Rows that each fail at the population column (a fast pass: no writes), ~130 bytes each. */
const errorRows = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => `;Behörde Nummer ${from + i} ${'x'.repeat(100)};BB;viele\n`).join('');

interface Answer {
  status: number;
  contentType: string;
  lines: Line[];
  /** How many lines had arrived when the upload was still open (before `end`). */
  linesBeforeEnd: number;
}

/**
 * Sends the body in parts over a raw HTTP request (chunked), waiting after the first part until
 * `waitForLine` says a line arrived (or 20 s), so a test can prove the answer streams while the
 * upload is still open.
 */
function post(parts: Buffer[], options: { user?: TestUserKey | null; accept?: string; query?: string; token?: string; waitForLine?: boolean } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'content-type': 'text/csv', accept: options.accept ?? 'application/x-ndjson' };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: `/import/authorities${options.query ?? ''}`, headers });
    let text = '';
    let ended = false;
    let linesBeforeEnd = 0;
    let lineArrived: (() => void) | null = null;
    req.on('response', (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        if (!ended) linesBeforeEnd = text.split('\n').filter(Boolean).length;
        if (text.includes('\n')) lineArrived?.();
      });
      res.on('end', () => {
        const contentType = String(res.headers['content-type'] ?? '');
        const lines = contentType.startsWith('application/x-ndjson') ? text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Line) : [JSON.parse(text) as Line];
        resolve({ status: res.statusCode ?? 0, contentType, lines, linesBeforeEnd });
      });
    });
    req.on('error', reject);
    (async () => {
      for (const [i, part] of parts.entries()) {
        req.write(part);
        if (i === 0 && options.waitForLine && parts.length > 1) {
          await new Promise<void>((ok) => {
            const timer = setTimeout(ok, 20_000);
            lineArrived = () => {
              clearTimeout(timer);
              ok();
            };
            if (text.includes('\n')) lineArrived();
          });
        }
      }
      ended = true;
      req.end();
    })().catch(reject);
  });
}

describe('streamed import answer (Accept: application/x-ndjson)', () => {
  it('sends progress lines while the upload is still open, then the report as the last line', async () => {
    const token = await t.tokenOf('ROLLOUT_MANAGER');
    const head = Buffer.from(`ARS;Name;Land;Einwohner\n120720000000;Landkreis Teltow-Fläming;BB;170.000\n${errorRows(1, 999)}`);
    const tail = Buffer.from(errorRows(1000, 1000));
    expect(head.length).toBeGreaterThan(64 * 1024); // past the sample the format is told from
    const answer = await post([head, tail], { token, waitForLine: true });
    expect(answer.status).toBe(200);
    expect(answer.contentType).toMatch(/^application\/x-ndjson/);
    // the server answered before the client had sent the whole file: the body is read as a stream
    expect(answer.linesBeforeEnd).toBeGreaterThanOrEqual(1);

    const progress = answer.lines.filter((l) => l.type === 'progress');
    const last = answer.lines.at(-1)!;
    expect(answer.lines.slice(0, -1).every((l) => l.type === 'progress')).toBe(true);
    // every 250 rows, and once at the end
    expect(progress.map((p) => p.rows)).toEqual([250, 500, 750, 1000, 1250, 1500, 1750, 2000, 2000]);
    for (const [i, p] of progress.entries()) {
      expect(Object.keys(p).sort()).toEqual(['bytes', 'rows', 'type']);
      if (i > 0) expect(p.bytes!).toBeGreaterThanOrEqual(progress[i - 1].bytes!);
    }
    expect(progress.at(-1)!.bytes).toBe(head.length + tail.length);
    expect(last).toMatchObject({ type: 'report', target: 'authorities', dryRun: true, applied: false, summary: { rows: 2000, update: 1, error: 1999 } });
    // a dry run: nothing changed
    const [tf] = await t.dataSource.query(`SELECT population FROM authority WHERE ars = '120720000000'`);
    expect(tf.population).toBe(168296);
  });

  it('applies as the JSON answer does, and plain JSON stays the default', async () => {
    const token = await t.tokenOf('ROLLOUT_MANAGER');
    const csv = Buffer.from('ARS;Name;Einwohner\n120540000000;Stadt Potsdam;180.000\n');
    const streamed = await post([csv], { token, query: '?dryRun=false' });
    expect(streamed.lines.map((l) => l.type)).toEqual(['progress', 'report']);
    expect(streamed.lines[1]).toMatchObject({ applied: true, summary: { rows: 1, update: 1 } });
    const [potsdam] = await t.dataSource.query(`SELECT population FROM authority WHERE ars = '120540000000'`);
    expect(potsdam.population).toBe(180000);

    for (const accept of ['application/json', '*/*']) {
      const plain = await post([csv], { token, accept });
      expect(plain.contentType).toMatch(/^application\/json/);
      expect(plain.lines[0]).toMatchObject({ target: 'authorities', summary: { unchanged: 1 } });
      expect(plain.lines[0].type).toBeUndefined();
    }
  });

  it('answers errors before the first line as ordinary HTTP errors', async () => {
    const csv = Buffer.from('ARS;Name\n120540000000;Stadt Potsdam\n');
    const forbidden = await post([csv], { token: await t.tokenOf('STEERING_MEMBER') });
    expect(forbidden.status).toBe(403);
    expect(forbidden.contentType).toMatch(/^application\/json/);
    expect(forbidden.lines[0].errors![0].extensions.code).toBe('FORBIDDEN');
    expect((await post([csv])).status).toBe(401);

    const empty = await post([Buffer.alloc(0)], { token: await t.tokenOf('ADMIN') });
    expect(empty.status).toBe(400);
    expect(empty.lines[0].errors![0].extensions.issues).toMatchObject([{ field: 'file', code: 'IMPORT_EMPTY_FILE' }]);
    const badParam = await post([csv], { token: await t.tokenOf('ADMIN'), query: '?dryRun=vielleicht' });
    expect(badParam.status).toBe(400);
    expect(badParam.lines[0].errors![0].extensions.issues).toMatchObject([{ field: 'dryRun', code: 'NOT_ONE_OF' }]);
  });

  it('sends an error that comes after streaming began as the last line, coded as the JSON answer would be', async () => {
    // valid UTF-8 for 300 rows (more than the 64 kB the encoding is told from), then a Windows-1252 "ü"
    const rows = Array.from({ length: 300 }, (_, i) => `;Behörde ${i} ${'x'.repeat(250)};BB;viele\n`).join('');
    const body = Buffer.concat([Buffer.from(`ARS;Name;Land;Einwohner\n${rows}`), Buffer.from([0x3b, 0x4d, 0xfc, 0x6e, 0x3b, 0x3b, 0x0a])]);
    const answer = await post([body], { token: await t.tokenOf('ADMIN') });
    expect(answer.status).toBe(200);
    expect(answer.lines.map((l) => l.type)).toEqual(['progress', 'error']);
    expect(answer.lines[1]).toMatchObject({
      type: 'error',
      status: 400,
      errors: [{ extensions: { code: 'VALIDATION', issues: [{ field: 'file', code: 'IMPORT_BROKEN_UTF_ENCODING', params: { row: 302 } }] } }],
    });
  });
});
