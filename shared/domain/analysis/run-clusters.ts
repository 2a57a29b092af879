/**
 * Runner for DBSCAN clusters with convex hulls (stats/dbscan.ts) and the Clark-Evans nearest
 * neighbour index (stats/nearest-neighbour.ts). The main table has one row per cluster; the
 * point labels and the hull rings come beside it (the CLI writes them as CSV or GeoJSON).
 */
import { ok, type Result } from '../../base/result';
import { computeClusterHulls, computeDbscan, type ClusterHulls } from '../stats/dbscan';
import type { StatsError } from '../stats/errors';
import { computeNearestNeighbourIndex } from '../stats/nearest-neighbour';
import { clustersConvention } from './conventions';
import { makeTable, type AnalysisRun, type ResultColumn, type ResultTable } from './result';

/** Parameters of {@link runClusters}. */
export interface ClusterParams {
  /** Neighbourhood radius, metres (inclusive). */
  readonly eps: number;
  /** Points in a core point's neighbourhood, itself included. */
  readonly minPoints: number;
  /** Study area for the NNI in km^2; default the points' bounding rectangle. */
  readonly areaKm2?: number;
}

/** A cluster run: the per-cluster table, plus point labels and hull rings. */
export interface ClustersRun extends AnalysisRun {
  /** One row per point: x, y, cluster (-1 noise), core (1/0), and `id` when given. */
  readonly points: ResultTable;
  readonly hulls: ClusterHulls;
}

/**
 * DBSCAN + hulls + NNI. `ids` (e.g. case numbers) go into the points table when given.
 * Errors: bad eps/minPoints, non-finite coordinates, fewer than 2 points for the NNI, a zero
 * study area.
 */
export function runClusters(
  x: Float64Array,
  y: Float64Array,
  params: ClusterParams,
  ids?: readonly (string | null)[],
): Result<ClustersRun, StatsError> {
  const db = computeDbscan(x, y, params.eps, params.minPoints);
  if (!db.ok) return db;
  const nni = computeNearestNeighbourIndex(x, y, params.areaKm2 === undefined ? {} : { area: params.areaKm2 * 1e6 });
  if (!nni.ok) return nni;
  const { labels, core, clusterCount, noiseCount } = db.value;
  const hulls = computeClusterHulls(x, y, labels, clusterCount);
  const corePoints = new Float64Array(clusterCount);
  for (let i = 0; i < labels.length; i++) if ((labels[i] as number) >= 0 && core[i]) corePoints[labels[i] as number] = (corePoints[labels[i] as number] as number) + 1;
  const clusterIds = new Int32Array(clusterCount);
  const vertices = new Int32Array(clusterCount);
  for (let c = 0; c < clusterCount; c++) {
    clusterIds[c] = c;
    vertices[c] = (hulls.startIndices[c + 1] as number) - (hulls.startIndices[c] as number) - 1;
  }
  const table = makeTable('clusters', [
    { name: 'cluster', values: clusterIds },
    { name: 'points', values: hulls.counts },
    { name: 'core_points', values: corePoints },
    { name: 'centre_x', values: hulls.centreX },
    { name: 'centre_y', values: hulls.centreY },
    { name: 'hull_area_m2', values: hulls.areas },
    { name: 'hull_vertices', values: vertices },
  ]);
  const pointColumns: ResultColumn[] = [];
  if (ids) pointColumns.push({ name: 'id', values: ids });
  pointColumns.push({ name: 'x', values: x }, { name: 'y', values: y }, { name: 'cluster', values: labels }, { name: 'core', values: core });
  const n = nni.value;
  const areaSource = n.areaSource === 'given' ? `the study area given (${params.areaKm2} km^2)` : "the area of the points' bounding rectangle";
  const warnings: string[] = [];
  if (n.areaSource !== 'given') warnings.push('The nearest neighbour index uses the bounding rectangle as the study area; pass --area-km2 with the jurisdiction\'s area for a fair R.');
  return ok({
    verb: 'clusters',
    method: 'DBSCAN clusters and Clark-Evans nearest neighbour index',
    parameters: { eps: params.eps, minPoints: params.minPoints, areaKm2: params.areaKm2 ?? null },
    convention: clustersConvention({ eps: params.eps, minPoints: params.minPoints, areaSource }),
    summary: {
      points: x.length,
      clusters: clusterCount,
      noise: noiseCount,
      clustered: x.length - noiseCount,
      nearestNeighbour: {
        observedMeanM: n.observedMean,
        expectedMeanM: n.expectedMean,
        ratio: n.ratio,
        z: n.z,
        p: n.p,
        areaM2: n.area,
        areaSource: n.areaSource,
      },
    },
    table,
    tables: [],
    warnings,
    points: makeTable('points', pointColumns),
    hulls,
  });
}

/** A GeoJSON geometry for hull ring c: Polygon, or Point/LineString for degenerate clusters. */
function hullGeometry(hulls: ClusterHulls, c: number, project: (x: number, y: number) => [number, number]) {
  const from = hulls.startIndices[c] as number;
  const to = hulls.startIndices[c + 1] as number;
  const ring: [number, number][] = [];
  for (let v = from; v < to; v++) ring.push(project(hulls.positions[2 * v] as number, hulls.positions[2 * v + 1] as number));
  const distinct = ring.length - 1;
  if (distinct >= 3) return { type: 'Polygon', coordinates: [ring] };
  if (distinct === 2) return { type: 'LineString', coordinates: ring.slice(0, 2) };
  return { type: 'Point', coordinates: ring[0] ?? [Number.NaN, Number.NaN] };
}

/**
 * Hulls as a GeoJSON FeatureCollection, properties cluster/points/area_m2. Without `toLonLat`
 * the coordinates stay in the analysis CRS (`crs` names it in the legacy GeoJSON 2008 `crs`
 * member, which QGIS and GDAL read); with it they are WGS 84 lon/lat (RFC 7946, no `crs`).
 * Degenerate clusters (one location, or on a line) become a Point or a LineString.
 */
export function toHullFeatureCollection(
  run: ClustersRun,
  crs: string | null,
  toLonLat?: (x: number, y: number) => [number, number],
): Record<string, unknown> {
  const project = toLonLat ?? ((x: number, y: number): [number, number] => [x, y]);
  const features = [];
  for (let c = 0; c < run.table.rows; c++) {
    features.push({
      type: 'Feature',
      properties: { cluster: c, points: run.hulls.counts[c] as number, area_m2: run.hulls.areas[c] as number },
      geometry: hullGeometry(run.hulls, c, project),
    });
  }
  const fc: Record<string, unknown> = { type: 'FeatureCollection' };
  if (!toLonLat && crs) {
    const code = /^EPSG:(\d+)$/.exec(crs)?.[1];
    fc.crs = { type: 'name', properties: { name: code ? `urn:ogc:def:crs:EPSG::${code}` : crs } };
  }
  fc.features = features;
  return fc;
}
