/**
 * A randomized design from candidate hot spots: the places are assigned to treatment and control
 * by shared/domain/design/randomization.ts (seeded, re-derivable), the balance of their
 * pre-period counts is computed with shared/domain/design/balance.ts, and the whole is written
 * as a design document (method kind 'randomized') that the evaluation reads like a matched one:
 * treatment places are the targets, control places the comparisons.
 */
import { err, ok, type Result } from '../../../shared/base/result';
import { assignToAreas, polygonArea, prepareArea, type Rings } from '../../../shared/domain/design/areas';
import { computeBalance } from '../../../shared/domain/design/balance';
import type { DesignPoints } from '../../../shared/domain/design/build-design';
import type { DesignDoc } from '../../../shared/domain/design/design-doc';
import type { DayPeriod } from '../../../shared/domain/design/period';
import { randomizeAssignment, type RandomizationAlgorithm, type RandomizationResult } from '../../../shared/domain/design/randomization';
import { formatStatsError } from '../../../shared/domain/evaluation/stats-error';

/** One candidate place. */
export interface Candidate {
  readonly id: string;
  readonly name: string;
  readonly rings: Rings;
  /** The grid cell it came from, or -1 for a drawn area. */
  readonly cellId: number;
}

/** The pre-period covariates of the candidates: total and per offense group (columnar). */
export interface CandidateCovariates {
  readonly names: string[];
  readonly columns: Float64Array[];
  /** The total pre-period count per candidate (names[0]). */
  readonly total: Float64Array;
}

/** Counts each candidate's pre-period incidents (each point once, first candidate wins on overlap). */
export function computeCandidateCovariates(candidates: readonly Candidate[], points: DesignPoints, pre: Pick<DayPeriod, 'startDay' | 'endDay'>): CandidateCovariates {
  const n = candidates.length;
  const ng = points.groupNames.length;
  const keep: number[] = [];
  for (let i = 0; i < points.x.length; i++) {
    const d = points.days[i]!;
    if (d >= pre.startDay && d < pre.endDay) keep.push(i);
  }
  const { inside } = assignToAreas(candidates.map((c) => prepareArea(c.rings, 0)), Float64Array.from(keep, (i) => points.x[i]!), Float64Array.from(keep, (i) => points.y[i]!));
  const total = new Float64Array(n);
  const groups = new Float64Array(n * Math.max(ng, 1));
  for (let k = 0; k < keep.length; k++) {
    const u = inside[k]!;
    if (u < 0) continue;
    total[u]! += 1;
    const g = points.group ? points.group[keep[k]!]! : -1;
    if (g >= 0) groups[u * ng + g]! += 1;
  }
  const names = ['pre count: all'];
  const columns = [total];
  for (let g = 0; g < ng; g++) {
    const col = Float64Array.from({ length: n }, (_, u) => groups[u * ng + g]!);
    if (col.some((v) => v > 0)) {
      names.push(`pre count: ${points.groupNames[g]}`);
      columns.push(col);
    }
  }
  return { names, columns, total };
}

/**
 * Blocks of similar pre-period counts for block randomization: candidates ranked by count
 * (descending, ties by index) and cut into `blocks` groups of near-equal size; code 0 = highest.
 */
export function countStrata(total: ArrayLike<number>, blocks: number): Int32Array {
  const n = total.length;
  const k = Math.max(1, Math.min(Math.floor(blocks), n));
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => total[b]! - total[a]! || a - b);
  const out = new Int32Array(n);
  order.forEach((u, rank) => (out[u] = Math.floor((rank * k) / n)));
  return out;
}

/** The algorithm as the design document names it. */
export const DOC_ALGORITHM: Record<RandomizationAlgorithm, 'simple' | 'paired' | 'block'> = {
  'simple-coin': 'simple',
  'simple-shuffle': 'simple',
  paired: 'paired',
  blocked: 'block',
};

