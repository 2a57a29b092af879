/**
 * What the session server serves over HTTPS to a guest's browser: the renderer's code in guest
 * mode and nothing else. `/` redirects to `/guest` (index.html; the renderer sees the path and
 * starts as a guest), `/assets/<file>.js|.mjs|.css` are the bundle's scripts and styles. Every
 * other path, including the bundled sample project and DuckDB's wasm, answers 404: the guest
 * needs no data file, and none is offered.
 */
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { buildContentSecurityPolicy, CSP_DIRECTIVES } from '../../main/security-policy';
import { LIVE_GUEST_PATH } from '../../../shared/domain/session/live-protocol';

/** The workbench's CSP (electron/main/security-policy.ts) sent with every guest response. */
export const GUEST_CSP = buildContentSecurityPolicy(CSP_DIRECTIVES);

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** Maps a request path to a file of `root`, or null when guests may not have it. */
export function resolveGuestAsset(root: string, pathname: string): string | null {
  if (pathname === LIVE_GUEST_PATH) return path.join(root, 'index.html');
  const m = /^\/assets\/([A-Za-z0-9_-][A-Za-z0-9._-]{0,200})$/.exec(pathname);
  if (!m || m[1]!.includes('..') || !TYPES[path.extname(m[1]!)]) return null;
  return path.join(root, 'assets', m[1]!);
}

/** Security headers of every response. */
function headers(type: string): Record<string, string> {
  return {
    'content-type': type,
    'content-security-policy': GUEST_CSP,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  };
}

/** Answers one HTTPS request of a guest's browser (GET/HEAD only). */
export async function serveGuestRequest(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  let pathname: string;
  try {
    pathname = new URL(req.url ?? '/', 'https://127.0.0.1').pathname;
  } catch {
    res.writeHead(400).end();
    return;
  }
  if (pathname === '/' || pathname === '/index.html') {
    res.writeHead(302, { location: LIVE_GUEST_PATH, 'cache-control': 'no-store' }).end();
    return;
  }
  if (pathname === '/favicon.ico') {
    res.writeHead(204, { 'cache-control': 'no-store' }).end();
    return;
  }
  const file = resolveGuestAsset(root, pathname);
  if (!file) {
    res.writeHead(404, headers('text/plain; charset=utf-8')).end('not found');
    return;
  }
  try {
    const body = await readFile(file);
    res.writeHead(200, headers(pathname === LIVE_GUEST_PATH ? 'text/html; charset=utf-8' : TYPES[path.extname(file)]!));
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch {
    res.writeHead(404, headers('text/plain; charset=utf-8')).end('not found');
  }
}
