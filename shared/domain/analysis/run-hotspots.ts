/**
 * Runner for Getis-Ord Gi* hot spots (stats/gi-star.ts) on units of analysis: the table of every
 * unit (id, centre, row/col, count, z, p, bin), a summary by bin, and the stated convention.
 * Used by `spi hotspots` and the hot spot panel alike.
 */
import { ok, type Result } from '../../base/result';
import type { StatsError } from '../stats/errors';
import { computeGiStar } from '../stats/gi-star';
import type { WeightsSpec } from '../stats/hotspots';
import { countIslands, type SpatialWeights } from '../stats/weights';
import { describeUnits, describeWeights, giStarConvention } from './conventions';
import { makeTable, type AnalysisRun, type ResultColumn } from './result';
import { buildUnitWeights, formatWeightsSpec, unitColumns, type AnalysisUnits } from './units';

/** Parameters of {@link runHotSpots}. */
export interface HotSpotParams {
  /** How the units were made, as the CLI spells it ("grid:250", "hex:250", "cells"). */
  readonly unit: string;
  readonly weights: WeightsSpec;
  /** Benjamini-Hochberg FDR on the p the bins use. */
  readonly fdr: boolean;
  /** Conditional permutations (0 = normal theory only). */
  readonly permutations: number;
  readonly seed: number;
  /** Name of a --cells file, for the units statement. */
  readonly cellsFile?: string;
}

/** Bin labels of the familiar legend, by bin -3..3. */
export const HOT_SPOT_BIN_LABELS: Readonly<Record<number, string>> = Object.freeze({
  3: 'hot spot, 99% confidence',
  2: 'hot spot, 95% confidence',
  1: 'hot spot, 90% confidence',
  0: 'not significant',
  [-1]: 'cold spot, 90% confidence',
  [-2]: 'cold spot, 95% confidence',
  [-3]: 'cold spot, 99% confidence',
});

/** Neighbour counts (self excluded): min, mean, max; the figures that reveal a bad band. */
export function neighbourStats(w: SpatialWeights): { min: number; mean: number; max: number; islands: number } {
  let min = Number.POSITIVE_INFINITY;
  let max = 0;
  let sum = 0;
  for (let i = 0; i < w.n; i++) {
    let k = (w.offsets[i + 1] as number) - (w.offsets[i] as number);
    if (w.selfIncluded) k -= 1;
    min = Math.min(min, k);
    max = Math.max(max, k);
    sum += k;
  }
  return { min: w.n ? min : 0, mean: w.n ? sum / w.n : 0, max, islands: countIslands(w) };
}

/**
 * Gi* for every unit, zero-crime units included. Errors: weights the units cannot support
 * (contiguity without row/col, a band without centres), fewer than 3 units, bad options.
 */
export function runHotSpots(units: AnalysisUnits, params: HotSpotParams): Result<AnalysisRun, StatsError> {
  const w = buildUnitWeights(units, params.weights, true);
  if (!w.ok) return w;
  const gi = computeGiStar(units.counts, w.value, { fdr: params.fdr, permutations: params.permutations, seed: params.seed });
  if (!gi.ok) return gi;
  const r = gi.value;
  const columns: ResultColumn[] = [...unitColumns(units), { name: 'count', values: units.counts }, { name: 'z', values: r.z }, { name: 'p', values: r.p }];
  if (r.pSim) columns.push({ name: 'p_sim', values: r.pSim });
  if (r.pFdr) columns.push({ name: 'p_fdr', values: r.pFdr });
  columns.push({ name: 'bin', values: r.bin });

  const byBin: Record<string, number> = {};
  for (let b = 3; b >= -3; b--) byBin[String(b)] = 0;
  for (let i = 0; i < r.n; i++) byBin[String(r.bin[i])] = (byBin[String(r.bin[i])] ?? 0) + 1;
  const nb = neighbourStats(w.value);
  let total = 0;
  for (let i = 0; i < units.n; i++) total += units.counts[i] as number;
  const warnings: string[] = [];
  if (nb.islands > 0) warnings.push(`${nb.islands} unit(s) have no neighbour but themselves: their Gi* compares them with the mean alone; widen the band or use knn.`);
  if (r.sd === 0) warnings.push('Every unit has the same count: Gi* is 0 everywhere (no evidence of clustering).');
  if (params.permutations > 0 && params.permutations < 99) warnings.push(`Only ${params.permutations} permutations: the smallest possible p_sim is ${(1 / (params.permutations + 1)).toFixed(3)}.`);

  return ok({
    verb: 'hotspots',
    method: 'Getis-Ord Gi*',
    parameters: {
      unit: params.unit,
      weights: formatWeightsSpec(params.weights),
      fdr: params.fdr,
      permutations: params.permutations,
      seed: params.seed,
    },
    convention: [describeUnits(units, params.cellsFile), describeWeights(params.weights, units, 'gistar'), ...giStarConvention(params)],
    summary: {
      units: units.n,
      incidents: total,
      meanCount: r.mean,
      sdCount: r.sd,
      binBasis: r.binBasis,
      unitsByBin: byBin,
      hotSpots: (byBin['3'] ?? 0) + (byBin['2'] ?? 0) + (byBin['1'] ?? 0),
      coldSpots: (byBin['-3'] ?? 0) + (byBin['-2'] ?? 0) + (byBin['-1'] ?? 0),
      neighbours: { min: nb.min, mean: nb.mean, max: nb.max, islands: nb.islands },
    },
    table: makeTable('units', columns),
    tables: [],
    warnings,
  });
}
