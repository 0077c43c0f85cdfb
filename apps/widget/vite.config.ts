import { defineConfig } from 'vite';

/** One minified ES module (Lit bundled in): dist/efa-rollout-status.js. */
export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2021',
    minify: true,
    lib: {
      entry: 'src/efa-rollout-status.ts',
      formats: ['es'],
      fileName: () => 'efa-rollout-status.js',
    },
  },
});
