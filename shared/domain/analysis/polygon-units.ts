/**
 * Polygons (beats, districts, any polygon layer) as units of analysis: one unit per Polygon or
 * MultiPolygon feature, incidents counted by point in polygon (even-odd rule over the rings, so
 * holes are outside; a point in two overlapping polygons counts in the first in layer order),
 * incidents in no polygon reported. Zero-crime polygons count. The unit centre is the
 * area-weighted centroid; contiguity is queen (sharing at least one vertex) or rook (sharing an
 * edge: two consecutive vertices), vertices matched to 0.5 m.
 */
import { ok, type Result } from '../../base/result';
import { isPointInPolygon, type FlatPolygon } from '../geo/point-in-polygon';
import { invalidArgument, type StatsError } from '../stats/errors';
import { adjacencyFromKeys, buildBoxIndex, featureIds, forEachCandidate, nodeKey, projectLine, type LayerFeatureLike, type Project2 } from './layer-geometry';
import type { PointUnits } from './units';

/** Options of {@link buildPolygonUnits}. */
export interface PolygonUnitOptions {
  readonly layerName: string;
  readonly idProperty?: string;
  readonly pointWeights?: ArrayLike<number>;
}

/** Polygon units plus the incidents outside every polygon. */
export interface PolygonUnits extends PointUnits {
  readonly outside: number;
  readonly skippedFeatures: number;
  /** The projected polygons (parts), for drawing. */
  readonly polygons: readonly (readonly FlatPolygon[])[];
}

/** Signed area and area moments of a closed or open flat ring (shoelace). */
function ringMoments(r: Float64Array): { a: number; mx: number; my: number } {
  let a = 0;
  let mx = 0;
  let my = 0;
  const n = r.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = r[2 * i] as number;
    const yi = r[2 * i + 1] as number;
    const xj = r[2 * j] as number;
    const yj = r[2 * j + 1] as number;
    const c = xj * yi - xi * yj;
    a += c;
    mx += (xj + xi) * c;
    my += (yj + yi) * c;
  }
  return { a: a / 2, mx: mx / 6, my: my / 6 };
}

function toFlat(rings: Float64Array[]): FlatPolygon {
  const outer = rings[0] as Float64Array;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < outer.length; i += 2) {
    minX = Math.min(minX, outer[i] as number);
    maxX = Math.max(maxX, outer[i] as number);
    minY = Math.min(minY, outer[i + 1] as number);
    maxY = Math.max(maxY, outer[i + 1] as number);
  }
  return { rings, bbox: [minX, minY, maxX, maxY] };
}

/**
 * Builds polygon units from `features` (projected with `project`) and counts the incidents
 * (x, y in the same metres). Errors: a layer without any polygon feature.
 */
