/**
 * Computes the quality report (quality.ts) with a handful of aggregate queries over the stage,
 * facts and normalized tables.
 */
import type { Table } from 'apache-arrow';
import type { AppError } from '../../base/errors';
import { ok, type Result } from '../../base/result';
import type { SqlEngine } from '../../engine/sql-engine';
import { quoteIdent } from '../../engine/sql';
import { createTransform } from '../geo/crs';
import { COORD_DEFAULT, COORD_INVALID, COORD_MISSING, COORD_OUTSIDE, COORD_ZERO, type CoordinateResult } from './coordinates';
import type { StackedLocation } from './default-location';
import { DATE_FROM_REPORTED } from './normalize-sql';
import { findDateGaps, MIN_HIT_RATE, WINDOW_BINS, type QualityReport } from './quality';
import { COORD_BITS, R_DATE_IMPLAUSIBLE, R_DATE_MISSING, R_DATE_UNPARSEABLE, R_DUPLICATE } from './reasons';

export interface QualityInput {
  readonly stage: string;
  readonly facts: string;
  readonly final: string;
  readonly coords: CoordinateResult | undefined;
  readonly stacks: readonly StackedLocation[];
  readonly xyCrs: string | undefined;
  /** The coordinate pair rows mostly use: stack warnings are given for it only (the other pair repeats them). */
  readonly primaryPair: 'xy' | 'latlon' | undefined;
  readonly jurisdiction: 'polygon' | 'robust extent' | 'none';
  readonly codesInferred: boolean;
  readonly exactDuplicates: number;
  readonly hasDates: boolean;
  readonly warnings: readonly string[];
}

