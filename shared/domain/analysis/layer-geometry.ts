/**
 * Reading reference-layer features (GeoJSON, as a project's layers hold them in lon/lat) into
 * planar columns for street-segment and polygon units: feature ids, projected coordinates,
 * a bucket grid over bounding boxes, and node keys for contiguity. Pure: no I/O.
 */
import type { CsrAdjacency } from '../geo/spatial-index';

/** Projects lon/lat (or any input coordinates) to metres; identity when the layer is already planar. */
export type Project2 = (x: number, y: number) => [number, number];

/** A GeoJSON-like feature as stored in a project layer. */
export interface LayerFeatureLike {
  readonly id?: unknown;
  readonly properties?: Record<string, unknown> | null;
  readonly geometry?: { readonly type?: string; readonly coordinates?: unknown } | null;
}

/** Properties tried, in order, for a unit's id (before a top-level id, see featureIds). */
export const UNIT_ID_PROPERTIES: readonly string[] = ['id', 'segment_id', 'seg_id', 'beat', 'district', 'name', 'label', 'objectid', 'fid'];

/**
 * The id of each feature: `idProperty` when given; else the first of {@link UNIT_ID_PROPERTIES}
 * present (case-insensitive), then its top-level `id`, else its 1-based position. Properties
 * come first because exports often number features 1..N at the top level while the analyst's
 * name for the unit (beat "11") is a property. Duplicates get "#2", "#3", ... so ids stay unique.
 */
export function featureIds(features: readonly LayerFeatureLike[], idProperty?: string): string[] {
  const seen = new Map<string, number>();
  return features.map((f, i) => {
    let id: string | null = null;
    const props = f.properties ?? {};
    const keys = Object.keys(props);
    const pick = (want: string) => {
      const k = keys.find((x) => x.toLowerCase() === want.toLowerCase());
      const v = k === undefined ? undefined : props[k];
      return v === undefined || v === null || String(v).trim() === '' ? null : String(v).trim();
    };
    if (idProperty) id = pick(idProperty);
    else {
      for (const want of UNIT_ID_PROPERTIES) if ((id = pick(want)) !== null) break;
      if (id === null && f.id !== undefined && f.id !== null && String(f.id).trim() !== '') id = String(f.id).trim();
    }
    const base = id ?? String(i + 1);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}#${n}`;
  });
}

/** A position array [[x, y], ...] projected, or null when any position is not two finite numbers. */
export function projectLine(coords: unknown, project: Project2): Float64Array | null {
  if (!Array.isArray(coords)) return null;
  const out = new Float64Array(coords.length * 2);
  for (let i = 0; i < coords.length; i++) {
    const p = coords[i] as unknown;
    if (!Array.isArray(p) || p.length < 2) return null;
    const [x, y] = project(Number(p[0]), Number(p[1]));
    if (!Number.isFinite(x) || !Number.isFinite(y)) return null;
    out[2 * i] = x;
    out[2 * i + 1] = y;
  }
  return out;
}

/** Node key of a vertex: coordinates matched to 0.5 m (as the street index does). */
export function nodeKey(x: number, y: number): string {
  return `${Math.round(x * 2)},${Math.round(y * 2)}`;
}

/** Symmetric neighbour lists (from shared keys) as CSR, ascending, without self. */
export function adjacencyFromKeys(n: number, keysOfUnit: readonly (readonly string[])[]): CsrAdjacency {
  const byKey = new Map<string, number[]>();
  keysOfUnit.forEach((keys, u) => {
    for (const k of new Set(keys)) {
      const list = byKey.get(k);
      if (list) list.push(u);
      else byKey.set(k, [u]);
    }
  });
  const sets: Set<number>[] = Array.from({ length: n }, () => new Set<number>());
  for (const units of byKey.values()) {
    if (units.length < 2) continue;
    for (const a of units) for (const b of units) if (a !== b) sets[a]?.add(b);
  }
  const offsets = new Int32Array(n + 1);
  const indices: number[] = [];
  for (let i = 0; i < n; i++) {
    for (const j of [...(sets[i] ?? [])].sort((a, b) => a - b)) indices.push(j);
    offsets[i + 1] = indices.length;
  }
  return { offsets, indices: Int32Array.from(indices) };
}

