/**
 * Reference layers (beats, districts, street centrelines, any polygons or lines) from GeoJSON or
 * a zipped shapefile, as a WGS 84 GeoJSON FeatureCollection for the map and for point-in-polygon
 * work. Coordinates are reprojected from the file's CRS (the .prj, a legacy GeoJSON `crs`, or the
 * analyst's choice); every feature is accounted for: usable ones are returned, the rest listed
 * with the reason.
 */
import { strFromU8 } from 'fflate';
import { unzipImport } from './safe-unzip';
import { parseDbf, parseShp } from 'shpjs';
import { messageOf } from '../../base/errors';
import { safeJson } from '../../base/json-text';
import { err, ok, type Result } from '../../base/result';
import { createTransform, getCrsDefinition, normalizeCrsCode } from '../geo/crs';
import { matchPrj } from '../geo/crs-prj';
import { guessCrs } from '../geo/crs-suggest';
import { unknownCrsError } from './crs-resolve';
import type { IngestError } from './raw-table';
import { dbfHeaderProblem, zipEntryNames } from './read-shapefile';
import { sniffFormat } from './sniff';

type Position = number[];
export interface LayerFeature {
  type: 'Feature';
  properties: Record<string, unknown>;
  geometry: { type: string; coordinates: unknown };
}

export interface ReferenceLayer {
  readonly file: string;
  /** Features with usable geometry, coordinates in WGS 84 lon/lat. */
  readonly features: LayerFeature[];
  /** Features left out, 1-based, with why. */
  readonly invalid: { feature: number; reason: string }[];
  readonly sourceCrs: { code: string; how: string };
  /** Geometry types present (e.g. ["Polygon", "MultiPolygon"]). */
  readonly geometryTypes: string[];
}

const DEPTH: Readonly<Record<string, number>> = { Point: 0, MultiPoint: 1, LineString: 1, MultiLineString: 2, Polygon: 2, MultiPolygon: 3 };

/** Why the coordinates of a `type` geometry are unusable, or undefined when they are fine. */
function checkGeometry(type: string, coordinates: unknown): string | undefined {
  const depth = DEPTH[type];
  if (depth === undefined) return `geometry type ${type} is not supported`;
  const walk = (c: unknown, d: number): string | undefined => {
    if (d === 0) return Array.isArray(c) && c.length >= 2 && c.slice(0, 2).every((v) => typeof v === 'number' && Number.isFinite(v)) ? undefined : `a position ${safeJson(c, 40)} is not two finite numbers`;
    if (!Array.isArray(c) || c.length === 0) return 'empty coordinates';
    for (const x of c) {
      const bad = walk(x, d - 1);
      if (bad) return bad;
    }
    return undefined;
  };
  const bad = walk(coordinates, depth);
  if (bad) return bad;
  if (type === 'LineString' && (coordinates as unknown[]).length < 2) return 'a line needs at least 2 positions';
  const rings = type === 'Polygon' ? (coordinates as Position[][]) : type === 'MultiPolygon' ? (coordinates as Position[][][]).flat() : [];
  for (const ring of rings) if (ring.length < 4) return 'a polygon ring needs at least 4 positions (closed)';
  return undefined;
}

function mapPositions(type: string, coordinates: unknown, f: (p: Position) => Position): unknown {
  const walk = (c: unknown, d: number): unknown => (d === 0 ? f(c as Position) : (c as unknown[]).map((x) => walk(x, d - 1)));
  return walk(coordinates, DEPTH[type] ?? 0);
}

/**
 * Reads a GeoJSON or zipped-shapefile reference layer. `crs` overrides the file's own; a
 * shapefile without .prj whose values are not degrees needs it (error `crs-required`).
 */
