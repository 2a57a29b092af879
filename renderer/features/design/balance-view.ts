/**
 * The balance table of a design as the panel shows it: one row per covariate with the means of
 * the targets, the whole pool and the matched comparisons, the shared denominator s*, the SMD
 * before and after matching and the variance ratios, flagged like published tables
 * (|SMD| >= threshold, variance ratio outside 0.5-2); and the points of a Love plot.
 */
import type { DesignDoc } from '../../../shared/domain/design/design-doc';

/** One displayed row: numbers as text ("–" when undefined), plus the flags. */
export interface BalanceViewRow {
  readonly name: string;
  readonly meanTargets: string;
  readonly meanPool: string;
  readonly meanMatched: string;
  readonly sStar: string;
  readonly smdBefore: string;
  readonly smdAfter: string;
  readonly vrBefore: string;
  readonly vrAfter: string;
  readonly flagBefore: boolean;
  readonly flagAfter: boolean;
  readonly vrFlagAfter: boolean;
}

/** The table plus its caption facts. */
export interface BalanceView {
  readonly rows: readonly BalanceViewRow[];
  /** "pooled: s* = √((s_t² + s_c²)/2) from the unmatched sample" or the ATT form. */
  readonly denominator: string;
  readonly threshold: number;
  /** Rows balanced after matching (|SMD| below the threshold), of all rows. */
  readonly balancedAfter: number;
  readonly summary: string;
}

/** Fixed decimals, "–" for null/NaN, "−" as the minus sign (tables read better). */
export function formatFixed(v: number | null | undefined, digits: number): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  const s = Math.abs(v) < 0.5 * 10 ** -digits ? (0).toFixed(digits) : v.toFixed(digits);
  return s.replace(/^-/, '−');
}

/** Builds the view of `balance` (a design document's balance block). */
export function toBalanceView(balance: DesignDoc['balance'], kind: 'matched' | 'randomized' = 'matched'): BalanceView {
  const rows = balance.rows.map((r): BalanceViewRow => ({
    name: r.name,
    meanTargets: formatFixed(r.before.meanTreated, 2),
    meanPool: formatFixed(r.before.meanControl, 2),
    meanMatched: formatFixed(r.after?.meanControl, 2),
    sStar: formatFixed(r.sStar, 3),
    smdBefore: formatFixed(r.before.smd, 3),
    smdAfter: formatFixed(r.after?.smd, 3),
    vrBefore: formatFixed(r.before.varianceRatio, 2),
    vrAfter: formatFixed(r.after?.varianceRatio, 2),
    flagBefore: r.before.smdFlag,
    flagAfter: r.after ? r.after.smdFlag : false,
    vrFlagAfter: r.after ? r.after.varianceRatioFlag : false,
  }));
  const balancedAfter = balance.rows.filter((r) => (r.after ? !r.after.smdFlag : !r.before.smdFlag)).length;
  const denominator = balance.denominator === 'pooled' ? 's* = √((s_t² + s_c²)/2), from the unmatched sample' : 's* = s_t (ATT), from the unmatched sample';
  const summary =
    kind === 'matched'
      ? `${balance.nTreated} targets, pool of ${balance.nControl} units, ${balance.nControlMatched ?? 0} matched comparisons: ${balancedAfter} of ${rows.length} covariates within |SMD| < ${balance.smdThreshold} after matching`
      : `${balance.nTreated} treatment and ${balance.nControl} control places: ${balancedAfter} of ${rows.length} covariates within |SMD| < ${balance.smdThreshold}`;
  return { rows, denominator, threshold: balance.smdThreshold, balancedAfter, summary };
}

/** One covariate of a Love plot: SMD before and after (null when undefined). */
export interface LovePoint {
  readonly name: string;
  readonly before: number | null;
  readonly after: number | null;
}

/**
 * Love plot data: |SMD| is NOT taken (the sign shows which side is higher); `limit` is the
 * largest |SMD| shown, at least 2 x the threshold so the threshold lines are always visible.
 */
export function toLovePlot(balance: DesignDoc['balance']): { points: LovePoint[]; limit: number; threshold: number } {
  const points = balance.rows.map((r) => ({ name: r.name, before: r.before.smd, after: r.after?.smd ?? null }));
  let limit = 2 * balance.smdThreshold;
  for (const p of points) for (const v of [p.before, p.after]) if (v !== null && Number.isFinite(v)) limit = Math.max(limit, Math.abs(v));
  return { points, limit, threshold: balance.smdThreshold };
}
