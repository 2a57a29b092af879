import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  CONTENT_SECURITY_POLICY,
  CSP_DIRECTIVES,
  isAllowedNavigation,
  isAllowedRequestUrl,
  isAppUrl,
  isTrustedSender,
  resolveAppFile,
} from '../../../electron/main/security-policy';

describe('request filter: nothing leaves the machine', () => {
  it.each([
    'app://workbench/index.html',
    'app://workbench/assets/duckdb-eh.wasm',
    'APP://WORKBENCH/assets/x.js',
    'app://workbench/',
    'app://workbench/../..',
    'data:image/png;base64,iVBORw0KGgo=',
    'blob:app://workbench/0d3c0f0e-1111-2222-3333-444455556666',
    'devtools://devtools/bundled/inspector.html',
  ])('allows %s', (url) => {
    expect(isAllowedRequestUrl(url)).toBe(true);
  });

  it.each([
    'http://127.0.0.1:5173/',
    'http://localhost/',
    'https://unpkg.com/@loaders.gl/worker.js',
    'https://tiles.example.org/1/2/3.pbf',
    'ws://127.0.0.1:24678/',
    'wss://example.org/socket',
    'ftp://example.org/file',
    'file:///etc/passwd',
    'file:///C:/Windows/win.ini',
    'app://other-host/index.html',
    'app://workbench:8080/index.html',
    'app://user:pw@workbench/index.html',
    'chrome-extension://abc/page.html',
    'chrome://settings',
    'javascript:alert(1)',
    'about:blank',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(isAllowedRequestUrl(url)).toBe(false);
  });
});

describe('navigation filter', () => {
  it('allows only the app origin', () => {
    expect(isAllowedNavigation(APP_ENTRY_URL)).toBe(true);
    expect(isAllowedNavigation('app://workbench/index.html#/explore')).toBe(true);
    for (const url of ['https://example.org/', 'file:///tmp/x.html', 'data:text/html,<h1>x', 'blob:app://workbench/x', 'about:blank']) {
      expect(isAllowedNavigation(url), url).toBe(false);
    }
  });

  it('isAppUrl ignores look-alike hosts', () => {
    expect(isAppUrl('app://workbench.evil/x')).toBe(false);
    expect(isAppUrl('app://evil/workbench/x')).toBe(false);
  });
});

describe('Content-Security-Policy', () => {
  it('names no remote source, wildcard or JavaScript eval', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|wss?:|\*/);
    expect(CONTENT_SECURITY_POLICY).not.toContain("'unsafe-eval'");
    for (const [name, sources] of Object.entries(CSP_DIRECTIVES)) {
      for (const source of sources) {
        expect(["'self'", "'none'", "'wasm-unsafe-eval'", "'unsafe-inline'", 'data:', 'blob:'], `${name} ${source}`).toContain(source);
      }
    }
  });

  it('is the policy the workbench asks for', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; " +
        "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
        "connect-src 'self' data: blob:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
  });

  it('keeps scripts to our own files and WebAssembly (no inline script)', () => {
    expect(CSP_DIRECTIVES['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'"]);
  });
});

describe('IPC sender trust', () => {
  const good = { frameUrl: 'app://workbench/index.html', isMainFrame: true, isOurWindow: true };
  it('trusts only the main frame of our window on the app origin', () => {
    expect(isTrustedSender(good)).toBe(true);
    expect(isTrustedSender({ ...good, isMainFrame: false })).toBe(false);
    expect(isTrustedSender({ ...good, isOurWindow: false })).toBe(false);
    expect(isTrustedSender({ ...good, frameUrl: null })).toBe(false);
    expect(isTrustedSender({ ...good, frameUrl: 'http://127.0.0.1:5173/' })).toBe(false);
    expect(isTrustedSender({ ...good, frameUrl: 'file:///app/index.html' })).toBe(false);
  });
});

describe('resolveAppFile: confinement to the renderer folder', () => {
  const root = path.resolve('/srv/spi/dist/renderer');

  it('maps app paths into the root', () => {
    expect(resolveAppFile(root, 'app://workbench/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://workbench/assets/a%20b.js?v=1#x')).toBe(path.join(root, 'assets', 'a b.js'));
    expect(resolveAppFile(root, 'app://workbench/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://workbench/assets/')).toBe(path.join(root, 'assets', 'index.html'));
  });

  it('normalises URL-level dot segments to stay inside the root', () => {
    // The URL parser resolves `..` (literal or %2e%2e) before we see the path: the result is inside.
    expect(resolveAppFile(root, 'app://workbench/../../etc/passwd')).toBe(path.join(root, 'etc', 'passwd'));
    expect(resolveAppFile(root, 'app://workbench/%2e%2e/%2e%2e/etc/passwd')).toBe(path.join(root, 'etc', 'passwd'));
    // An encoded leading slash is an empty segment, not an absolute path.
    expect(resolveAppFile(root, 'app://workbench/%2fetc%2fpasswd')).toBe(path.join(root, 'etc', 'passwd'));
  });

  it.each([
    'app://workbench/..%2f..%2fetc%2fpasswd',
    'app://workbench/assets/..%2f..%2f..%2fsecret',
    'app://workbench/%2e%2e%2f%2e%2e%2fsecret',
    'app://workbench/..%5c..%5cwindows%5cwin.ini',
    'app://workbench/assets%5c..%5c..%5csecret',
    'app://workbench/C:%5cWindows%5cwin.ini',
    'app://workbench/C:/Windows/win.ini',
    'app://workbench/index.html%00.png',
    'app://workbench/%E0%A4%A',
    'app://workbench/nul',
    'app://workbench/assets/con.txt',
    'app://workbench/index.html.',
    'app://workbench/index.html::$DATA',
    'app://other/index.html',
    'file:///etc/passwd',
    'http://127.0.0.1/index.html',
  ])('refuses %s', (url) => {
    expect(resolveAppFile(root, url)).toBeNull();
  });

  it('applies the same rules with Windows paths', () => {
    const winRoot = 'C:\\Program Files\\SPI Workbench\\resources\\app.asar\\dist\\renderer';
    expect(resolveAppFile(winRoot, 'app://workbench/assets/x.js', path.win32)).toBe(`${winRoot}\\assets\\x.js`);
    expect(resolveAppFile(winRoot, 'app://workbench/..%5c..%5cx', path.win32)).toBeNull();
    expect(resolveAppFile(winRoot, 'app://workbench/D:%5cx', path.win32)).toBeNull();
    expect(resolveAppFile(winRoot, 'app://workbench/%2f%2fserver%2fshare%2fx', path.win32)).not.toMatch(/^\\\\server/);
  });

  it('never returns a path outside the root, whatever the input', () => {
    const samples = ['..', '%2e%2e', '%2f', '%5c', 'a', '.', '%2e', '/', '%00', ':', '%2E', '\\'];
    let seed = 12345;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % samples.length;
    for (let i = 0; i < 5000; i++) {
      let p = '';
      for (let j = 0; j < 8; j++) p += samples[next()];
      const file = resolveAppFile(root, `app://workbench/${p}`);
      if (file === null) continue;
      const rel = path.relative(root, file);
      expect(rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel), p).toBe(false);
    }
  });
});
