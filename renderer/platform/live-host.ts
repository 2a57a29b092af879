import { err, type Result } from '../../shared/base/result';
import type { AppError } from '../../shared/base/errors';
import { LIVE_BRIDGE_GLOBAL, LIVE_METHODS, type LiveSessionApi } from '../../shared/contract/live-session-api';

type Bridge = Record<string, (...args: unknown[]) => Promise<unknown>>;

/**
 * The live-session host of this renderer: in Electron the preload's `window.spiLive` bridge (IPC
 * to the main process); in the browser build the loopback control endpoint of `npm run serve`
 * (`POST /__live/<method>`, same-origin). Both give the same `LiveSessionApi`; a rejected call
 * (main gone, endpoint missing) becomes an AppError, never an exception.
 */
export function detectLiveHost(): LiveSessionApi {
  const bridge = (globalThis as Record<string, unknown>)[LIVE_BRIDGE_GLOBAL];
  return bridge && typeof bridge === 'object' ? createElectronLiveHost(bridge as Bridge) : createBrowserLiveHost();
}

/** Forwards each method to the preload bridge. */
export function createElectronLiveHost(bridge: Bridge): LiveSessionApi {
  const api = {} as Record<string, unknown>;
  for (const method of LIVE_METHODS) {
    api[method] = async (...args: unknown[]) => {
      try {
        return await bridge[method]!(...args);
      } catch (e) {
        return err({ kind: 'internal', message: `${method}: ${e instanceof Error ? e.message : String(e)}` });
      }
    };
  }
  return api as unknown as LiveSessionApi;
}

/**
 * The browser build's adapter: each method is a same-origin JSON POST to `/__live/<method>`
 * (allowed by the CSP's `connect-src 'self'`). Only `npm run serve` answers it; a plain static
 * server or the dev server answers 404 and the panel says live sessions need `npm run serve`.
 */
export function createBrowserLiveHost(base: string = location.origin): LiveSessionApi {
  const api = {} as Record<string, unknown>;
  for (const method of LIVE_METHODS) {
    api[method] = async (...args: unknown[]): Promise<Result<unknown, AppError>> => {
      try {
        const res = await fetch(`${base}/__live/${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(args) });
        if (res.status === 404 || res.status === 405) {
          return err({ kind: 'denied', what: 'live session', reason: 'this browser build was not started with "npm run serve", which hosts live sessions' });
        }
        if (!res.ok) return err({ kind: 'internal', message: `${method}: HTTP ${res.status}` });
        return (await res.json()) as Result<unknown, AppError>;
      } catch (e) {
        return err({ kind: 'internal', message: `${method}: ${e instanceof Error ? e.message : String(e)}` });
      }
    };
  }
  return api as unknown as LiveSessionApi;
}
