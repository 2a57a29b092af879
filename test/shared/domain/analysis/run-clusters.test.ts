import { describe, expect, it } from 'vitest';
import { unwrap } from '../../../../shared/base/result';
import { runClusters, toHullFeatureCollection } from '../../../../shared/domain/analysis/run-clusters';

describe('runClusters', () => {
  // Two blobs of 6 points, a pair on a line (2 points, min 2), and a lone point.
  const x = Float64Array.from([0, 10, 0, 10, 5, 5, 1000, 1010, 1000, 1010, 1005, 1005, 5000, 5030, 9000]);
  const y = Float64Array.from([0, 0, 10, 10, 5, 12, 0, 0, 10, 10, 5, 12, 5000, 5000, 9000]);
  const ids = Array.from({ length: 15 }, (_, i) => `case-${i}`);

  it('labels points, counts and hulls clusters, and reports the nearest neighbour index', () => {
    const run = unwrap(runClusters(x, y, { eps: 40, minPoints: 2 }, ids));
    expect(run.summary).toMatchObject({ points: 15, clusters: 3, noise: 1 });
    const labels = Array.from(run.points.columns.find((c) => c.name === 'cluster')!.values as Int32Array);
    expect(labels).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2, -1]);
    expect(run.points.columns.map((c) => c.name)).toEqual(['id', 'x', 'y', 'cluster', 'core']);
    expect(Array.from(run.table.columns.find((c) => c.name === 'points')!.values as Int32Array)).toEqual([6, 6, 2]);
    // Hull of blob 0: the square (0,0)-(10,10) plus (5,12) on top: 100 + 10 * 2 / 2 = 110 m^2.
    expect((run.table.columns.find((c) => c.name === 'hull_area_m2')!.values as Float64Array)[0]).toBeCloseTo(110, 9);
    expect((run.summary.nearestNeighbour as { ratio: number }).ratio).toBeLessThan(1);
  });

  it('writes GeoJSON hulls: the analysis CRS named, degenerate clusters as lines, lon/lat when asked', () => {
    const run = unwrap(runClusters(x, y, { eps: 40, minPoints: 2, areaKm2: 100 }));
    const fc = toHullFeatureCollection(run, 'EPSG:32138') as { crs: unknown; features: { geometry: { type: string; coordinates: unknown } }[] };
    expect(fc.crs).toEqual({ type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::32138' } });
    expect(fc.features.map((f) => f.geometry.type)).toEqual(['Polygon', 'Polygon', 'LineString']);
    const ring = fc.features[0]!.geometry.coordinates as number[][][];
    expect(ring[0]![0]).toEqual(ring[0]!.at(-1));
    const shifted = toHullFeatureCollection(run, 'EPSG:32138', (a, b) => [a + 1, b + 2]) as { crs?: unknown; features: { geometry: { coordinates: number[][] } }[] };
    expect(shifted.crs).toBeUndefined();
    expect(shifted.features[2]!.geometry.coordinates[0]).toEqual([5001, 5002]);
    expect(run.summary.nearestNeighbour).toMatchObject({ areaM2: 1e8, areaSource: 'given' });
  });
});
