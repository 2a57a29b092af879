/**
 * Nearest street and cross streets from a street centerline reference layer (GeoJSON
 * LineStrings in lon/lat, as the project's "streets" layer holds them): the nearest segment's
 * name, and the names of the other streets meeting it at its end nodes (nearer node first), so a
 * patrol sheet can say "E GONZALES AVE between S PRAIRIE RD and S ELM ST".
 */
import { createTransform } from '../../geo/crs';

/** Street properties looked for, in order, when no name property is given. */
export const STREET_NAME_PROPERTIES: readonly string[] = ['name', 'full_name', 'fullname', 'street', 'st_name', 'street_name', 'label'];

/** Centerlines in a metric CRS, columnar: piece k runs (x0,y0)-(x1,y1) of feature `feature[k]`. */
export interface StreetIndex {
  readonly pieces: Float64Array;
  readonly feature: Int32Array;
  /** Per feature: its name and the keys of its two end nodes. */
  readonly names: readonly string[];
  readonly ends: readonly [string, string][];
  readonly endXy: Float64Array;
  /** Node key -> the features ending there. */
  readonly nodes: ReadonlyMap<string, readonly number[]>;
}

const nodeKey = (x: number, y: number) => `${Math.round(x * 2)},${Math.round(y * 2)}`;

function nameOf(props: Record<string, unknown> | null | undefined, property: string | undefined): string {
  if (!props) return '';
  if (property) return String(props[property] ?? '').trim();
  for (const want of STREET_NAME_PROPERTIES) {
    const key = Object.keys(props).find((k) => k.toLowerCase() === want);
    if (key && props[key] !== null && props[key] !== undefined && String(props[key]).trim() !== '') return String(props[key]).trim();
  }
  return '';
}

/**
 * Indexes a street layer: LineString and MultiLineString features with a name (unnamed ones are
 * skipped), projected from lon/lat to `crs`. End nodes match when they agree to 0.5 m.
 */
export function buildStreetIndex(layer: { features: readonly unknown[] }, crs: string, nameProperty?: string): StreetIndex {
  const t = createTransform('EPSG:4326', crs);
  const pieces: number[] = [];
  const feature: number[] = [];
  const names: string[] = [];
  const ends: [string, string][] = [];
  const endXy: number[] = [];
  const nodes = new Map<string, number[]>();
  for (const f of layer.features) {
    const feat = f as { geometry?: { type?: string; coordinates?: unknown } | null; properties?: Record<string, unknown> | null };
    const name = nameOf(feat.properties, nameProperty);
    const g = feat.geometry;
    const lines = g?.type === 'LineString' ? [g.coordinates] : g?.type === 'MultiLineString' ? (g.coordinates as unknown[]) : [];
    if (!name) continue;
    for (const line of lines as number[][][]) {
      if (!Array.isArray(line) || line.length < 2) continue;
      const pts = line.map((p) => t(Number(p[0]), Number(p[1])));
      if (pts.some(([x, y]) => !Number.isFinite(x + y))) continue;
      const id = names.length;
      names.push(name);
      for (let i = 1; i < pts.length; i++) {
        pieces.push(pts[i - 1]![0], pts[i - 1]![1], pts[i]![0], pts[i]![1]);
        feature.push(id);
      }
      const a = pts[0]!;
      const b = pts[pts.length - 1]!;
      const ka = nodeKey(a[0], a[1]);
      const kb = nodeKey(b[0], b[1]);
      ends.push([ka, kb]);
      endXy.push(a[0], a[1], b[0], b[1]);
      for (const k of [ka, kb]) {
        const list = nodes.get(k) ?? [];
        list.push(id);
        nodes.set(k, list);
      }
    }
  }
  return { pieces: Float64Array.from(pieces), feature: Int32Array.from(feature), names, ends, endXy: Float64Array.from(endXy), nodes };
}

/** Squared distance from (px, py) to the segment (ax, ay)-(bx, by). */
function segmentDistance2(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const u = len2 > 0 ? Math.min(1, Math.max(0, ((px - ax) * dx + (py - ay) * dy) / len2)) : 0;
  const ex = ax + u * dx - px;
  const ey = ay + u * dy - py;
  return ex * ex + ey * ey;
}

/** The nearest street to a point and its cross streets. */
export interface NearestStreet {
  readonly name: string;
  /** Distance from the point to the street (m). */
  readonly distanceM: number;
  /** Other street names meeting it at its end nodes, nearer node first, at most 2, distinct. */
  readonly crossStreets: readonly string[];
}

/**
 * The street nearest (x, y) and its cross streets (linear scan of the pieces: a city's
 * centerlines are a few tens of thousands of pieces and a list has a few dozen areas). Null
 * when the index is empty. Ties: the first piece in layer order.
 */
export function findNearestStreet(index: StreetIndex, x: number, y: number): NearestStreet | null {
  const p = index.pieces;
  let best = -1;
  let bestD = Number.POSITIVE_INFINITY;
  for (let k = 0, j = 0; j < p.length; k++, j += 4) {
    const d = segmentDistance2(x, y, p[j]!, p[j + 1]!, p[j + 2]!, p[j + 3]!);
    if (d < bestD) {
      bestD = d;
      best = k;
    }
  }
  if (best < 0) return null;
  const f = index.feature[best]!;
  const name = index.names[f]!;
  const e = index.endXy;
  const da = Math.hypot(e[4 * f]! - x, e[4 * f + 1]! - y);
  const db = Math.hypot(e[4 * f + 2]! - x, e[4 * f + 3]! - y);
  const order = da <= db ? index.ends[f]! : ([index.ends[f]![1], index.ends[f]![0]] as const);
  const cross: string[] = [];
  for (const key of order) {
    const others = (index.nodes.get(key) ?? []).map((g) => index.names[g]!).filter((n) => n !== name && !cross.includes(n)).sort();
    if (others[0] !== undefined) cross.push(others[0]);
  }
  return { name, distanceM: Math.sqrt(bestD), crossStreets: cross };
}

/** "MAIN ST between 1ST AVE and 2ND AVE", "MAIN ST at 1ST AVE" or "MAIN ST". */
export function formatStreet(s: NearestStreet | null): string {
  if (!s) return '';
  if (s.crossStreets.length >= 2) return `${s.name} between ${s.crossStreets[0]} and ${s.crossStreets[1]}`;
  if (s.crossStreets.length === 1) return `${s.name} at ${s.crossStreets[0]}`;
  return s.name;
}
