import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import pkg from '../package.json' with { type: 'json' };

const here = path.dirname(fileURLToPath(import.meta.url));

// The renderer is one static bundle (dist/renderer) that runs in Electron (app:// scheme) and in
// any Chromium from 127.0.0.1. Relative base so both work; everything, including DuckDB's wasm and
// workers and maplibre's worker, is bundled locally: the app never loads anything remote.
export default defineConfig({
  root: here,
  base: './',
  plugins: [react()],
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  build: {
    outDir: path.resolve(here, '../dist/renderer'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  worker: { format: 'es' },
  server: { host: '127.0.0.1', strictPort: false },
});
