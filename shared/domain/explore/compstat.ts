/**
 * CompStat period comparison: counts in this period against a comparison period (the same number
 * of days just before, or the same dates a year earlier), per offense group, beat or district,
 * with the change, the percentage change and a test of whether the change is larger than chance.
 *
 * The test treats both counts as Poisson with rates proportional to the periods' lengths. Given
 * the total n = a + b, the current count a is Binomial(n, p0) with p0 = tA / (tA + tB) under "no
 * change in the daily rate" (Przyborowski & Wilenski 1940; the "C-test" of Krishnamoorthy &
 * Thomson 2004, J. Stat. Plan. Inference 119). The two-sided exact p sums the probabilities of
 * every outcome no more likely than the one observed (the "minlike" rule of R's binom.test and
 * scipy.stats.binomtest). Beside it a z-score by the square-root rule: the square root of a
 * Poisson count has variance about 1/4 whatever its mean (Anscombe 1948, Biometrika 35), so
 * sqrt(a) - sqrt(r b), r = tA / tB, has variance (1 + r)/4 and
 * z = 2 (sqrt(a) - sqrt(r b)) / sqrt(1 + r) (equal periods: sqrt(2) (sqrt(a) - sqrt(b))).
 * Wheeler's CompStat "Poisson z-score" 2 (sqrt(a) - sqrt(b)) (Wheeler 2016) treats the past
 * count as a known mean and flags more often; both counts are random here, hence the sqrt(1 + r).
 */
import { err, ok, type Result } from '../../base/result';
import type { AppError } from '../../base/errors';
import { logGamma } from '../evaluation/distributions';
import { isIsoDay } from './filters';

/** A closed range of calendar days `YYYY-MM-DD` (both ends included). */
export interface Period {
  readonly from: string;
  readonly to: string;
}

/** Which period to compare with: the same length just before, or the same dates one year earlier. */
export type CompareMode = 'previous' | 'last-year';

/** What the counts are broken down by. */
export type CompstatBy = 'group' | 'beat' | 'district';

const DAY_MS = 86_400_000;
const dayMs = (d: string) => Date.parse(`${d}T00:00:00Z`);
const isoOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Days in a period, both ends counted ("2024-01-01".."2024-01-28" is 28). */
export function periodDays(p: Period): number {
  return Math.round((dayMs(p.to) - dayMs(p.from)) / DAY_MS) + 1;
}

/** `day` moved by `n` days (negative for earlier). */
export function addDays(day: string, n: number): string {
  return isoOf(dayMs(day) + n * DAY_MS);
}

