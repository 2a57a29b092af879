/**
 * deck.gl layers of an analysis document: coloured cells (LISA classes, emerging classes, the
 * concentration targets) from binary attributes, cluster hulls as GeoJSON polygons with their
 * counts, and repeat places as circles sized by their count. Stable ids ("analysis-*") so
 * deck.gl diffs them; the data identity changes only when the document does.
 */
import { GeoJsonLayer, ScatterplotLayer, SolidPolygonLayer, TextLayer } from '@deck.gl/layers';
import { createTransform } from '../../../shared/domain/geo/crs';
import type { AnalysisDoc } from './analysis-jobs';
import { buildUnitLayer } from './analysis-unit-layers';
import { cellClasses, cellRings, cellUnit, docColumn, numbers, vertexColors } from './analysis-view';

/** Categorical hull colours (ColorBrewer Dark2), by cluster id. */
const HULL_COLORS: readonly (readonly [number, number, number])[] = [
  [27, 158, 119],
  [217, 95, 2],
  [117, 112, 179],
  [231, 41, 138],
  [102, 166, 30],
  [230, 171, 2],
  [166, 118, 29],
];

/** The layers drawing `doc` (empty for methods without a map, such as Knox). */
export function buildAnalysisLayers(doc: AnalysisDoc | null) {
  if (!doc) return [];
  const crs = typeof doc.crs === 'string' ? doc.crs : null;
  const unit = cellUnit(doc);
  const units = buildUnitLayer(doc);
  if (units) return [units];
  const classes = cellClasses(doc);
  if (classes && unit && crs) {
    const rings = cellRings(numbers(docColumn(doc, 'x')), numbers(docColumn(doc, 'y')), unit.shape, unit.size, crs);
    return [
      new SolidPolygonLayer({
        id: `analysis-cells-${String(doc.verb)}`,
        data: {
          length: rings.startIndices.length - 1,
          startIndices: rings.startIndices,
          attributes: {
            getPolygon: { value: rings.positions, size: 2 },
            getFillColor: { value: vertexColors(classes.rgba, rings.startIndices), size: 4, normalized: true },
          },
        },
        _normalize: false,
        pickable: false,
      }),
    ];
  }
  if (doc.verb === 'clusters' && doc.hulls && typeof doc.hulls === 'object') {
    const features = ((doc.hulls as { features?: { properties: { cluster: number; points: number }; geometry: { type: string; coordinates: unknown } }[] }).features ?? []);
    const color = (f: { properties: { cluster: number } }) => HULL_COLORS[f.properties.cluster % HULL_COLORS.length] as [number, number, number];
    const labels = features.filter((f) => f.geometry.type === 'Polygon').map((f) => {
      const ring = (f.geometry.coordinates as number[][][])[0] ?? [];
      let lon = 0;
      let lat = 0;
      for (const p of ring.slice(0, -1)) {
        lon += p[0] as number;
        lat += p[1] as number;
      }
      const k = Math.max(1, ring.length - 1);
      return { position: [lon / k, lat / k] as [number, number], text: String(f.properties.points) };
    });
    return [
      new GeoJsonLayer({
        id: 'analysis-hulls',
        data: { type: 'FeatureCollection', features } as never,
        filled: true,
        stroked: true,
        getFillColor: ((f: { properties: { cluster: number } }) => [...color(f), 90]) as never,
        getLineColor: ((f: { properties: { cluster: number } }) => [...color(f), 255]) as never,
        lineWidthMinPixels: 2,
        pointRadiusMinPixels: 4,
        pickable: false,
      }),
      new TextLayer({
        id: 'analysis-hull-counts',
        data: labels,
        getPosition: (d: { position: [number, number] }) => d.position,
        getText: (d: { text: string }) => d.text,
        getSize: 13,
        getColor: [20, 20, 20, 255],
        fontWeight: 700,
        outlineWidth: 3,
        outlineColor: [255, 255, 255, 230],
        fontSettings: { sdf: true },
      }),
    ];
  }
  if (doc.verb === 'repeats' && crs) {
    const x = numbers(docColumn(doc, 'x'));
    const y = numbers(docColumn(doc, 'y'));
    const count = numbers(docColumn(doc, 'count'));
    createTransform(crs, 'EPSG:4326').inPlace(x, y);
    const positions = new Float64Array(x.length * 2);
    const radii = new Float32Array(x.length);
    for (let i = 0; i < x.length; i++) {
      positions[2 * i] = x[i] as number;
      positions[2 * i + 1] = y[i] as number;
      radii[i] = 3 + 2.5 * Math.sqrt(count[i] as number);
    }
    return [
      new ScatterplotLayer({
        id: 'analysis-repeats',
        data: { length: x.length, attributes: { getPosition: { value: positions, size: 2 }, getRadius: { value: radii, size: 1 } } },
        radiusUnits: 'pixels',
        getFillColor: [122, 1, 119, 170],
        getLineColor: [255, 255, 255, 255],
        stroked: true,
        lineWidthMinPixels: 1,
        pickable: false,
      }),
    ];
  }
  return [];
}
