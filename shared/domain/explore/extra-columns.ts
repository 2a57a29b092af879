/**
 * Columns beyond the filter's three (occurred-from, code, beat) that the table, CompStat and the
 * aoristic charts read: the occurred-to time (the end of the window an incident happened in) and
 * the district. Found by name like {@link detectExploreColumns}: the normalized names of
 * `spi ingest` output, else the usual raw spellings, parsed with the same date formats.
 */
import { quoteIdent } from '../../engine/sql';
import { rawColumns } from './filters';

/** SQL expressions (or null when the table has no such column). */
export interface ExtraColumns {
  /** TIMESTAMP of the end of the occurred window. */
  readonly occurredTo: string | null;
  /** VARCHAR district (or precinct/division). */
  readonly district: string | null;
}

function find(header: readonly string[], patterns: RegExp[]): string | undefined {
  for (const p of patterns) {
    const hit = header.find((h) => p.test(h.trim()));
    if (hit !== undefined) return hit;
  }
  return undefined;
}

/**
 * Picks occurred-to and district from a header: `occurred_to`/`district` of a normalized table
 * (when `occurred_from` and `offense_code` are present), else "Occurred To", "Occurred End",
 * "Offense End Date"... and "District", "Precinct", "Division" (case-insensitive). Raw text dates
 * are parsed with the formats of {@link rawColumns}; an unreadable value is NULL.
 */
export function detectExtraColumns(header: readonly string[]): ExtraColumns {
  const has = (name: string) => header.includes(name);
  if (has('occurred_from') && has('offense_code')) {
    return {
      occurredTo: has('occurred_to') ? `TRY_CAST(${quoteIdent('occurred_to')} AS TIMESTAMP)` : null,
      district: has('district') ? `CAST(${quoteIdent('district')} AS VARCHAR)` : null,
    };
  }
  const to = find(header, [/^occurred[ _]?to$/i, /^(occurred|offense|incident)[ _]?(to|end)[ _]?(date|datetime|time)?$/i, /occur.*(to|end)$/i]);
  const district = find(header, [/^district$/i, /^(precinct|division|sector)$/i, /district/i]);
  return {
    occurredTo: to === undefined ? null : rawColumns(to, to, null).occurred,
    district: district === undefined ? null : `CAST(${quoteIdent(district)} AS VARCHAR)`,
  };
}
