/**
 * GeoJSON exports (RFC 7946: WGS84 lon/lat, counter-clockwise exterior rings, no "crs" member)
 * of the sample city's streets, beats and districts, streamed one feature per line.
 */
import { createTransform } from '../geo/crs';
import { SAMPLE_CRS } from './constants';
import { ROAD_CLASSES } from './types';
import type { AreaTable, SampleCity } from './types';

/** Decimal places of exported lon/lat: 1e-6 degrees is about 0.1 m. */
const DIGITS = 6;
const FEATURES_PER_CHUNK = 1000;

function* featureCollection(name: string, count: number, feature: (i: number) => string): Generator<string> {
  yield `{"type":"FeatureCollection","name":${JSON.stringify(name)},"features":[\n`;
  let buf: string[] = [];
  for (let i = 0; i < count; i++) {
    buf.push((i > 0 ? ',\n' : '') + feature(i));
    if (buf.length >= FEATURES_PER_CHUNK) {
      yield buf.join('');
      buf = [];
    }
  }
  if (buf.length > 0) yield buf.join('');
  yield '\n]}\n';
}

const num = (v: number): string => String(Number(v.toFixed(DIGITS)));

function ringCoordinates(ring: Float64Array): string {
  const parts: string[] = [];
  for (let k = 0; k < ring.length; k += 2) parts.push(`[${num(ring[k] as number)},${num(ring[k + 1] as number)}]`);
  return `[${parts.join(',')}]`;
}

/** streets.geojson: one LineString per segment with id, name, class and address ranges. */
export function streetGeoJsonChunks(city: SampleCity): Generator<string> {
  const s = city.streets;
  const lon0 = Float64Array.from(s.x0);
  const lat0 = Float64Array.from(s.y0);
  const lon1 = Float64Array.from(s.x1);
  const lat1 = Float64Array.from(s.y1);
  const tr = createTransform(SAMPLE_CRS, 'EPSG:4326');
  tr.inPlace(lon0, lat0);
  tr.inPlace(lon1, lat1);
  return featureCollection('streets', s.count, (i) => {
    const props = {
      segment_id: i + 1,
      name: s.names[s.nameIndex[i] as number],
      road_class: ROAD_CLASSES[s.roadClass[i] as number],
      hundred_block: s.hundred[i],
      from_left: s.fromLeft[i],
      to_left: s.toLeft[i],
      from_right: s.fromRight[i],
      to_right: s.toRight[i],
    };
    return (
      `{"type":"Feature","id":${i + 1},"properties":${JSON.stringify(props)},"geometry":{"type":"LineString","coordinates":` +
      `[[${num(lon0[i] as number)},${num(lat0[i] as number)}],[${num(lon1[i] as number)},${num(lat1[i] as number)}]]}}`
    );
  });
}

function areaChunks(name: string, areas: AreaTable, props: (i: number) => Record<string, string | number>): Generator<string> {
  return featureCollection(name, areas.count, (i) =>
    `{"type":"Feature","id":${i + 1},"properties":${JSON.stringify(props(i))},"geometry":{"type":"Polygon","coordinates":[${ringCoordinates(areas.ringsLonLat[i] as Float64Array)}]}}`,
  );
}

/** beats.geojson: beat polygons with beat code, name and district. */
export function beatGeoJsonChunks(city: SampleCity): Generator<string> {
  const b = city.beats;
  const d = city.districts;
  return areaChunks('beats', b, (i) => ({
    beat: b.codes[i] ?? '',
    name: b.names[i] ?? '',
    district: d.codes[b.parent[i] as number] ?? '',
    district_name: d.names[b.parent[i] as number] ?? '',
  }));
}

/** districts.geojson: district polygons with code and name. */
export function districtGeoJsonChunks(city: SampleCity): Generator<string> {
  const d = city.districts;
  return areaChunks('districts', d, (i) => ({ district: d.codes[i] ?? '', name: d.names[i] ?? '' }));
}
