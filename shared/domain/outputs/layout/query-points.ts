/**
 * The incident points and the period of a briefing map, read through the SQL engine with the
 * map document's filter (dates, codes, days, hours, beats, and the legend's group toggles), as
 * the app's map shows them. Used by `spi export map`; the app passes its own filtered points.
 */
import type { AppError } from '../../../base/errors';
import { err, ok, type Result } from '../../../base/result';
import type { SqlEngine } from '../../../engine/sql-engine';
import { quoteIdent, quoteLiteral } from '../../../engine/sql';
import { buildIncidentPointsSql, guessPointColumns } from '../../explore/incident-points';
import { buildFilterWhereSql, detectExploreColumns, type ExploreFilter } from '../../explore/filters';
import type { MapPoints } from './map-data';

/** Points and the first/last day of the kept incidents. */
export interface LayoutPoints {
  readonly points: MapPoints;
  readonly dateRange: { readonly from: string; readonly to: string } | null;
}

/**
 * Reads the map points of `table` kept by `filter` plus the group toggles (`visibleGroups[i]`
 * false drops group i) and not in `excludeCodes` (a privacy profile's withheld codes). Errors: no lon/lat/code columns, an SQL failure. A table without a
 * recognised date/code column is mapped unfiltered (no period).
 */
export async function queryLayoutPoints(engine: SqlEngine, table: string, filter: ExploreFilter, visibleGroups: readonly boolean[], excludeCodes: readonly string[] = []): Promise<Result<LayoutPoints, AppError>> {
  const described = await engine.query(`SELECT column_name::VARCHAR AS name FROM (DESCRIBE ${quoteIdent(table)})`);
  if (!described.ok) return described;
  const header = described.value.toArray().map((r) => String(r.name));
  const normalized = header.includes('lon') && header.includes('lat') && header.includes('offense_code');
  const pc = normalized ? { lon: 'lon', lat: 'lat', code: 'offense_code' } : guessPointColumns(header);
  if (!pc) return err({ kind: 'column-missing', file: table, column: `longitude, latitude and offense code (found: ${header.join(', ')})` });
  const columns = detectExploreColumns(header);
  const all = visibleGroups.every((v) => v !== false);
  const effective: ExploreFilter = { ...filter, groups: all ? filter.groups : visibleGroups.flatMap((v, i) => (v !== false && (filter.groups === null || filter.groups.includes(i)) ? [i] : [])) };
  const withheld = excludeCodes.length && columns ? ` AND (${columns.code}) NOT IN (${excludeCodes.map((c) => quoteLiteral(c.trim().toUpperCase())).join(', ')})` : '';
  const where = columns ? `${buildFilterWhereSql(effective, columns)}${withheld}` : 'TRUE';
  const sql = `WITH pts AS (${buildIncidentPointsSql(table, pc)})
SELECT lon, lat, group_index FROM pts WHERE row_id IN (SELECT rowid FROM ${quoteIdent(table)} WHERE ${where}) ORDER BY row_id`;
  const r = await engine.query(sql);
  if (!r.ok) return r;
  const t = r.value;
  // Column copies (typed arrays), no per-row objects.
  const lon = Float64Array.from((t.getChild('lon')?.toArray() ?? []) as ArrayLike<number>);
  const lat = Float64Array.from((t.getChild('lat')?.toArray() ?? []) as ArrayLike<number>);
  const group = Uint8Array.from((t.getChild('group_index')?.toArray() ?? []) as ArrayLike<number>);
  let dateRange: LayoutPoints['dateRange'] = null;
  if (columns) {
    const d = await engine.query(`SELECT strftime(min(${columns.occurred}), '%Y-%m-%d') AS d0, strftime(max(${columns.occurred}), '%Y-%m-%d') AS d1 FROM ${quoteIdent(table)} WHERE ${where}`);
    if (!d.ok) return d;
    const d0 = d.value.getChild('d0')?.get(0);
    const d1 = d.value.getChild('d1')?.get(0);
    if (typeof d0 === 'string' && typeof d1 === 'string') dateRange = { from: d0, to: d1 };
  }
  return ok({ points: { lon, lat, group }, dateRange });
}
