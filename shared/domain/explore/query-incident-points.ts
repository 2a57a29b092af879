import type { AppError } from '../../base/errors';
import { err, ok, type Result } from '../../base/result';
import type { SqlEngine } from '../../engine/sql-engine';
import { quoteIdent } from '../../engine/sql';
import { buildIncidentPointsSql, guessPointColumns, type PointColumns } from './incident-points';

/** Map-ready points of an incident table, as columns. */
export interface IncidentPoints {
  columns: PointColumns;
  /** Rows in the source table. */
  rows: number;
  lon: Float64Array;
  lat: Float64Array;
  group: Uint8Array;
  /** The source table's rowid for each point. */
  rowId: Uint32Array;
}

/**
 * Reads the points of `table` through the engine: guesses the lon/lat/code columns from the
 * header (unless given), runs {@link buildIncidentPointsSql} and copies the result columns into
 * typed arrays. Rows without usable coordinates are not points; `rows - lon.length` of them.
 */
export async function queryIncidentPoints(
  engine: SqlEngine,
  table: string,
  given?: PointColumns,
): Promise<Result<IncidentPoints, AppError>> {
  const described = await engine.query(`SELECT column_name::VARCHAR AS name FROM (DESCRIBE ${quoteIdent(table)})`);
  if (!described.ok) return described;
  const header = described.value.toArray().map((r) => String(r.name));
  const columns = given ?? guessPointColumns(header);
  if (!columns) {
    return err({
      kind: 'column-missing',
      file: table,
      column: 'longitude, latitude and offense code (found: ' + header.join(', ') + ')',
    });
  }
  const counted = await engine.query(`SELECT count(*)::DOUBLE AS n FROM ${quoteIdent(table)}`);
  if (!counted.ok) return counted;
  const result = await engine.query(buildIncidentPointsSql(table, columns));
  if (!result.ok) return result;
  const t = result.value;
  const n = t.numRows;
  const lon = new Float64Array(n);
  const lat = new Float64Array(n);
  const group = new Uint8Array(n);
  const rowId = new Uint32Array(n);
  copyColumn(t.getChild('lon'), lon);
  copyColumn(t.getChild('lat'), lat);
  copyColumn(t.getChild('group_index'), group);
  copyColumn(t.getChild('row_id'), rowId);
  return ok({ columns, rows: Number(counted.value.getChild('n')?.get(0) ?? 0), lon, lat, group, rowId });
}

/** Copies an Arrow vector's chunks into a typed array (values already non-null by the SQL). */
function copyColumn(
  vector: { data: readonly { values: ArrayLike<number>; length: number; offset: number }[] } | null,
  target: Float64Array | Uint8Array | Uint32Array,
): void {
  if (!vector) return;
  let offset = 0;
  for (const chunk of vector.data) {
    const values = chunk.values as unknown as Float64Array;
    target.set(values.subarray(chunk.offset, chunk.offset + chunk.length) as unknown as ArrayLike<number>, offset);
    offset += chunk.length;
  }
}
