import { z } from '../base/schema';
import type { AppError } from '../base/errors';
import type { Result } from '../base/result';
import type { BindableInterface } from '../domain/session/live-address';
import type { HostPublish, LiveEvent, LiveGuest } from '../domain/session/live-protocol';
import type { LIVE_METHODS } from './channels';

/**
 * The host side of a live session (issue 11, "Across the LAN"): the workbench hosts a TLS session
 * server that partners on the LAN join from a browser. A separate contract from `HostApi` so that
 * hosts without it stay valid: Electron implements it in the main process (IPC channels
 * `spi-live:<method>`, exposed by the preload as `window.spiLive`); the browser build reaches the
 * same implementation through `npm run serve`'s loopback-only control endpoint
 * (`renderer/platform/live-browser.ts`). Every method resolves to a Result.
 *
 * Events reach the renderer by long polling (`pollLiveEvents`), which works the same over IPC and
 * over HTTP: the call returns as soon as there is an event, or after `waitMs` with none.
 */
export interface LiveSessionApi {
  /** The machine's loopback and private IPv4 addresses a session may bind to (loopback first). */
  listLiveInterfaces(): Promise<Result<BindableInterface[], AppError>>;
  /** Starts a session on `address` (refused unless loopback/private and the machine's own). */
  startLiveSession(request: StartLiveRequest): Promise<Result<LiveSessionInfo, AppError>>;
  /** Ends the session: every guest gets "Session ended" and is disconnected; the port closes. */
  endLiveSession(): Promise<Result<void, AppError>>;
  /** Replaces the join code with a fresh one (the old one stops working at once). */
  renewLiveCode(): Promise<Result<LiveSessionInfo, AppError>>;
  /** Disconnects one guest. */
  removeLiveGuest(guestId: string): Promise<Result<void, AppError>>;
  /** Lets one guest drive the view (`null`: the host drives again). */
  setLiveController(guestId: string | null): Promise<Result<void, AppError>>;
  /** Relays a view, map document, annotations, base map or privacy-profiled layer to every guest. */
  publishLive(message: HostPublish): Promise<Result<void, AppError>>;
  /** Events after `after` (a `seq`), waiting up to `waitMs` for one; also the session's state. */
  pollLiveEvents(request: PollLiveRequest): Promise<Result<LivePoll, AppError>>;
}

export const StartLiveRequestSchema = z.object({
  address: z.string().max(64),
  /** 1-16, default 4. */
  maxGuests: z.number().int().min(1).max(16).default(4),
  /** Minutes a join code stays valid, 1-60, default 10. */
  codeMinutes: z.number().int().min(1).max(60).default(10),
  /** Shown to guests ("Hosted by ..."). */
  hostName: z.string().max(120).default('Analyst'),
});
export type StartLiveRequest = z.input<typeof StartLiveRequestSchema>;

export const PollLiveRequestSchema = z.object({
  after: z.number().int().min(-1),
  /** 0-25000 ms. */
  waitMs: z.number().int().min(0).max(25_000).default(20_000),
});
export type PollLiveRequest = z.input<typeof PollLiveRequestSchema>;

/** The running session as the host panel shows it. */
export interface LiveSessionInfo {
  /** The address guests open in a browser (`IP:PORT/guest` over HTTPS). */
  url: string;
  address: string;
  port: number;
  /** SHA-256 of the session certificate, colon-separated upper-case hex. */
  fingerprint: string;
  code: string;
  /** Milliseconds since the epoch. */
  codeExpiresAt: number;
  codeUsed: boolean;
  startedAt: string;
  maxGuests: number;
  guests: LiveGuest[];
  /** The guest who drives the view, or null (the host). */
  controller: string | null;
}

/** One long-poll answer. `next` is the `after` of the following call. */
export interface LivePoll {
  events: LiveEvent[];
  next: number;
  session: LiveSessionInfo | null;
}

/** Argument schemas per method; main (and the browser control endpoint) validates with them. */
export const LIVE_ARG_SCHEMAS = {
  listLiveInterfaces: z.tuple([]),
  startLiveSession: z.tuple([StartLiveRequestSchema]),
  endLiveSession: z.tuple([]),
  renewLiveCode: z.tuple([]),
  removeLiveGuest: z.tuple([z.string().max(20)]),
  setLiveController: z.tuple([z.string().max(20).nullable()]),
  // The message itself is checked by parseHostPublish in the session server (one place).
  publishLive: z.tuple([z.record(z.string(), z.unknown())]),
  pollLiveEvents: z.tuple([PollLiveRequestSchema]),
} as const;

export { LIVE_BRIDGE_GLOBAL, LIVE_METHODS, liveChannel, type LiveMethod } from './channels';

/** Compile-time proof that the zod-free method list in ./channels names exactly LiveSessionApi's keys. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const liveMethodsMatch: Same<(typeof LIVE_METHODS)[number], keyof LiveSessionApi> = true;
void liveMethodsMatch;