export interface RandomizedDesignInput {
  readonly name: string;
  readonly created: string;
  readonly crs: string | null;
  readonly candidates: readonly Candidate[];
  readonly covariates: CandidateCovariates;
  readonly algorithm: RandomizationAlgorithm;
  readonly seed: number;
  /** Strata for 'blocked' (see countStrata). */
  readonly blocks?: Int32Array;
  readonly bufferM: number;
  readonly cellSizeM: number;
  readonly pre: DayPeriod;
  readonly source: { readonly dataset: string; readonly dataHash: string; readonly incidents: number };
}

/**
 * Randomizes and builds the document. Comparisons carry `targetId` = the treatment place of the
 * same pair (paired), else the first treatment place of the same block (blocked) or of the whole
 * set (simple): the evaluation pools all comparisons, so this only labels the table.
 * Errors (plain words): fewer than 2 candidates, an arm with fewer than 2 places (no balance).
 */
export function buildRandomizedDesign(input: RandomizedDesignInput): Result<{ doc: DesignDoc; assignment: RandomizationResult }, string> {
  const n = input.candidates.length;
  const r = randomizeAssignment({ algorithm: input.algorithm, seed: input.seed, nUnits: n, preCounts: input.covariates.total, blocks: input.blocks });
  if (!r.ok) return err(formatStatsError(r.error));
  const a = r.value;
  const balance = computeBalance({ names: input.covariates.names, columns: input.covariates.columns, treated: a.assignment });
  if (!balance.ok) return err(`balance: ${formatStatsError(balance.error)}`);
  const treatedIds = input.candidates.filter((_, i) => a.assignment[i]).map((c) => c.id);
  const partner = (i: number): string => {
    if (a.pair && a.pair[i]! >= 0) {
      const j = input.candidates.findIndex((_, k) => k !== i && a.pair![k] === a.pair![i]);
      if (j >= 0 && a.assignment[j]) return input.candidates[j]!.id;
    }
    if (input.blocks) {
      const j = input.candidates.findIndex((_, k) => a.assignment[k] && input.blocks![k] === input.blocks![i]);
      if (j >= 0) return input.candidates[j]!.id;
    }
    return treatedIds[0]!;
  };
  const area = (c: Candidate, k: number) => ({ id: c.id, name: c.name, polygon: c.rings.map((ring) => ring.map(([x, y]) => [x, y] as [number, number])), bufferM: input.bufferM, areaM2: polygonArea(c.rings), k });
  const targets = input.candidates.map(area).filter((_, i) => a.assignment[i]).map(({ k: _k, ...t }) => t);
  const comparisons = input.candidates
    .map(area)
    .filter((_, i) => !a.assignment[i])
    .map(({ k, ...t }) => ({ ...t, targetId: partner(k), cellId: Math.max(0, input.candidates[k]!.cellId), matchDistance: 0 }));
  const b = balance.value;
  const doc: DesignDoc = {
    kind: 'design',
    formatVersion: 1,
    name: input.name,
    created: input.created,
    crs: input.crs,
    unit: { kind: 'grid', sizeM: input.cellSizeM },
    pre: { from: input.pre.from, to: input.pre.to },
    targets,
    comparisons,
    method: { kind: 'randomized', algorithm: DOC_ALGORITHM[input.algorithm], seed: input.seed, convention: `${input.algorithm}: ${a.description}; generator ${a.generator}; seed ${input.seed}; candidates in the listed order (${input.candidates.map((c) => c.id).join(', ')})` },
    balance: { denominator: b.denominator, smdThreshold: b.smdThreshold, nTreated: b.nTreated, nControl: b.nControl, nTreatedMatched: null, nControlMatched: null, convention: b.convention, rows: b.rows.map((row) => ({ ...row })) },
    unmatched: [],
    source: input.source,
    warnings: [],
  };
  return ok({ doc, assignment: a });
}
