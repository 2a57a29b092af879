/**
 * GeoJSON point features as a raw text table: the properties as columns (the union of all
 * features' keys, in first-seen order) plus `geometry_x`, `geometry_y` (the point, in the file's
 * CRS: WGS 84 per RFC 7946 unless a legacy `crs` member names another) and `geometry_error`
 * (why a feature's geometry is unusable; such rows are quarantined as "invalid geometry").
 */
import { messageOf } from '../../base/errors';
import { safeJson, safeText } from '../../base/json-text';
import { err, ok, type Result } from '../../base/result';
import { getCrsDefinition, normalizeCrsCode } from '../geo/crs';
import { uniqueColumnNames } from './csv-text';
import type { IngestError } from './raw-table';
import type { TabularData } from './read-raw';

interface Feature {
  type?: unknown;
  properties?: unknown;
  geometry?: unknown;
}

/** Why a geometry is not a usable point, or its coordinates. */
export function pointOf(geometry: unknown): { x: number; y: number } | { error: string } {
  if (geometry === null || geometry === undefined) return { error: 'no geometry' };
  if (typeof geometry !== 'object') return { error: 'geometry is not an object' };
  const g = geometry as { type?: unknown; coordinates?: unknown };
  let c: unknown = g.coordinates;
  if (g.type === 'MultiPoint' && Array.isArray(c) && c.length === 1) c = c[0];
  else if (g.type !== 'Point') return { error: `geometry type ${safeText(g.type)} is not a point` };
  if (!Array.isArray(c) || c.length < 2) return { error: 'point coordinates are not a [x, y] pair' };
  const [x, y] = c as unknown[];
  if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) {
    return { error: `point coordinates [${safeJson(x, 40)}, ${safeJson(y, 40)}] are not two finite numbers` };
  }
  return { x, y };
}

function text(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.trim() === '' ? null : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return safeJson(v);
}

/** Parses GeoJSON bytes (FeatureCollection, a single Feature, or a bare Point). */
export function parseGeoJsonTable(bytes: Uint8Array, path: string): Result<TabularData, IngestError> {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, ''));
  } catch (e) {
    return err({ kind: 'file-format', path, reason: `not valid JSON (${messageOf(e)})` });
  }
  const root = json as { type?: unknown; features?: unknown; crs?: { properties?: { name?: unknown } } };
  let features: Feature[];
  if (root?.type === 'FeatureCollection' && Array.isArray(root.features)) features = root.features as Feature[];
  else if (root?.type === 'Feature') features = [root as Feature];
  else if (root?.type === 'Point' || root?.type === 'MultiPoint') features = [{ type: 'Feature', properties: {}, geometry: root }];
  else return err({ kind: 'file-format', path, reason: `not GeoJSON: the top level is ${root?.type === undefined ? 'not a GeoJSON object' : `of type "${safeText(root.type)}"`} (expected a FeatureCollection)` });

  const points = features.map((f) => pointOf(f?.geometry));
  const nonPoint = points.filter((p) => 'error' in p && /is not a point/.test(p.error)).length;
  if (features.length > 0 && nonPoint > features.length / 2) {
    const kind = (features.find((f) => f?.geometry && typeof f.geometry === 'object') as { geometry: { type?: unknown } } | undefined)?.geometry.type;
    return err({ kind: 'file-format', path, reason: `${nonPoint} of ${features.length} features are ${safeText(kind)}s, not points: load this file as a reference layer (beats, districts, streets), not as a point dataset` });
  }
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const f of features) {
    const props = f?.properties;
    if (props && typeof props === 'object') for (const k of Object.keys(props)) if (!seen.has(k)) (seen.add(k), keys.push(k));
  }
  const columns = uniqueColumnNames([...keys, 'geometry_x', 'geometry_y', 'geometry_error']);
  const values: (string | null)[][] = columns.map(() => new Array<string | null>(features.length));
  features.forEach((f, i) => {
    const props = (f?.properties && typeof f.properties === 'object' ? f.properties : {}) as Record<string, unknown>;
    keys.forEach((k, j) => ((values[j] as (string | null)[])[i] = text(props[k])));
    const p = points[i] as { x: number; y: number } | { error: string };
    const base = keys.length;
    (values[base] as (string | null)[])[i] = 'x' in p ? String(p.x) : null;
    (values[base + 1] as (string | null)[])[i] = 'x' in p ? String(p.y) : null;
    (values[base + 2] as (string | null)[])[i] = 'error' in p ? `feature ${i + 1}: ${p.error}` : null;
  });
  const declared = typeof root.crs?.properties?.name === 'string' ? normalizeCrsCode(root.crs.properties.name) : 'EPSG:4326';
  const known = getCrsDefinition(declared);
  return ok({
    columns,
    values,
    sourceRows: Int32Array.from(features, (_f, i) => i + 1),
    rowNumbering: 'feature number',
    ...(known ? { declaredCrs: { code: known.code, how: 'GeoJSON' } } : { crsProblem: `the GeoJSON declares CRS "${declared}", which is not in the bundled table` }),
  });
}
