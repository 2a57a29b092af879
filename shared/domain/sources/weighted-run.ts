/**
 * Place-based analyses over a weighted combination of sources, for the app: the points are read
 * exactly as `spi <verb> P.spiproj --source A=w,B=v` reads them (queryAnalysisPoints on each
 * dataset with the same request, then combineSourcePoints), and the same runners as the CLI
 * verbs count them (buildGridUnits with the point weights, runGridCounts, runHotSpots,
 * runConcentration, runKde). So the app's weighted grid, hot spots, concentration and density
 * agree with `spi grid|hotspots|concentration|kde --source ...` number for number.
 */
import type { AppError } from '../../base/errors';
import { err, ok, type Result } from '../../base/result';
import type { SqlEngine } from '../../engine/sql-engine';
import { queryAnalysisPoints, type AnalysisPoints } from '../analysis/points';
import type { AnalysisRun } from '../analysis/result';
import { runConcentration } from '../analysis/run-concentration';
import { runGridCounts } from '../analysis/run-grid';
import { runHotSpots } from '../analysis/run-hotspots';
import { runKde } from '../analysis/run-kde';
import { buildGridUnits, formatWeightsSpec } from '../analysis/units';
import type { StatsError } from '../stats/errors';
import type { WeightsSpec } from '../stats/hotspots';
import { combineSourcePoints } from './combine';
import { formatSourceOption, type UnionPart } from './combination';

/** One source's share of the combined points. */
export interface SourceCount {
  readonly dataset: string;
  readonly weight: number;
  readonly points: number;
  /** points × weight (each record weighs 1 before the source weight: no weight column). */
  readonly weighted: number;
}

/** Combined points and what each source contributed. */
export interface CombinedPoints {
  readonly points: AnalysisPoints;
  readonly bySource: readonly SourceCount[];
}

/**
 * Reads each part's points (x, y in the table's metric CRS; each case once; `filter` a SQL
 * predicate applied to every source, as `--filter`) and combines them with their weights in
 * the parts' order. Errors name the dataset (and the bad column or filter).
 */
export async function queryCombinedPoints(engine: SqlEngine, parts: readonly UnionPart[], filter?: string): Promise<Result<CombinedPoints, AppError>> {
  if (parts.length === 0) return err({ kind: 'invalid-argument', name: '--source', value: '', expected: 'at least one dataset' });
  const read: { points: AnalysisPoints; weight: number }[] = [];
  const bySource: SourceCount[] = [];
  for (const p of parts) {
    const r = await queryAnalysisPoints(engine, p.table, { dates: 'none', filter, onePerCase: true }, `dataset ${p.dataset}`);
    if (!r.ok) return r;
    read.push({ points: r.value, weight: p.weight });
    bySource.push({ dataset: p.dataset, weight: p.weight, points: r.value.x.length, weighted: r.value.x.length * p.weight });
  }
  return ok({ points: combineSourcePoints(read), bySource });
}

/** The analyses offered on a combination, with the CLI verb each mirrors. */
export type WeightedMethod =
  | { readonly kind: 'grid'; readonly cell: number }
  | { readonly kind: 'hotspots'; readonly cell: number; readonly weights: WeightsSpec }
  | { readonly kind: 'concentration'; readonly cell: number; readonly top: number | null }
  | { readonly kind: 'kde'; readonly radius: number; readonly cell: number };

/**
 * Runs `method` on combined points (metres in `crs`). Grid cells are squares of `cell` metres
 * anchored as `spi grid --cell <cell>`; hot spots are Gi* without permutations (seed 1);
 * KDE is quartic in weighted events per km² (`spi kde --radius R --cell C`).
 */
export function runWeightedAnalysis(points: AnalysisPoints, crs: string | null, method: WeightedMethod): Result<AnalysisRun, StatsError> {
  const weights = points.weights ?? undefined;
  if (method.kind === 'kde') return runKde(points.x, points.y, { radius: method.radius, cell: method.cell, kernel: 'quartic', areaUnit: 'km2' }, weights);
  const unit = { kind: 'grid' as const, size: method.cell };
  const units = buildGridUnits(points.x, points.y, unit, weights);
  if (!units.ok) return units;
  const unitText = `grid:${method.cell}`;
  if (method.kind === 'grid') return runGridCounts(units.value, { unit: unitText, crs });
  if (method.kind === 'hotspots') return runHotSpots(units.value, { unit: unitText, weights: method.weights, fdr: false, permutations: 0, seed: 1 });
  return runConcentration(units.value, { unit: unitText, top: method.top });
}

/** The command line that gives the same result (`spi grid P.spiproj --source incidents=1,calls=0.25 --unit grid:250`). */
export function weightedCliCommand(sources: readonly Pick<UnionPart, 'dataset' | 'weight'>[], method: WeightedMethod, filter?: string): string {
  const src = `--source ${formatSourceOption(sources)}`;
  const f = filter?.trim() ? ` --filter "${filter.trim().replace(/"/g, '\\"')}"` : '';
  switch (method.kind) {
    case 'grid':
      return `spi grid P.spiproj ${src} --cell ${method.cell}${f}`;
    case 'hotspots':
      return `spi hotspots P.spiproj ${src} --unit grid:${method.cell} --weights ${formatWeightsSpec(method.weights)}${f}`;
    case 'concentration':
      return `spi concentration P.spiproj ${src} --unit grid:${method.cell}${method.top !== null ? ` --top ${method.top}` : ''}${f}`;
    case 'kde':
      return `spi kde P.spiproj ${src} --radius ${method.radius} --cell ${method.cell}${f}`;
  }
}
