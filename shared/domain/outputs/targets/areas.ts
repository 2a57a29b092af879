/**
 * Where the areas of a target list come from: a saved design (its target areas), hot-spot cells
 * (significant Gi* cells of a fresh run or of a saved `analyses/<id>` document), or polygons of a
 * GeoJSON file. Every source gives areas in the list's metric CRS.
 */
import type { AppError } from '../../../base/errors';
import { err, ok, type Result } from '../../../base/result';
import type { AnalysisRun } from '../../analysis/result';
import type { DesignDoc } from '../../design/design-doc';
import { createTransform, getCrsDefinition } from '../../geo/crs';

/** Rings of one polygon (outer first, then holes), [x, y] in metres. */
export type AreaRings = readonly (readonly (readonly [number, number])[])[];

/** One candidate area. `order` keeps the source's own ranking (hot spots: by z). */
export interface TargetArea {
  readonly id: string;
  readonly name: string;
  readonly rings: AreaRings;
  /** Gi* z of a hot-spot cell, else null. */
  readonly z: number | null;
}

function transformRings(rings: readonly (readonly (readonly number[])[])[], from: string, to: string, what: string): Result<AreaRings, AppError> {
  const t = createTransform(from, to);
  const out: [number, number][][] = [];
  for (let k = 0; k < rings.length; k++) {
    const r: [number, number][] = [];
    for (let i = 0; i < rings[k]!.length; i++) {
      const p = rings[k]![i]!;
      const [x, y] = t(Number(p[0]), Number(p[1]));
      if (!Number.isFinite(x + y)) return err({ kind: 'invalid-argument', name: `${what}, ring ${k + 1} point ${i + 1}`, value: String(p), expected: `a position in ${from}` });
      r.push([x, y]);
    }
    out.push(r);
  }
  return ok(out);
}

/**
 * The target areas of a design. Its polygons are in the design's CRS; they are moved to `crs`
 * when the two differ (a design made before the dataset's CRS changed).
 */
export function areasFromDesign(design: DesignDoc, crs: string): Result<TargetArea[], AppError> {
  const out: TargetArea[] = [];
  for (const t of design.targets) {
    let rings: AreaRings = t.polygon as unknown as AreaRings;
    if (design.crs && design.crs !== crs && getCrsDefinition(design.crs)) {
      const moved = transformRings(t.polygon, design.crs, crs, `designs/${design.name} target ${t.id}`);
      if (!moved.ok) return moved;
      rings = moved.value;
    }
    out.push({ id: t.id, name: t.name || t.id, rings, z: null });
  }
  return ok(out);
}

/** A square cell (side `size`) or a pointy-top hexagon (`size` across flats) around a centre. */
export function cellRings(shape: 'grid' | 'hex', cx: number, cy: number, size: number): AreaRings {
  if (shape === 'grid') {
    const h = size / 2;
    return [[[cx - h, cy - h], [cx + h, cy - h], [cx + h, cy + h], [cx - h, cy + h], [cx - h, cy - h]]];
  }
  const r = size / Math.sqrt(3);
  const ring: [number, number][] = [];
  for (let k = 0; k <= 6; k++) {
    const a = ((30 + 60 * (k % 6)) * Math.PI) / 180;
    ring.push([cx + r * Math.cos(a), cy + r * Math.sin(a)]);
  }
  return [ring];
}

/** "grid:250" / "hex:250" -> shape and size; null for anything else (given cells). */
export function parseUnitText(unit: unknown): { shape: 'grid' | 'hex'; size: number } | null {
  const m = /^(grid|hex):(\d+(?:\.\d+)?)$/.exec(String(unit ?? ''));
  return m && Number(m[2]) > 0 ? { shape: m[1] as 'grid' | 'hex', size: Number(m[2]) } : null;
}

/** Table columns of a Gi* result, as a run or as a saved document stores them. */
export interface HotSpotColumns {
  readonly unit: string;
  readonly id: ArrayLike<string | number | null>;
  readonly x: ArrayLike<number | null>;
  readonly y: ArrayLike<number | null>;
  readonly z: ArrayLike<number | null>;
  readonly bin: ArrayLike<number | null>;
}

/**
 * Significant hot-spot cells (bin >= `minBin`, default 2 = p < .05, i.e. the 95% and 99% classes
 * of the familiar legend) as areas, strongest z first; cold spots never. Each cell is one area
 * (neighbouring hot cells are not merged: a patrol sheet names places a car can find). Error: a
 * result whose units are not generated grid or hexagon cells (their outline is unknown).
 */