/**
 * A bucket grid over boxes [minX, minY, maxX, maxY] (4 per item): each item is listed in every
 * cell its box overlaps; `candidates` gives the items whose boxes may lie within `reach` of a
 * point. Cells are enlarged so the grid has at most about 4 items + 1024 cells.
 */
export interface BoxIndex {
  readonly minX: number;
  readonly minY: number;
  readonly cell: number;
  readonly cols: number;
  readonly rows: number;
  readonly start: Int32Array;
  readonly items: Int32Array;
}

/** Builds a {@link BoxIndex} with cells of about `cellSize` metres. */
export function buildBoxIndex(boxes: Float64Array, cellSize: number): BoxIndex {
  const n = boxes.length / 4;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    minX = Math.min(minX, boxes[4 * i] as number);
    minY = Math.min(minY, boxes[4 * i + 1] as number);
    maxX = Math.max(maxX, boxes[4 * i + 2] as number);
    maxY = Math.max(maxY, boxes[4 * i + 3] as number);
  }
  if (n === 0) return { minX: 0, minY: 0, cell: 1, cols: 1, rows: 1, start: new Int32Array(2), items: new Int32Array(0) };
  let cell = Math.max(cellSize, 1e-6);
  const maxCells = 4 * n + 1024;
  while (Math.ceil((maxX - minX) / cell + 1) * Math.ceil((maxY - minY) / cell + 1) > maxCells) cell *= 1.5;
  const cols = Math.max(1, Math.floor((maxX - minX) / cell) + 1);
  const rows = Math.max(1, Math.floor((maxY - minY) / cell) + 1);
  const cellRange = (i: number) => [
    Math.floor(((boxes[4 * i] as number) - minX) / cell),
    Math.floor(((boxes[4 * i + 1] as number) - minY) / cell),
    Math.min(cols - 1, Math.floor(((boxes[4 * i + 2] as number) - minX) / cell)),
    Math.min(rows - 1, Math.floor(((boxes[4 * i + 3] as number) - minY) / cell)),
  ] as const;
  const counts = new Int32Array(cols * rows + 1);
  for (let i = 0; i < n; i++) {
    const [c0, r0, c1, r1] = cellRange(i);
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) counts[r * cols + c + 1] = (counts[r * cols + c + 1] as number) + 1;
  }
  for (let k = 1; k < counts.length; k++) counts[k] = (counts[k] as number) + (counts[k - 1] as number);
  const start = counts.slice();
  const fill = counts.slice(0, cols * rows);
  const items = new Int32Array(start[cols * rows] as number);
  for (let i = 0; i < n; i++) {
    const [c0, r0, c1, r1] = cellRange(i);
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) items[(fill[r * cols + c] as number)++] = i;
  }
  return { minX, minY, cell, cols, rows, start, items };
}

/**
 * Calls `visit(item)` for every item listed in a cell within `reach` of (x, y) (an item may be
 * visited more than once when its box spans several cells; callers keep the best anyway).
 */
export function forEachCandidate(index: BoxIndex, x: number, y: number, reach: number, visit: (item: number) => void): void {
  const c0 = Math.max(0, Math.floor((x - reach - index.minX) / index.cell));
  const c1 = Math.min(index.cols - 1, Math.floor((x + reach - index.minX) / index.cell));
  const r0 = Math.max(0, Math.floor((y - reach - index.minY) / index.cell));
  const r1 = Math.min(index.rows - 1, Math.floor((y + reach - index.minY) / index.cell));
  for (let r = r0; r <= r1; r++) {
    for (let c = c0; c <= c1; c++) {
      const cellId = r * index.cols + c;
      for (let k = index.start[cellId] as number; k < (index.start[cellId + 1] as number); k++) visit(index.items[k] as number);
    }
  }
}
