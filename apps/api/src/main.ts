// The entry point of `npm start`. graphql-js and Apollo decide at load time whether to run their
// expensive development checks, so NODE_ENV is settled before anything else is imported.
import v8 from 'node:v8';

process.env.NODE_ENV ??= 'production';

// Memory under load: after a full collection V8 lets the old generation grow by a factor it picks
// between 1.1 and 4 (4 for a process allowed a few GB, as here) before it collects again. Requests
// in flight at 10-50 clients survive young-generation collections and are promoted, so the heap
// filled with dead answers up to 4x what was alive: 550-800 MB of heap for ~200 MB alive (the old
// stage-board list at 10 clients), and it stays committed while the load lasts. A factor of 1.5
// (heap-growing-percent 50) held the same run at 340 MB resident with no measurable CPU cost on
// ordinary reads (bench/memory.mjs, bench/interactive.mjs; docs/ARCHITECTURE.md, "Memory").
// V8 reads the factor at every collection, so setting it here, before the app loads, covers every
// way the API is started; `node --heap-growing-percent=N main.js` overrides it.
if (!process.execArgv.some((a) => /^--heap[-_]growing[-_]percent/.test(a))) v8.setFlagsFromString('--heap-growing-percent=50');

await import('./serve.js');
