import { describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { BUDGET_KB, measureBundle } from '../../apps/admin/scripts/bundle-size.mjs';

/**
 * The console's bundle budget: the JavaScript index.html loads eagerly (its
 * module script, modulepreload links and their static imports) must stay
 * within 400 kB gzip. First the measurement itself on a made-up build, then
 * the real build (npm run build makes apps/admin/dist).
 */

const DIST = path.resolve(import.meta.dirname, '../../apps/admin/dist');

/** Incompressible content of about `bytes`, so that each chunk's gzip size is distinct and near its length. */
const noise = (seed: number, bytes: number) => {
  let x = seed;
  return Array.from({ length: bytes }, () => {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    return String.fromCharCode(33 + (x % 90));
  }).join('');
};

function fakeBuild(): { dist: string; gzipOf: (file: string) => number } {
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'efa-bundle-size-'));
  fs.mkdirSync(path.join(dist, 'assets'));
  fs.mkdirSync(path.join(dist, '.vite'));
  const files: Record<string, number> = {
    'assets/entry.js': 3000,
    'assets/shared.js': 5000,
    'assets/vendor.js': 8000,
    'assets/home.js': 2000,
    'assets/home-dep.js': 1000,
    'assets/lazy-route.js': 7000,
    'assets/lazy-lib.js': 9000,
  };
  Object.entries(files).forEach(([file, size], i) => fs.writeFileSync(path.join(dist, file), noise(i + 1, size)));
  const manifest = {
    'src/main.tsx': { file: 'assets/entry.js', isEntry: true, imports: ['_shared.js'], dynamicImports: ['src/Home.tsx', 'src/Route.tsx'] },
    '_shared.js': { file: 'assets/shared.js', imports: ['_vendor.js'] },
    '_vendor.js': { file: 'assets/vendor.js' },
    'src/Home.tsx': { file: 'assets/home.js', isDynamicEntry: true, imports: ['_home-dep.js', '_shared.js'] },
    '_home-dep.js': { file: 'assets/home-dep.js' },
    'src/Route.tsx': { file: 'assets/lazy-route.js', isDynamicEntry: true, imports: ['_lazy-lib.js', '_shared.js'] },
    '_lazy-lib.js': { file: 'assets/lazy-lib.js' },
  };
  fs.writeFileSync(path.join(dist, '.vite', 'manifest.json'), JSON.stringify(manifest));
  fs.writeFileSync(
    path.join(dist, 'index.html'),
    '<!doctype html><html><head><script type="module" crossorigin src="/assets/entry.js"></script>' +
      '<link rel="modulepreload" crossorigin href="/assets/home.js"><link rel="stylesheet" href="/assets/x.css"></head><body></body></html>',
  );
  const gzipOf = (file: string) => zlib.gzipSync(fs.readFileSync(path.join(dist, file)), { level: 9 }).length;
  return { dist, gzipOf };
}

describe('console bundle size', () => {
  it('counts the entry, the modulepreloaded chunks and their static imports, each once, and nothing only imported dynamically', () => {
    const { dist, gzipOf } = fakeBuild();
    try {
      const result = measureBundle(dist);
      const initial = result.initial.chunks.map((c) => c.file).sort();
      expect(initial).toEqual(['assets/entry.js', 'assets/home-dep.js', 'assets/home.js', 'assets/shared.js', 'assets/vendor.js']);
      expect(result.initial.gzip).toBe(initial.reduce((sum, file) => sum + gzipOf(file), 0));
      expect(result.lazy.chunks.map((c) => c.file).sort()).toEqual(['assets/lazy-lib.js', 'assets/lazy-route.js']);
    } finally {
      fs.rmSync(dist, { recursive: true, force: true });
    }
  });

  it('fails without a manifest, naming the missing file', () => {
    const { dist } = fakeBuild();
    try {
      fs.rmSync(path.join(dist, '.vite'), { recursive: true });
      expect(() => measureBundle(dist)).toThrow(/manifest\.json is missing/);
    } finally {
      fs.rmSync(dist, { recursive: true, force: true });
    }
  });

  it(`keeps the built console's initial JavaScript within ${BUDGET_KB} kB gzip, with the dashboard preloaded and the lazy routes left out`, () => {
    const result = measureBundle(DIST);
    const initial = result.initial.chunks.map((c) => c.file);
    // the home page is part of the first load (preloaded, no waterfall) ...
    expect(initial.some((file) => /\/DashboardPage-[\w-]+\.js$/.test(file))).toBe(true);
    expect(initial.some((file) => /\/App-[\w-]+\.js$/.test(file))).toBe(true);
    // ... the pages and libraries of other routes are not
    for (const lazy of [/\/BoardPage-/, /\/ImportPage-/, /\/xlsx-/, /\/GoLivesChart-/, /\/guides-/, /\/graphql-client-/]) {
      expect(initial.filter((file) => lazy.test(file))).toEqual([]);
      expect(result.lazy.chunks.some((c) => lazy.test(c.file))).toBe(true);
    }
    expect(result.initial.gzip).toBeLessThanOrEqual(BUDGET_KB * 1000);
  });
});
