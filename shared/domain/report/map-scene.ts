/**
 * The report's map of a design: targets, their buffer rings, the comparison areas and their
 * rings, over the streets of the project's reference layers, as a vector scene (scene.ts).
 * Coordinates are the analysis CRS (metres); streets come as lon/lat GeoJSON and are projected
 * here. A buffer is drawn as the area filled and its outline widened by the buffer distance
 * (round joins): exactly the polygon grown by that distance, in an opaque light colour.
 */
import type { DesignDoc } from '../design/design-doc';
import { createTransform, getCrsDefinition } from '../geo/crs';
import type { Colour, Scene, Shape } from './scene';

/** Map colours: targets orange-red, comparisons blue (as in the charts). */
export const MAP_COLOURS = { target: '#d55e00', comparison: '#0072b2', targetRing: '#f5d7c2', comparisonRing: '#c6deec', street: '#9a9a9a', frame: '#555555' } as const satisfies Record<string, Colour>;

/** A reference layer: `{role, geojson}`, or a project layer `{meta: {role}, geojson}`. */
export type MapLayer = { readonly geojson: { readonly features: readonly unknown[] } } & ({ readonly role: string } | { readonly meta: { readonly role: string } });

const roleOf = (l: MapLayer) => ('role' in l ? l.role : l.meta.role);

/**
 * The street lines (role "streets") of `layers` projected to `crs`, as flat [x0, y0, ...] lines.
 * Lines outside `bbox` (minX, minY, maxX, maxY; metres) are skipped. Unknown CRS: no streets.
 */
export function projectStreets(layers: readonly MapLayer[], crs: string | null, bbox?: readonly [number, number, number, number]): number[][] {
  if (!crs || !getCrsDefinition(crs)) return [];
  const t = createTransform('EPSG:4326', crs);
  const out: number[][] = [];
  for (const layer of layers) {
    if (roleOf(layer) !== 'streets') continue;
    for (const f of layer.geojson.features) {
      const g = (f as { geometry?: { type?: string; coordinates?: unknown } }).geometry;
      const lines = g?.type === 'LineString' ? [g.coordinates] : g?.type === 'MultiLineString' ? (g.coordinates as unknown[]) : [];
      for (const line of lines) {
        if (!Array.isArray(line)) continue;
        const flat: number[] = [];
        let inside = !bbox;
        for (const pt of line as number[][]) {
          const [x, y] = t(Number(pt[0]), Number(pt[1]));
          if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
          flat.push(x, y);
          if (bbox && x >= bbox[0] && x <= bbox[2] && y >= bbox[1] && y <= bbox[3]) inside = true;
        }
        if (inside && flat.length >= 4) out.push(flat);
      }
    }
  }
  return out;
}

/** Clips a polyline to a rectangle (Liang-Barsky per segment): the visible pieces. */
function clipPolyline(line: readonly number[], x0: number, y0: number, x1: number, y1: number): number[][] {
  const out: number[][] = [];
  let cur: number[] = [];
  for (let i = 2; i < line.length; i += 2) {
    const ax = line[i - 2]!;
    const ay = line[i - 1]!;
    const dx = line[i]! - ax;
    const dy = line[i + 1]! - ay;
    let t0 = 0;
    let t1 = 1;
    let visible = true;
    for (const [p, q] of [[-dx, ax - x0], [dx, x1 - ax], [-dy, ay - y0], [dy, y1 - ay]] as const) {
      if (p === 0) {
        if (q < 0) visible = false;
      } else {
        const r = q / p;
        if (p < 0) t0 = Math.max(t0, r);
        else t1 = Math.min(t1, r);
      }
    }
    if (!visible || t0 > t1) {
      if (cur.length) out.push(cur);
      cur = [];
      continue;
    }
    const sx = ax + t0 * dx;
    const sy = ay + t0 * dy;
    if (cur.length === 0 || t0 > 0) {
      if (cur.length) out.push(cur);
      cur = [sx, sy];
    }
    cur.push(ax + t1 * dx, ay + t1 * dy);
    if (t1 < 1) {
      out.push(cur);
      cur = [];
    }
  }
  if (cur.length >= 4) out.push(cur);
  return out.filter((p) => p.length >= 4);
}

/**
 * Lays out the map: the extent of every area and ring plus 5%, fitted into `width` x `height`
 * (default 720 x 480) keeping the aspect, with a legend, a scale bar and a north arrow.
 * `streets` are lines in the design's CRS (see {@link projectStreets}).
 */
