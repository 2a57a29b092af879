/**
 * Counts by polygon as an analysis run (the `spi choropleth` verb): the table of units with
 * their counts, denominators, rates and classes, its stated conventions, and the polygons as a
 * GeoJSON FeatureCollection (lon/lat, RFC 7946) with those values as properties.
 */
import type { AppError } from '../../base/errors';
import { ok, type Result } from '../../base/result';
import { makeTable, type AnalysisRun } from '../analysis/result';
import type { ChoroplethRate, PolygonUnits } from './choropleth';
import { prepareChoroplethLayer, type ChoroplethLayerSettings } from './choropleth-layer';

/** The run and the polygons with their values. */
export interface ChoroplethRun {
  readonly run: AnalysisRun;
  readonly geojson: { type: 'FeatureCollection'; features: unknown[] };
}

/** The conventions stated in --help, the metadata and --json. */
export function choroplethConvention(rate: ChoroplethRate, layerName: string, crs: string): string[] {
  const value =
    rate.kind === 'count'
      ? 'value = count'
      : rate.kind === 'area'
        ? `value = count / area in ${rate.unit === 'km2' ? 'square kilometres' : 'square miles'} (planar area of the polygon in ${crs}, holes subtracted)`
        : `value = count / ${rate.field} * ${rate.per} (no value when ${rate.field} is missing or <= 0)`;
  return [
    `Units: the Polygon/MultiPolygon features of ${layerName}, every one listed, zero-count ones included.`,
    `Each incident counts in the FIRST polygon (in file order) containing it (even-odd rule, in ${crs}); incidents in no polygon are counted as "outside".`,
    value,
    'class: 1-based class of the value by the chosen classing (empty when there is no value).',
  ];
}

/**
 * Counts points (x, y metres in `units.crs`) by polygon, computes `rate`, classes. Errors as
 * prepareChoroplethLayer (a missing property is named).
 */
export function runChoropleth(units: PolygonUnits, x: Float64Array, y: Float64Array, rate: ChoroplethRate, rateText: string, layerName: string, classing: Pick<ChoroplethLayerSettings, 'classing' | 'classes'>): Result<ChoroplethRun, AppError> {
  const layer = prepareChoroplethLayer(units, x, y, rate, classing);
  if (!layer.ok) return layer;
  const d = layer.value;
  const n = units.names.length;
  const cls = Float64Array.from(d.classes, (c) => (c < 0 ? NaN : c + 1));
  const areaKm2 = Float64Array.from(units.areas, (a) => a / 1e6);
  const run: AnalysisRun = {
    verb: 'choropleth',
    method: 'Counts by polygon',
    parameters: { layer: layerName, rate: rateText, classing: classing.classing, classes: classing.classes },
    convention: choroplethConvention(rate, layerName, units.crs),
    summary: { polygons: n, incidents: x.length, inside: x.length - d.outside, outside: d.outside, valueLabel: d.label, breaks: [...d.breaks], noValue: d.classCounts[d.breaks.length] ?? 0 },
    table: makeTable('polygons', [
      { name: 'unit', values: Float64Array.from({ length: n }, (_, i) => i + 1) },
      { name: 'name', values: [...units.names] },
      { name: 'count', values: Float64Array.from(d.counts) },
      { name: 'area_km2', values: areaKm2 },
      { name: 'denominator', values: d.denominators },
      { name: 'value', values: d.values },
      { name: 'class', values: cls },
    ]),
    tables: [],
    warnings: d.outside > 0 ? [`${d.outside.toLocaleString('en-US')} incidents fell in no polygon`] : [],
  };
  const num = (v: number) => (Number.isFinite(v) ? v : null);
  const features = units.lonLatParts.map((parts, i) => ({
    type: 'Feature',
    properties: {
      ...units.properties[i],
      spi_name: units.names[i],
      spi_count: d.counts[i],
      spi_area_km2: num(areaKm2[i] as number),
      spi_denominator: num(d.denominators[i] as number),
      spi_value: num(d.values[i] as number),
      spi_class: num(cls[i] as number),
    },
    geometry: parts.length === 1 ? { type: 'Polygon', coordinates: parts[0] } : { type: 'MultiPolygon', coordinates: parts },
  }));
  return ok({ run, geojson: { type: 'FeatureCollection', features } });
}
