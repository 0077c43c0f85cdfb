// The part of archiver 5's API the export uses (the package ships no types; @types/archiver is not installed).
declare module 'archiver' {
  import type { Readable, Transform } from 'node:stream';
  export interface Archiver extends Transform {
    append(source: Readable | Buffer | string, data: { name: string }): this;
    finalize(): Promise<void>;
    pointer(): number;
    abort(): this;
  }
  function archiver(format: 'zip', options?: { zlib?: { level?: number } }): Archiver;
  export default archiver;
}
