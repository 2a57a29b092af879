/**
 * The host contract's method names and IPC channel names, with no dependency at all (no zod).
 *
 * Why a separate file: the Electron preload script runs sandboxed and must be ONE self-contained
 * CommonJS file; it needs the channel names but not the argument schemas. Importing them from
 * `host-api.ts` would bundle zod into the preload. `host-api.ts` re-exports these names and checks
 * at compile time that `HOST_METHODS` matches the keys of `HostApi`.
 */

/** Every method of `HostApi`, in a stable order. */
export const HOST_METHODS = [
  'getAppInfo',
  'openFiles',
  'saveFile',
  'listRecentProjects',
  'addRecentProject',
  'openRecentProject',
  'putAutosave',
  'getAutosave',
] as const;

/** The name of one `HostApi` method. */
export type HostMethod = (typeof HOST_METHODS)[number];

/** IPC channel for a method: derived, so the two sides cannot drift apart. */
export function hostChannel(method: HostMethod): string {
  return `spi-host:${method}`;
}

/** The name under which the preload script exposes the bridge on `window`. */
export const HOST_BRIDGE_GLOBAL = 'spiHost';

/**
 * Every method of `LiveSessionApi` (live sessions across the LAN, ./live-session-api.ts), in a
 * stable order. A separate list and bridge so hosts without live sessions stay valid `HostApi`s.
 */
export const LIVE_METHODS = [
  'listLiveInterfaces',
  'startLiveSession',
  'endLiveSession',
  'renewLiveCode',
  'removeLiveGuest',
  'setLiveController',
  'publishLive',
  'pollLiveEvents',
] as const;

/** The name of one `LiveSessionApi` method. */
export type LiveMethod = (typeof LIVE_METHODS)[number];

/** IPC channel of a live-session method. */
export function liveChannel(method: LiveMethod): string {
  return `spi-live:${method}`;
}

/** The name under which the preload script exposes the live-session bridge on `window`. */
export const LIVE_BRIDGE_GLOBAL = 'spiLive';
