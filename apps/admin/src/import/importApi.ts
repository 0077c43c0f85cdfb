import type { ColumnMapping, ImportTarget } from '@efa/domain';
import { contentTypeOf, importUrl, ndjsonLines, type ImportReport, type StreamLine } from './logic';

/** Where an import stands: bytes sent by the browser, bytes and rows the API has read. */
export interface ImportProgress {
  uploaded: number;
  total: number;
  rows: number;
  bytesRead: number;
}

/** A refused or failed import, carrying the API's coded errors (`errors`, as apiErrorsOf reads them) and the HTTP status. */
export class ImportRequestError extends Error {
  constructor(
    readonly status: number,
    readonly errors: unknown[],
    message = 'The import was refused',
  ) {
    super(message);
    this.name = 'ImportRequestError';
  }
}

export interface RunImport {
  promise: Promise<ImportReport>;
  abort(): void;
}

/**
 * Sends the file to POST /import/:target as the request body (the File
 * object itself: the browser streams it from disk, the page never reads it
 * whole) with the session cookie, asking for the streamed answer
 * (`Accept: application/x-ndjson`): upload progress from XHR, rows read from
 * the API's progress lines, then the report. Rejects with ImportRequestError
 * for an error answer or error line (coded as the API sends it).
 */
export function runImport(
  file: File,
  target: ImportTarget,
  options: { dryRun: boolean; skipErrors?: boolean; mapping?: ColumnMapping | null },
  onProgress: (progress: ImportProgress) => void,
): RunImport {
  const xhr = new XMLHttpRequest();
  const progress: ImportProgress = { uploaded: 0, total: file.size, rows: 0, bytesRead: 0 };
  const promise = new Promise<ImportReport>((resolve, reject) => {
    const lines = ndjsonLines();
    let seen = 0;
    let report: ImportReport | null = null;
    let failure: ImportRequestError | null = null;
    const isNdjson = () => (xhr.getResponseHeader('content-type') ?? '').startsWith('application/x-ndjson');
    const handle = (line: StreamLine) => {
      if (line.type === 'progress') {
        progress.rows = line.rows;
        progress.bytesRead = line.bytes;
        onProgress({ ...progress });
      } else if (line.type === 'report') {
        const { type: _type, ...rest } = line;
        report = rest;
      } else if (line.type === 'error') {
        failure = new ImportRequestError(line.status, line.errors ?? []);
      }
    };
    const consume = () => {
      const text = xhr.responseText;
      const piece = text.slice(seen);
      seen = text.length;
      lines.push(piece).forEach(handle);
    };
    xhr.upload.onprogress = (event) => {
      progress.uploaded = event.loaded;
      if (event.lengthComputable) progress.total = event.total;
      onProgress({ ...progress });
    };
    xhr.onprogress = () => {
      if (xhr.status === 200 && isNdjson()) consume();
    };
    xhr.onload = () => {
      try {
        if (isNdjson()) {
          consume();
          lines.end().forEach(handle);
          if (failure) return reject(failure);
          if (report) return resolve(report);
          return reject(new ImportRequestError(xhr.status, [], 'The import answer ended without a report'));
        }
        const body = xhr.responseText ? (JSON.parse(xhr.responseText) as { errors?: unknown[] } & Partial<ImportReport>) : {};
        if (xhr.status >= 200 && xhr.status < 300) return resolve(body as ImportReport);
        const errors = Array.isArray(body.errors) ? body.errors : [];
        const message = errors.length > 0 ? String((errors[0] as { message?: unknown }).message ?? '') : `HTTP ${xhr.status}`;
        reject(new ImportRequestError(xhr.status, errors, message));
      } catch (e) {
        reject(e);
      }
    };
    xhr.onerror = () => reject(new ImportRequestError(0, [], 'The API could not be reached'));
    xhr.onabort = () => reject(new ImportRequestError(0, [], 'aborted'));
    xhr.open('POST', importUrl(target, options));
    xhr.setRequestHeader('Accept', 'application/x-ndjson');
    xhr.setRequestHeader('Content-Type', contentTypeOf(file));
    xhr.send(file);
  });
  return { promise, abort: () => xhr.abort() };
}