type Row = Record<string, unknown>;
const rowsOf = (t: Table): Row[] => t.toArray().map((r) => r.toJSON() as Row);
const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/** Runs the report's queries; failures are SQL errors (a bug in a statement, not in the data). */
export async function computeQualityReport(engine: SqlEngine, q: QualityInput): Promise<Result<QualityReport, AppError>> {
  const sf = `${quoteIdent(q.stage)} s POSITIONAL JOIN ${quoteIdent(q.facts)} f`;
  const fin = quoteIdent(q.final);
  const queries = {
    geo: `SELECT coalesce(s.offense_group, '(no offense)') AS grp, count(*)::DOUBLE AS n, count(*) FILTER (WHERE (f.__mask & ${COORD_BITS}) = 0)::DOUBLE AS g FROM ${sf} WHERE (f.__mask & ${R_DUPLICATE}) = 0 GROUP BY ALL ORDER BY n DESC`,
    masks: `SELECT ${[
      ['missing', COORD_MISSING],
      ['zero', COORD_ZERO],
      ['invalid', COORD_INVALID],
      ['dflt', COORD_DEFAULT],
      ['outside', COORD_OUTSIDE],
      ['d_unparse', R_DATE_UNPARSEABLE],
      ['d_missing', R_DATE_MISSING],
      ['d_implaus', R_DATE_IMPLAUSIBLE],
    ]
      .map(([k, bit]) => `count(*) FILTER (WHERE (f.__mask & ${bit}) <> 0)::DOUBLE AS ${k}`)
      .join(', ')}, count(*) FILTER (WHERE (s.__date_bits & ${DATE_FROM_REPORTED}) <> 0 AND f.__q = 0)::DOUBLE AS from_rep FROM ${sf} WHERE (f.__mask & ${R_DUPLICATE}) = 0`,
    days: `SELECT strftime(CAST(occurred_from AS DATE), '%Y-%m-%d') AS d FROM ${fin} WHERE occurred_from IS NOT NULL GROUP BY 1 ORDER BY 1`,
    months: `SELECT strftime(occurred_from, '%Y-%m') AS m, count(*)::DOUBLE AS n FROM ${fin} WHERE occurred_from IS NOT NULL GROUP BY 1 ORDER BY 1`,
    cases: `SELECT coalesce(sum(n) FILTER (WHERE case_id IS NULL), 0)::DOUBLE AS no_case, count(case_id)::DOUBLE AS distinct_cases, count(*) FILTER (WHERE n > 1 AND case_id IS NOT NULL)::DOUBLE AS multi, coalesce(sum(n) FILTER (WHERE n > 1 AND case_id IS NOT NULL), 0)::DOUBLE AS multi_rows, coalesce(max(n) FILTER (WHERE case_id IS NOT NULL), 0)::DOUBLE AS max_n FROM (SELECT case_id, count(*) AS n FROM ${fin} GROUP BY 1)`,
    examples: `SELECT case_id, count(*)::DOUBLE AS n, string_agg(DISTINCT offense_code, ', ') AS codes FROM ${fin} WHERE case_rows > 1 AND case_id IN (SELECT case_id FROM (SELECT DISTINCT case_id, case_rows FROM ${fin} WHERE case_rows > 1) ORDER BY case_rows DESC, case_id LIMIT 5) GROUP BY 1 ORDER BY n DESC, case_id`,
    window: `SELECT count(*) FILTER (WHERE occurred_hours IS NOT NULL)::DOUBLE AS with_window, count(*) FILTER (WHERE occurred_hours IS NULL AND occurred_from IS NOT NULL)::DOUBLE AS exact, count(*) FILTER (WHERE occurred_hours < 0)::DOUBLE AS negative, quantile_cont(occurred_hours, 0.5) FILTER (WHERE occurred_hours >= 0) AS med, quantile_cont(occurred_hours, 0.9) FILTER (WHERE occurred_hours >= 0) AS p90, ${WINDOW_BINS.slice(1)
      .map((b, i) => `count(*) FILTER (WHERE occurred_hours >= ${b.from}${Number.isFinite(b.to) ? ` AND occurred_hours < ${b.to}` : ''})::DOUBLE AS b${i}`)
      .join(', ')} FROM ${fin}`,
    groups: `SELECT coalesce(offense_group, '(no offense)') AS grp, count(*)::DOUBLE AS n FROM ${fin} GROUP BY 1 ORDER BY n DESC`,
    unmapped: `SELECT offense_code AS code, count(*)::DOUBLE AS n FROM ${fin} WHERE offense_group = 'unmapped' GROUP BY 1 ORDER BY n DESC, code LIMIT 50`,
    offenseCounts: `SELECT count(*) FILTER (WHERE offense_group = 'unmapped')::DOUBLE AS unmapped, count(*) FILTER (WHERE offense_code IS NULL AND offense_description IS NULL)::DOUBLE AS none, count(*) FILTER (WHERE offense_code_source = 'description')::DOUBLE AS inferred FROM ${fin}`,
    unmatched: `SELECT offense_description AS d, count(*)::DOUBLE AS n FROM ${fin} WHERE offense_code IS NULL AND offense_description IS NOT NULL GROUP BY 1 ORDER BY n DESC, d LIMIT 50`,
  };
  const results: Record<string, Row[]> = {};
  for (const [k, sql] of Object.entries(queries)) {
    const r = await engine.query(sql);
    if (!r.ok) return r;
    results[k] = rowsOf(r.value);
  }
  const R = (k: keyof typeof queries) => results[k] ?? [];
  const first = (k: keyof typeof queries) => R(k)[0] ?? {};

  const byGroup = R('geo').map((r) => {
    const rows = num(r.n);
    const geocoded = num(r.g);
    const rate = rows ? geocoded / rows : null;
    return { group: String(r.grp), rows, geocoded, hit_rate: rate, below_85: rate !== null && rate < MIN_HIT_RATE };
  });
  const rows = byGroup.reduce((s, g) => s + g.rows, 0);
  const geocoded = byGroup.reduce((s, g) => s + g.geocoded, 0);
  const hitRate = rows ? geocoded / rows : null;
  const m = first('masks');
  const days = R('days').map((r) => String(r.d));
  const gaps = findDateGaps(days);
  const w = first('window');
  const toLonLat = q.xyCrs ? createTransform(q.xyCrs, 'EPSG:4326') : undefined;
  const warnings = [...q.warnings];
  if (hitRate !== null && hitRate < MIN_HIT_RATE) warnings.push(`geocoding hit rate ${(hitRate * 100).toFixed(1)}% is below the 85% minimum for reliable hot-spot maps (Ratcliffe 2004)`);
  for (const g of byGroup) if (g.below_85 && g.group !== '(no offense)') warnings.push(`offense group ${g.group}: ${((g.hit_rate ?? 0) * 100).toFixed(1)}% geocoded (below 85%)`);
  if (!q.hasDates) warnings.push('no date column is mapped: time analyses are not possible');
  if (gaps.gaps[0] && gaps.gaps[0].days >= 7) warnings.push(`no records for ${gaps.gaps[0].days} days from ${gaps.gaps[0].from} to ${gaps.gaps[0].to}: a missing extract?`);
  for (const s of q.stacks) if (s.verdict !== 'repeat location' && s.pair === q.primaryPair) warnings.push(`${s.rows} rows sit on one point (${s.a}, ${s.b}) with ${s.distinctAddresses ?? 'unknown'} addresses: ${s.verdict}`);

  return ok({
    geocoding: {
      rows,
      geocoded,
      hit_rate: hitRate,
      threshold: MIN_HIT_RATE,
      below_85: hitRate !== null && hitRate < MIN_HIT_RATE,
      by_offense_group: byGroup,
      note: 'Hit rate = records with a usable location inside the jurisdiction / all records (malformed rows and exact duplicates excluded); 85% is the minimum for reliable point maps (Ratcliffe 2004).',
    },
    coordinates: {
      missing: num(m.missing),
      zero: num(m.zero),
      invalid: num(m.invalid),
      default_location: num(m.dflt),
      outside_jurisdiction: num(m.outside),
      swapped_lat_lon: q.coords?.counts.swappedLatLon ?? 0,
      swapped_x_y: q.coords?.counts.swappedXY ?? 0,
      from_lat_lon_fallback: q.coords?.counts.fromLatLon ?? 0,
      x_y_and_lat_lon_disagree: q.coords?.counts.pairsDisagree ?? 0,
      extent_analysis_crs: q.coords?.extent ? [...q.coords.extent] as [number, number, number, number] : null,
      jurisdiction: q.jurisdiction,
    },
    stacked_locations: q.stacks.map((s) => {
      const [lon, lat] = s.pair === 'latlon' ? [s.a, s.b] : toLonLat ? toLonLat(s.a, s.b) : [Number.NaN, Number.NaN];
      return {
        pair: s.pair,
        a: s.a,
        b: s.b,
        lon: Number.isFinite(lon) ? lon : null,
        lat: Number.isFinite(lat) ? lat : null,
        rows: s.rows,
        distinct_addresses: s.distinctAddresses,
        example_address: s.exampleAddress,
        verdict: s.verdict,
      };
    }),
    dates: {
      occurred_min: days[0] ?? null,
      occurred_max: days[days.length - 1] ?? null,
      days_in_range: gaps.span,
      days_without_records: gaps.empty,
      longest_gaps: gaps.gaps,
      by_month: R('months').map((r) => ({ month: String(r.m), rows: num(r.n) })),
      occurred_from_taken_from_reported: num(m.from_rep),
      unparseable: num(m.d_unparse),
      missing: num(m.d_missing),
      implausible: num(m.d_implaus),
    },
    duplicates: {
      exact_duplicate_rows: q.exactDuplicates,
      rows_without_case_number: num(first('cases').no_case),
      distinct_case_numbers: num(first('cases').distinct_cases),
      case_numbers_with_several_rows: num(first('cases').multi),
      rows_in_multi_row_cases: num(first('cases').multi_rows),
      max_rows_per_case: num(first('cases').max_n),
      examples: R('examples').map((r) => ({ case_id: String(r.case_id), rows: num(r.n), offense_codes: r.codes === null ? null : String(r.codes) })),
      note: 'Rows sharing a case number are kept (one row per offense or victim); case_row numbers them, so "WHERE case_row = 1" counts each incident once. Exact copies of a row are quarantined as "duplicate row".',
    },
    occurred_window: {
      rows_with_window: num(w.with_window),
      rows_exact: num(w.exact),
      negative_windows: num(w.negative),
      median_hours: w.med === null || w.med === undefined ? null : Number(w.med),
      p90_hours: w.p90 === null || w.p90 === undefined ? null : Number(w.p90),
      histogram: [{ label: WINDOW_BINS[0]?.label ?? 'exact', rows: num(w.exact) }, ...WINDOW_BINS.slice(1).map((b, i) => ({ label: b.label, rows: num(w[`b${i}`]) }))],
    },
    offenses: {
      by_group: R('groups').map((r) => ({ group: String(r.grp), rows: num(r.n) })),
      unmapped_codes: R('unmapped').map((r) => ({ code: String(r.code), rows: num(r.n) })),
      rows_unmapped: num(first('offenseCounts').unmapped),
      rows_without_offense: num(first('offenseCounts').none),
      codes_inferred_from_description: num(first('offenseCounts').inferred),
      unmatched_descriptions: q.codesInferred ? R('unmatched').map((r) => ({ description: String(r.d), rows: num(r.n) })) : [],
    },
    warnings,
  });
}
