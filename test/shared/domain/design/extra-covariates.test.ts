/**
 * Covariates from other datasets (TERM@DATASET) and polygon-layer fields (field:LAYER.FIELD):
 * parsing, counting another dataset into the same units, field values by own polygon or by the
 * polygon around the unit centre, missing values (error naming the count, or dropped), and the
 * panel's one-call matching on street segments giving a valid design document that names its unit.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../shared/base/random';
import { unwrap } from '../../../../shared/base/result';
import type { LayerFeatureLike } from '../../../../shared/domain/analysis/layer-geometry';
import { squareRings } from '../../../../shared/domain/design/areas';
import { parseCovariateSpec } from '../../../../shared/domain/design/covariate-spec';
import { DesignDocSchema } from '../../../../shared/domain/design/design-doc';
import { buildDesignTable } from '../../../../shared/domain/design/design-table';
import { EXCLUSION_REASONS } from '../../../../shared/domain/design/design-units';
import { numericFieldNames } from '../../../../shared/domain/design/extra-covariates';
import { computeGridMatchDesign } from '../../../../shared/domain/design/grid-match';
import { parsePeriod } from '../../../../shared/domain/design/period';
import { formatStatsError } from '../../../../shared/domain/evaluation/stats-error';
import { createTransform } from '../../../../shared/domain/geo/crs';

const PRE = unwrap(parsePeriod('--pre', '2023-01-01..2023-03-31'));
const JAN = PRE.startDay + 3;
const FEB = PRE.startDay + 40;
const identity = (x: number, y: number): [number, number] => [x, y];
const line = (id: number, a: [number, number], b: [number, number]): LayerFeatureLike => ({ id, properties: {}, geometry: { type: 'LineString', coordinates: [a, b] } });
const square = (id: string, x0: number, y0: number, s: number, props: Record<string, unknown>): LayerFeatureLike => ({
  properties: { id, ...props },
  geometry: { type: 'Polygon', coordinates: [[[x0, y0], [x0 + s, y0], [x0 + s, y0 + s], [x0, y0 + s], [x0, y0]]] },
});
const pts = (xy: [number, number, number, number?][], groupNames: string[] = []) => ({
  x: Float64Array.from(xy, (p) => p[0]),
  y: Float64Array.from(xy, (p) => p[1]),
  days: Float64Array.from(xy, (p) => p[2]),
  group: groupNames.length ? Int32Array.from(xy, (p) => p[3] ?? -1) : null,
  groupNames,
});
const TARGET = [{ id: 'T1', name: 'Block', rings: squareRings(50, 50, 100) }];
const STREETS = { name: 'streets', project: identity, features: [line(1, [10, 50], [90, 50]), line(2, [600, 50], [700, 50]), line(3, [1600, 50], [1700, 50])] };
const TRACTS = { name: 'tracts', project: identity, features: [square('A', 0, 0, 1000, { population: 1200, label: 'x' }), square('B', 1000, 0, 1000, { population: '800' }), square('C', 5000, 0, 500, { population: 300 })] };
const INCIDENTS = pts([[50, 52, JAN], [650, 50, FEB]]);

describe('parseCovariateSpec with datasets and fields', () => {
  it('reads @DATASET on every count term and field:LAYER.FIELD', () => {
    expect(unwrap(parseCovariateSpec('total@calls, counts:violent@arrests, history:month@calls, trend@calls, counts@src-arrests, field:beats.population'))).toEqual([
      { kind: 'total', dataset: 'calls' },
      { kind: 'counts', group: 'violent', dataset: 'arrests' },
      { kind: 'history', by: 'month', dataset: 'calls' },
      { kind: 'trend', dataset: 'calls' },
      { kind: 'counts', group: null, dataset: 'src-arrests' },
      { kind: 'field', layer: 'beats', field: 'population' },
    ]);
    for (const [bad, msg] of [['total@', /dataset id after @/], ['field:beats', /field:LAYER\.FIELD/], ['calls', /@DATASET/]] as const) {
      const r = parseCovariateSpec(bad);
      expect(!r.ok && formatStatsError(r.error)).toMatch(msg);
    }
  });
});

describe('buildDesignTable with other datasets and fields', () => {
  const calls = pts([[50, 40, JAN, 0], [55, 45, FEB, 1], [650, 55, JAN, 0], [5000, 5000, JAN, 0], [650, 50, PRE.endDay + 1, 0]], ['disturbance', 'traffic']);
  const base = { points: INCIDENTS, targets: TARGET, bufferM: 50, pre: PRE, minDistanceM: 0, unit: { kind: 'segments', layer: 'streets', snapM: 20 } as const, layer: STREETS };

  it('counts the other dataset into the same segments over the same months', () => {
    const terms = unwrap(parseCovariateSpec('total,total@calls,history:month@calls,counts:traffic@calls'));
    const t = unwrap(buildDesignTable({ ...base, terms, datasets: new Map([['calls', calls]]), availableDatasets: ['incidents', 'calls'] }));
    expect(t.names).toEqual(['pre count: total', 'calls: pre count: total', 'calls: month 2023-01', 'calls: month 2023-02', 'calls: month 2023-03', 'calls: pre count: traffic']);
    expect(t.columns.map((c) => Array.from(c))).toEqual([[1, 1, 0], [2, 1, 0], [1, 1, 0], [1, 0, 0], [0, 0, 0], [1, 0, 0]]);
    expect(t.datasetCounts).toEqual([{ dataset: 'calls', records: 4, counted: 3 }]);
  });

  it('names an unknown dataset and lists those there are', () => {
    const r = buildDesignTable({ ...base, terms: unwrap(parseCovariateSpec('total@arrests')), datasets: new Map(), availableDatasets: ['incidents', 'src-calls (calls)'] });
    expect(!r.ok && formatStatsError(r.error)).toBe('--covariates: "@arrests" is not valid (expected a dataset of the project (datasets: incidents, src-calls (calls)))');
  });

  it('reads a field from the polygon around each unit centre; a missing value is an error naming the units, or drops them', () => {
    const ok = unwrap(buildDesignTable({ ...base, terms: unwrap(parseCovariateSpec('total,field:tracts.population')), fieldLayers: new Map([['tracts', TRACTS]]) }));
    // Segment 3's midpoint (1650, 50) is in no tract.
    const missing = buildDesignTable({ ...base, terms: unwrap(parseCovariateSpec('field:tracts.population')), fieldLayers: new Map([['tracts', { ...TRACTS, features: TRACTS.features.slice(0, 1) }]]) });
    expect(!missing.ok && formatStatsError(missing.error)).toMatch(/field:tracts\.population.*1 unit\(s\) \(0 target, 1 other\) have none.*--drop-missing/);
    expect(Array.from(ok.columns[1]!)).toEqual([1200, 1200, 800]);
    const dropped = unwrap(buildDesignTable({ ...base, terms: unwrap(parseCovariateSpec('total,field:tracts.population')), fieldLayers: new Map([['tracts', { ...TRACTS, features: TRACTS.features.slice(0, 1) }]]), dropMissing: true }));
    expect(dropped.dropped).toEqual({ targets: 0, others: 1 });
    expect(EXCLUSION_REASONS[dropped.units.exclusion[2]!]).toBe('missing covariate value (dropped)');
    expect(dropped.units.eligible[2]).toBe(0);
    const unknown = buildDesignTable({ ...base, terms: unwrap(parseCovariateSpec('field:tracts.income')), fieldLayers: new Map([['tracts', TRACTS]]) });
    expect(!unknown.ok && formatStatsError(unknown.error)).toMatch(/numeric field of layer tracts \(numeric fields: population\)/);
    expect(numericFieldNames(TRACTS.features)).toEqual(['population']);
  });

  it("uses a polygon unit's own value on its own layer", () => {
    const t = unwrap(buildDesignTable({ ...base, bufferM: 0, unit: { kind: 'polygons', layer: 'tracts' }, layer: TRACTS, terms: unwrap(parseCovariateSpec('field:tracts.population')), fieldLayers: new Map([['tracts', TRACTS]]) }));
    // The block is inside tract A (its unit); B touches A, so only C is in the pool.
    expect(t.units.ids).toEqual(['polygon A', 'polygon B', 'polygon C']);
    expect(Array.from(t.units.eligible)).toEqual([0, 0, 1]);
    expect(Array.from(t.columns[0]!)).toEqual([1200, 800, 300]);
  });
});

describe('computeGridMatchDesign on street segments', () => {
  it('matches target segments to pool segments and saves a valid document naming the unit', () => {
    // A street grid: 100 m blocks over 1.5 km (EPSG:32138 metres from X0, Y0; the layer in
    // lon/lat as a project keeps it); hot spots on a few streets.
    const X0 = 700_000;
    const Y0 = 2_100_000;
    const toLonLat = createTransform('EPSG:32138', 'EPSG:4326');
    const ll = (x: number, y: number) => toLonLat(X0 + x, Y0 + y) as [number, number];
    const features: LayerFeatureLike[] = [];
    for (let i = 0; i <= 15; i++) for (let j = 0; j < 15; j++) {
      features.push(line(features.length + 1, ll(j * 100, i * 100), ll((j + 1) * 100, i * 100)));
      features.push(line(features.length + 1, ll(i * 100, j * 100), ll(i * 100, (j + 1) * 100)));
    }
    const rng = createRng(5);
    const xy: [number, number, number][] = [];
    for (let k = 0; k < 3000; k++) {
      const i = rng.int(16);
      const along = rng.uniform(0, 1500);
      const hot = rng.next() < 0.3;
      const x = hot ? 250 + rng.uniform(-40, 40) : along;
      const y = hot ? (rng.next() < 0.5 ? 300 : 1200) : i * 100;
      const day = PRE.startDay + rng.int(90);
      xy.push(rng.next() < 0.5 ? [X0 + x, Y0 + y + rng.uniform(-5, 5), day] : [X0 + y + rng.uniform(-5, 5), Y0 + x, day]);
    }
    const targets = [
      { id: 'T1', name: 'North', rings: squareRings(X0 + 250, Y0 + 1200, 60) },
      { id: 'T2', name: 'South', rings: squareRings(X0 + 250, Y0 + 300, 60) },
    ];
    const r = computeGridMatchDesign({
      name: 'seg', created: '2024-01-01T00:00:00Z', crs: 'EPSG:32138', points: { ...pts(xy) }, targets, bufferM: 100, cellSizeM: 0, pre: PRE, minDistanceM: 0,
      covariateSpec: 'total', method: 'mahalanobis', pairing: 'greedy', ratio: 1, replace: false, caliper: null, seed: 1, exact: null, source: { dataset: 'incidents', dataHash: 'h' },
      unit: { kind: 'segments', layer: 'streets', snapM: 10 }, layer: { name: 'streets', features },
    });
    if (!r.ok) throw new Error(formatStatsError(r.error));
    const { doc, summary } = r.value;
    expect(summary.unit).toBe('segments:streets');
    expect(summary.nTargets).toBe(2);
    expect(DesignDocSchema.safeParse(doc).success).toBe(true);
    expect(doc.unit).toMatchObject({ kind: 'segments', sizeM: 20, layer: 'streets', snapM: 10 });
    expect(doc.unit.rules).toMatch(/midpoint/);
    expect(doc.targets.map((t) => t.id)).toEqual(['segment 365', 'segment 95']);
    expect(doc.targets[0]!.name).toBe('T1 · segment 365');
    expect(doc.comparisons).toHaveLength(2);
    for (const c of doc.comparisons) {
      expect(c.name).toMatch(/^segment \d+$/);
      // A 100 m segment widened by 10 m: about 120 x 20 m.
      expect(c.areaM2).toBeGreaterThan(2000);
      expect(c.areaM2).toBeLessThan(2400);
    }
    expect(doc.method.kind === 'matched' && doc.method.convention).toMatch(/street segments of layer "streets"/);
  });
});
