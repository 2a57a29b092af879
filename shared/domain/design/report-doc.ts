/**
 * A matched design document (design-doc.ts) from a grid-cell match report (match-report.ts over
 * design-units.ts), so `spi design match --save NAME` and the design panel store what
 * `spi evaluate` reads: targets with buffers, matched cells with their own buffer rings, the
 * method, the balance table. Synthetic-control weights are not stored as a design: evaluation
 * compares unweighted areas.
 */
import { err, ok, type Result } from '../../base/result';
import { invalidArgument, type StatsError } from '../evaluation/stats-error';
import { polygonArea, squareRings, type Rings } from './areas';
import { POOL_CONVENTION } from './build-design';
import type { CovariateTerm } from './covariate-spec';
import type { DesignDoc } from './design-doc';
import type { DesignUnits } from './design-units';
import type { MatchReport } from './match-report';
import type { DayPeriod } from './period';
import { targetsAreUnits, unitRules } from './unit-spec';

export interface ReportDocInput {
  readonly name: string;
  readonly created: string;
  readonly crs: string | null;
  readonly units: DesignUnits;
  readonly targets: readonly { readonly id: string; readonly name: string; readonly rings: Rings }[];
  readonly report: MatchReport;
  readonly cellSizeM: number;
  readonly bufferM: number;
  readonly pre: DayPeriod;
  readonly terms: readonly CovariateTerm[];
  readonly covariateSpec: string;
  readonly options: { readonly ratio: number; readonly caliper: number | null; readonly replace: boolean; readonly minDistanceM: number; readonly seed: number; readonly exact: string | null };
  readonly source: { readonly dataset: string; readonly dataHash: string };
  readonly warnings: readonly string[];
}


/** The covariate kinds of the older `design create` documents that `terms` correspond to. */
export function legacyCovariates(terms: readonly CovariateTerm[]): ('counts-by-group' | 'monthly-history' | 'trend')[] {
  const legacy = new Set<'counts-by-group' | 'monthly-history' | 'trend'>();
  for (const t of terms) legacy.add(t.kind === 'history' ? 'monthly-history' : t.kind === 'trend' ? 'trend' : 'counts-by-group');
  return [...legacy];
}

/** The document's unit field for the units' kind (design-doc.ts explains `sizeM` per kind). */
export function designUnitField(units: DesignUnits, cellSizeM: number): DesignDoc['unit'] {
  const spec = units.unitSpec ?? { kind: 'grid', sizeM: cellSizeM };
  if (spec.kind === 'grid') return { kind: 'grid', sizeM: spec.sizeM };
  const rules = unitRules(spec);
  if (spec.kind === 'hex') return { kind: 'hex', sizeM: spec.sizeM, rules };
  if (spec.kind === 'segments') return { kind: 'segments', sizeM: 2 * spec.snapM, layer: spec.layer, snapM: spec.snapM, rules };
  if (spec.kind === 'circles') return { kind: 'circles', sizeM: 2 * spec.radiusM, radiusM: spec.radiusM, rules };
  let area = 0;
  for (let u = 0; u < units.nUnits; u++) area += units.areaOf ? units.areaOf(u) : 0;
  return { kind: 'polygons', sizeM: Math.sqrt(area / Math.max(units.nUnits, 1)) || 1, layer: spec.layer, rules };
}

/**
 * Whether the units' targets are units of their own (segments, polygons, circles) rather than the
 * target polygons (grid cells, hexagons, and units without a spec).
 */
export function layeredUnits(units: DesignUnits): boolean {
  return units.unitSpec !== undefined && !targetsAreUnits(units.unitSpec.kind);
}

/** The name of comparison unit u in a document: "cell 12" on grid cells, else the unit id ("hex 12", "segment 6526"). */
export function comparisonName(units: DesignUnits, u: number): string {
  return units.unitSpec && units.unitSpec.kind !== 'grid' ? units.ids[u]! : `cell ${units.cellId[u]!}`;
}

/** The polygon and area stored for design unit u (a grid cell square when the units carry no shapes). */
export function unitShape(units: DesignUnits, u: number, cellSizeM: number): { polygon: [number, number][][]; areaM2: number } {
  const rings = units.shapeOf ? units.shapeOf(u) : squareRings(units.centres.x[units.cellId[u]!]!, units.centres.y[units.cellId[u]!]!, cellSizeM);
  return { polygon: rings.map((ring) => ring.map(([x, y]) => [x, y] as [number, number])), areaM2: units.areaOf ? units.areaOf(u) : cellSizeM * cellSizeM };
}

