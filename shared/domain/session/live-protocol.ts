/**
 * The live-session wire protocol (across the LAN): what a guest's browser and the session server
 * say to each other over the WebSocket, and what the server reports to the host. View, map
 * document and annotations travel as the in-room view-sync messages (./view-sync.ts,
 * `NETWORK_SAFE_TYPES` only: never `scene`, which holds the raw points); this file adds what only
 * a network session needs: joining, guests, pointers, take-over, the base map's reference layers,
 * privacy-profiled shared layers, and the end. Every message is JSON; every received message is
 * validated here (a server never trusts a guest, a guest never trusts the wire).
 */
import { err, ok, type Result } from '../../base/result';
import { z } from '../../base/schema';
import type { Annotation } from './annotations';
import { mapViewSchema, NETWORK_SAFE_TYPES, parseSyncMessage, type MapViewState, type SyncMessage } from './view-sync';
import { sharedLayerSchema } from './live-shared-layer';

/** WebSocket sub-protocol name: a client speaking anything else is refused. */
export const LIVE_SUBPROTOCOL = 'spi-live.v1';
/** Path of the WebSocket endpoint on the session server. */
export const LIVE_SOCKET_PATH = '/live';
/** Path the guest opens in a browser (serves the renderer in guest mode). */
export const LIVE_GUEST_PATH = '/guest';
/** Largest message a guest may send, bytes: pointers, notes and short sketches fit easily. */
export const MAX_GUEST_MESSAGE_BYTES = 64 * 1024;

const lonLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const guestId = z.string().regex(/^g[0-9a-z]{1,16}$/);
const guestName = z.string().trim().min(1).max(60);

/** What a guest may send. The first message must be `join`; everything else before it is refused. */
export const guestMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('join'), code: z.string().regex(/^\d{4,12}$/), name: guestName }),
  /** Where the guest points on the map (lon/lat), or null when the pointer left the map. */
  z.object({ type: z.literal('pointer'), at: lonLat.nullable() }),
  /** A new annotation; the server stamps id, author (the guest's name) and time. */
  z.object({
    type: z.literal('annotate'),
    kind: z.enum(['pin', 'sketch', 'note']),
    text: z.string().max(2000),
    coordinates: z.array(lonLat).min(1).max(500),
  }),
  /** The guest's view; forwarded to the host only while the host lets this guest drive. */
  z.object({ type: z.literal('view'), view: mapViewSchema }),
  /** Ask to drive the view (`want: true`) or hand it back. */
  z.object({ type: z.literal('take-over'), want: z.boolean() }),
]);
export type GuestMessage = z.infer<typeof guestMessageSchema>;

/** The base map's reference layers (streets, beats, districts) as a maplibre style, and labels. */
export const basemapSchema = z.object({
  title: z.string().max(300),
  style: z.record(z.string(), z.unknown()),
  labels: z.array(z.object({ text: z.string().max(200), position: lonLat })).max(10_000),
  bounds: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable(),
});
export type LiveBasemap = z.infer<typeof basemapSchema>;

const guestSummary = z.object({ id: guestId, name: guestName });

/** Messages only a live session has (the server and the host send them to guests). */
export const liveMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('welcome'), guestId, name: guestName, fingerprint: z.string().max(200), hostName: z.string().max(120) }),
  z.object({ type: z.literal('refused'), reason: z.string().max(40), message: z.string().max(300) }),
  z.object({ type: z.literal('basemap'), basemap: basemapSchema }),
  z.object({ type: z.literal('shared-layers'), layers: z.array(sharedLayerSchema).max(8) }),
  z.object({ type: z.literal('guests'), guests: z.array(guestSummary).max(64), controller: guestId.nullable() }),
  z.object({ type: z.literal('pointer'), guestId, name: guestName, at: lonLat.nullable() }),
  z.object({ type: z.literal('ended'), reason: z.string().max(200) }),
  z.object({ type: z.literal('removed'), reason: z.string().max(200) }),
]);
export type LiveMessage = z.infer<typeof liveMessageSchema>;

/** Anything a guest receives: a network-safe view-sync message or a live-session message. */
export type GuestInbound = { channel: 'sync'; message: SyncMessage } | { channel: 'live'; message: LiveMessage };

/** What the host hands the server to relay: view-sync messages, the base map, shared layers. */
export type HostPublish = SyncMessage | Extract<LiveMessage, { type: 'basemap' | 'shared-layers' }>;

/** A protocol violation, naming the message type and field. */
export interface LiveProtocolError {
  kind: 'live-message-invalid';
  reason: string;
}

function describeIssue(value: unknown, error: z.ZodError): string {
  const issue = error.issues[0];
  const type = value && typeof value === 'object' ? String((value as { type?: unknown }).type ?? '?').slice(0, 40) : typeof value;
  return `${type} message, ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'}`;
}