export function areasFromHotSpots(c: HotSpotColumns, minBin = 2, where = 'hot spots'): Result<TargetArea[], AppError> {
  const unit = parseUnitText(c.unit);
  if (!unit) return err({ kind: 'invalid-argument', name: `${where}: unit`, value: String(c.unit), expected: 'a hot-spot run on grid:M or hex:M cells (given cells have no outline)' });
  const idx: number[] = [];
  for (let i = 0; i < c.bin.length; i++) if (Number(c.bin[i]) >= minBin && Number.isFinite(Number(c.x[i])) && Number.isFinite(Number(c.y[i]))) idx.push(i);
  idx.sort((a, b) => Number(c.z[b]) - Number(c.z[a]) || a - b);
  return ok(
    idx.map((i) => ({
      id: `cell-${c.id[i]}`,
      name: `${unit.shape === 'grid' ? 'Grid' : 'Hex'} cell ${c.id[i]}`,
      rings: cellRings(unit.shape, Number(c.x[i]), Number(c.y[i]), unit.size),
      z: Number(c.z[i]),
    })),
  );
}

/** The columns of a fresh Gi* run ({@link runHotSpots}'s table). */
export function hotSpotColumnsOfRun(run: AnalysisRun): HotSpotColumns {
  const get = (name: string) => (run.table.columns.find((k) => k.name === name)?.values ?? []) as ArrayLike<number>;
  return { unit: String(run.parameters.unit ?? ''), id: get('id'), x: get('x'), y: get('y'), z: get('z'), bin: get('bin') };
}

/**
 * The columns of a saved hot-spot analysis document (`analyses/<id>`, analysis/document.ts).
 * Errors: not a hot-spot analysis, or its table not stored in the project.
 */
export function hotSpotColumnsOfDocument(doc: unknown, key: string): Result<HotSpotColumns, AppError> {
  const d = doc as { verb?: unknown; parameters?: { unit?: unknown }; result?: { storage?: unknown; table?: { columns?: Record<string, unknown[]> } } } | null;
  if (!d || d.verb !== 'hotspots') return err({ kind: 'invalid-argument', name: key, value: String(d?.verb ?? 'no verb'), expected: 'a saved "spi hotspots --save" analysis' });
  const cols = d.result?.table?.columns;
  if (d.result?.storage !== 'inline' || !cols) return err({ kind: 'invalid-argument', name: key, value: 'table stored by reference', expected: 'an analysis whose table is in the project (rerun with --hotspots and --unit instead)' });
  for (const name of ['id', 'x', 'y', 'z', 'bin']) {
    if (!Array.isArray(cols[name])) return err({ kind: 'column-missing', file: key, column: name });
  }
  return ok({ unit: String(d.parameters?.unit ?? ''), id: cols.id as (string | number)[], x: cols.x as number[], y: cols.y as number[], z: cols.z as number[], bin: cols.bin as number[] });
}

/**
 * Polygons of a GeoJSON FeatureCollection/Feature/geometry in lon/lat (EPSG:4326), projected to
 * `crs`: a Polygon gives one area, a MultiPolygon one area per part ("<id>-2", ...). Ids from
 * properties.id (else "A1", "A2", ...), names from properties.name (else the id). Errors name the
 * feature and what it was.
 */
export function areasFromGeoJson(json: unknown, crs: string, file: string): Result<TargetArea[], AppError> {
  const j = json as { type?: string; features?: unknown[] } | null;
  const features = j?.type === 'FeatureCollection' ? (Array.isArray(j.features) ? j.features : []) : j?.type === 'Feature' ? [j] : [{ type: 'Feature', geometry: j, properties: {} }];
  const out: TargetArea[] = [];
  for (let i = 0; i < features.length; i++) {
    const f = features[i] as { geometry?: { type?: string; coordinates?: unknown } | null; properties?: Record<string, unknown> | null };
    const g = f?.geometry;
    const polys = g?.type === 'Polygon' ? [g.coordinates] : g?.type === 'MultiPolygon' ? (g.coordinates as unknown[]) : null;
    if (!polys || !Array.isArray(polys)) return err({ kind: 'file-format', path: file, reason: `feature ${i + 1} is not a Polygon or MultiPolygon (${g?.type ?? 'no geometry'})` });
    const baseId = String(f.properties?.id ?? `A${i + 1}`);
    const name = String(f.properties?.name ?? baseId);
    for (let p = 0; p < polys.length; p++) {
      const rings = polys[p] as number[][][];
      if (!Array.isArray(rings) || !Array.isArray(rings[0]) || rings[0].length < 4) return err({ kind: 'file-format', path: file, reason: `feature ${i + 1}: a polygon needs a closed ring of at least 4 positions` });
      const moved = transformRings(rings, 'EPSG:4326', crs, `${file} feature ${i + 1}`);
      if (!moved.ok) return moved;
      out.push({ id: polys.length > 1 && p > 0 ? `${baseId}-${p + 1}` : baseId, name, rings: moved.value, z: null });
    }
  }
  if (out.length === 0) return err({ kind: 'file-format', path: file, reason: 'no polygon features' });
  return ok(out);
}
