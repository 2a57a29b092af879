/**
 * Helpers of "spi design" and "spi evaluate": target polygons from a GeoJSON file or the sample
 * city's ground truth (lon/lat projected to the analysis CRS), reference layers for design units
 * and field covariates, and saving a document plus a log entry into the project.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { formatAppError } from '../../../shared/base/errors';
import { findLayer } from '../../../shared/domain/analysis/layer-units';
import type { LayerFeatureLike } from '../../../shared/domain/analysis/layer-geometry';
import type { Rings } from '../../../shared/domain/design/areas';
import type { DesignLayer } from '../../../shared/domain/design/design-layer-units';
import { createTransform, getCrsDefinition } from '../../../shared/domain/geo/crs';
import type { LogEntry } from '../../../shared/domain/project/manifest';
import { saveProjectFile } from '../../services/project-file';
import { CliInputError } from '../io';
import type { LoadedSource } from './analysis-source';

/** A target area in the analysis CRS. */
export interface TargetInput {
  readonly id: string;
  readonly name: string;
  readonly rings: Rings;
}

type LonLatRings = number[][][];

function project(rings: LonLatRings, crs: string, what: string): Rings {
  const t = createTransform('EPSG:4326', crs);
  return rings.map((r, k) =>
    r.map((pt, i) => {
      const [x, y] = t(Number(pt[0]), Number(pt[1]));
      if (!Number.isFinite(x + y)) throw new CliInputError(`${what}: ring ${k + 1} point ${i + 1} (${pt.join(', ')}) is not a lon/lat position`);
      return [x, y] as [number, number];
    }),
  );
}

function checkCrs(crs: string | null): string {
  const def = crs ? getCrsDefinition(crs) : undefined;
  if (!crs || !def || def.units !== 'metre') throw new CliInputError(`the dataset's analysis CRS is ${crs ?? 'unknown'}: designs need a projected CRS in metres (use --crs EPSG:N)`);
  return crs;
}

/**
 * Reads target polygons (lon/lat, EPSG:4326) from a GeoJSON FeatureCollection, Feature or
 * geometry; Polygon features give one target each, a MultiPolygon its first polygon. Ids come
 * from properties.id (else "T1", "T2", ...), names from properties.name (else the id).
 */
export async function targetsFromGeoJson(file: string, cwd: string, crs: string | null): Promise<TargetInput[]> {
  const target = checkCrs(crs);
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path.resolve(cwd, file), 'utf8'));
  } catch (e) {
    throw new CliInputError(`--targets: ${file} could not be read as JSON (${(e as Error).message})`);
  }
  const j = json as { type?: string; features?: unknown[]; geometry?: unknown };
  const features = j.type === 'FeatureCollection' ? (j.features ?? []) : j.type === 'Feature' ? [j] : [{ type: 'Feature', geometry: j, properties: {} }];
  const out: TargetInput[] = [];
  features.forEach((f, i) => {
    const feat = f as { geometry?: { type?: string; coordinates?: unknown }; properties?: Record<string, unknown> | null };
    const g = feat.geometry;
    const rings = g?.type === 'Polygon' ? (g.coordinates as LonLatRings) : g?.type === 'MultiPolygon' ? (g.coordinates as LonLatRings[])[0] : undefined;
    if (!rings || !Array.isArray(rings) || !Array.isArray(rings[0]) || rings[0].length < 4) throw new CliInputError(`--targets: feature ${i + 1} of ${file} is not a Polygon (${g?.type ?? 'no geometry'})`);
    const id = String(feat.properties?.id ?? `T${i + 1}`);
    out.push({ id, name: String(feat.properties?.name ?? id), rings: project(rings, target, `--targets feature ${i + 1}`) });
  });
  if (out.length === 0) throw new CliInputError(`--targets: ${file} has no polygon features`);
  return out;
}

/**
 * Target polygons and the buffer distance (m) from the project's `sample/ground-truth` document
 * (intervention.areas[].polygonLonLat; bufferDistanceFt converted with the international foot).
 */
export function targetsFromGroundTruth(source: LoadedSource): { targets: TargetInput[]; bufferM: number; startDate: string | null } {
  const crs = checkCrs(source.crs);
  const doc = source.project?.project.documents['sample/ground-truth'] as { intervention?: { areas?: { id: string; block?: string; polygonLonLat: number[][] }[]; bufferDistanceFt?: number; startDate?: string } } | undefined;
  const areas = doc?.intervention?.areas;
  if (!areas || !Array.isArray(areas) || areas.length === 0) throw new CliInputError(`--targets-from ground-truth: ${source.arg} has no "sample/ground-truth" document with intervention areas (made by "spi sample")`);
  const targets = areas.map((a, i) => ({ id: String(a.id ?? `T${i + 1}`), name: a.block ?? String(a.id), rings: project([a.polygonLonLat], crs, `ground-truth area ${a.id}`) }));
  return { targets, bufferM: (doc!.intervention!.bufferDistanceFt ?? 0) * 0.3048, startDate: doc!.intervention!.startDate ?? null };
}

/** Saves `documents[key] = doc` and appends a log entry to the project of `source`. */
export async function saveDocument(source: LoadedSource, key: string, doc: unknown, action: string, parameters: Record<string, unknown>): Promise<void> {
  const opened = source.project;
  if (!opened) throw new CliInputError(`--save: "${source.arg}" is not a project`);
  const project = opened.project;
  const entry: LogEntry = { at: new Date().toISOString(), by: '', action, parameters: { ...parameters, dataset: source.datasetId, document: key }, dataHashes: { [source.datasetId]: source.dataHash } };
  const updated = { ...project, documents: { ...project.documents, [key]: doc }, log: [...project.log, entry] };
  const saved = await saveProjectFile(updated, source.path, process.env.npm_package_version ?? '0.1.0');
  if (!saved.ok) throw new CliInputError(`--save: ${formatAppError(saved.error)}`);
}

/**
 * A reference layer for design units or field covariates, projected from lon/lat to the
 * source's CRS: a layer of the project (id or role, layer-units.ts findLayer) or a .geojson file.
 * `option` names the option in messages. The layer's name is its id (or the file's base name).
 */
export async function loadDesignLayer(source: LoadedSource, name: string, option: string, cwd: string): Promise<DesignLayer> {
  const crs = checkCrs(source.crs);
  const toXY = createTransform('EPSG:4326', crs);
  const project = (lon: number, lat: number) => toXY(lon, lat) as [number, number];
  if (/\.(geo)?json$/i.test(name)) {
    let json: unknown;
    try {
      json = JSON.parse(await readFile(path.resolve(cwd, name), 'utf8'));
    } catch (e) {
      throw new CliInputError(`${option}: ${name} could not be read as GeoJSON (${(e as Error).message})`);
    }
    const features = (json as { features?: unknown }).features;
    if (!Array.isArray(features)) throw new CliInputError(`${option}: ${name} is not a GeoJSON FeatureCollection`);
    return { name: path.basename(name), features: features as LayerFeatureLike[], project };
  }
  const layers = source.project?.project.layers;
  if (!layers) throw new CliInputError(`${option}: ${source.arg} is not a project, so it has no layer "${name}"; name a .geojson file instead`);
  const found = findLayer(layers, name);
  if (!found.ok) throw new CliInputError(`${option}: "${name}" is not a layer of ${source.arg} (layers: ${layers.map((l) => `${l.meta.id} (${l.meta.role})`).join(', ') || 'none'}) or a .geojson file`);
  return { name: found.value.meta.id, features: found.value.geojson.features as LayerFeatureLike[], project };
}
