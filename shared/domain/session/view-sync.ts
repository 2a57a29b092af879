/**
 * The view-sync protocol: what one workbench window tells another so both show the same map
 * (the presenter window in the room, a guest across the LAN). Transport-agnostic: every message
 * is a plain object that survives `structuredClone` and `JSON.stringify`, except `scene`, which
 * carries typed arrays and is for same-machine transports only (BroadcastChannel). Receivers
 * validate with {@link parseSyncMessage}: a window never trusts what another one sends.
 */
import { err, ok, type Result } from '../../base/result';
import { z } from '../../base/schema';
import { parseExploreFilter, type ExploreFilter } from '../explore/filters';
import { parseLayerSettings, type LayerSettings } from '../explore/layer-settings';
import { annotationSchema } from './annotations';

/** Protocol version; a receiver refuses messages of another version. */
export const VIEW_SYNC_VERSION = 1;

const lonLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);

/** Where the map looks: centre lon/lat (degrees), zoom (web-mercator level), bearing and pitch (degrees). */
export const mapViewSchema = z.object({
  center: lonLat,
  zoom: z.number().min(0).max(24),
  bearing: z.number().min(-360).max(360),
  pitch: z.number().min(0).max(85),
});
export type MapViewState = z.infer<typeof mapViewSchema>;

/** The parts of the map document a follower needs to draw the same layers. */
export interface SyncedMapDoc {
  visibleGroups: boolean[];
  pointRadius: number;
  layer: LayerSettings;
  filter: ExploreFilter;
}

const mapDocSchema = z.object({
  visibleGroups: z.array(z.boolean()).max(64),
  pointRadius: z.number().positive().max(50),
  // Layer settings and filters have their own field-by-field readers: reuse them.
  layer: z.unknown().transform((v) => parseLayerSettings(v)),
  filter: z.unknown().transform((v) => parseExploreFilter(v)),
});

const typed = <T>(ctor: new (...args: never[]) => T) => z.custom<T>((v) => v instanceof ctor, { message: `expected a ${ctor.name}` });

/** Same-machine only: the drawn layers' data (never sent across a network: it is the raw data). */
const sceneSchema = z.object({
  title: z.string().max(300),
  style: z.record(z.string(), z.unknown()),
  labels: z.array(z.object({ text: z.string().max(200), position: lonLat })).max(10_000),
  points: z.object({ positions: typed<Float64Array<ArrayBufferLike>>(Float64Array), colors: typed<Uint8Array<ArrayBufferLike>>(Uint8Array) }).nullable(),
  analysis: z
    .union([z.object({ kind: z.literal('kde'), data: z.record(z.string(), z.unknown()) }), z.object({ kind: z.literal('grid'), data: z.record(z.string(), z.unknown()) })])
    .nullable(),
  counts: z.array(z.number().int().nonnegative()).max(64),
});
export type SyncScene = z.infer<typeof sceneSchema>;

const base = { v: z.literal(VIEW_SYNC_VERSION), from: z.string().min(1).max(64) };

const messageSchema = z.discriminatedUnion('type', [
  /** A follower arrived (or reloaded) and asks for the whole state. */
  z.object({ ...base, type: z.literal('hello'), role: z.enum(['presenter', 'viewer']), name: z.string().max(120).default('') }),
  /** The sender is leaving. */
  z.object({ ...base, type: z.literal('bye') }),
  /** The leader's map moved; `seq` increases so late messages can be dropped. */
  z.object({ ...base, type: z.literal('view'), seq: z.number().int().nonnegative(), view: mapViewSchema }),
  z.object({ ...base, type: z.literal('map-doc'), doc: mapDocSchema }),
  z.object({ ...base, type: z.literal('annotations'), annotations: z.array(annotationSchema).max(10_000) }),
  z.object({ ...base, type: z.literal('scene'), scene: sceneSchema }),
]);

/** Every message of the protocol, after validation. */
export type SyncMessage = z.infer<typeof messageSchema>;
/** What a sender writes (before the receiver fills defaults). */
export type SyncMessageInput = z.input<typeof messageSchema>;

/** Message types that carry only view state and may cross a network (everything except `scene`). */
export const NETWORK_SAFE_TYPES: readonly SyncMessage['type'][] = ['hello', 'bye', 'view', 'map-doc', 'annotations'];

/** Why a message was refused: names the message type (when known) and the first bad field. */
export interface SyncMessageError {
  kind: 'sync-message-invalid';
  reason: string;
}

/**
 * Validates a received message. Refuses anything that is not an object of this protocol version,
 * with `reason` naming the field (`view.zoom: ...`). Layer settings and filters are read
 * defensively (odd fields fall back to defaults) rather than refused.
 */
export function parseSyncMessage(value: unknown): Result<SyncMessage, SyncMessageError> {
  if (!value || typeof value !== 'object') return err({ kind: 'sync-message-invalid', reason: `not an object: ${String(value).slice(0, 40)}` });
  const v = (value as { v?: unknown }).v;
  if (v !== VIEW_SYNC_VERSION) return err({ kind: 'sync-message-invalid', reason: `protocol version ${String(v)} (expected ${VIEW_SYNC_VERSION})` });
  const parsed = messageSchema.safeParse(value);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  const type = String((value as { type?: unknown }).type ?? '?').slice(0, 40);
  return err({ kind: 'sync-message-invalid', reason: `${type} message, ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'}` });
}

/** Builds a message with the protocol version and sender id filled in. */
export function syncMessage<T extends SyncMessageInput['type']>(from: string, body: Omit<Extract<SyncMessageInput, { type: T }>, 'v' | 'from'> & { type: T }): SyncMessageInput {
  return { v: VIEW_SYNC_VERSION, from, ...body } as SyncMessageInput;
}

/** True when two views are the same to what the eye can see (centre within 1e-7°, zoom and angles within 1e-3). */
export function isSameView(a: MapViewState | null, b: MapViewState | null): boolean {
  if (!a || !b) return a === b;
  return (
    Math.abs(a.center[0] - b.center[0]) < 1e-7 &&
    Math.abs(a.center[1] - b.center[1]) < 1e-7 &&
    Math.abs(a.zoom - b.zoom) < 1e-3 &&
    Math.abs(a.bearing - b.bearing) < 1e-3 &&
    Math.abs(a.pitch - b.pitch) < 1e-3
  );
}
