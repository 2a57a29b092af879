import { z } from '../../base/schema';

/** Project document path of the map annotations (`docs/annotations.json`). */
export const ANNOTATIONS_DOC = 'annotations';

const lonLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);

/**
 * One annotation on the map: a pin (one point), a sketch (a line of 2+ points) or a text note
 * (one point). Coordinates are lon/lat (WGS 84). `author` is who made it (the workstation user,
 * or a guest's name in a live session) and `at` when (ISO 8601, UTC).
 */
export const annotationSchema = z.object({
  id: z.string().min(1).max(64),
  kind: z.enum(['pin', 'sketch', 'note']),
  author: z.string().max(120),
  at: z.string().max(40),
  text: z.string().max(4000),
  coordinates: z.array(lonLat).min(1).max(10_000),
  /** Hidden annotations stay in the project but are not drawn (nor printed on briefing maps). */
  hidden: z.boolean().default(false),
});

export type Annotation = z.infer<typeof annotationSchema>;

/**
 * Reads the annotations document defensively: entries that do not match the schema are dropped
 * (and counted), so one damaged entry never hides the others. A missing document is empty.
 */
export function parseAnnotations(value: unknown): { annotations: Annotation[]; dropped: number } {
  if (!Array.isArray(value)) return { annotations: [], dropped: value === undefined || value === null ? 0 : 1 };
  const annotations: Annotation[] = [];
  for (const item of value) {
    const parsed = annotationSchema.safeParse(item);
    if (parsed.success) annotations.push(parsed.data);
  }
  return { annotations, dropped: value.length - annotations.length };
}

/** What a new annotation needs; `id` and `at` are filled in by {@link createAnnotation} when absent. */
export interface NewAnnotation {
  kind: Annotation['kind'];
  author: string;
  text: string;
  coordinates: [number, number][];
  id?: string;
  at?: string;
}

/**
 * Makes a schema-valid annotation: the author is trimmed (empty becomes "analyst", cut at 120
 * characters), the text is cut at 4000 characters, `at` defaults to now (ISO 8601 UTC) and `id`
 * to a time-based id unique within `existing`. Returns null when the coordinates do not fit the
 * kind (a sketch needs 2+ points, a pin or note exactly one) or lie outside lon/lat range.
 */
export function createAnnotation(input: NewAnnotation, existing: readonly Annotation[] = []): Annotation | null {
  const need = input.kind === 'sketch' ? input.coordinates.length >= 2 : input.coordinates.length === 1;
  if (!need) return null;
  const at = input.at ?? new Date().toISOString();
  let id = input.id ?? `a-${Date.parse(at).toString(36)}`;
  const taken = new Set(existing.map((a) => a.id));
  for (let n = 2; taken.has(id); n++) id = `${input.id ?? `a-${Date.parse(at).toString(36)}`}-${n}`;
  const parsed = annotationSchema.safeParse({
    id,
    kind: input.kind,
    author: input.author.trim().slice(0, 120) || 'analyst',
    at,
    text: input.text.slice(0, 4000),
    coordinates: input.coordinates,
    hidden: false,
  });
  return parsed.success ? parsed.data : null;
}

/**
 * Returns a new list with annotation `id` changed by `patch` (text and/or hidden only: kind,
 * author, time and place are the record of who drew what, when). The same list (identity) comes
 * back when `id` is unknown or nothing changes, so callers can skip a no-op edit.
 */
export function updateAnnotation(list: readonly Annotation[], id: string, patch: Partial<Pick<Annotation, 'text' | 'hidden'>>): readonly Annotation[] {
  const i = list.findIndex((a) => a.id === id);
  const old = list[i];
  if (!old) return list;
  const text = patch.text === undefined ? old.text : patch.text.slice(0, 4000);
  const hidden = patch.hidden ?? old.hidden;
  if (text === old.text && hidden === old.hidden) return list;
  return list.map((a, k) => (k === i ? { ...a, text, hidden } : a));
}

/** [minLon, minLat, maxLon, maxLat] of one annotation's coordinates. */
export function annotationBounds(a: Annotation): [number, number, number, number] {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const [x, y] of a.coordinates) {
    x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
  }
  return [x0, y0, x1, y1];
}

/**
 * The annotations as a GeoJSON FeatureCollection (RFC 7946, lon/lat WGS 84): pins and notes are
 * Points, sketches LineStrings; properties carry id, kind, author, at, text and hidden. Hidden
 * annotations are left out unless `includeHidden` (default false), matching what the map shows.
 */
export function toAnnotationsGeoJson(list: readonly Annotation[], includeHidden = false): GeoJsonFeatureCollection {
  return {
    type: 'FeatureCollection',
    features: list
      .filter((a) => includeHidden || !a.hidden)
      .map((a) => ({
        type: 'Feature' as const,
        id: a.id,
        geometry:
          a.kind === 'sketch'
            ? { type: 'LineString' as const, coordinates: a.coordinates.map(([x, y]) => [x, y] as [number, number]) }
            : { type: 'Point' as const, coordinates: [a.coordinates[0]![0], a.coordinates[0]![1]] as [number, number] },
        properties: { id: a.id, kind: a.kind, author: a.author, at: a.at, text: a.text, hidden: a.hidden },
      })),
  };
}

/** The small GeoJSON subset {@link toAnnotationsGeoJson} writes. */
export interface GeoJsonFeatureCollection {
  type: 'FeatureCollection';
  features: {
    type: 'Feature';
    id: string;
    geometry: { type: 'Point'; coordinates: [number, number] } | { type: 'LineString'; coordinates: [number, number][] };
    properties: { id: string; kind: Annotation['kind']; author: string; at: string; text: string; hidden: boolean };
  }[];
}
