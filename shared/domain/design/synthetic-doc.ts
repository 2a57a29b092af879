/**
 * A synthetic-control design document (design-doc.ts, method.algorithm 'synthetic') from a
 * grid-cell match report (match-report.ts with method 'synthetic'), so `spi design match
 * --method synthetic --save NAME` and the design panel store what `spi evaluate` reads
 * (shared/domain/evaluation/synthetic-design.ts): the comparisons are the pool cells with a
 * non-zero weight in the fit of the MEAN target (the single synthetic comparison evaluation
 * uses), each with its `weight` (summing to 1), and `method.fit` holds the pre-period series of
 * the mean target and of its synthetic counterpart with the RMSE. Each target's own fit RMSE is
 * kept too; its own weights are not (evaluation does not use them). `method.fit.pool` records
 * the eligible pool's cells (ids and centres): the placebo pool of an evaluation.
 * Balance: the targets against the pool before, and against the synthetic comparison after
 * (comparison weights = n_targets x w_j, so they sum like the targets; balance.ts). With one
 * target there is no SD to standardize by: the means are stored and the SMDs are left empty.
 */
import { err, ok, type Result } from '../../base/result';
import { invalidArgument, type StatsError } from '../evaluation/stats-error';
import { computeBalance, computeGroupMoments, type BalanceTable, type SmdDenominator } from './balance';
import { POOL_CONVENTION } from './build-design';
import type { DesignDoc } from './design-doc';
import { comparisonName, gridDesignHeader, layeredUnits, legacyCovariates, unitShape, type ReportDocInput } from './report-doc';
import { unitRules } from './unit-spec';

/** What a synthetic design needs beyond a matched one: the covariate table of every unit. */
export interface SyntheticDocInput extends ReportDocInput {
  /** One column per covariate over ALL units of `units` (the balance table's rows). */
  readonly covariates: { readonly names: readonly string[]; readonly columns: readonly ArrayLike<number>[] };
  readonly denominator?: SmdDenominator;
}

/** The target id comparisons of a synthetic design are matched to: all targets at once. */
export const SYNTHETIC_TARGET_ID = '(mean of targets)';

/**
 * Builds the document. Errors: a report that is not synthetic, a fit without any weight, or
 * covariate columns of the wrong length.
 */
export function toSyntheticDesignDoc(input: SyntheticDocInput): Result<DesignDoc, StatsError> {
  const { report: r, units } = input;
  if (r.method !== 'synthetic' || !r.synthetic) return err(invalidArgument('report', r.method, 'a synthetic-control match report'));
  const pooled = r.synthetic.pooled;
  if (pooled.weights.length === 0) return err(invalidArgument('synthetic weights', 'none', 'at least one pool unit with a positive weight'));
  for (const col of input.covariates.columns) if (col.length !== units.nUnits) return err(invalidArgument('covariates', `${col.length} values`, `${units.nUnits}, one per unit`));
  const unitOf = new Map(units.ids.map((id, i) => [id, i]));
  const layered = layeredUnits(units);
  const ruled = units.unitSpec !== undefined && units.unitSpec.kind !== 'grid';
  const comparisons: DesignDoc['comparisons'] = [];
  const unitWeight = new Float64Array(units.nUnits);
  for (const w of pooled.weights) {
    const u = unitOf.get(w.unit);
    if (u === undefined || units.cellId[u]! < 0) return err(invalidArgument('synthetic weights', w.unit, 'a pool unit of the design'));
    const cell = units.cellId[u]!;
    unitWeight[u] = w.weight;
    comparisons.push({
      id: `C${comparisons.length + 1}`,
      name: `${comparisonName(units, u)} · w ${w.weight.toFixed(2)}`,
      targetId: SYNTHETIC_TARGET_ID,
      cellId: cell,
      matchDistance: 0,
      weight: w.weight,
      ...unitShape(units, u, input.cellSizeM),
      bufferM: input.bufferM,
    });
  }
  const balance = syntheticBalance(input, unitWeight);
  if (!balance.ok) return balance;
  const b = balance.value;
  const legacy = legacyCovariates(input.terms);
  const nd = r.nPool;
  const warnings = [...input.warnings, ...r.warnings];
  // The placebo pool is stored for grid and hex designs only (the placebo test redraws pool
  // cells as squares or hexagons of the design's size from their centres: synthetic-pool.ts).
  const pool = layered ? undefined : eligiblePool(input);
  if (pool && pool.cellIds.length < 19) warnings.push(`the eligible pool has ${pool.cellIds.length} cells: the placebo test of an evaluation refits each of them in turn, so its p-value cannot go below ${(1 / (pool.cellIds.length + 1)).toFixed(3)}`);
  return ok({
    ...gridDesignHeader(input),
    comparisons,
    method: {
      kind: 'matched',
      algorithm: 'synthetic',
      covariates: legacy,
      covariateNames: [...input.covariates.names],
      ratio: 1,
      caliper: null,
      caliperDistance: null,
      replace: false,
      minDistanceM: input.options.minDistanceM,
      seed: input.options.seed,
      convention: `${r.synthetic.convention}; stored: the fit of the mean of the targets' monthly series. ${ruled ? unitRules(units.unitSpec!) : POOL_CONVENTION}`,
      covariateSpec: input.covariateSpec,
      exact: null,
      fit: {
        labels: units.months.map((m) => m.label),
        target: [...pooled.series],
        synthetic: [...pooled.synthetic],
        rmse: pooled.rmse,
        donors: nd,
        perTarget: r.synthetic.perTarget.map((f) => ({ targetId: f.target, rmse: f.rmse })),
        convention: r.synthetic.convention,
        pool,
      },
    },
    balance: { denominator: b.denominator, smdThreshold: b.smdThreshold, nTreated: b.nTreated, nControl: b.nControl, nTreatedMatched: b.nTreatedMatched, nControlMatched: b.nControlMatched, convention: b.convention, rows: b.rows.map((row) => ({ ...row })) },
    unmatched: [],
    source: { dataset: input.source.dataset, dataHash: input.source.dataHash, incidents: units.incidents },
    warnings,
  });
}

