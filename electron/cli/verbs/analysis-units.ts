import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_SNAP_M, findLayer, parseLayerUnitSpec, type LayerUnitSpec } from '../../../shared/domain/analysis/layer-units';
import { buildPolygonUnits } from '../../../shared/domain/analysis/polygon-units';
import { buildSegmentUnits } from '../../../shared/domain/analysis/segment-units';
import { buildGridUnits, type AnalysisUnits, type PointUnits } from '../../../shared/domain/analysis/units';
import type { LayerFeatureLike } from '../../../shared/domain/analysis/layer-geometry';
import { createTransform } from '../../../shared/domain/geo/crs';
import { CliInputError } from '../io';
import { checkSourceArgs, fail, loadAnalysisSource, loadCellsSource, parseNumberOption, parseUnitOption, type CellsSource, type LoadedSource, type SourceValues } from './analysis-source';

/** Help lines for the layer units, shared by the verbs that take them. */
export const LAYER_UNIT_HELP = `  --unit segments[:LAYER]  street segments of the project's centerline layer (role streets, or
                        the layer id/.geojson file named): each incident snaps to the nearest
                        segment within --snap metres; unsnapped incidents are reported
  --unit polygons:LAYER polygons of a layer (id or role: beats, districts, ...; or a .geojson
                        file in lon/lat): incidents counted by point in polygon
  --snap M              snapping tolerance for segments, metres (default ${DEFAULT_SNAP_M})`;

/** parseArgs descriptors of the layer-unit options. */
export const LAYER_UNIT_OPTIONS = { snap: { type: 'string' } } as const;

async function layerFeatures(spec: LayerUnitSpec, source: LoadedSource, cwd: string): Promise<{ name: string; features: readonly LayerFeatureLike[] }> {
  if (/\.(geo)?json$/i.test(spec.layer)) {
    let json: unknown;
    try {
      json = JSON.parse(await readFile(path.resolve(cwd, spec.layer), 'utf8'));
    } catch (e) {
      throw new CliInputError(`--unit: ${spec.layer} could not be read as GeoJSON (${(e as Error).message})`);
    }
    const features = (json as { features?: unknown }).features;
    if (!Array.isArray(features)) throw new CliInputError(`--unit: ${spec.layer} is not a GeoJSON FeatureCollection`);
    return { name: path.basename(spec.layer), features: features as LayerFeatureLike[] };
  }
  const layers = source.project?.project.layers;
  if (!layers) throw new CliInputError(`--unit ${spec.kind}:${spec.layer}: ${source.arg} is not a project; name a .geojson file (e.g. --unit ${spec.kind}:streets.geojson)`);
  const layer = findLayer(layers, spec.layer);
  if (!layer.ok) fail(layer.error);
  return { name: layer.value.meta.id, features: layer.value.geojson.features as LayerFeatureLike[] };
}

/**
 * Units over SRC's points: grid/hex cells of `--unit grid:M|hex:M`, or street segments /
 * polygons of a reference layer (`--unit segments[:LAYER]`, `--unit polygons:LAYER`, with
 * `--snap M` for segments). Layer coordinates (lon/lat) are projected to the source's CRS.
 */
export async function loadPointUnits(
  positionals: readonly string[],
  values: SourceValues & { unit?: string; snap?: string },
  cwd: string,
): Promise<{ source: LoadedSource; units: PointUnits; unitText: string }> {
  const src = await checkSourceArgs(positionals, values);
  const layerSpec = values.unit === undefined ? null : parseLayerUnitSpec(values.unit);
  if (layerSpec && !layerSpec.ok) fail(layerSpec.error);
  if (values.snap !== undefined && layerSpec?.value.kind !== 'segments') throw new CliInputError('--snap applies with --unit segments');
  const snap = values.snap === undefined ? DEFAULT_SNAP_M : parseNumberOption('--snap', values.snap, { min: 0, exclusive: true, what: 'a tolerance in metres > 0' });
  const grid = layerSpec ? null : parseUnitOption(values.unit);
  const loaded = await loadAnalysisSource(src, values, { dates: 'none' }, cwd);
  const weights = loaded.points.weights ?? undefined;
  if (grid) {
    const built = buildGridUnits(loaded.points.x, loaded.points.y, grid, weights);
    if (!built.ok) fail(built.error);
    return { source: loaded, units: built.value, unitText: `${grid.kind}:${grid.size}` };
  }
  const spec = (layerSpec as { value: LayerUnitSpec }).value;
  if (!loaded.crs) throw new CliInputError(`--unit ${spec.kind}: ${src} records no CRS for x/y, so the layer cannot be placed on the incidents; pass --crs EPSG:N`);
  const { name, features } = await layerFeatures(spec, loaded, cwd);
  const toXY = createTransform('EPSG:4326', loaded.crs);
  const project = (lon: number, lat: number) => toXY(lon, lat) as [number, number];
  const p = loaded.points;
  const built =
    spec.kind === 'segments'
      ? buildSegmentUnits(features, project, p.x, p.y, { toleranceM: snap, layerName: name, pointWeights: weights })
      : buildPolygonUnits(features, project, p.x, p.y, { layerName: name, pointWeights: weights });
  if (!built.ok) fail(built.error);
  return { source: loaded, units: built.value, unitText: spec.kind === 'segments' ? `segments:${name}` : `polygons:${name}` };
}

/**
 * The units of a cell-based verb (hotspots, moran): either `--cells FILE` (given units and counts,
 * so results can be compared with other tools) or grid/hex cells of `--unit` over SRC's points
 * (with `layerUnits`, also street segments / polygons of a layer, see {@link loadPointUnits}).
 */
export async function loadAnalysisUnits(
  positionals: readonly string[],
  values: SourceValues & { unit?: string; cells?: string; snap?: string },
  cwd: string,
  options: { layerUnits?: boolean } = {},
): Promise<{ source: LoadedSource | CellsSource; units: AnalysisUnits; unitText: string }> {
  if (values.cells !== undefined) {
    if (positionals.length > 0) throw new CliInputError(`unexpected argument "${positionals[0]}" (--cells replaces SRC)`);
    for (const o of ['unit', 'filter', 'save', 'dataset', 'snap'] as const) {
      if (values[o] !== undefined) throw new CliInputError(`--${o} does not apply with --cells (the units and counts are given)`);
    }
    const cells = await loadCellsSource(values.cells, cwd);
    return { source: cells, units: cells.units, unitText: 'cells' };
  }
  if (!options.layerUnits && values.unit !== undefined && parseLayerUnitSpec(values.unit) !== null) {
    throw new CliInputError(`--unit: "${values.unit}" is offered by spi hotspots and spi concentration; this verb takes grid:<metres> or hex:<metres>`);
  }
  return loadPointUnits(positionals, values, cwd);
}
