#!/usr/bin/env node
/**
 * The console's initial JavaScript: what a browser downloads before the
 * home page (the dashboard) can render, computed from the build's
 * index.html (its module script and modulepreload links) and the static
 * import graph in vite's manifest (dist/.vite/manifest.json). Sizes are
 * gzip (level 9, what the API serves) of each chunk counted once.
 *
 *   node apps/admin/scripts/bundle-size.mjs [--dist apps/admin/dist] [--json]
 *
 * Exits 1 when the initial JavaScript exceeds the budget (400 kB gzip,
 * BUNDLE_BUDGET_KB overrides it).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

export const BUDGET_KB = 400;

const gzipSize = (buffer) => zlib.gzipSync(buffer, { level: 9 }).length;

/** The chunk files a manifest entry needs before it runs: itself and its static imports, transitively. */
function staticClosure(manifest, key, into = new Set()) {
  const entry = manifest[key];
  if (!entry || into.has(entry.file)) return into;
  into.add(entry.file);
  for (const imported of entry.imports ?? []) staticClosure(manifest, imported, into);
  return into;
}

/**
 * Measures a vite build. `initial` is what index.html loads eagerly (its
 * module script, every modulepreload link, and their static imports);
 * `lazy` every other JavaScript chunk.
 */
export function measureBundle(dist) {
  const manifestPath = path.join(dist, '.vite', 'manifest.json');
  if (!fs.existsSync(manifestPath)) throw new Error(`${manifestPath} is missing: build the console first (npm run build), with build.manifest on`);
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const byFile = new Map(Object.entries(manifest).map(([key, entry]) => [entry.file, key]));

  const eager = new Set();
  const tags = html.match(/<(script|link)\b[^>]*>/g) ?? [];
  for (const tag of tags) {
    const isScript = tag.startsWith('<script') && /type="module"/.test(tag);
    const isPreload = tag.startsWith('<link') && /rel="modulepreload"/.test(tag);
    if (!isScript && !isPreload) continue;
    const url = (tag.match(/(?:src|href)="([^"]+)"/) ?? [])[1];
    if (!url || /^https?:/.test(url)) continue;
    const file = url.replace(/^\//, '');
    const key = byFile.get(file);
    if (key) staticClosure(manifest, key, eager);
    else eager.add(file);
  }

  const sizeOf = (file) => {
    const buffer = fs.readFileSync(path.join(dist, file));
    return { file, bytes: buffer.length, gzip: gzipSize(buffer) };
  };
  const initial = [...eager].filter((file) => file.endsWith('.js')).map(sizeOf).sort((a, b) => b.gzip - a.gzip);
  const allJs = fs.readdirSync(path.join(dist, 'assets')).filter((f) => f.endsWith('.js')).map((f) => `assets/${f}`);
  const lazy = allJs.filter((file) => !eager.has(file)).map(sizeOf).sort((a, b) => b.gzip - a.gzip);
  const sum = (list, field) => list.reduce((total, item) => total + item[field], 0);
  return {
    initial: { chunks: initial, bytes: sum(initial, 'bytes'), gzip: sum(initial, 'gzip') },
    lazy: { chunks: lazy, bytes: sum(lazy, 'bytes'), gzip: sum(lazy, 'gzip') },
  };
}

const kb = (bytes) => (bytes / 1000).toFixed(1);

export function formatReport(result, budgetKb = BUDGET_KB) {
  const lines = [`Console initial JavaScript: ${kb(result.initial.gzip)} kB gzip (${kb(result.initial.bytes)} kB minified), budget ${budgetKb} kB gzip`];
  for (const chunk of result.initial.chunks) lines.push(`  ${kb(chunk.gzip).padStart(7)} kB  ${chunk.file}`);
  lines.push(`Lazy chunks: ${result.lazy.chunks.length}, ${kb(result.lazy.gzip)} kB gzip in all; largest:`);
  for (const chunk of result.lazy.chunks.slice(0, 5)) lines.push(`  ${kb(chunk.gzip).padStart(7)} kB  ${chunk.file}`);
  return lines.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const distArg = args.indexOf('--dist');
  const dist = distArg >= 0 ? path.resolve(args[distArg + 1]) : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist');
  const budgetKb = Number(process.env.BUNDLE_BUDGET_KB || BUDGET_KB);
  const result = measureBundle(dist);
  console.log(args.includes('--json') ? JSON.stringify({ budgetKb, ...result }, null, 2) : formatReport(result, budgetKb));
  if (result.initial.gzip > budgetKb * 1000) {
    console.error(`Over budget by ${kb(result.initial.gzip - budgetKb * 1000)} kB gzip.`);
    process.exit(1);
  }
}
