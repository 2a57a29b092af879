/**
 * Class breaks for choropleth and density maps, following PySAL's mapclassify (Rey et al.):
 * breaks are class UPPER bounds, ascending, the last equal to the maximum; a value v belongs to
 * the first class whose break is >= v (mapclassify's `searchsorted(bins, v, side='left')`).
 */
import { ok, type Result } from '../../base/result';
import { checkFinite, checkInteger, invalidArgument, type StatsError } from './errors';

function sortedCopy(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

function check(values: ArrayLike<number>, k: number): StatsError | undefined {
  if (values.length === 0) return invalidArgument('values', 'none', 'at least one value').error;
  return (checkFinite('values', values) ?? checkInteger('classes', k, 1))?.error;
}

/** Linear-interpolation quantile of sorted data (numpy's default, R type 7): h = (n - 1) q. */
function quantileSorted(s: Float64Array, q: number): number {
  const h = (s.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(s.length - 1, lo + 1);
  return (s[lo] as number) + (h - lo) * ((s[hi] as number) - (s[lo] as number));
}

/**
 * Quantile breaks (mapclassify Quantiles): the j/k quantiles, j = 1..k, duplicates removed (so
 * heavily tied data such as counts with many zeros can give fewer than k classes).
 */
export function computeQuantileBreaks(values: ArrayLike<number>, k: number): Result<number[], StatsError> {
  const bad = check(values, k);
  if (bad) return { ok: false, error: bad };
  const s = sortedCopy(values);
  const breaks: number[] = [];
  for (let j = 1; j <= k; j++) {
    const b = quantileSorted(s, j / k);
    if (breaks.length === 0 || b !== breaks[breaks.length - 1]) breaks.push(b);
  }
  return ok(breaks);
}

/**
 * Jenks natural breaks by Fisher's exact optimal partition (Fisher 1958, "On grouping for
 * maximum homogeneity", JASA 53; mapclassify FisherJenks): the k contiguous classes of the
 * sorted values minimizing the total within-class sum of squared deviations, by dynamic
 * programming in O(k m^2). Above `maxSample` values (default 3000) it runs on an evenly spaced
 * sample of the sorted values (min and max kept), as ArcGIS and mapclassify's sampled variant
 * do; the breaks are then those of the sample. Fewer distinct values than k give one class per
 * distinct value.
 */
export function computeJenksBreaks(values: ArrayLike<number>, k: number, options: { maxSample?: number } = {}): Result<number[], StatsError> {
  const bad = check(values, k);
  if (bad) return { ok: false, error: bad };
  const all = sortedCopy(values);
  const maxSample = options.maxSample ?? 3000;
  let s = all;
  if (all.length > maxSample) {
    s = new Float64Array(maxSample);
    for (let t = 0; t < maxSample; t++) s[t] = all[Math.round((t * (all.length - 1)) / (maxSample - 1))] as number;
  }
  const distinct = new Set(s).size;
  if (distinct <= k) return ok([...new Set(s)]);
  const m = s.length;
  const p1 = new Float64Array(m + 1);
  const p2 = new Float64Array(m + 1);
  for (let i = 0; i < m; i++) {
    p1[i + 1] = (p1[i] as number) + (s[i] as number);
    p2[i + 1] = (p2[i] as number) + (s[i] as number) ** 2;
  }
  // ssd of s[a..b] inclusive
  const ssd = (a: number, b: number) => {
    const sum = (p1[b + 1] as number) - (p1[a] as number);
    return (p2[b + 1] as number) - (p2[a] as number) - (sum * sum) / (b - a + 1);
  };
  let prev = new Float64Array(m);
  for (let j = 0; j < m; j++) prev[j] = ssd(0, j);
  const from: Int32Array[] = [new Int32Array(m)];
  for (let c = 1; c < k; c++) {
    const cur = new Float64Array(m).fill(Number.POSITIVE_INFINITY);
    const arg = new Int32Array(m);
    for (let j = c; j < m; j++) {
      let best = Number.POSITIVE_INFINITY;
      let bi = c;
      for (let i = c; i <= j; i++) {
        const v = (prev[i - 1] as number) + ssd(i, j);
        if (v < best) {
          best = v;
          bi = i;
        }
      }
      cur[j] = best;
      arg[j] = bi;
    }
    from.push(arg);
    prev = cur;
  }
  const breaks = new Array<number>(k);
  let end = m - 1;
  for (let c = k - 1; c >= 0; c--) {
    breaks[c] = s[end] as number;
    if (c > 0) end = (from[c] as Int32Array)[end] as number - 1;
  }
  if (all.length > maxSample) breaks[k - 1] = all[all.length - 1] as number;
  return ok(breaks);
}

/**
 * Standard deviation breaks (mapclassify StdMean): mean + m * SD for each multiple m (default
 * -2, -1, 1, 2; SD is the population SD), keeping those below the maximum, then the maximum.
 */
export function computeStdDevBreaks(values: ArrayLike<number>, multiples: readonly number[] = [-2, -1, 1, 2]): Result<number[], StatsError> {
  const bad = check(values, 1);
  if (bad) return { ok: false, error: bad };
  const n = values.length;
  let mean = 0;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    mean += values[i] as number;
    max = Math.max(max, values[i] as number);
  }
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += ((values[i] as number) - mean) ** 2;
  const sd = Math.sqrt(ss / n);
  const breaks = [...multiples].sort((a, b) => a - b).map((m) => mean + m * sd).filter((b) => b < max);
  const unique = breaks.filter((b, i) => i === 0 || b !== breaks[i - 1]);
  unique.push(max);
  return ok(unique);
}

/**
 * Class index (0-based) of every value: the first break >= the value; values above the last
 * break go to the last class.
 */
export function classifyByBreaks(values: ArrayLike<number>, breaks: readonly number[]): Int32Array {
  const out = new Int32Array(values.length);
  const last = breaks.length - 1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    let lo = 0;
    let hi = last;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((breaks[mid] as number) >= v) hi = mid;
      else lo = mid + 1;
    }
    out[i] = lo;
  }
  return out;
}
