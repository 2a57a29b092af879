/**
 * The browser build's host adapter: `npm run serve` exposes `LiveSessionApi` to the page it
 * serves at `POST /__live/<method>` (JSON array of arguments in, a Result out), so the plain
 * browser build can host a live session like the desktop app does over IPC.
 *
 * Only the page of this very server may call it: the server listens on 127.0.0.1 only, and a
 * call must carry `Origin` equal to the server's origin and `Host` equal to its host (refusing
 * other web pages in the same browser and DNS-rebinding tricks) and `Content-Type:
 * application/json` (which a cross-site form or simple fetch cannot send without a CORS
 * preflight, which this endpoint never answers).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ZodType } from 'zod';
import { err } from '../../../shared/base/result';
import { LIVE_METHODS, type LiveMethod } from '../../../shared/contract/channels';
import { LIVE_ARG_SCHEMAS, type LiveSessionApi } from '../../../shared/contract/live-session-api';
import { parseHostArgs, type HostReply } from '../../main/ipc-envelope';

/** URL prefix of the control endpoint. */
export const LIVE_CONTROL_PREFIX = '/__live/';
/** Largest request body: the base map style (streets as GeoJSON) can be a few megabytes. */
const MAX_BODY = 64 * 1024 * 1024;

/**
 * A request handler for the static server's `handle` hook: answers `/__live/*` and returns true,
 * or returns false for every other path. `origin` is the server's own origin (`http://127.0.0.1:PORT`).
 */
export function createLiveControlHandler(api: LiveSessionApi, origin: () => string) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const url = req.url ?? '/';
    if (!url.startsWith(LIVE_CONTROL_PREFIX)) return false;
    const reply = (status: number, body: HostReply | string) => {
      res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json', 'cache-control': 'no-store' });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    const own = new URL(origin());
    if (req.method !== 'POST') return (reply(405, 'POST only'), true);
    if (req.headers.origin !== own.origin || req.headers.host !== own.host) return (reply(403, 'forbidden'), true);
    if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) return (reply(415, 'application/json only'), true);
    const method = url.slice(LIVE_CONTROL_PREFIX.length) as LiveMethod;
    if (!LIVE_METHODS.includes(method)) return (reply(404, 'unknown method'), true);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY) return (reply(413, 'too large'), true);
      chunks.push(chunk as Buffer);
    }
    let args: unknown;
    try {
      args = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      reply(200, err({ kind: 'invalid-argument', name: `${LIVE_CONTROL_PREFIX}${method}`, value: 'body', expected: 'a JSON array of arguments' }));
      return true;
    }
    const parsed = parseHostArgs(`${LIVE_CONTROL_PREFIX}${method}`, LIVE_ARG_SCHEMAS[method] as unknown as ZodType<unknown[]>, Array.isArray(args) ? args : [args]);
    if (!parsed.ok) return (reply(200, parsed), true);
    try {
      const impl = (api[method] as (...a: unknown[]) => Promise<HostReply>).bind(api);
      reply(200, await impl(...parsed.value));
    } catch (e) {
      reply(200, err({ kind: 'internal', message: `${method}: ${e instanceof Error ? e.message : String(e)}` }));
    }
    return true;
  };
}
