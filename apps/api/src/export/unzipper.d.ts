// The part of unzipper 0.10's API the import uses (the package ships no types).
declare module 'unzipper' {
  import type { Readable } from 'node:stream';
  export interface ZipEntry {
    path: string;
    type: 'File' | 'Directory';
    stream(): Readable;
  }
  export const Open: { file(path: string): Promise<{ files: ZipEntry[] }> };
  const unzipper: { Open: typeof Open };
  export default unzipper;
}
