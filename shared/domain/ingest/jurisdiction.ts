/**
 * The agency's boundary as point-in-polygon input: every Polygon and MultiPolygon of a GeoJSON
 * file (a single city limit, or all precincts/beats, whose union is the jurisdiction), in WGS 84
 * longitude/latitude.
 */
import type { AppError } from '../../base/errors';
import { err, ok, type Result } from '../../base/result';
import { normalizeCrsCode } from '../geo/crs';
import { toFlatPolygon, type FlatPolygon } from '../geo/point-in-polygon';

/** Parses GeoJSON text into polygons; fails (naming `file`) when there is no polygon or the file declares a projected CRS. */
export function parseJurisdiction(text: string, file: string): Result<FlatPolygon[], AppError> {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return err({ kind: 'file-format', path: file, reason: `not valid JSON (${e instanceof Error ? e.message : String(e)})` });
  }
  const root = json as { type?: string; features?: { geometry?: unknown }[]; geometry?: unknown; crs?: { properties?: { name?: string } } };
  const crs = root.crs?.properties?.name;
  if (crs && normalizeCrsCode(crs) !== 'EPSG:4326') return err({ kind: 'file-format', path: file, reason: `the boundary is in ${crs}; give it in WGS 84 longitude/latitude (GeoJSON's standard CRS)` });
  const geometries = root.type === 'FeatureCollection' ? (root.features ?? []).map((f) => f?.geometry) : root.type === 'Feature' ? [root.geometry] : [root];
  const polygons: FlatPolygon[] = [];
  for (const g of geometries) {
    const geom = g as { type?: string; coordinates?: unknown } | null | undefined;
    if (geom?.type === 'Polygon') polygons.push(toFlatPolygon(geom.coordinates as number[][][]));
    else if (geom?.type === 'MultiPolygon') for (const p of geom.coordinates as number[][][][]) polygons.push(toFlatPolygon(p));
  }
  const usable = polygons.filter((p) => p.rings.length > 0);
  if (usable.length === 0) return err({ kind: 'file-format', path: file, reason: 'no Polygon or MultiPolygon geometry to use as the jurisdiction' });
  return ok(usable);
}
