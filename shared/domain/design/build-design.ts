/**
 * Builds a matched design: target polygons, a pool of grid cells clear of every target and its
 * buffer, pre-period covariates computed from the incidents, nearest-neighbour matching
 * (matching.ts) and the balance table (balance.ts), as a {@link DesignDoc}.
 */
import { err, ok, type Result } from '../../base/result';
import { assignToCells, cellCentres, createGrid } from '../geo/grid';
import { invalidArgument, type StatsError } from '../evaluation/stats-error';
import { assignToAreas, areaDistance, polygonArea, prepareArea, squareRings, type PreparedArea, type Rings } from './areas';
import { computeBalance } from './balance';
import { computeTrendSlopes, historyToColumns } from './covariates';
import type { DesignDoc } from './design-doc';
import { matchUnits } from './matching';
import { monthIndexOf, periodMonths, type DayPeriod } from './period';

/** Incident points: x, y (analysis CRS, m), days since the epoch, optional group code per point. */
export interface DesignPoints {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly days: Float64Array;
  /** Index into `groupNames` per point (-1 = no group), or null when groups are unknown. */
  readonly group: Int32Array | null;
  readonly groupNames: readonly string[];
}

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

function build(n: number): Float64Array {
  return new Float64Array(n);
}

/**
 * Builds the design. Errors (named): no targets, monthly-history combined with another set, no target matched, overlapping target polygons, an empty pre
 * period, no eligible comparison cells, and the matching or balance errors (singular
 * covariates, too few units). Targets left unmatched are listed with the reason.
 */
export function buildMatchedDesign(input: BuildDesignInput): Result<DesignDoc, StatsError> {
  const { points, pre } = input;
  if (input.targets.length === 0) return err(invalidArgument('targets', 'none', 'at least one target area'));
  if (input.covariates.includes('monthly-history') && input.covariates.length > 1) {
    // The trend slope and the group totals are linear combinations of the monthly counts.
    return err(invalidArgument('--covariates', input.covariates.join(','), 'monthly-history alone (trend and counts-by-group are sums of the monthly counts, so together they are collinear)'));
  }
  const warnings: string[] = [];
  const targets = input.targets.map((t) => prepareArea(t.rings, input.bufferM));
  for (let i = 0; i < targets.length; i++) {
    for (let j = i + 1; j < targets.length; j++) {
      const d = areaDistance(targets[i]!, targets[j]!);
      if (d === 0) return err(invalidArgument(`targets ${input.targets[i]!.id} and ${input.targets[j]!.id}`, 'overlapping', 'target polygons that do not overlap'));
      if (d < 2 * input.bufferM) warnings.push(`targets ${input.targets[i]!.id} and ${input.targets[j]!.id} are ${d.toFixed(0)} m apart: their buffer rings overlap (an incident there counts in the first target's ring)`);
    }
  }
  const months = periodMonths(pre);
  const nm = months.length;
  // Points of the pre period only.
  const keep: number[] = [];
  for (let i = 0; i < points.x.length; i++) if (monthIndexOf(months, points.days[i]!) >= 0 && Number.isFinite(points.x[i]! + points.y[i]!)) keep.push(i);
  if (keep.length === 0) return err(invalidArgument('--pre', `${pre.from}..${pre.to}`, 'a period containing incidents'));
  const px = Float64Array.from(keep, (i) => points.x[i]!);
  const py = Float64Array.from(keep, (i) => points.y[i]!);
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (let i = 0; i < px.length; i++) {
    minX = Math.min(minX, px[i]!); maxX = Math.max(maxX, px[i]!); minY = Math.min(minY, py[i]!); maxY = Math.max(maxY, py[i]!);
  }
  const grid = createGrid('square', input.cellSizeM, { minX, minY, maxX, maxY }, { align: true, maxCells: 4_000_000 });
  if (!grid.ok) return err(grid.error);
  const g = grid.value;
  const centres = cellCentres(g);
  // Eligible cells: clear of every target by max(2 buffer, min distance).
  const clear = Math.max(2 * input.bufferM, input.minDistanceM);
  const eligible: number[] = [];
  const half = input.cellSizeM / 2;
  for (let c = 0; c < g.count; c++) {
    const cx = centres.x[c]!;
    const cy = centres.y[c]!;
    let ok2 = true;
    for (const t of targets) {
      const dx = Math.max(t.minX - (cx + half), cx - half - t.maxX, 0);
      const dy = Math.max(t.minY - (cy + half), cy - half - t.maxY, 0);
      if (Math.hypot(dx, dy) >= clear) continue;
      if (areaDistance(prepareArea(squareRings(cx, cy, input.cellSizeM), 0), t) < clear) {
        ok2 = false;
        break;
      }
    }
    if (ok2) eligible.push(c);
  }
  if (eligible.length === 0) return err(invalidArgument('comparison pool', '0 cells', 'grid cells clear of the targets and their buffers'));
  const nt = targets.length;
  const nUnits = nt + eligible.length;
  const unitOfCell = new Int32Array(g.count).fill(-1);
  eligible.forEach((c, k) => (unitOfCell[c] = nt + k));
  const inside = assignToAreas(targets.map((t): PreparedArea => ({ ...t, bufferM: 0 })), px, py).inside;
  const cells = assignToCells(g, px, py);
  const ng = points.groupNames.length;
  const history = build(nUnits * nm);
  const groups = build(nUnits * Math.max(ng, 1));
  for (let k = 0; k < keep.length; k++) {
    const u = inside[k]! >= 0 ? inside[k]! : cells[k]! >= 0 ? unitOfCell[cells[k]!]! : -1;
    if (u < 0) continue;
    history[u * nm + monthIndexOf(months, points.days[keep[k]!]!)]! += 1;
    const gr = points.group ? points.group[keep[k]!]! : -1;
    if (gr >= 0) groups[u * ng + gr]! += 1;
  }
  const names: string[] = [];
  const columns: Float64Array[] = [];
  if (input.covariates.includes('counts-by-group')) {
    if (!points.group || ng === 0) return err(invalidArgument('--covariates', 'counts-by-group', 'a dataset with an offense_group column'));
    for (let gi = 0; gi < ng; gi++) {
      const col = build(nUnits);
      let total = 0;
      for (let u = 0; u < nUnits; u++) total += col[u] = groups[u * ng + gi]!;
      if (total > 0) {
        names.push(`pre count: ${points.groupNames[gi]}`);
        columns.push(col);
      }
    }
  }
  if (input.covariates.includes('monthly-history')) {
    historyToColumns(history, nUnits, nm).forEach((col, m) => {
      names.push(`month ${months[m]!.label}`);
      columns.push(col);
    });
  }
  if (input.covariates.includes('trend')) {
    names.push('trend (per month)');
    columns.push(computeTrendSlopes(history, nUnits, nm));
  }
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
    source: { dataset: input.source.dataset, dataHash: input.source.dataHash, incidents: keep.length },
    warnings,
  });
}
