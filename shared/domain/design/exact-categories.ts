/**
 * Categories for exact matching (a target matches only comparisons in the same district or beat)
 * from a reference layer of polygons: each unit's representative point is located in the first
 * polygon containing it. Labels come from the feature's `name` property (else the role's
 * property, else "<role> <n>"); parts of one multipolygon, and features sharing a label, are one
 * category. Used by `spi design match --exact` and by the design panel.
 */
import type { Rings } from './areas';
import { assignCategories } from './design-units';

/** Polygons (analysis CRS, metres) with a label each, ready for {@link categoriesFromPolygons}. */
export interface CategoryPolygons {
  readonly polygons: Rings[];
  readonly labels: string[];
}

/** The exact-matching category of every unit: codes into `labels`, -1 when in no polygon. */
export interface UnitCategories {
  readonly name: string;
  readonly codes: Int32Array;
  readonly labels: readonly string[];
}

/**
 * Reads the polygons of GeoJSON features (lon/lat, as a project's reference layers hold them),
 * projected with `toXY` (lon, lat -> x, y metres). Features that are not Polygon or
 * MultiPolygon are skipped.
 */
export function polygonsFromFeatures(features: readonly unknown[], role: string, toXY: (lon: number, lat: number) => [number, number]): CategoryPolygons {
  const polygons: Rings[] = [];
  const labels: string[] = [];
  features.forEach((f, i) => {
    const feat = f as { geometry?: { type?: string; coordinates?: unknown }; properties?: Record<string, unknown> | null };
    const g = feat.geometry;
    const polys = g?.type === 'Polygon' ? [g.coordinates as number[][][]] : g?.type === 'MultiPolygon' ? (g.coordinates as number[][][][]) : [];
    const label = String(feat.properties?.name ?? feat.properties?.[role] ?? `${role} ${i + 1}`);
    for (const p of polys) {
      polygons.push(p.map((ring) => ring.map((pt) => toXY(Number(pt[0]), Number(pt[1])))));
      labels.push(label);
    }
  });
  return { polygons, labels };
}

/** Category of each point (x, y metres), coded by distinct label in first-seen order. */
export function categoriesFromPolygons(name: string, layer: CategoryPolygons, x: Float64Array, y: Float64Array): UnitCategories {
  const raw = assignCategories(layer.polygons, x, y);
  const distinct = [...new Set(layer.labels)];
  const codeOf = new Map(distinct.map((l, i) => [l, i]));
  return { name, codes: Int32Array.from(raw, (k) => (k < 0 ? -1 : codeOf.get(layer.labels[k]!)!)), labels: distinct };
}