export function designMapScene(design: DesignDoc, streets: readonly (readonly number[])[], options: { width?: number; height?: number } = {}): Scene {
  const W = options.width ?? 720;
  const H = options.height ?? 480;
  const legendH = 28;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const a of [...design.targets, ...design.comparisons]) {
    for (const ring of a.polygon) for (const [x, y] of ring) {
      minX = Math.min(minX, x - a.bufferM);
      maxX = Math.max(maxX, x + a.bufferM);
      minY = Math.min(minY, y - a.bufferM);
      maxY = Math.max(maxY, y + a.bufferM);
    }
  }
  const padX = (maxX - minX) * 0.05 + 1;
  const padY = (maxY - minY) * 0.05 + 1;
  minX -= padX;
  maxX += padX;
  minY -= padY;
  maxY += padY;
  const ph = H - legendH - 8;
  const scale = Math.min(W / (maxX - minX), ph / (maxY - minY));
  const ox = (W - (maxX - minX) * scale) / 2;
  const oy = (ph - (maxY - minY) * scale) / 2 + 4;
  const px = (x: number) => ox + (x - minX) * scale;
  const py = (y: number) => oy + (maxY - y) * scale;
  const toScreen = (flat: readonly number[]) => flat.map((v, i) => (i % 2 === 0 ? px(v) : py(v)));
  const ringsOf = (poly: DesignDoc['targets'][number]['polygon']) => poly.map((r) => r.flatMap(([x, y]) => [px(x), py(y)]));
  const shapes: Shape[] = [];
  const groups = [
    [design.comparisons, MAP_COLOURS.comparison, MAP_COLOURS.comparisonRing],
    [design.targets, MAP_COLOURS.target, MAP_COLOURS.targetRing],
  ] as const;
  for (const [areas, , ring] of groups) {
    for (const a of areas) {
      if (a.bufferM > 0) shapes.push({ kind: 'path', parts: ringsOf(a.polygon), closed: true, fill: ring, stroke: ring, width: 2 * a.bufferM * scale, round: true });
    }
  }
  for (const line of streets) for (const piece of clipPolyline(line, minX, minY, maxX, maxY)) shapes.push({ kind: 'path', parts: [toScreen(piece)], closed: false, stroke: MAP_COLOURS.street, width: 0.8 });
  for (const [areas, colour] of groups) {
    for (const a of areas) shapes.push({ kind: 'path', parts: ringsOf(a.polygon), closed: true, fill: colour, fillOpacity: 0.55, stroke: colour, width: 1.2 });
  }
  for (const t of design.targets) {
    const r = t.polygon[0]!;
    let cx = 0;
    let cy = 0;
    for (const [x, y] of r) {
      cx += x / r.length;
      cy += y / r.length;
    }
    shapes.push({ kind: 'text', x: px(cx), y: py(cy) + 4, text: t.id, size: 10, bold: true, anchor: 'middle', colour: '#000000' });
  }
  shapes.push({ kind: 'rect', x: 0.5, y: 0.5, w: W - 1, h: ph + 8, stroke: MAP_COLOURS.frame, width: 1 });
  // Scale bar: a round length near a fifth of the width.
  const target = (W / 5) / scale;
  const mag = 10 ** Math.floor(Math.log10(target));
  const len = [1, 2, 5, 10].map((f) => f * mag).filter((v) => v <= target).pop() ?? mag;
  const sx = W - 20 - len * scale;
  const sy = ph - 6;
  shapes.push({ kind: 'rect', x: sx, y: sy - 4, w: len * scale, h: 4, fill: '#333333' });
  shapes.push({ kind: 'text', x: sx + (len * scale) / 2, y: sy - 8, text: len >= 1000 ? `${len / 1000} km` : `${len} m`, size: 10, anchor: 'middle' });
  // North arrow (grid north of the analysis CRS).
  shapes.push({ kind: 'path', parts: [[22, 40, 30, 18, 38, 40, 30, 34]], closed: true, fill: '#333333' });
  shapes.push({ kind: 'text', x: 30, y: 14, text: 'N', size: 11, bold: true, anchor: 'middle' });
  const ly = H - 10;
  const legend: [string, Colour, number][] = [
    ['target area', MAP_COLOURS.target, 0.55],
    ['target buffer (D)', MAP_COLOURS.targetRing, 1],
    ['comparison area', MAP_COLOURS.comparison, 0.55],
    ['comparison buffer (DC)', MAP_COLOURS.comparisonRing, 1],
    ['streets', MAP_COLOURS.street, 1],
  ];
  let lx = 8;
  for (const [name, colour, opacity] of legend) {
    shapes.push({ kind: 'rect', x: lx, y: ly - 9, w: 14, h: 10, fill: colour, fillOpacity: opacity });
    shapes.push({ kind: 'text', x: lx + 18, y: ly, text: name, size: 10 });
    lx += 32 + name.length * 6;
  }
  return { width: W, height: H, title: `Map of design ${design.name}: targets, buffers and comparisons`, shapes };
}