/**
 * Parses one text frame from a guest. Refuses frames over {@link MAX_GUEST_MESSAGE_BYTES} (UTF-16
 * length as a cheap upper bound check first), non-JSON, and anything not in
 * {@link guestMessageSchema}.
 */
export function parseGuestMessage(text: string): Result<GuestMessage, LiveProtocolError> {
  if (text.length > MAX_GUEST_MESSAGE_BYTES) return err({ kind: 'live-message-invalid', reason: `message of ${text.length} characters (at most ${MAX_GUEST_MESSAGE_BYTES})` });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return err({ kind: 'live-message-invalid', reason: 'not JSON' });
  }
  const parsed = guestMessageSchema.safeParse(value);
  return parsed.success ? ok(parsed.data) : err({ kind: 'live-message-invalid', reason: describeIssue(value, parsed.error) });
}

/**
 * Parses what a guest receives: objects with a `v` field are view-sync messages (only the
 * network-safe types are accepted), the rest live-session messages.
 */
export function parseGuestInbound(value: unknown): Result<GuestInbound, LiveProtocolError> {
  if (value && typeof value === 'object' && 'v' in value) {
    const sync = parseSyncMessage(value);
    if (!sync.ok) return err({ kind: 'live-message-invalid', reason: sync.error.reason });
    if (!NETWORK_SAFE_TYPES.includes(sync.value.type)) return err({ kind: 'live-message-invalid', reason: `${sync.value.type} messages never cross the network` });
    return ok({ channel: 'sync', message: sync.value });
  }
  const parsed = liveMessageSchema.safeParse(value);
  return parsed.success ? ok({ channel: 'live', message: parsed.data }) : err({ kind: 'live-message-invalid', reason: describeIssue(value, parsed.error) });
}

/**
 * Validates what the host publishes before the server relays it: view-sync `view`, `map-doc`
 * and `annotations`, or live `basemap` / `shared-layers`. `scene` (raw points), `hello`/`bye`
 * and every other live message are refused: the server makes those itself.
 */
export function parseHostPublish(value: unknown): Result<HostPublish, LiveProtocolError> {
  const inbound = parseGuestInbound(value);
  if (!inbound.ok) return inbound;
  const m = inbound.value.message;
  if (inbound.value.channel === 'sync' && (m.type === 'view' || m.type === 'map-doc' || m.type === 'annotations')) return ok(m as SyncMessage);
  if (inbound.value.channel === 'live' && (m.type === 'basemap' || m.type === 'shared-layers')) return ok(m as HostPublish);
  return err({ kind: 'live-message-invalid', reason: `the host cannot publish ${m.type} messages` });
}

/** A guest as the host sees it. `address` is the guest's IP as the server saw it. */
export const liveGuestSchema = z.object({ id: guestId, name: guestName, address: z.string().max(64), joinedAt: z.string().max(40) });
export type LiveGuest = z.infer<typeof liveGuestSchema>;

/** Why a guest left. */
export type LeaveReason = 'closed' | 'removed' | 'ended' | 'protocol';

/**
 * What the server reports to the host, in order (`seq` increases by one per event; `at` is ISO
 * 8601 UTC). The server makes these itself, so they are typed, not parsed.
 */
export type LiveEvent = { seq: number; at: string } & (
  | { type: 'joined'; guest: LiveGuest }
  | { type: 'left'; guest: LiveGuest; reason: LeaveReason }
  | { type: 'refused'; address: string; name: string; reason: string }
  | { type: 'pointer'; guestId: string; name: string; point: [number, number] | null }
  | { type: 'annotation'; guestId: string; annotation: Annotation }
  | { type: 'take-over-request'; guestId: string; name: string; want: boolean }
  | { type: 'view'; guestId: string; view: MapViewState }
  | { type: 'code'; code: string; expiresAt: number }
  | { type: 'ended'; reason: string }
);

/** An event before the server numbers and dates it. */
export type LiveEventBody = LiveEvent extends infer E ? (E extends LiveEvent ? Omit<E, 'seq' | 'at'> : never) : never;

/** Events the project log records (who joined, left, was refused, and when the session ended). */
export function isLoggedEvent(e: LiveEvent): boolean {
  return e.type === 'joined' || e.type === 'left' || e.type === 'refused' || e.type === 'ended';
}

/**
 * A short line for the host's activity list and the project log: `Dana (192.168.1.20) joined`.
 * Returns null for events that are not logged.
 */
export function describeLiveEvent(e: LiveEvent): string | null {
  switch (e.type) {
    case 'joined':
      return `${e.guest.name} (${e.guest.address}) joined`;
    case 'left':
      return `${e.guest.name} (${e.guest.address}) left${e.reason === 'closed' ? '' : e.reason === 'removed' ? ': removed by the host' : e.reason === 'ended' ? ': session ended' : ': protocol error'}`;
    case 'refused':
      return `join refused for ${e.name ? `"${e.name}" ` : ''}from ${e.address}: ${e.reason}`;
    case 'ended':
      return `live session ended (${e.reason})`;
    default:
      return null;
  }
}
