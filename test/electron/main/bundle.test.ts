import { mkdtemp, readFile, rm } from 'node:fs/promises';
import Module, { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBuilder } from 'vite';
import { HOST_BRIDGE_GLOBAL, HOST_METHODS, hostChannel, LIVE_BRIDGE_GLOBAL, LIVE_METHODS, liveChannel } from '../../../shared/contract/channels';
import { fakeElectron, recorded } from './fake-electron';

// Builds electron/vite.config.ts into a temporary folder (never dist/) and loads the real CommonJS
// output against the fake electron module: what ships is what is checked.
const repoRoot = path.resolve(import.meta.dirname, '../../..');
let outDir: string;

/** Loads a CJS bundle with `require('electron')` answered by the fake. */
function loadWithFakeElectron(file: string): void {
  const mod = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const original = mod._load;
  mod._load = (request, ...rest) => (request === 'electron' ? fakeElectron : original(request, ...rest));
  try {
    createRequire(import.meta.url)(file);
  } finally {
    mod._load = original;
  }
}

/** Every `require("x")` in a bundle. */
function requiredModules(code: string): string[] {
  return [...new Set([...code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]!))];
}

describe('electron build output', () => {
  beforeAll(async () => {
    outDir = await mkdtemp(path.join(tmpdir(), 'spi-electron-build-'));
    const builder = await createBuilder({
      configFile: path.join(repoRoot, 'electron/vite.config.ts'),
      logLevel: 'silent',
      environments: { electronMain: { build: { outDir } }, electronPreload: { build: { outDir } } },
    });
    await builder.buildApp();
  }, 120_000);
  afterAll(async () => {
    await rm(outDir, { recursive: true, force: true });
  });

  it('main.cjs requires nothing but electron and Node built-ins', async () => {
    const code = await readFile(path.join(outDir, 'main.cjs'), 'utf8');
    const allowed = (m: string): boolean => m === 'electron' || m.startsWith('node:') || builtinModules.includes(m);
    expect(requiredModules(code).filter((m) => !allowed(m))).toEqual([]);
    // Bundled libraries keep JSDoc type comments like `@type {import('x').T}`: only code counts.
    const withoutComments = code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    // Methods named `import` (@peculiar/x509, under selfsigned: `x.import(data)`, `import(data) {`) are not dynamic imports.
    const withoutImportMethods = withoutComments.replace(/\.import\s*\(/g, '.load(').replace(/^\s*import\s*\([\w, ]*\)\s*\{/gm, 'load() {');
    expect(withoutImportMethods).not.toMatch(/\bimport\s*\(|import\.meta/);
  });

  it('preload.cjs requires only electron and carries no zod', async () => {
    const code = await readFile(path.join(outDir, 'preload.cjs'), 'utf8');
    expect(requiredModules(code)).toEqual(['electron']);
    expect(code).not.toMatch(/ZodError|safeParse|\$ZodType/);
    expect(code.length).toBeLessThan(10_000);
  });

  it('preload.cjs exposes exactly the contract methods, each invoking its channel', async () => {
    loadWithFakeElectron(path.join(outDir, 'preload.cjs'));
    const api = recorded.exposed.get(HOST_BRIDGE_GLOBAL) as Record<string, (...a: unknown[]) => Promise<unknown>>;
    expect([...recorded.exposed.keys()]).toEqual([HOST_BRIDGE_GLOBAL, LIVE_BRIDGE_GLOBAL]);
    expect(Object.keys(api).sort()).toEqual([...HOST_METHODS].sort());
    const live = recorded.exposed.get(LIVE_BRIDGE_GLOBAL) as Record<string, unknown>;
    expect(Object.keys(live).sort()).toEqual([...LIVE_METHODS].sort());
    expect(Object.isFrozen(live)).toBe(true);
    expect(Object.isFrozen(api)).toBe(true);
    await api.getAutosave!('session');
    expect(recorded.invoked).toEqual([[hostChannel('getAutosave'), 'session']]);
  });

  it('main.cjs starts against the fake: window, protocol and every IPC channel', async () => {
    const { warn, info } = console;
    console.warn = console.info = () => undefined;
    try {
      loadWithFakeElectron(path.join(outDir, 'main.cjs'));
      await new Promise((r) => setTimeout(r, 0));
    } finally {
      Object.assign(console, { warn, info });
    }
    expect(recorded.loadedUrls).toEqual(['app://workbench/index.html']);
    expect([...recorded.ipcHandlers.keys()].sort()).toEqual([...HOST_METHODS.map(hostChannel), ...LIVE_METHODS.map(liveChannel)].sort());
    const prefs = recorded.windows[0]!.options.webPreferences as { preload: string };
    expect(prefs.preload).toBe(path.join(outDir, 'preload.cjs'));
    const response = await recorded.protocolHandlers.get('app')!(new Request('app://workbench/index.html'));
    // The renderer folder is ../renderer next to the bundle; absent in this temp build: 404, not a throw.
    expect(response.status).toBe(404);
  });
});
