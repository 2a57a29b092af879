/**
 * The `app://workbench/` file server, as plain Node (no 'electron' import): `main.ts` turns the
 * `AppResponse` into a fetch `Response` inside `protocol.handle('app', ...)`.
 */
import { readFile, stat } from 'node:fs/promises';
import nodePath from 'node:path';
import { CONTENT_SECURITY_POLICY, resolveAppFile } from './security-policy';

/** MIME types of the files Vite emits into dist/renderer (lowercase extension, with the dot). */
const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.geojson': 'application/geo+json',
  '.map': 'application/json; charset=utf-8',
  // WebAssembly.instantiateStreaming refuses anything but exactly application/wasm.
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.pbf': 'application/x-protobuf',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.arrow': 'application/vnd.apache.arrow.file',
  '.parquet': 'application/vnd.apache.parquet',
  '.pdf': 'application/pdf',
};

/**
 * MIME type for a file path by its extension (case-insensitive); `application/octet-stream` for
 * anything unknown, which `X-Content-Type-Options: nosniff` keeps from being run as script.
 */
export function mimeTypeFor(filePath: string): string {
  return MIME_TYPES[nodePath.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/** A protocol response as plain values: status, headers, body bytes. */
export interface AppResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array | null;
}

/** Headers on every app:// response, errors included. */
function baseHeaders(): Record<string, string> {
  return {
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-resource-policy': 'same-origin',
    'cache-control': 'no-cache',
  };
}

/** A plain-text response (errors). */
function textResponse(status: number, text: string, extra: Record<string, string> = {}): AppResponse {
  return {
    status,
    headers: { ...baseHeaders(), 'content-type': 'text/plain; charset=utf-8', ...extra },
    body: new TextEncoder().encode(text),
  };
}

/** File-system reads the server needs; injectable for tests. Defaults to node:fs/promises. */
export interface AppFileReader {
  stat(path: string): Promise<{ isFile(): boolean; isDirectory(): boolean }>;
  readFile(path: string): Promise<Uint8Array>;
}

const nodeReader: AppFileReader = { stat, readFile };

/**
 * Answers one request to `app://workbench/...` from the files under `root` (dist/renderer).
 * - only GET and HEAD (405 otherwise); a URL outside the app origin or escaping `root` is 403;
 * - a missing file is 404 (no single-page fallback: a missing .wasm must not come back as HTML);
 * - a directory without the trailing slash redirects to it (308), so relative URLs resolve;
 * - every response carries the CSP and `nosniff`.
 * Never throws: read errors become 500 with the message.
 */
export async function serveAppRequest(
  root: string,
  method: string,
  url: string,
  fs: AppFileReader = nodeReader,
): Promise<AppResponse> {
  if (method !== 'GET' && method !== 'HEAD') return textResponse(405, `${method} not allowed`, { allow: 'GET, HEAD' });
  const file = resolveAppFile(root, url);
  if (file === null) return textResponse(403, `${url}: outside the application`);
  try {
    const info = await fs.stat(file).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT' || e.code === 'ENOTDIR') return null;
      throw e;
    });
    if (info === null) return textResponse(404, `${url}: not found`);
    if (info.isDirectory()) {
      const u = new URL(url);
      u.pathname += '/';
      return textResponse(308, 'moved', { location: u.toString() });
    }
    if (!info.isFile()) return textResponse(403, `${url}: not a file`);
    const body = method === 'HEAD' ? null : await fs.readFile(file);
    return { status: 200, headers: { ...baseHeaders(), 'content-type': mimeTypeFor(file) }, body };
  } catch (e) {
    return textResponse(500, `${url}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
