/**
 * Concentration on street segments or polygons of a project reference layer, for the Analysis
 * panel: the same shared builders and restatement as `spi concentration --unit segments|polygons`
 * (buildSegmentUnits / buildPolygonUnits, restateForLayerUnits), plus the unit geometries (lon/lat)
 * the map draws, kept in the document so a re-opened analysis draws without the layer.
 */
import { formatAppError } from '../../../shared/base/errors';
import { featureIds, type LayerFeatureLike } from '../../../shared/domain/analysis/layer-geometry';
import { restateForLayerUnits } from '../../../shared/domain/analysis/layer-units';
import { buildPolygonUnits } from '../../../shared/domain/analysis/polygon-units';
import type { AnalysisRun, JsonValue } from '../../../shared/domain/analysis/result';
import { runConcentration } from '../../../shared/domain/analysis/run-concentration';
import { buildSegmentUnits } from '../../../shared/domain/analysis/segment-units';
import { createTransform } from '../../../shared/domain/geo/crs';
import type { AnalysisJob, LayerUnit } from './analysis-jobs';

/** The `--unit` text of a layer unit, as the CLI spells it ("segments:streets", "polygons:beats"). */
export function layerUnitText(unit: LayerUnit): string {
  return `${unit.kind}:${unit.layer}`;
}

/**
 * Runs concentration over the units of `job.unitLayer` (its features in lon/lat, projected to
 * `job.crs`). Segments: each incident snaps to the nearest segment within `unit.snap` metres;
 * polygons: point in polygon. Incidents left unsnapped / outside every polygon are counted in
 * the summary (`unsnapped` / `outside`) and a warning, never silently dropped. Returns the run
 * and a FeatureCollection of the unit features (geometry and `id` only), or a plain-words error.
 */
export function runLayerConcentration(
  job: AnalysisJob,
  unit: LayerUnit,
  top: number | null,
): { ok: true; run: AnalysisRun; unitFeatures: JsonValue } | { ok: false; error: string } {
  const layer = job.unitLayer;
  if (!layer || layer.id !== unit.layer) return { ok: false, error: `Units: layer "${unit.layer}" is not in the project (add it under Layers, or choose cells)` };
  const features = layer.features as readonly LayerFeatureLike[];
  const toXY = createTransform('EPSG:4326', job.crs);
  const project = (lon: number, lat: number) => toXY(lon, lat) as [number, number];
  const built =
    unit.kind === 'segments'
      ? buildSegmentUnits(features, project, job.x, job.y, { toleranceM: unit.snap, layerName: unit.layer, pointWeights: job.weights ?? undefined })
      : buildPolygonUnits(features, project, job.x, job.y, { layerName: unit.layer, pointWeights: job.weights ?? undefined });
  if (!built.ok) return { ok: false, error: formatAppError(built.error) };
  const units = built.value;
  const conc = runConcentration(units, { unit: layerUnitText(unit), top });
  if (!conc.ok) return { ok: false, error: formatAppError(conc.error) };
  const run = restateForLayerUnits(conc.value, units);
  const kept = new Set(units.id as readonly string[]);
  const ids = featureIds(features);
  const out: JsonValue[] = [];
  features.forEach((f, i) => {
    const id = ids[i] as string;
    if (kept.has(id) && f.geometry) out.push({ type: 'Feature', properties: { id }, geometry: f.geometry as unknown as JsonValue });
  });
  return { ok: true, run, unitFeatures: { type: 'FeatureCollection', kind: unit.kind, features: out } };
}
