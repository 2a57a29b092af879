/**
 * The data quality report of one imported dataset (quality.json): geocoding hit rate overall and
 * by offense group with the 85% rule of thumb (Ratcliffe 2004, "Geocoding crime and a first
 * estimate of a minimum acceptable hit rate", IJGIS 18(1)), date range and gaps, duplicate case
 * numbers, stacked/default locations, occurred-window widths (for aoristic analysis: Ratcliffe
 * 2000), unmapped offense codes.
 */
import { z } from '../../base/schema';

/** Ratcliffe (2004): about 85% geocoded is the minimum for reliable point maps. */
export const MIN_HIT_RATE = 0.85;

/** Occurred-window width bins in hours: [from, to) ... the last is open. */
export const WINDOW_BINS: readonly { label: string; from: number; to: number }[] = [
  { label: 'exact (no occurred-to)', from: Number.NaN, to: Number.NaN },
  { label: '0 h', from: 0, to: 1e-9 },
  { label: 'under 1 h', from: 1e-9, to: 1 },
  { label: '1-2 h', from: 1, to: 2 },
  { label: '2-4 h', from: 2, to: 4 },
  { label: '4-8 h', from: 4, to: 8 },
  { label: '8-24 h', from: 8, to: 24 },
  { label: '1-3 days', from: 24, to: 72 },
  { label: '3-7 days', from: 72, to: 168 },
  { label: 'over 7 days', from: 168, to: Number.POSITIVE_INFINITY },
];

const Count = z.number().int().nonnegative();
const HitRate = z.object({
  group: z.string(),
  rows: Count,
  geocoded: Count,
  hit_rate: z.number().min(0).max(1).nullable(),
  below_85: z.boolean(),
});

export const QualityReportSchema = z.object({
  geocoding: z.object({
    /** Rows that are records (all rows but malformed and exact duplicates). */
    rows: Count,
    /** Of those, rows with a usable location inside the jurisdiction. */
    geocoded: Count,
    hit_rate: z.number().min(0).max(1).nullable(),
    threshold: z.literal(MIN_HIT_RATE),
    below_85: z.boolean(),
    by_offense_group: z.array(HitRate),
    note: z.string(),
  }),
  coordinates: z.object({
    missing: Count,
    zero: Count,
    invalid: Count,
    default_location: Count,
    outside_jurisdiction: Count,
    swapped_lat_lon: Count,
    swapped_x_y: Count,
    from_lat_lon_fallback: Count,
    x_y_and_lat_lon_disagree: Count,
    extent_analysis_crs: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable(),
    jurisdiction: z.enum(['polygon', 'robust extent', 'none']),
  }),
  stacked_locations: z.array(
    z.object({
      pair: z.enum(['xy', 'latlon']),
      a: z.number(),
      b: z.number(),
      lon: z.number().nullable(),
      lat: z.number().nullable(),
      rows: Count,
      distinct_addresses: Count.nullable(),
      example_address: z.string().nullable(),
      verdict: z.enum(['default location', 'possible default location', 'repeat location']),
    }),
  ),
  dates: z.object({
    occurred_min: z.string().nullable(),
    occurred_max: z.string().nullable(),
    days_in_range: Count,
    days_without_records: Count,
    longest_gaps: z.array(z.object({ from: z.string(), to: z.string(), days: Count })),
    by_month: z.array(z.object({ month: z.string(), rows: Count })),
    occurred_from_taken_from_reported: Count,
    unparseable: Count,
    missing: Count,
    implausible: Count,
  }),
  duplicates: z.object({
    exact_duplicate_rows: Count,
    rows_without_case_number: Count,
    distinct_case_numbers: Count,
    case_numbers_with_several_rows: Count,
    rows_in_multi_row_cases: Count,
    max_rows_per_case: Count,
    examples: z.array(z.object({ case_id: z.string(), rows: Count, offense_codes: z.string().nullable() })),
    note: z.string(),
  }),
  occurred_window: z.object({
    rows_with_window: Count,
    rows_exact: Count,
    negative_windows: Count,
    median_hours: z.number().nullable(),
    p90_hours: z.number().nullable(),
    histogram: z.array(z.object({ label: z.string(), rows: Count })),
  }),
  offenses: z.object({
    by_group: z.array(z.object({ group: z.string(), rows: Count })),
    unmapped_codes: z.array(z.object({ code: z.string(), rows: Count })),
    rows_unmapped: Count,
    rows_without_offense: Count,
    codes_inferred_from_description: Count,
    unmatched_descriptions: z.array(z.object({ description: z.string(), rows: Count })),
  }),
  warnings: z.array(z.string()),
});
export type QualityReport = z.infer<typeof QualityReportSchema>;

/** Days between two ISO dates (YYYY-MM-DD), b - a. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** ISO date `days` after `a`. */
export function addDays(a: string, days: number): string {
  return new Date(Date.parse(`${a}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Gaps in a daily series: `days` are the ISO dates that have records, ascending. Returns the
 * number of days in [first, last] without records and the `limit` longest runs of such days
 * (longest first, then earliest).
 */
export function findDateGaps(days: readonly string[], limit = 10): { empty: number; span: number; gaps: { from: string; to: string; days: number }[] } {
  if (days.length === 0) return { empty: 0, span: 0, gaps: [] };
  const first = days[0] as string;
  const last = days[days.length - 1] as string;
  const span = daysBetween(first, last) + 1;
  const gaps: { from: string; to: string; days: number }[] = [];
  let empty = 0;
  for (let i = 1; i < days.length; i++) {
    const d = daysBetween(days[i - 1] as string, days[i] as string) - 1;
    if (d > 0) {
      empty += d;
      gaps.push({ from: addDays(days[i - 1] as string, 1), to: addDays(days[i] as string, -1), days: d });
    }
  }
  gaps.sort((a, b) => b.days - a.days || a.from.localeCompare(b.from));
  return { empty, span, gaps: gaps.slice(0, limit) };
}
