// A minimal static file server for the built renderer, bound to 127.0.0.1 only.
// Used by `npm run serve` (the browser build) and by the end-to-end tests.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

// The same Content-Security-Policy as the desktop app (electron/main/security-policy.ts) and the
// page's meta tag, sent as a header so that workers get it too.
export const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; " +
  "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self' data: blob:; object-src 'none'; base-uri 'none'; " +
  "form-action 'none'; frame-ancestors 'none'";

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.geojson': 'application/geo+json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.pbf': 'application/x-protobuf',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
};

/**
 * Serves `root` on 127.0.0.1:`port` (0 picks a free port). Resolves to `{url, close}`.
 * Paths are confined to `root`; unknown paths fall back to index.html (single-page app).
 * `options.handle(req, res)`, when given, sees every request first and returns true when it
 * answered it (`npm run serve` adds the live-session control endpoint this way).
 */
export async function startStaticServer(root, port = 0, options = {}) {
  const absRoot = path.resolve(root);
  const server = createServer(async (req, res) => {
    try {
      if (options.handle && (await options.handle(req, res))) return;
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      let file = path.resolve(absRoot, '.' + decodeURIComponent(url.pathname));
      if (!file.startsWith(absRoot)) {
        res.writeHead(403).end('forbidden');
        return;
      }
      const info = await stat(file).catch(() => null);
      if (!info || info.isDirectory()) file = path.join(absRoot, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
        'cache-control': 'no-cache',
        'content-security-policy': CSP,
        'x-content-type-options': 'nosniff',
      });
      res.end(body);
    } catch (e) {
      res.writeHead(500).end(String(e));
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const address = server.address();
  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
