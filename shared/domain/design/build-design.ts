/**
 * Builds a matched design: target polygons, a pool of grid cells clear of every target and its
 * buffer, pre-period covariates computed from the incidents, nearest-neighbour matching
 * (matching.ts) and the balance table (balance.ts), as a {@link DesignDoc}.
 */
import { err, ok, type Result } from '../../base/result';
import { invalidArgument, type StatsError } from '../evaluation/stats-error';
import { polygonArea, squareRings, type Rings } from './areas';
import { computeBalance } from './balance';
import { buildCovariateColumns, type CovariateTerm } from './covariate-spec';
import type { DesignDoc } from './design-doc';
import { buildDesignUnits, type DesignPoints } from './design-units';
import { matchUnits } from './matching';
import type { DayPeriod } from './period';

export type { DesignPoints } from './design-units';

export type CovariateSet = 'counts-by-group' | 'monthly-history' | 'trend';

export interface BuildDesignInput {
  readonly name: string;
  readonly created: string;
  readonly crs: string | null;
  readonly points: DesignPoints;
  readonly targets: readonly { readonly id: string; readonly name: string; readonly rings: Rings }[];
  /** Displacement buffer distance (m) of every target and comparison cell. */
  readonly bufferM: number;
  /** Side of the square comparison cells (m). */
  readonly cellSizeM: number;
  readonly pre: DayPeriod;
  readonly covariates: readonly CovariateSet[];
  readonly algorithm: 'mahalanobis' | 'propensity';
  readonly ratio: number;
  /** In SDs (matching.ts's 'sd' scale), or null for none. */
  readonly caliper: number | null;
  /** Extra clearance (m) between a comparison cell and any target; the pool rule uses max(2 buffer, this). */
  readonly minDistanceM: number;
  readonly seed: number;
  readonly source: { readonly dataset: string; readonly dataHash: string };
}

/** How the pool is drawn, stated in the design and printed by the CLI. */
export const POOL_CONVENTION =
  'Pool = square grid cells (edges at multiples of the cell size from the CRS origin) whose distance to every target polygon is at least max(2 x buffer, min-distance), so no comparison cell or its own buffer ring touches a target or its ring; covariates count incidents in the pre period (each case once), months clipped to the period; trend = OLS slope of the monthly counts (crimes/month/month).';

/**
 * Builds the design. Errors (named): no targets, monthly-history combined with another set, no target matched, overlapping target polygons, an empty pre
 * period, no eligible comparison cells, and the matching or balance errors (singular
 * covariates, too few units). Targets left unmatched are listed with the reason.
 */
export function buildMatchedDesign(input: BuildDesignInput): Result<DesignDoc, StatsError> {
  const { pre } = input;
  if (input.targets.length === 0) return err(invalidArgument('targets', 'none', 'at least one target area'));
  if (input.covariates.includes('monthly-history') && input.covariates.length > 1) {
    // The trend slope and the group totals are linear combinations of the monthly counts.
    return err(invalidArgument('--covariates', input.covariates.join(','), 'monthly-history alone (trend and counts-by-group are sums of the monthly counts, so together they are collinear)'));
  }
  const built = buildDesignUnits(input);
  if (!built.ok) return built;
  const { units, warnings } = built.value;
  const terms: CovariateTerm[] = input.covariates.map((c) => (c === 'counts-by-group' ? { kind: 'counts', group: null } : c === 'monthly-history' ? { kind: 'history', by: 'month' } : { kind: 'trend' }));
  const cov = buildCovariateColumns(units, terms);
  if (!cov.ok) return cov;
  const nt = units.nTargets;
  // The matching sample: the targets and the eligible cells only (their covariance, their pool).
  const eligible: number[] = [];
  for (let u = nt; u < units.nUnits; u++) if (units.eligible[u]) eligible.push(units.cellId[u]!);
  const nUnits = nt + eligible.length;
  const names = cov.value.names;
  const columns = cov.value.columns.map((col) => {
    const out = new Float64Array(nUnits);
    out.set(col.subarray(0, nt));
    eligible.forEach((c, k) => (out[nt + k] = col[nt + c]!));
    return out;
  });
  const centres = units.centres;
  const treated = new Uint8Array(nUnits);
  treated.fill(1, 0, nt);
  const matched = matchUnits({ names, columns, treated }, { method: input.algorithm, ratio: input.ratio, caliper: input.caliper ?? undefined, replace: false });
  if (!matched.ok) return err(matched.error);
  const m = matched.value;
  if (m.pairs.treated.length === 0) {
    const reasons = [...new Set(m.unmatched.reason)].join(', ');
    return err(invalidArgument('matching', `no target matched (${reasons})`, `at least one matched target: loosen or drop the caliper, change the covariates or the method${m.warnings.length ? `; ${m.warnings[0]}` : ''}`));
  }
  const balance = computeBalance({ names, columns, treated, weights: m.weights });
  if (!balance.ok) return err(balance.error);
  warnings.push(...m.warnings);
  const comparisons: DesignDoc['comparisons'] = [];
  for (let k = 0; k < m.pairs.treated.length; k++) {
    const cell = eligible[m.pairs.control[k]! - nt]!;
    const ring = squareRings(centres.x[cell]!, centres.y[cell]!, input.cellSizeM);
    comparisons.push({
      id: `C${comparisons.length + 1}`,
      name: `cell ${cell}`,
      targetId: input.targets[m.pairs.treated[k]!]!.id,
      cellId: cell,
      matchDistance: m.pairs.distance[k]!,
      polygon: ring,
      bufferM: input.bufferM,
      areaM2: input.cellSizeM * input.cellSizeM,
    });
  }
  const b = balance.value;
  return ok({
    kind: 'design',
    formatVersion: 1,
    name: input.name,
    created: input.created,
    crs: input.crs,
    unit: { kind: 'grid', sizeM: input.cellSizeM },
    pre: { from: pre.from, to: pre.to },
    targets: input.targets.map((t) => ({ id: t.id, name: t.name, polygon: t.rings.map((r) => r.map(([x, y]) => [x, y] as [number, number])), bufferM: input.bufferM, areaM2: polygonArea(t.rings) })),
    comparisons,
    method: {
      kind: 'matched',
      algorithm: input.algorithm,
      covariates: [...input.covariates],
      covariateNames: names,
      ratio: input.ratio,
      caliper: input.caliper,
      caliperDistance: m.caliperDistance,
      replace: false,
      minDistanceM: input.minDistanceM,
      seed: input.seed,
      convention: `${m.convention} ${POOL_CONVENTION}`,
    },
    balance: { denominator: b.denominator, smdThreshold: b.smdThreshold, nTreated: b.nTreated, nControl: b.nControl, nTreatedMatched: b.nTreatedMatched, nControlMatched: b.nControlMatched, convention: b.convention, rows: b.rows.map((r) => ({ ...r })) },
    unmatched: Array.from(m.unmatched.unit, (u, k) => ({ targetId: input.targets[u]!.id, reason: m.unmatched.reason[k]! })),
    source: { dataset: input.source.dataset, dataHash: input.source.dataHash, incidents: units.incidents },
    warnings,
  });
}
