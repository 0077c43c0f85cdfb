import { PassThrough } from 'node:stream';
import { StreamableFile } from '@nestjs/common';
import type { Request } from 'express';
import { httpErrorBody } from '../common/graphql-errors.js';
import type { ImportReport } from './import.service.js';

/** The media type of the streamed answer: one JSON object per line. */
export const NDJSON = 'application/x-ndjson';

/** One line of the streamed answer (see docs/ARCHITECTURE.md, "Import progress"). */
export type ImportStreamLine =
  | { type: 'progress'; rows: number; bytes: number }
  | ({ type: 'report' } & ImportReport)
  | { type: 'error'; status: number; errors?: unknown[] };

/** Whether the client asked for the streamed answer (`Accept: application/x-ndjson` preferred over JSON). */
export const wantsNdjson = (req: Request): boolean => req.accepts(['application/json', NDJSON]) === NDJSON;

/**
 * Runs an import and answers as NDJSON: `progress` lines as the import
 * reports them, then one `report` line, or an `error` line with the HTTP
 * status and the coded errors the JSON answer would carry. The answer starts
 * with the first line: an error before it (access, parameters, a file that is
 * no spreadsheet) rejects, so it is answered as an ordinary HTTP error; an
 * error after it can no longer change the status and becomes the last line.
 */
export function ndjsonImport(run: (onProgress: (p: { rows: number; bytes: number }) => void) => Promise<ImportReport>): Promise<StreamableFile> {
  const out = new PassThrough();
  // Nest destroys the stream when the client goes away; later lines go nowhere.
  out.on('error', () => undefined);
  let started = false;
  return new Promise<StreamableFile>((resolve, reject) => {
    const send = (line: ImportStreamLine) => {
      if (!out.destroyed && !out.writableEnded) out.write(`${JSON.stringify(line)}\n`);
      if (!started) {
        started = true;
        resolve(new StreamableFile(out, { type: `${NDJSON}; charset=utf-8` }));
      }
    };
    run(({ rows, bytes }) => send({ type: 'progress', rows, bytes })).then(
      (report) => {
        send({ type: 'report', ...report });
        out.end();
      },
      (error: unknown) => {
        if (!started) {
          out.destroy();
          reject(error);
          return;
        }
        const { status, body } = httpErrorBody(error);
        send({ type: 'error', status, ...body });
        out.end();
      },
    );
  });
}
