/**
 * Optimal 1:k pairing without replacement: the set of pairs with, first, the most matched rows
 * and then the least total distance (Rosenbaum 1989, "Optimal matching for observational
 * studies", JASA 84; what R's MatchIt does with method = "optimal" through optmatch). Each target
 * is a row, repeated k times for 1:k; the Hungarian algorithm (hungarian.ts) solves the
 * rows x candidates assignment, with one "dummy" column per row costing more than every real
 * distance together, so a row is left unmatched only when no feasible comparison is free.
 *
 * Candidates: each target keeps only its K nearest feasible comparisons (same category, within
 * the caliper). With K >= rows (targets x k) the result is the exact optimum over the whole pool:
 * if a row used a comparison outside its K nearest, one of those K would be free (the other rows
 * use at most rows - 1 of them) and no farther, so swapping never costs more. K defaults to rows,
 * lowered only so that rows^2 x columns stays <= 5e8 operations; the result says which.
 */
import { solveAssignment } from './hungarian';
import type { UnmatchedReason } from './matching';

/** What the optimal pairing needs from matchUnits. */
export interface OptimalPairingInput {
  readonly targets: readonly number[];
  readonly pool: readonly number[];
  readonly sqDist: (i: number, j: number, bound: number) => number;
  /** Squared caliper (Infinity for none). */
  readonly caliperSq: number;
  readonly exact?: Int32Array;
  readonly ratio: number;
  /** Candidates kept per target; default and cap as in the module comment. */
  readonly candidatesPerTarget?: number;
}

export interface OptimalPairing {
  readonly pt: number[];
  readonly pc: number[];
  readonly pd: number[];
  readonly pr: number[];
  readonly reasons: Map<number, UnmatchedReason>;
  /** Targets that got fewer than `ratio` comparisons (but at least one). */
  readonly short: number;
  /** K used, and whether K >= rows (the global optimum is guaranteed). */
  readonly candidatesPerTarget: number;
  readonly globalOptimum: boolean;
}

const MAX_WORK = 5e8;

/** Pairs targets with comparisons optimally (see the module comment). Deterministic. */
export function pairOptimally(input: OptimalPairingInput): OptimalPairing {
  const { targets, pool, sqDist, caliperSq, exact, ratio } = input;
  const rows = targets.length * ratio;
  const maxCols = Math.floor(MAX_WORK / Math.max(1, rows * rows));
  const cap = Math.max(ratio, Math.floor((maxCols - rows) / Math.max(1, targets.length)));
  const k = Math.max(1, Math.min(input.candidatesPerTarget ?? rows, cap));
  const reasons = new Map<number, UnmatchedReason>();
  // K nearest feasible candidates per target: a bounded max-heap on squared distance.
  const lists: { unit: Int32Array; d2: Float64Array }[] = [];
  for (const t of targets) {
    const hu = new Int32Array(k);
    const hd = new Float64Array(k);
    let size = 0;
    let inCategory = 0;
    for (const c of pool) {
      if (exact && exact[c] !== exact[t]) continue;
      inCategory++;
      const bound = size === k ? Math.min(hd[0]!, caliperSq) : caliperSq;
      const d2 = sqDist(t, c, bound);
      if (d2 > caliperSq || (size === k && d2 >= hd[0]!)) continue;
      if (size < k) heapPush(hu, hd, size++, c, d2);
      else heapReplaceTop(hu, hd, size, c, d2);
    }
    if (size === 0) reasons.set(t, inCategory === 0 ? 'no-comparison-in-category' : 'none-within-caliper');
    const order = Array.from({ length: size }, (_, i) => i).sort((a, b) => hd[a]! - hd[b]! || hu[a]! - hu[b]!);
    lists.push({ unit: Int32Array.from(order, (i) => hu[i]!), d2: Float64Array.from(order, (i) => hd[i]!) });
  }
  const colOf = new Map<number, number>();
  for (const l of lists) for (const u of l.unit) if (!colOf.has(u)) colOf.set(u, colOf.size);
  const active: number[] = [];
  targets.forEach((t, i) => {
    if (!reasons.has(t)) for (let r = 0; r < ratio; r++) active.push(i);
  });
  const pt: number[] = [];
  const pc: number[] = [];
  const pd: number[] = [];
  const pr: number[] = [];
  let short = 0;
  if (active.length > 0) {
    const real = colOf.size;
    const cols = real + active.length;
    let big = 1;
    for (const l of lists) if (l.d2.length) big += Math.sqrt(l.d2[l.d2.length - 1]!) * ratio;
    const forbid = big * (active.length + 2);
    const cost = new Float64Array(active.length * cols).fill(forbid);
    active.forEach((ti, r) => {
      const l = lists[ti]!;
      for (let q = 0; q < l.unit.length; q++) cost[r * cols + colOf.get(l.unit[q]!)!] = Math.sqrt(l.d2[q]!);
      for (let j = real; j < cols; j++) cost[r * cols + j] = big;
    });
    const assigned = solveAssignment(cost, active.length, cols);
    const units = [...colOf.keys()];
    const got = new Map<number, { unit: number; d: number }[]>();
    active.forEach((ti, r) => {
      const j = assigned[r]!;
      if (j >= real) return;
      const list = got.get(ti) ?? [];
      list.push({ unit: units[j]!, d: cost[r * cols + j]! });
      got.set(ti, list);
    });
    // Report pairs round by round (nearest comparison of each target first), targets in input order.
    for (let round = 1; round <= ratio; round++) {
      targets.forEach((t, ti) => {
        const list = got.get(ti);
        if (!list) return;
        list.sort((a, b) => a.d - b.d || a.unit - b.unit);
        const m = list[round - 1];
        if (!m) return;
        pt.push(t);
        pc.push(m.unit);
        pd.push(m.d);
        pr.push(round);
      });
    }
    targets.forEach((t, ti) => {
      const n = got.get(ti)?.length ?? 0;
      if (!reasons.has(t) && n === 0) reasons.set(t, 'pool-exhausted');
      else if (n > 0 && n < ratio) short++;
    });
  }
  return { pt, pc, pd, pr, reasons, short, candidatesPerTarget: k, globalOptimum: k >= rows };
}

function heapPush(u: Int32Array, d: Float64Array, size: number, unit: number, d2: number): void {
  let i = size;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!worse(d2, unit, d[parent]!, u[parent]!)) break;
    u[i] = u[parent]!;
    d[i] = d[parent]!;
    i = parent;
  }
  u[i] = unit;
  d[i] = d2;
}

function heapReplaceTop(u: Int32Array, d: Float64Array, size: number, unit: number, d2: number): void {
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= size) break;
    const r = l + 1;
    const m = r < size && worse(d[r]!, u[r]!, d[l]!, u[l]!) ? r : l;
    if (!worse(d[m]!, u[m]!, d2, unit)) break;
    u[i] = u[m]!;
    d[i] = d[m]!;
    i = m;
  }
  u[i] = unit;
  d[i] = d2;
}

/** Max-heap order: farther first, then the higher unit index (so ties keep lower indices). */
function worse(da: number, ua: number, db: number, ub: number): boolean {
  return da > db || (da === db && ua > ub);
}
