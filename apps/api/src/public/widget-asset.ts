import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/** The built component as the API serves it: read once, with its version, content ETag and gzip copy. */
export interface WidgetAsset {
  version: string;
  code: Buffer;
  gzip: Buffer;
  etag: string;
  gzipBytes: number;
}

export const WIDGET_FILE = 'efa-rollout-status.js';

let cached: { dir: string; asset: WidgetAsset } | undefined;

/** Folder of the component's build (WIDGET_DIST, default apps/widget/dist under the working directory). */
export function widgetDist(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.WIDGET_DIST || 'apps/widget/dist');
}

/** The built component, or undefined when it has not been built (npm run build). */
export function loadWidget(dir = widgetDist()): WidgetAsset | undefined {
  if (cached?.dir === dir) return cached.asset;
  const file = path.join(dir, WIDGET_FILE);
  if (!fs.existsSync(file)) return undefined;
  const code = fs.readFileSync(file);
  let version = '';
  try {
    version = JSON.parse(fs.readFileSync(path.join(dir, 'size.json'), 'utf8')).version ?? '';
  } catch {
    version = '';
  }
  if (!/^[0-9A-Za-z.-]+$/.test(version)) version = createHash('sha256').update(code).digest('hex').slice(0, 12);
  const gzip = zlib.gzipSync(code, { level: 9 });
  const asset = { version, code, gzip, gzipBytes: gzip.length, etag: `"w-${createHash('sha256').update(code).digest('base64url').slice(0, 22)}"` };
  cached = { dir, asset };
  return asset;
}