export function readReferenceLayer(bytes: Uint8Array, file: string, crs?: string): Result<ReferenceLayer, IngestError> {
  const format = sniffFormat(file, bytes.subarray(0, 65536)).format;
  let raw: { geometry: unknown; properties: Record<string, unknown> }[];
  let declared: { code: string; how: string } | undefined;
  let problem: string | undefined;
  if (format === 'geojson') {
    let json: { type?: string; features?: { geometry?: unknown; properties?: Record<string, unknown> }[]; crs?: { properties?: { name?: string } } };
    try {
      json = JSON.parse(new TextDecoder().decode(bytes).replace(/^\uFEFF/, ''));
    } catch (e) {
      return err({ kind: 'file-format', path: file, reason: `not valid JSON (${messageOf(e)})` });
    }
    if (json.type !== 'FeatureCollection' || !Array.isArray(json.features)) return err({ kind: 'file-format', path: file, reason: 'not a GeoJSON FeatureCollection' });
    raw = json.features.map((f) => {
      const props: unknown = f?.properties;
      return { geometry: f?.geometry, properties: props && typeof props === 'object' && !Array.isArray(props) ? (props as Record<string, unknown>) : {} };
    });
    const crsName: unknown = json.crs?.properties?.name;
    const name = typeof crsName === 'string' ? crsName : undefined;
    declared = { code: name ? normalizeCrsCode(name) : 'EPSG:4326', how: name ? 'GeoJSON crs' : 'GeoJSON (RFC 7946)' };
  } else if (format === 'zip' && zipEntryNames(bytes).some((n) => /\.shp$/i.test(n))) {
    try {
      const unzipped = unzipImport(bytes, file, (name) => !name.startsWith('__MACOSX/') && /\.(shp|dbf|prj|cpg)$/i.test(name));
      if (!unzipped.ok) return unzipped;
      const files = unzipped.value;
      const part = (ext: string) => Object.entries(files).find(([n]) => n.toLowerCase().endsWith(`.${ext}`))?.[1];
      const dbf = part('dbf');
      const dbfProblem = dbf ? dbfHeaderProblem(dbf) : null;
      if (dbfProblem) return err({ kind: 'file-format', path: file, reason: dbfProblem });
      const geometries = parseShp(part('shp') as Uint8Array, false);
      const cpg = part('cpg');
      const records = dbf ? parseDbf(dbf, cpg ? strFromU8(cpg) : undefined) : [];
      raw = geometries.map((g, i) => ({ geometry: g, properties: records[i] ?? {} }));
      const prj = part('prj');
      if (prj) {
        const m = matchPrj(strFromU8(prj));
        if (m.kind === 'matched') declared = { code: m.code, how: `.prj (${m.how})` };
        else problem = `the .prj describes "${m.name}", which matches no bundled system`;
      } else problem = 'the shapefile has no .prj file, so its coordinate system is unknown';
    } catch (e) {
      return err({ kind: 'file-format', path: file, reason: `cannot read the shapefile (${messageOf(e)})` });
    }
  } else {
    return err({ kind: 'file-format', path: file, reason: 'a reference layer must be GeoJSON or a zipped shapefile' });
  }

  const invalid: { feature: number; reason: string }[] = [];
  const usable: { index: number; type: string; coordinates: unknown; properties: Record<string, unknown> }[] = [];
  raw.forEach((f, i) => {
    const g = f.geometry as { type?: unknown; coordinates?: unknown } | null | undefined;
    if (!g || typeof g.type !== 'string') return void invalid.push({ feature: i + 1, reason: 'no geometry' });
    const bad = checkGeometry(g.type, g.coordinates);
    if (bad) invalid.push({ feature: i + 1, reason: bad });
    else usable.push({ index: i, type: g.type, coordinates: g.coordinates, properties: f.properties });
  });

  let source: { code: string; how: string };
  if (crs) {
    const def = getCrsDefinition(crs);
    if (!def) return err(unknownCrsError('--crs', crs));
    source = { code: def.code, how: 'given' };
  } else if (declared && getCrsDefinition(declared.code)) source = { code: getCrsDefinition(declared.code)?.code as string, how: declared.how };
  else {
    const first = (c: unknown): Position => (Array.isArray(c) && typeof c[0] === 'number' ? (c as Position) : first((c as unknown[])[0]));
    const pts = usable.slice(0, 500).map((u) => first(u.coordinates));
    const guess = guessCrs(Float64Array.from(pts, (p) => p[0] as number), Float64Array.from(pts, (p) => p[1] as number));
    if (guess.kind === 'degrees' && !guess.swapped) source = { code: 'EPSG:4326', how: 'values: degrees' };
    else {
      return err({
        kind: 'crs-required',
        path: file,
        reason: `${problem ?? `the layer declares ${declared?.code ?? 'no'} CRS`}; give its EPSG code`,
        candidates: guess.kind === 'projected' ? guess.candidates.map((c) => ({ code: c.code, name: c.name })) : [],
      });
    }
  }
  const toLonLat = source.code === 'EPSG:4326' ? undefined : createTransform(source.code, 'EPSG:4326');
  const features: LayerFeature[] = [];
  const kept: typeof usable = [];
  for (const u of usable) {
    // Every position must end as a lon/lat on the globe: a value like -999 in a degrees layer,
    // or a projected value far outside the system's area, leaves the feature out, by number.
    let outside: Position | null = null;
    const coordinates = mapPositions(u.type, u.coordinates, (p) => {
      const q = toLonLat ? toLonLat(p[0] as number, p[1] as number) : p;
      const [lon, lat] = q as [number, number];
      if (!outside && !(Number.isFinite(lon) && Number.isFinite(lat) && Math.abs(lon) <= 180 && Math.abs(lat) <= 90)) outside = p;
      return q;
    });
    if (outside) {
      invalid.push({ feature: u.index + 1, reason: `position ${safeJson(outside, 60)} is not on the globe in ${source.code}` });
      continue;
    }
    kept.push(u);
    features.push({ type: 'Feature', properties: u.properties, geometry: { type: u.type, coordinates } });
  }
  invalid.sort((a, b) => a.feature - b.feature);
  return ok({ file, features, invalid, sourceCrs: source, geometryTypes: [...new Set(kept.map((u) => u.type))].sort() });
}
