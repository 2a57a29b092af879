/**
 * Build of the Electron layer: `vite build --config electron/vite.config.ts` writes
 *   dist/electron/main.cjs     (main process; package.json "main")
 *   dist/electron/preload.cjs  (sandboxed preload)
 * as self-contained CommonJS files. Only `electron` and Node built-ins stay `require`d; shared/,
 * zod and everything else is bundled in. A sandboxed preload can require nothing but `electron`
 * (and a few polyfilled modules), so each entry is its own build with code splitting off: one
 * build with two inputs would move shared code into a chunk the preload could not load.
 */
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type EnvironmentOptions } from 'vite';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(repoRoot, 'dist', 'electron');

/** What stays a `require` in the output: Electron and Node's own modules. */
const external: (string | RegExp)[] = ['electron', /^electron\//, /^node:/, ...builtinModules];

/** One Node-side CJS bundle: `entry` (relative to the repo) -> dist/electron/`fileName`. */
function cjsBundle(entry: string, fileName: string, emptyOutDir: boolean): EnvironmentOptions {
  return {
    consumer: 'server',
    resolve: {
      // Bundle every dependency (zod, shared/): the packaged app ships no node_modules.
      noExternal: true,
      builtins: external,
      conditions: ['node', 'import', 'default'],
    },
    build: {
      outDir,
      emptyOutDir,
      // Electron 41 runs Node 24 in main and Chromium 14x in the preload; node20 is safe for both.
      target: 'node20',
      minify: false,
      sourcemap: false,
      copyPublicDir: false,
      reportCompressedSize: false,
      rolldownOptions: {
        input: { [path.basename(fileName, '.cjs')]: path.join(repoRoot, entry) },
        external,
        platform: 'node',
        output: {
          format: 'cjs',
          entryFileNames: fileName,
          codeSplitting: false,
        },
      },
    },
  };
}

export default defineConfig({
  root: repoRoot,
  publicDir: false,
  logLevel: 'info',
  environments: {
    electronMain: cjsBundle('electron/main/main.ts', 'main.cjs', true),
    electronPreload: cjsBundle('electron/preload/preload.ts', 'preload.cjs', false),
  },
  builder: {
    // Only our two environments, in order (main empties dist/electron first); never the default
    // client build, which would look for an index.html at the repo root.
    async buildApp(builder) {
      const { electronMain, electronPreload } = builder.environments;
      if (!electronMain || !electronPreload) throw new Error('electron/vite.config.ts: environments missing');
      await builder.build(electronMain);
      await builder.build(electronPreload);
    },
  },
});
