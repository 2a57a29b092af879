/**
 * "Default location" clusters: many records on one exact coordinate that stands for "address
 * unknown" (the police HQ, the city centroid, a geocoder's fallback). A real hot spot (a store,
 * a bar) also stacks records on one point, but under ONE address; a default location collects
 * many DIFFERENT addresses. That difference is the test.
 */
import type { SqlEngine } from '../../engine/sql-engine';
import { quoteIdent } from '../../engine/sql';
import type { AppError } from '../../base/errors';
import { ok, type Result } from '../../base/result';
import type { DefaultLocation } from './coordinates';

/** One stacked coordinate and what the pipeline made of it. */
export interface StackedLocation {
  readonly pair: 'xy' | 'latlon';
  /** The exact source values: (x, y) or (lon, lat). */
  readonly a: number;
  readonly b: number;
  readonly rows: number;
  readonly distinctAddresses: number | null;
  readonly exampleAddress: string | null;
  /**
   * 'default location': quarantined (many addresses, or given by the analyst);
   * 'possible default location': no address column to tell, reported only;
   * 'repeat location': one address (a real hot spot), kept.
   */
  readonly verdict: 'default location' | 'possible default location' | 'repeat location';
}

export interface StackOptions {
  /** Fewest records on one point to look at it (default 10)... */
  readonly minRows?: number;
  /** ...and at least this share of the pair's usable rows (default 0.002). */
  readonly minShare?: number;
  /** Coordinates the analyst names as default locations (always quarantined). */
  readonly given?: readonly DefaultLocation[];
}

/**
 * Finds stacked coordinates in the stage table for each mapped pair (`__x/__y`, `__lon/__lat`;
 * both values non-zero). With an address column, a stack is a default location when it holds at
 * least 5 distinct addresses and distinct addresses are at least 20% of its rows; otherwise a
 * repeat location. Without an address column, stacks of at least 1% of the usable rows are
 * reported as possible default locations and kept. Up to 20 stacks per pair, largest first.
 */
export async function findStackedLocations(
  engine: SqlEngine,
  stage: string,
  pairs: { xy: boolean; latlon: boolean; address: boolean },
  options: StackOptions = {},
): Promise<Result<StackedLocation[], AppError>> {
  const out: StackedLocation[] = [];
  for (const pair of ['xy', 'latlon'] as const) {
    if (!pairs[pair]) continue;
    const [a, b] = pair === 'xy' ? ['__x', '__y'] : ['__lon', '__lat'];
    const usable = `${a} IS NOT NULL AND ${b} IS NOT NULL AND ${a} <> 0 AND ${b} <> 0 AND isfinite(${a}) AND isfinite(${b})`;
    // Counting per point first is cheap (two doubles); distinct addresses only for the few stacks.
    const stacks = await engine.query(
      `SELECT a, b, n::DOUBLE AS rows, total::DOUBLE AS total FROM (SELECT ${a} AS a, ${b} AS b, count(*) AS n, sum(count(*)) OVER () AS total ` +
        `FROM ${quoteIdent(stage)} WHERE ${usable} GROUP BY 1, 2) ORDER BY n DESC, a, b LIMIT 20`,
    );
    if (!stacks.ok) return stacks;
    const top = stacks.value.toArray().map((r) => r.toJSON() as { a: number; b: number; rows: number; total: number });
    const n = top[0]?.total ?? 0;
    const minRows = Math.max(options.minRows ?? 10, Math.ceil((options.minShare ?? 0.002) * n));
    const candidates = top.filter((r) => r.rows >= minRows);
    const addresses = new Map<string, { addresses: number; example: string | null }>();
    if (pairs.address && candidates.length > 0) {
      const where = candidates.map((c) => `(${a} = ${c.a} AND ${b} = ${c.b})`).join(' OR ');
      const q = await engine.query(`SELECT ${a} AS a, ${b} AS b, count(DISTINCT address)::DOUBLE AS addresses, min(address) AS example FROM ${quoteIdent(stage)} WHERE ${where} GROUP BY 1, 2`);
      if (!q.ok) return q;
      for (const r of q.value.toArray()) {
        const j = r.toJSON() as { a: number; b: number; addresses: number; example: string | null };
        addresses.set(`${j.a},${j.b}`, { addresses: j.addresses, example: j.example });
      }
    }
    for (const r of candidates) {
      const info = pairs.address ? addresses.get(`${r.a},${r.b}`) : undefined;
      const distinct = info ? info.addresses : null;
      const given = (options.given ?? []).some((g) => g.pair === pair && g.a === r.a && g.b === r.b);
      let verdict: StackedLocation['verdict'];
      if (given) verdict = 'default location';
      else if (distinct !== null) verdict = distinct >= 5 && distinct / r.rows >= 0.2 ? 'default location' : 'repeat location';
      else verdict = r.rows >= 0.01 * n ? 'possible default location' : 'repeat location';
      out.push({ pair, a: r.a, b: r.b, rows: r.rows, distinctAddresses: distinct, exampleAddress: info?.example ?? null, verdict });
    }
    for (const g of options.given ?? []) {
      if (g.pair === pair && !out.some((s) => s.pair === pair && s.a === g.a && s.b === g.b)) {
        out.push({ pair, a: g.a, b: g.b, rows: 0, distinctAddresses: null, exampleAddress: null, verdict: 'default location' });
      }
    }
  }
  return ok(out);
}
