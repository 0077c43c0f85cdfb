import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, type ProxyOptions } from 'vite';

/** The NestJS API; in production it serves this console's dist/ from the same origin. */
const API_TARGET = 'http://localhost:3000';

const apiProxy: Record<string, ProxyOptions> = {
  '/graphql': { target: API_TARGET, changeOrigin: true },
  '/health': { target: API_TARGET, changeOrigin: true },
  '/reports': { target: API_TARGET, changeOrigin: true },
};

/** The lists' XLSX writer (exceljs's self-contained browser build), loaded only when someone exports XLSX. */
const XLSX_PACKAGES = '(exceljs)';
/** react-markdown with the unified/remark/micromark family, and jsdiff: only the connection guide's views load them. */
const GUIDE_PACKAGES = '(react-markdown|unified|remark-[^\\\\/]+|rehype-[^\\\\/]+|micromark[^\\\\/]*|mdast-[^\\\\/]+|hast-[^\\\\/]+|unist-[^\\\\/]+|vfile[^\\\\/]*|devlop|bail|trough|is-plain-obj|property-information|space-separated-tokens|comma-separated-tokens|html-url-attributes|decode-named-character-reference|character-entities[^\\\\/]*|estree-util-[^\\\\/]+|style-to-[^\\\\/]+|inline-style-parser|zwitch|longest-streak|ccount|trim-lines|@ungap|diff)';

/**
 * Code splitting (see docs/ARCHITECTURE.md, "Console bundle"). Rolldown
 * splits by route on its own: every page is a React.lazy import, and a
 * library goes into the chunk of the pages that use it, so react-admin's
 * and MUI's form, table and input code loads with the lists and forms, not
 * with the home page. Named groups only for what is big and changes rarely
 * (cache), or must stay out of the first load. No catch-all vendor group:
 * it would put every library of every route into the initial download
 * (484 kB gzip before). A group captures what its modules import unless
 * told otherwise, and the higher priority wins.
 * scripts/bundle-size.mjs checks the budget (400 kB gzip initial).
 */
const vendorGroups = [
  // react-admin's English messages, with the console's English catalogue
  { name: 'ra-language-english', test: /[\\/]node_modules[\\/]ra-language-english[\\/]/, priority: 60 },
  { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 50 },
  // graphql-js: the console's API modules parse their operations with it
  { name: 'graphql', test: /[\\/]node_modules[\\/]graphql[\\/]/, priority: 45 },
  // Apollo Client and ra-data-graphql-simple: loaded with the data provider (dataProvider.ts), after the home page's first requests
  {
    name: 'graphql-client',
    test: /[\\/]node_modules[\\/](ra-data-graphql[^\\/]*|graphql-ast-types-browser|pluralize|graphql-tag|@apollo|@wry|optimism|zen-observable[^\\/]*|ts-invariant|symbol-observable|tslib)[\\/]/,
    priority: 40,
    // only these packages: what they share with react-admin (lodash, ...) stays out, so react-admin's chunks do not import this one
    includeDependenciesRecursively: false,
  },
  // loaded with the guide's views (Markdown, history diff), not at start
  { name: 'guides', test: new RegExp(`[\\\\/]node_modules[\\\\/]${GUIDE_PACKAGES}[\\\\/]`), priority: 15 },
  // loaded at the first XLSX export (export/run.ts imports export/xlsx.ts dynamically)
  { name: 'xlsx', test: new RegExp(`[\\\\/]node_modules[\\\\/]${XLSX_PACKAGES}[\\\\/]`), priority: 5 },
];

/**
 * The home page's code: the console shell (App.tsx) and the dashboard are
 * dynamic imports of the boot chunk (main.tsx) and of react-admin's
 * <Admin dashboard>, so without help the browser would find them only one
 * after the other (entry, then App and its libraries, then the dashboard).
 * This adds `<link rel="modulepreload">` for both and their static imports
 * to index.html, so they download in parallel with the entry. Lazy routes
 * (lists, board, import, ...) and the chart library stay unloaded.
 * scripts/bundle-size.mjs counts exactly what index.html loads eagerly.
 */
const HOME_PAGE_MODULES = [/[\\/]src[\\/]App\.tsx$/, /[\\/]src[\\/]dashboard[\\/]DashboardPage\.tsx$/];

function preloadHomePage(): Plugin {
  return {
    name: 'efa-preload-home-page',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle) return html;
        const files = new Set<string>();
        const add = (file: string) => {
          const chunk = bundle[file];
          if (!chunk || chunk.type !== 'chunk' || files.has(file)) return;
          files.add(file);
          chunk.imports.forEach(add);
        };
        for (const chunk of Object.values(bundle)) {
          if (chunk.type === 'chunk' && chunk.facadeModuleId && HOME_PAGE_MODULES.some((re) => re.test(chunk.facadeModuleId!))) add(chunk.fileName);
        }
        const missing = HOME_PAGE_MODULES.filter((re) => ![...files].some((f) => { const c = bundle[f]; return c.type === 'chunk' && c.facadeModuleId && re.test(c.facadeModuleId); }));
        if (missing.length > 0) throw new Error(`efa-preload-home-page: no chunk for ${missing.join(', ')}`);
        return [...files]
          .filter((file) => !html.includes(`/${file}"`))
          .map((file) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file}` }, injectTo: 'head' as const }));
      },
    },
  };
}

/**
 * Brotli (.br) and gzip (.gz) copies of the built JavaScript, CSS and SVG
 * files, which the API sends to browsers that accept them
 * (apps/api/src/common/console-assets.ts): compressed once at build time,
 * at the highest levels, instead of per request.
 */
function precompressAssets(): Plugin {
  let outDir = 'dist';
  return {
    name: 'efa-precompress-assets',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const assets = path.join(outDir, 'assets');
      if (!fs.existsSync(assets)) return;
      for (const name of fs.readdirSync(assets)) {
        if (!/\.(js|css|svg)$/.test(name)) continue;
        const file = path.join(assets, name);
        const content = fs.readFileSync(file);
        fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(content, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: content.length } }));
        fs.writeFileSync(`${file}.gz`, zlib.gzipSync(content, { level: 9 }));
      }
    },
  };
}

export default defineConfig(({ command }) => ({
  base: '/',
  plugins: [react(), preloadHomePage(), precompressAssets()],
  // Apollo Client 3 keeps its development checks and console messages unless
  // told otherwise; the production bundle drops them.
  define: command === 'build' ? { 'globalThis.__DEV__': 'false' } : {},
  server: {
    port: 5173,
    proxy: apiProxy,
  },
  preview: {
    port: 4173,
    proxy: apiProxy,
  },
  build: {
    outDir: 'dist',
    // dist/.vite/manifest.json: the chunk graph scripts/bundle-size.mjs measures the initial JavaScript from
    manifest: true,
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: vendorGroups,
        },
      },
    },
  },
}));
