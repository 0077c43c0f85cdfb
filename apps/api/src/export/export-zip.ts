/// <reference path="./archiver.d.ts" />
/// <reference path="./unzipper.d.ts" />
import { PassThrough, type Writable } from 'node:stream';
import archiver from 'archiver';
import unzipper from 'unzipper';
import type { ExportSink, ExportSource } from './full-export.service.js';

/** A zip archive as export target: the files at its root (manifest.json last), written to `out` as they come. */
export function zipSink(out: Writable): ExportSink & { cancel(): void; finish(): Promise<void>; abort(): void } {
  const archive = archiver('zip', { zlib: { level: 6 } });
  archive.on('error', (e) => out.destroy(e));
  archive.pipe(out);
  let current: PassThrough | undefined;
  return {
    entry: (name) => {
      current = new PassThrough();
      archive.append(current, { name });
      return current;
    },
    /** Ends the export early (the reader went away): the writer of the current entry fails instead of waiting. */
    cancel: () => current?.destroy(),
    finish: () => archive.finalize(),
    abort: () => archive.abort(),
  };
}

/** A zip file (as GET /export/full or `export --out x.zip` writes it) as import source, read entry by entry. */
export async function zipSource(file: string): Promise<ExportSource> {
  const { files } = await unzipper.Open.file(file);
  const find = (name: string) => files.find((f) => f.type === 'File' && f.path === name);
  return {
    describe: file,
    has: (name) => Boolean(find(name)),
    open: (name) => find(name)!.stream(),
  };
}
