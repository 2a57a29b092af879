/**
 * Target areas from analysis results: the significant Gi* hot spot cells of the grid layer, or
 * its top-N cells by count. Cells that share an edge or a corner become ONE target whose outline
 * is the union of the cells (shared edges cancel), because neighbouring cells as separate targets
 * would touch, and touching targets cannot each have a clean buffer ring.
 */

/** Cells of a grid layer: interleaved lon, lat of each closed ring, ring i = startIndices[i]..[i+1]. */
export interface CellRings {
  readonly positions: Float64Array;
  readonly startIndices: Int32Array;
}

/** One merged target: the cells in it and its outline rings (lon/lat, outer ring first, then holes). */
export interface MergedCells {
  readonly cells: readonly number[];
  readonly rings: [number, number][][];
}

/** Cells whose Gi* bin is at least `minBin` (2 = hot at 95%, 3 = hot at 99%), hottest first. */
export function selectHotCells(bins: Int8Array, minBin: number, counts?: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < bins.length; i++) if (bins[i]! >= minBin) out.push(i);
  return counts ? out.sort((a, b) => bins[b]! - bins[a]! || counts[b]! - counts[a]! || a - b) : out;
}

/** The `n` cells with the highest counts (ties: lower index first), cells with 0 never chosen. */
export function selectTopCells(counts: ArrayLike<number>, n: number): number[] {
  const idx: number[] = [];
  for (let i = 0; i < counts.length; i++) if (counts[i]! > 0) idx.push(i);
  idx.sort((a, b) => counts[b]! - counts[a]! || a - b);
  return idx.slice(0, Math.max(0, Math.floor(n)));
}

// Vertices of neighbouring cells are computed separately and unprojected: match them after
// rounding to 1e-7 degrees (about 1 cm).
const key = (x: number, y: number) => `${Math.round(x * 1e7)},${Math.round(y * 1e7)}`;

function cellVertices(cells: CellRings, c: number): [number, number][] {
  const s = cells.startIndices[c]!;
  const e = cells.startIndices[c + 1] ?? cells.positions.length / 2;
  const out: [number, number][] = [];
  for (let i = s; i < e; i++) out.push([cells.positions[2 * i]!, cells.positions[2 * i + 1]!]);
  const f = out[0];
  const l = out[out.length - 1];
  if (f && l && key(f[0], f[1]) === key(l[0], l[1])) out.pop();
  return out;
}

function ringArea(r: readonly (readonly [number, number])[]): number {
  let s = 0;
  for (let i = 1; i < r.length; i++) s += r[i - 1]![0] * r[i]![1] - r[i]![0] * r[i - 1]![1];
  return s / 2;
}

/**
 * Groups the selected cells into connected clusters (sharing a vertex) and traces each cluster's
 * outline: every cell edge that no other selected cell shares is a boundary edge; the boundary
 * edges are chained into closed rings; the ring of largest area is the outer ring, the rest are
 * holes. Clusters come in the order of their first selected cell.
 */
export function mergeCells(cells: CellRings, selected: readonly number[]): MergedCells[] {
  const verts = new Map<number, [number, number][]>();
  for (const c of selected) verts.set(c, cellVertices(cells, c));
  // Union-find over shared vertices.
  const parent = new Map<number, number>(selected.map((c) => [c, c]));
  const find = (c: number): number => {
    let r = c;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(c, r);
    return r;
  };
  const owner = new Map<string, number>();
  for (const c of selected) for (const [x, y] of verts.get(c)!) {
    const k = key(x, y);
    const o = owner.get(k);
    if (o === undefined) owner.set(k, c);
    else parent.set(find(c), find(o));
  }
  const groups = new Map<number, number[]>();
  for (const c of selected) {
    const r = find(c);
    const g = groups.get(r);
    if (g) g.push(c);
    else groups.set(r, [c]);
  }
  return [...groups.values()].map((group) => ({ cells: group, rings: traceOutline(group.map((c) => verts.get(c)!)) }));
}

function traceOutline(polys: [number, number][][]): [number, number][][] {
  // Directed edges, every cell made counter-clockwise, so a shared edge appears once each way.
  const edges = new Map<string, { from: [number, number]; to: [number, number] }>();
  for (const p0 of polys) {
    const p = ringArea([...p0, p0[0]!]) < 0 ? [...p0].reverse() : p0;
    for (let i = 0; i < p.length; i++) {
      const a = p[i]!;
      const b = p[(i + 1) % p.length]!;
      const fwd = `${key(a[0], a[1])}>${key(b[0], b[1])}`;
      const rev = `${key(b[0], b[1])}>${key(a[0], a[1])}`;
      if (edges.has(rev)) edges.delete(rev);
      else edges.set(fwd, { from: a, to: b });
    }
  }
  const byStart = new Map<string, { from: [number, number]; to: [number, number] }[]>();
  for (const e of edges.values()) {
    const k = key(e.from[0], e.from[1]);
    const list = byStart.get(k);
    if (list) list.push(e);
    else byStart.set(k, [e]);
  }
  const rings: [number, number][][] = [];
  for (;;) {
    const startList = [...byStart.values()].find((l) => l.length > 0);
    if (!startList) break;
    let e = startList.pop()!;
    const ring: [number, number][] = [e.from];
    const startKey = key(e.from[0], e.from[1]);
    for (let guard = 0; guard < edges.size + 1; guard++) {
      ring.push(e.to);
      const k = key(e.to[0], e.to[1]);
      if (k === startKey) break;
      const next = byStart.get(k)?.pop();
      if (!next) break;
      e = next;
    }
    if (ring.length >= 4) rings.push(dropCollinear(ring));
  }
  rings.sort((a, b) => Math.abs(ringArea(b)) - Math.abs(ringArea(a)));
  return rings;
}

/** Removes vertices in the middle of straight runs (a 3-cell row has 4 corners, not 8). */
function dropCollinear(ring: [number, number][]): [number, number][] {
  const pts = ring.slice(0, -1);
  const out: [number, number][] = [];
  const n = pts.length;
  for (let i = 0; i < n; i++) {
    const a = pts[(i + n - 1) % n]!;
    const b = pts[i]!;
    const c = pts[(i + 1) % n]!;
    const cross = (b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0]);
    const scale = Math.hypot(b[0] - a[0], b[1] - a[1]) * Math.hypot(c[0] - b[0], c[1] - b[1]);
    if (Math.abs(cross) > 1e-6 * scale) out.push(b);
  }
  out.push([out[0]![0], out[0]![1]]);
  return out;
}
