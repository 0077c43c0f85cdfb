import react from '@vitejs/plugin-react';
import { defineConfig, type ProxyOptions } from 'vite';

/** The NestJS API; in production it serves this console's dist/ from the same origin. */
const API_TARGET = 'http://localhost:3000';

const apiProxy: Record<string, ProxyOptions> = {
  '/graphql': { target: API_TARGET, changeOrigin: true },
  '/health': { target: API_TARGET, changeOrigin: true },
  '/reports': { target: API_TARGET, changeOrigin: true },
};

/** recharts (the dashboard's charts) and the libraries only it uses. */
const CHART_PACKAGES = '(recharts|victory-vendor|d3-[^\\\\/]+|internmap|@reduxjs|react-redux|redux|redux-thunk|immer|reselect|es-toolkit|decimal\\.js-light|tiny-invariant|use-sync-external-store)';

/** The lists' XLSX writer (exceljs's self-contained browser build), loaded only when someone exports XLSX. */
const XLSX_PACKAGES = '(exceljs)';
/** react-markdown with the unified/remark/micromark family, and jsdiff: only the connection guide's views load them. */
const GUIDE_PACKAGES = '(react-markdown|unified|remark-[^\\\\/]+|rehype-[^\\\\/]+|micromark[^\\\\/]*|mdast-[^\\\\/]+|hast-[^\\\\/]+|unist-[^\\\\/]+|vfile[^\\\\/]*|devlop|bail|trough|is-plain-obj|property-information|space-separated-tokens|comma-separated-tokens|html-url-attributes|decode-named-character-reference|character-entities[^\\\\/]*|estree-util-[^\\\\/]+|style-to-[^\\\\/]+|inline-style-parser|zwitch|longest-streak|ccount|trim-lines|@ungap|diff)';

/**
 * Vendor chunks, so that a change in the console's own code does not
 * invalidate the cached libraries, and the boot screen (React only) paints
 * before react-admin, MUI and Apollo have been downloaded. A group also
 * captures what its modules import, and the higher priority wins; so the
 * GraphQL group holds only libraries that do not import react-admin
 * (ra-data-graphql* import ra-core and go with react-admin).
 */
const vendorGroups = [
  // react-admin imports it too, but the boot screen needs it without react-admin
  { name: 'ra-language-english', test: /[\\/]node_modules[\\/]ra-language-english[\\/]/, priority: 60 },
  { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 50 },
  {
    name: 'graphql',
    test: /[\\/]node_modules[\\/](graphql|graphql-tag|@apollo|@wry|optimism|zen-observable[^\\/]*|ts-invariant|symbol-observable|tslib)[\\/]/,
    priority: 40,
  },
  { name: 'mui', test: /[\\/]node_modules[\\/](@mui|@emotion|@popperjs|stylis|react-transition-group)[\\/]/, priority: 30 },
  // loaded with the guide's views (Markdown, history diff), not at start
  { name: 'guides', test: new RegExp(`[\\\\/]node_modules[\\\\/]${GUIDE_PACKAGES}[\\\\/]`), priority: 15 },
  // every other library, except the dashboard's chart library (and what only it uses) and the XLSX writer
  { name: 'react-admin', test: new RegExp(`[\\\\/]node_modules[\\\\/](?!${CHART_PACKAGES}[\\\\/])(?!${XLSX_PACKAGES}[\\\\/])`), priority: 10 },
  // loaded with the dashboard, not at start; lowest priority, so libraries the console shares with it stay above
  { name: 'charts', test: new RegExp(`[\\\\/]node_modules[\\\\/]${CHART_PACKAGES}[\\\\/]`), priority: 5 },
  // loaded at the first XLSX export (export/run.ts imports export/xlsx.ts dynamically)
  { name: 'xlsx', test: new RegExp(`[\\\\/]node_modules[\\\\/]${XLSX_PACKAGES}[\\\\/]`), priority: 5 },
];

export default defineConfig(({ command }) => ({
  base: '/',
  plugins: [react()],
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
