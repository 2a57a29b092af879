/**
 * The ranked charts beside the map (top offenses, top addresses = repeat locations, counts by
 * beat) and the rolling average drawn over the weekly/monthly trend. Like the other charts they
 * are cross-filters: the caller passes the filter without the chart's own dimension.
 */
import type { AppError } from '../../base/errors';
import { ok, type Result } from '../../base/result';
import type { SqlEngine } from '../../engine/sql-engine';
import { quoteIdent } from '../../engine/sql';
import { NIBRS_OFFENSES, normalizeOffenseCode } from '../ingest/nibrs';

/** Keys and their counts, most frequent first (ties by key, ascending). */
export interface RankedCounts {
  readonly keys: readonly string[];
  readonly counts: Int32Array;
  /** Distinct non-empty keys in all (the chart shows the first `keys.length`). */
  readonly distinct: number;
}

/**
 * `key` (VARCHAR, trimmed), `n` (INTEGER) and `distinct_keys` (INTEGER, the same on every row)
 * of the rows passing `where`, grouped by `keyExpr`: the `limit` most frequent, ties broken by
 * key so the order is the same every time. NULL and blank keys are not counted.
 */
export function buildTopValuesSql(table: string, keyExpr: string, where: string, limit: number): string {
  const n = Math.max(1, Math.min(1000, Math.floor(limit) || 1));
  return `SELECT key, n, (count(*) OVER ())::INTEGER AS distinct_keys FROM (
  SELECT k AS key, count(*)::INTEGER AS n
  FROM (SELECT trim(CAST(${keyExpr} AS VARCHAR)) AS k FROM ${quoteIdent(table)} WHERE ${where})
  WHERE k IS NOT NULL AND k <> '' GROUP BY 1
) ORDER BY n DESC, key LIMIT ${n}`;
}

/** Runs {@link buildTopValuesSql} into columns. */
export async function queryTopValues(engine: SqlEngine, table: string, keyExpr: string, where: string, limit: number): Promise<Result<RankedCounts, AppError>> {
  const r = await engine.query(buildTopValuesSql(table, keyExpr, where, limit));
  if (!r.ok) return r;
  const keys: string[] = [];
  const k = r.value.getChild('key');
  const n = r.value.getChild('n');
  const counts = new Int32Array(r.value.numRows);
  for (let i = 0; i < r.value.numRows; i++) {
    keys.push(String(k?.get(i)));
    counts[i] = Number(n?.get(i) ?? 0);
  }
  const distinct = r.value.numRows > 0 ? Number(r.value.getChild('distinct_keys')?.get(0) ?? 0) : 0;
  return ok({ keys, counts, distinct });
}

/**
 * The address column of a header, by name: `address` of a normalized table, else "Address",
 * "Block Address", "Location", "Street Address" (case-insensitive). Null when none.
 */
export function detectAddressColumn(header: readonly string[]): string | null {
  if (header.includes('address') && header.includes('offense_code')) return 'address';
  for (const p of [/^address$/i, /^(block|street|incident)[ _]?address$/i, /address/i, /^location$/i]) {
    const hit = header.find((h) => p.test(h.trim()));
    if (hit !== undefined) return hit;
  }
  return null;
}

const DESCRIPTIONS = new Map(NIBRS_OFFENSES.map((o) => [normalizeOffenseCode(o.code), o.description]));

/** "120 Robbery" for a dictionary code, the code alone otherwise. */
export function offenseLabel(code: string): string {
  const d = DESCRIPTIONS.get(normalizeOffenseCode(code));
  return d ? `${code} ${d}` : code;
}

/** Rolling-average windows the trend chart offers, in buckets: weeks and months. */
export const ROLLING_WINDOWS: Readonly<Record<'week' | 'month', readonly number[]>> = { week: [4, 8, 13], month: [3, 6, 12] };

/**
 * Trailing moving average: `out[i]` = mean of `counts[i - window + 1 .. i]`, NaN for the first
 * `window - 1` buckets (no partial windows, so the line never starts on a misleading low).
 * `window` <= 1 returns the counts as they are. O(n) with a running sum.
 */
export function computeRollingMean(counts: ArrayLike<number>, window: number): Float64Array {
  const n = counts.length;
  const out = new Float64Array(n);
  const w = Math.max(1, Math.floor(window));
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum += counts[i] as number;
    if (i >= w) sum -= counts[i - w] as number;
    out[i] = i >= w - 1 ? sum / w : NaN;
  }
  return out;
}
