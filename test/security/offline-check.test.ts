import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TOOL = path.join(ROOT, 'electron/tools/check-offline.mjs');

interface Report {
  sourceFiles: number;
  bundleFiles: number;
  hits: number;
  offending: { file: string; line: number; column: number; url: string; kind: string }[];
  allowed: Record<string, { source: number; bundle: number; urls: Record<string, number> }>;
}

/** Runs the tool as CI does; returns its exit code, its text output and its --json report. */
function run(args: string[]): { code: number; text: string; report: Report } {
  const text = spawnSync(process.execPath, [TOOL, ...args], { encoding: 'utf8' });
  const json = spawnSync(process.execPath, [TOOL, ...args, '--json'], { encoding: 'utf8', maxBuffer: 1 << 26 });
  expect(json.status).toBe(text.status);
  return { code: text.status ?? -1, text: text.stdout + text.stderr, report: JSON.parse(json.stdout) as Report };
}

describe('static offline check (electron/tools/check-offline.mjs)', () => {
  it('finds no remote reference in the source files of the repository', () => {
    const { code, text, report } = run(['--no-dist']);
    expect(text).toMatch(/ 0 offending\n/);
    expect(code).toBe(0);
    expect(report.sourceFiles).toBeGreaterThan(100);
    expect(report.bundleFiles).toBe(0);
  });

  it('finds none in the built bundle either (dist/renderer, dist/electron), when it is built', () => {
    const { code, text, report } = run(['--dist-only']);
    expect(text).toMatch(/ 0 offending\n/);
    expect(code).toBe(0);
    expect(report.bundleFiles > 0).toBe(existsSync(path.join(ROOT, 'dist/renderer')) || existsSync(path.join(ROOT, 'dist/electron')));
  });

  describe('in a folder with planted remote references', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'spi-offline-'));
      const put = (name: string, content: string | Uint8Array) => {
        mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        writeFileSync(path.join(dir, name), content);
      };
      put('index.html', '<!doctype html>\n<script src="https://cdn.example.com/lib.js"></script>\n<link rel="stylesheet" href="//cdn.example.com/x.css">\n');
      put('styles.css', '@import url("https://fonts.example.com/css?family=Roboto");\nbody { background: url(//img.example.com/a.png); }\n.ok { mask: url("data:image/svg+xml,<svg xmlns=\'http://www.w3.org/2000/svg\'/>"); }\n');
      put('src/app.ts', "const a = fetch('http://telemetry.example.com/collect');\nconst b = new WebSocket('wss://socket.example.com/live');\nconst ok = ['http://127.0.0.1:5173/', 'http://localhost/', 'http://www.w3.org/2000/svg'];\n");
      put('resources/style.json', '{"sources": {"streets": {"type": "vector", "tiles": ["https://tiles.example.com/{z}/{x}/{y}.pbf"]}}}\n');
      put('package-lock.json', '{"resolved": "https://registry.npmjs.org/x/-/x-1.0.0.tgz"}\n');
      put('node_modules/x/index.js', "fetch('https://registry.npmjs.org/x');\n");
      put('dist/renderer/assets/app.js', 'const u="https://update.example.com/latest.yml";\nthrow Error("see https://react.dev/errors/ for help");\n');
      put('dist/electron/engine.wasm', new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, ...new TextEncoder().encode('\u0000https://example.com/\u0000')]));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('fails and names every offending file:line:url, and nothing that is local, a namespace or excluded', () => {
      const { code, text, report } = run(['--root', dir]);
      expect(code).toBe(1);
      const found = report.offending.map((h) => `${h.file}:${h.line}: ${h.kind} ${h.url}`).sort();
      expect(found).toEqual(
        [
          'dist/electron/engine.wasm:0: remote URL https://example.com/',
          'dist/renderer/assets/app.js:1: remote URL https://update.example.com/latest.yml',
          // The React decoder link is allowed only in React's own `"...errors/" + code` form: here
          // it is a plain string, so it is reported.
          'dist/renderer/assets/app.js:2: remote URL https://react.dev/errors/',
          'index.html:2: remote resource https://cdn.example.com/lib.js',
          'index.html:3: protocol-relative reference //cdn.example.com/x.css',
          'resources/style.json:1: remote URL https://tiles.example.com/{z}/{x}/{y}.pbf',
          'src/app.ts:1: fetch of a remote URL http://telemetry.example.com/collect',
          'src/app.ts:2: remote socket wss://socket.example.com/live',
          'styles.css:1: remote @import https://fonts.example.com/css?family=Roboto',
          'styles.css:2: protocol-relative reference //img.example.com/a.png',
        ].sort(),
      );
      expect(text).toContain('src/app.ts:1:18: fetch of a remote URL http://telemetry.example.com/collect');
      expect(text).toMatch(/dist\/electron\/engine\.wasm@\d+: remote URL https:\/\/example\.com\//);
      expect(text).toMatch(/10 offending\n/);
      expect(report.allowed['xml-namespaces']).toMatchObject({ source: 2 });
    });

    it('checks only the bundle with --dist-only and only the sources with --no-dist', () => {
      expect(run(['--root', dir, '--dist-only']).report.offending.map((h) => h.file).sort()).toEqual(['dist/electron/engine.wasm', 'dist/renderer/assets/app.js', 'dist/renderer/assets/app.js']);
      expect(run(['--root', dir, '--no-dist']).report.offending.every((h) => !h.file.startsWith('dist/'))).toBe(true);
    });
  });
});