/**
 * The fields every design document starts with: name, CRS, unit, pre period and targets. On
 * grid units the targets are the target polygons; on other units, the target units (named
 * "T1 · segment 6526": the target polygon's id, then the unit).
 */
export function gridDesignHeader(input: ReportDocInput): Pick<DesignDoc, 'kind' | 'formatVersion' | 'name' | 'created' | 'crs' | 'unit' | 'pre' | 'targets'> {
  const { units } = input;
  const layered = layeredUnits(units);
  return {
    kind: 'design',
    formatVersion: 1,
    name: input.name,
    created: input.created,
    crs: input.crs,
    unit: designUnitField(units, input.cellSizeM),
    pre: { from: input.pre.from, to: input.pre.to },
    // Target units dropped for a missing covariate value (treated reset to 0) are left out.
    targets: layered
      ? Array.from({ length: units.nTargets }, (_, u) => u)
          .filter((u) => units.treated[u])
          .map((u) => {
            const t = input.targets[units.targetOf?.[u] ?? 0]!;
            return { id: units.ids[u]!, name: `${t.id} · ${units.ids[u]}`, ...unitShape(units, u, input.cellSizeM), bufferM: input.bufferM };
          })
      : input.targets
          .filter((_, i) => units.treated[i])
          .map((t) => ({ id: t.id, name: t.name, polygon: t.rings.map((ring) => ring.map(([x, y]) => [x, y] as [number, number])), bufferM: input.bufferM, areaM2: polygonArea(t.rings) })),
  };
}

/** Builds the document. Errors: a synthetic report, or no matched target. */
export function toMatchedDesignDoc(input: ReportDocInput): Result<DesignDoc, StatsError> {
  const { report: r, units } = input;
  if (r.method === 'synthetic' || !r.matching) return err(invalidArgument('--save', 'synthetic', 'a matched design (mahalanobis or ps): synthetic weights are printed, not saved, because evaluation compares unweighted areas'));
  if (r.pairs.length === 0) return err(invalidArgument('matching', 'no target matched', 'at least one matched target to save a design'));
  if (!r.balance) return err(invalidArgument('--save', `${r.nTargets} target(s)`, 'at least 2 targets and 2 comparisons, so the design has a balance table'));
  const unitOf = new Map(units.ids.map((id, i) => [id, i]));
  const comparisons: DesignDoc['comparisons'] = r.pairs.map((p, k) => {
    const u = unitOf.get(p.comparison)!;
    const cell = units.cellId[u]!;
    return {
      id: `C${k + 1}`,
      name: comparisonName(units, u),
      targetId: p.target,
      cellId: cell,
      matchDistance: p.distance,
      ...unitShape(units, u, input.cellSizeM),
      bufferM: input.bufferM,
    };
  });
  const legacy = legacyCovariates(input.terms);
  const b = r.balance;
  const m = r.matching;
  return ok({
    ...gridDesignHeader(input),
    comparisons,
    method: {
      kind: 'matched',
      algorithm: r.method,
      covariates: legacy,
      covariateNames: b.rows.map((row) => row.name),
      ratio: input.options.ratio,
      caliper: input.options.caliper,
      caliperDistance: m.caliperDistance,
      replace: input.options.replace,
      minDistanceM: input.options.minDistanceM,
      seed: input.options.seed,
      convention: `${m.convention} ${units.unitSpec && units.unitSpec.kind !== 'grid' ? unitRules(units.unitSpec) : POOL_CONVENTION}`,
      covariateSpec: input.covariateSpec,
      pairing: m.pairing,
      exact: input.options.exact,
    },
    balance: { denominator: b.denominator, smdThreshold: b.smdThreshold, nTreated: b.nTreated, nControl: b.nControl, nTreatedMatched: b.nTreatedMatched, nControlMatched: b.nControlMatched, convention: b.convention, rows: b.rows.map((row) => ({ ...row })) },
    unmatched: r.unmatched.map((u) => ({ targetId: u.target, reason: u.reason })),
    source: { dataset: input.source.dataset, dataHash: input.source.dataHash, incidents: units.incidents },
    warnings: [...input.warnings, ...r.warnings],
  });
}
