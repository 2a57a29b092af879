/**
 * Runner for global Moran's I (stats/moran.ts) and, optionally, local Moran's I with its
 * HH/LL/HL/LH classes (stats/local-moran.ts), on units of analysis with row-standardized
 * weights without self. The per-unit table is what a Moran scatterplot needs (standardized
 * count z and its spatial lag), plus the LISA columns with `local`.
 */
import { ok, type Result } from '../../base/result';
import type { StatsError } from '../stats/errors';
import type { WeightsSpec } from '../stats/hotspots';
import { computeLocalMoran, LISA_CLASS_LABELS } from '../stats/local-moran';
import { computeGlobalMoran } from '../stats/moran';
import { rowStandardize, type SpatialWeights } from '../stats/weights';
import { describeUnits, describeWeights, moranConvention } from './conventions';
import { makeTable, toJsonNumber, type AnalysisRun, type JsonValue, type ResultColumn } from './result';
import { buildUnitWeights, formatWeightsSpec, unitColumns, type AnalysisUnits } from './units';
import { neighbourStats } from './run-hotspots';

/** Parameters of {@link runMoran}. */
export interface MoranParams {
  readonly unit: string;
  readonly weights: WeightsSpec;
  readonly local: boolean;
  /** Permutations (global and local alike); local Moran needs > 0 for its classes. */
  readonly permutations: number;
  readonly seed: number;
  /** Significance of the LISA classes on p_sim. Default 0.05. */
  readonly alpha?: number;
  readonly cellsFile?: string;
}

/** z = (x - mean) / population SD and its row-standardized lag. */
function standardizedLag(values: Float64Array, w: SpatialWeights): { z: Float64Array; lag: Float64Array } {
  const n = values.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i] as number;
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += ((values[i] as number) - mean) ** 2;
  const sd = Math.sqrt(ss / n);
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) z[i] = sd > 0 ? ((values[i] as number) - mean) / sd : 0;
  const r = rowStandardize(w);
  const lag = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = r.offsets[i] as number; k < (r.offsets[i + 1] as number); k++) s += (r.values?.[k] ?? 1) * (z[r.neighbours[k] as number] as number);
    lag[i] = s;
  }
  return { z, lag };
}

/**
 * Global (and with `local`, local) Moran's I. Errors: fewer than 4 units, a constant field,
 * weights without any pair of neighbours, weights the units cannot support.
 */
export function runMoran(units: AnalysisUnits, params: MoranParams): Result<AnalysisRun, StatsError> {
  const w = buildUnitWeights(units, params.weights, false);
  if (!w.ok) return w;
  const alpha = params.alpha ?? 0.05;
  const global = computeGlobalMoran(units.counts, w.value, { permutations: params.permutations, seed: params.seed });
  if (!global.ok) return global;
  const g = global.value;
  const columns: ResultColumn[] = [...unitColumns(units), { name: 'count', values: units.counts }];
  const summary: Record<string, JsonValue> = {
    units: units.n,
    I: g.I,
    expectedI: g.expected,
    zNormality: g.zNormality,
    pNormality: g.pNormality,
    zRandomization: g.zRandomization,
    pRandomization: g.pRandomization,
    permutations: params.permutations,
    pSim: g.simulation ? g.simulation.pSim : null,
    zSim: g.simulation ? toJsonNumber(g.simulation.z) : null,
    neighbours: neighbourStats(w.value),
  };
  const warnings: string[] = [];
  if (params.local) {
    const local = computeLocalMoran(units.counts, w.value, { permutations: params.permutations, seed: params.seed, alpha });
    if (!local.ok) return local;
    const l = local.value;
    const label = l.cluster.reduce<string[]>((acc, c) => (acc.push(LISA_CLASS_LABELS[c] ?? String(c)), acc), []);
    columns.push(
      { name: 'z', values: l.z },
      { name: 'lag', values: l.lag },
      { name: 'local_i', values: l.I },
      { name: 'quadrant', values: l.quadrant },
      { name: 'p_sim', values: l.pSim },
      { name: 'z_sim', values: l.zSim },
      { name: 'cluster', values: l.cluster },
      { name: 'cluster_label', values: label },
    );
    const byClass: Record<string, number> = {};
    for (const code of [1, 2, 3, 4, 0]) byClass[LISA_CLASS_LABELS[code] ?? String(code)] = 0;
    for (let i = 0; i < l.n; i++) {
      const name = LISA_CLASS_LABELS[l.cluster[i] as number] ?? '';
      byClass[name] = (byClass[name] ?? 0) + 1;
    }
    summary.localAlpha = alpha;
    summary.unitsByCluster = byClass;
    if (params.permutations === 0) warnings.push('Local Moran without permutations: every p_sim is 1 and no unit is classed; add --permutations 999.');
  } else {
    const s = standardizedLag(units.counts, w.value);
    columns.push({ name: 'z', values: s.z }, { name: 'lag', values: s.lag });
  }
  if (neighbourStats(w.value).islands > 0) warnings.push('Some units have no neighbour: their spatial lag is 0 (PySAL convention).');
  return ok({
    verb: 'moran',
    method: params.local ? "Moran's I, global and local (LISA)" : "Global Moran's I",
    parameters: {
      unit: params.unit,
      weights: formatWeightsSpec(params.weights),
      local: params.local,
      permutations: params.permutations,
      seed: params.seed,
      ...(params.local ? { alpha } : {}),
    },
    convention: [describeUnits(units, params.cellsFile), describeWeights(params.weights, units, 'moran'), ...moranConvention({ ...params, alpha })],
    summary,
    table: makeTable('units', columns),
    tables: [],
    warnings,
  });
}