/** The same calendar day `years` years away; 29 February becomes 28 February in a common year. */
export function shiftYears(day: string, years: number): string {
  const y = Number(day.slice(0, 4)) + years;
  const m = Number(day.slice(5, 7));
  const d = Number(day.slice(8, 10));
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${String(y).padStart(4, '0')}-${day.slice(5, 7)}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * Reads a period: `A..B` (ISO days, A <= B), `last-N` (the N days ending on `latest`, e.g.
 * last-28), `ytd` (1 January of `latest`'s year through `latest`) or `mtd` (month to date).
 * `latest` is the last day with data (the CLI and the panel pass the data's latest occurred day).
 */
export function parsePeriod(text: string, latest: string | null): Result<Period, AppError> {
  const t = text.trim().toLowerCase();
  const bad = (expected: string) => err<AppError>({ kind: 'invalid-argument', name: '--period', value: text, expected });
  const relative = /^last-(\d+)$/.exec(t);
  if (relative || t === 'ytd' || t === 'mtd') {
    if (latest === null || !isIsoDay(latest)) return bad('A..B: the data has no dates to count back from');
    if (relative) {
      const n = Number(relative[1]);
      if (!Number.isInteger(n) || n < 1 || n > 3660) return bad('last-N with N a whole number of days from 1 to 3660, e.g. last-28');
      return ok({ from: addDays(latest, -(n - 1)), to: latest });
    }
    return ok({ from: t === 'ytd' ? `${latest.slice(0, 4)}-01-01` : `${latest.slice(0, 7)}-01`, to: latest });
  }
  const m = /^(\S+)\.\.(\S+)$/.exec(text.trim());
  if (!m) return bad('A..B with ISO days (2024-01-01..2024-01-28), last-N, ytd or mtd');
  const [, from = '', to = ''] = m;
  if (!isIsoDay(from)) return bad(`a real calendar day YYYY-MM-DD before "..", not "${from}"`);
  if (!isIsoDay(to)) return bad(`a real calendar day YYYY-MM-DD after "..", not "${to}"`);
  if (to < from) return bad(`the start (${from}) on or before the end (${to})`);
  return ok({ from, to });
}

/**
 * The comparison period of `p`: `previous` = the same number of days ending the day before
 * `p.from` (last 28 days vs the 28 before); `last-year` = the same calendar dates one year earlier
 * (year to date vs last year's year to date; 29 February maps to 28 February).
 */
export function comparisonPeriod(p: Period, mode: CompareMode): Period {
  if (mode === 'previous') {
    const n = periodDays(p);
    return { from: addDays(p.from, -n), to: addDays(p.from, -1) };
  }
  return { from: shiftYears(p.from, -1), to: shiftYears(p.to, -1) };
}

/** P(X = k) for X ~ Binomial(n, p), from log-gamma (exact to about 1e-13 relative). */
function binomialPmf(k: number, n: number, p: number): number {
  if (p <= 0) return k === 0 ? 1 : 0;
  if (p >= 1) return k === n ? 1 : 0;
  return Math.exp(logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1) + k * Math.log(p) + (n - k) * Math.log1p(-p));
}

/**
 * Two-sided exact p of the conditional test of two Poisson counts: `a` in a period of `tA` days
 * against `b` in `tB` days; a | a+b ~ Binomial(a+b, tA/(tA+tB)) under equal daily rates. The p
 * sums P(X = k) over every k no more likely than `a` (relative tolerance 1e-7, as R and scipy).
 * 1 when both counts are 0. Check: a = 30, b = 15, equal periods -> p = 0.035698 (scipy
 * binomtest(30, 45).pvalue); a = 10, b = 0 -> 0.001953.
 */
export function poissonTwoCountP(a: number, b: number, tA = 1, tB = 1): number {
  const n = a + b;
  if (n === 0) return 1;
  const p0 = tA / (tA + tB);
  const observed = binomialPmf(a, n, p0);
  let sum = 0;
  for (let k = 0; k <= n; k++) {
    const q = binomialPmf(k, n, p0);
    if (q <= observed * (1 + 1e-7)) sum += q;
  }
  return Math.min(1, sum);
}

/**
 * z-score of the change by the square-root rule: z = 2 (sqrt(a) - sqrt(r b)) / sqrt(1 + r),
 * r = tA/tB (the comparison count scaled to the current period's length; both counts Poisson,
 * each square root with variance 1/4, Anscombe 1948). |z| > 1.96 is roughly p < 0.05.
 * Check: a = 30, b = 15, equal periods -> sqrt(2) (sqrt(30) - sqrt(15)) = 2.2687.
 */
export function poissonZ(a: number, b: number, tA = 1, tB = 1): number {
  const r = tA / tB;
  return (2 * (Math.sqrt(a) - Math.sqrt(r * b))) / Math.sqrt(1 + r);
}

/** One line of a CompStat table. */
export interface CompstatRow {
  readonly key: string;
  readonly current: number;
  readonly previous: number;
  /** current - previous. */
  readonly change: number;
  /** 100 (current - previous) / previous; null when previous is 0 (no percentage of nothing). */
  readonly pctChange: number | null;
  /** Poisson z-score (square-root rule). */
  readonly z: number;
  /** Two-sided exact p of the conditional Poisson test. */
  readonly p: number;
  /** 'up' or 'down' when p < alpha, else null. */
  readonly flag: 'up' | 'down' | null;
}

/** A CompStat comparison: the periods, the rows (largest absolute change first) and the total. */
export interface CompstatResult {
  readonly by: CompstatBy;
  readonly current: Period;
  readonly previous: Period;
  readonly compare: CompareMode;
  readonly alpha: number;
  readonly rows: readonly CompstatRow[];
  readonly total: CompstatRow;
}

/** The row for counts `a` (current, `tA` days) and `b` (comparison, `tB` days); flagged when p < `alpha`. */
export function compareCounts(key: string, a: number, b: number, tA: number, tB: number, alpha: number): CompstatRow {
  const p = poissonTwoCountP(a, b, tA, tB);
  const z = poissonZ(a, b, tA, tB);
  const pctChange = b === 0 ? null : (100 * (a - b)) / b;
  return { key, current: a, previous: b, change: a - b, pctChange, z, p, flag: p < alpha ? (z > 0 ? 'up' : 'down') : null };
}

/**
 * Builds the table from counts per key in each period (keys missing from one side count 0).
 * Rows are sorted by absolute change, then key; the total row compares the sums. `alpha`
 * defaults to 0.05 (no correction for the number of rows: with 20 beats about one is flagged by
 * chance; the docs say so).
 */
export function computeCompstat(
  current: ReadonlyMap<string, number>,
  previous: ReadonlyMap<string, number>,
  periods: { current: Period; previous: Period; compare: CompareMode; by: CompstatBy },
  alpha = 0.05,
): CompstatResult {
  const tA = periodDays(periods.current);
  const tB = periodDays(periods.previous);
  const keys = [...new Set([...current.keys(), ...previous.keys()])];
  const rows = keys
    .map((k) => compareCounts(k, current.get(k) ?? 0, previous.get(k) ?? 0, tA, tB, alpha))
    .sort((x, y) => Math.abs(y.change) - Math.abs(x.change) || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  const sum = (m: ReadonlyMap<string, number>) => [...m.values()].reduce((s, v) => s + v, 0);
  const total = compareCounts('Total', sum(current), sum(previous), tA, tB, alpha);
  return { by: periods.by, current: periods.current, previous: periods.previous, compare: periods.compare, alpha, rows, total };
}

/** "+12.5%", "−8.0%", "new" (previous 0, current > 0) or "—" (both 0). */
export function formatPctChange(row: Pick<CompstatRow, 'pctChange' | 'current'>): string {
  if (row.pctChange === null) return row.current > 0 ? 'new' : '—';
  const v = row.pctChange;
  return `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(v).toFixed(1)}%`;
}