/**
 * The eligible pool's grid cells (ids and centres), stored so an evaluation's placebo test can
 * refit every pool cell (or the nearest 200), not only the weighted ones.
 */
function eligiblePool(input: SyntheticDocInput): { cellIds: number[]; x: number[]; y: number[] } {
  const { units } = input;
  const pool = { cellIds: [] as number[], x: [] as number[], y: [] as number[] };
  for (let u = 0; u < units.nUnits; u++) {
    const cell = units.cellId[u]!;
    if (units.treated[u] || !units.eligible[u] || cell < 0) continue;
    pool.cellIds.push(cell);
    pool.x.push(units.centres.x[cell]!);
    pool.y.push(units.centres.y[cell]!);
  }
  return pool;
}

/**
 * Balance of the targets against the eligible pool (before) and the synthetic comparison
 * (after: weights n_targets x w_j). One target: means only, SMDs null (no SD to standardize by).
 */
function syntheticBalance(input: SyntheticDocInput, unitWeight: Float64Array): Result<BalanceTable, StatsError> {
  const { units } = input;
  const sample: number[] = [];
  for (let u = 0; u < units.nUnits; u++) if (units.treated[u] || units.eligible[u]) sample.push(u);
  const nt = units.nTargets;
  const treated = Uint8Array.from(sample, (u) => units.treated[u]!);
  const weights = Float64Array.from(sample, (u) => (units.treated[u] ? 1 : nt * unitWeight[u]!));
  const columns = input.covariates.columns.map((col) => Float64Array.from(sample, (u) => col[u]!));
  const denominator = input.denominator ?? 'pooled';
  if (nt >= 2) return computeBalance({ names: input.covariates.names, columns, treated, weights, denominator });
  const isT = (i: number) => treated[i] === 1;
  const isC = (i: number) => treated[i] !== 1;
  const rows = columns.map((col, k) => {
    const side = (w?: Float64Array) => {
      const t = computeGroupMoments(col, isT, w);
      const c = computeGroupMoments(col, isC, w);
      return { meanTreated: t.mean, meanControl: c.mean, varianceTreated: t.variance, varianceControl: c.variance, smd: null, varianceRatio: null, smdFlag: false, varianceRatioFlag: false };
    };
    return { name: input.covariates.names[k]!, sStar: null, before: side(), after: side(weights) };
  });
  let cm = 0;
  for (let i = 0; i < sample.length; i++) if (!treated[i] && weights[i]! > 0) cm++;
  return ok({
    rows,
    denominator,
    smdThreshold: 0.1,
    nTreated: nt,
    nControl: sample.length - nt,
    nTreatedMatched: nt,
    nControlMatched: cm,
    convention: 'one target: no standard deviation to standardize by, so no SMDs; the means of the target, the pool and the synthetic comparison are compared directly',
  });
}