export function buildPolygonUnits(
  features: readonly LayerFeatureLike[],
  project: Project2,
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  options: PolygonUnitOptions,
): Result<PolygonUnits, StatsError> {
  const allIds = featureIds(features, options.idProperty);
  const ids: string[] = [];
  const polygons: FlatPolygon[][] = [];
  let skipped = 0;
  features.forEach((f, i) => {
    const g = f.geometry;
    const polys = g?.type === 'Polygon' ? [g.coordinates] : g?.type === 'MultiPolygon' && Array.isArray(g.coordinates) ? (g.coordinates as unknown[]) : null;
    const flat: FlatPolygon[] = [];
    for (const p of polys ?? []) {
      if (!Array.isArray(p)) continue;
      const rings = p.map((r) => projectLine(r, project)).filter((r): r is Float64Array => r !== null && r.length >= 6);
      if (rings.length > 0) flat.push(toFlat(rings));
    }
    if (flat.length === 0) {
      skipped++;
      return;
    }
    ids.push(allIds[i] as string);
    polygons.push(flat);
  });
  const n = ids.length;
  if (n === 0) return invalidArgument(`layer ${options.layerName}`, `${features.length} features, none a polygon`, 'a layer of Polygon or MultiPolygon features');
  const area = new Float64Array(n);
  const cx = new Float64Array(n);
  const cy = new Float64Array(n);
  const boxes = new Float64Array(n * 4);
  const queenKeys: string[][] = [];
  const rookKeys: string[][] = [];
  for (let u = 0; u < n; u++) {
    let a = 0;
    let mx = 0;
    let my = 0;
    const box = [Infinity, Infinity, -Infinity, -Infinity];
    const qk: string[] = [];
    const rk: string[] = [];
    for (const part of polygons[u] as FlatPolygon[]) {
      part.rings.forEach((ring, k) => {
        const m = ringMoments(ring);
        // Outer rings add, holes subtract, whatever their winding.
        const s = (k === 0 ? 1 : -1) * Math.sign(m.a || 1);
        a += s * m.a;
        mx += s * m.mx;
        my += s * m.my;
        const len = ring.length / 2;
        for (let v = 0; v < len; v++) {
          const key = nodeKey(ring[2 * v] as number, ring[2 * v + 1] as number);
          qk.push(key);
          const w = (v + 1) % len;
          const next = nodeKey(ring[2 * w] as number, ring[2 * w + 1] as number);
          if (next !== key) rk.push(key < next ? `${key}|${next}` : `${next}|${key}`);
        }
      });
      box[0] = Math.min(box[0] as number, part.bbox[0]);
      box[1] = Math.min(box[1] as number, part.bbox[1]);
      box[2] = Math.max(box[2] as number, part.bbox[2]);
      box[3] = Math.max(box[3] as number, part.bbox[3]);
    }
    area[u] = a;
    cx[u] = a !== 0 ? mx / a : ((box[0] as number) + (box[2] as number)) / 2;
    cy[u] = a !== 0 ? my / a : ((box[1] as number) + (box[3] as number)) / 2;
    boxes.set(box, 4 * u);
    queenKeys.push(qk);
    rookKeys.push(rk);
  }
  let span = 0;
  for (let u = 0; u < n; u++) span = Math.max(span, (boxes[4 * u + 2] as number) - (boxes[4 * u] as number), (boxes[4 * u + 3] as number) - (boxes[4 * u + 1] as number));
  const index = buildBoxIndex(boxes, Math.max(span / 2, 1));
  const m = x.length;
  const cellOfPoint = new Int32Array(m).fill(-1);
  const counts = new Float64Array(n);
  let outside = 0;
  for (let i = 0; i < m; i++) {
    const px = x[i] as number;
    const py = y[i] as number;
    let hit = -1;
    if (Number.isFinite(px) && Number.isFinite(py)) {
      forEachCandidate(index, px, py, 0, (u) => {
        if ((hit < 0 || u < hit) && (polygons[u] as FlatPolygon[]).some((p) => isPointInPolygon(p, px, py))) hit = u;
      });
    }
    if (hit < 0) {
      outside++;
      continue;
    }
    cellOfPoint[i] = hit;
    counts[hit] = (counts[hit] as number) + (options.pointWeights ? (options.pointWeights[i] as number) : 1);
  }
  let total = 0;
  for (let u = 0; u < n; u++) total += area[u] as number;
  return ok({
    source: 'polygons',
    grid: null,
    n,
    id: ids,
    x: cx,
    y: cy,
    row: null,
    col: null,
    counts,
    cellArea: null,
    cellOfPoint,
    outside,
    skippedFeatures: skipped,
    polygons,
    contiguity: { queen: adjacencyFromKeys(n, queenKeys), rook: adjacencyFromKeys(n, rookKeys) },
    measure: { kind: 'area', values: area },
    description:
      `Units: the ${n.toLocaleString('en-US')} polygons of layer "${options.layerName}" (${(total / 1e6).toFixed(2)} km^2 in all), zero-crime polygons included; ` +
      `incidents counted by point in polygon (even-odd rule, holes outside; overlaps count in the first polygon in layer order); ` +
      `${outside.toLocaleString('en-US')} incident(s) inside no polygon are not counted${skipped ? `; ${skipped} non-polygon feature(s) left out` : ''}. ` +
      'Unit centre x, y = the area-weighted centroid; queen contiguity = sharing a vertex, rook = sharing an edge (vertices matched to 0.5 m; ' +
      'neighbours whose shared boundary has no common vertices are missed: use a distance band then).',
  });
}
