/**
 * Per-record weights of a shown weighted combination of sources (the union table of
 * sources/combination.ts, with `source_dataset` and `source_weight`), for the map's layers: a
 * weight and a source index by rowid, so any subset of map points (the filtered points carry
 * their rowids) gets its weights in one gather, and the layers stay columnar. A table without
 * `source_weight` has no weights (null): every layer then counts each record once, unchanged.
 */
import type { AppError } from '../../base/errors';
import { ok, type Result } from '../../base/result';
import type { SqlEngine } from '../../engine/sql-engine';
import { quoteIdent, quoteLiteral } from '../../engine/sql';
import { UNION_SOURCE_COLUMN, UNION_WEIGHT_COLUMN } from '../sources/combination';

/** One source of a combination, in the order of its first record. */
export interface WeightedSource {
  readonly dataset: string;
  readonly weight: number;
  /** Records of this source in the table (mapped or not). */
  readonly rows: number;
}

/** Weights and sources of a combination table, by rowid. */
export interface SourceWeights {
  /** byRow[rowid] = the record's `source_weight` (0 when NULL or not a number). */
  readonly byRow: Float32Array;
  /** sourceByRow[rowid] = index into `sources` (255 when the record names no source). */
  readonly sourceByRow: Uint8Array;
  readonly sources: readonly WeightedSource[];
}

/** At most this many sources are told apart (colours, legend); more share index 255. */
export const MAX_WEIGHTED_SOURCES = 254;

/**
 * Reads the weights of `table` when it has a `source_weight` column (a shown combination), else
 * null. Two scans: the sources (dataset, weight, rows; ordered by first rowid) and one row per
 * record (rowid, weight, source index). Engine errors come back as the engine's AppError.
 */
export async function querySourceWeights(engine: SqlEngine, table: string): Promise<Result<SourceWeights | null, AppError>> {
  const t = quoteIdent(table);
  const described = await engine.query(`SELECT column_name::VARCHAR AS name FROM (DESCRIBE ${t})`);
  if (!described.ok) return described;
  const header = new Set(described.value.toArray().map((r) => String(r.name)));
  if (!header.has(UNION_WEIGHT_COLUMN)) return ok(null);
  const hasSource = header.has(UNION_SOURCE_COLUMN);
  const w = `COALESCE(TRY_CAST(${quoteIdent(UNION_WEIGHT_COLUMN)} AS DOUBLE), 0)`;
  const s = hasSource ? `CAST(${quoteIdent(UNION_SOURCE_COLUMN)} AS VARCHAR)` : `'(all)'`;
  const grouped = await engine.query(
    `SELECT ${s} AS s, max(${w})::DOUBLE AS w, count(*)::DOUBLE AS n, min(rowid)::DOUBLE AS f FROM ${t} GROUP BY 1 ORDER BY f`,
  );
  if (!grouped.ok) return grouped;
  const sources: WeightedSource[] = grouped.value.toArray().map((r) => ({ dataset: String(r.s ?? ''), weight: Number(r.w), rows: Number(r.n) }));
  const known = sources.slice(0, MAX_WEIGHTED_SOURCES);
  const index = known.length > 0 ? `CASE ${s} ${known.map((k, i) => `WHEN ${quoteLiteral(k.dataset)} THEN ${i}`).join(' ')} ELSE 255 END` : '255';
  const rows = await engine.query(`SELECT rowid::UINTEGER AS r, ${w}::FLOAT AS w, (${index})::UTINYINT AS k FROM ${t}`);
  if (!rows.ok) return rows;
  const r = rows.value.getChild('r')!.toArray() as Uint32Array;
  const wv = rows.value.getChild('w')!.toArray() as Float32Array;
  const kv = rows.value.getChild('k')!.toArray() as Uint8Array;
  let max = -1;
  for (let i = 0; i < r.length; i++) if ((r[i] as number) > max) max = r[i] as number;
  const byRow = new Float32Array(max + 1);
  const sourceByRow = new Uint8Array(max + 1).fill(255);
  for (let i = 0; i < r.length; i++) {
    byRow[r[i] as number] = wv[i] as number;
    sourceByRow[r[i] as number] = kv[i] as number;
  }
  return ok({ byRow, sourceByRow, sources });
}

/**
 * The weight of every point: `byRow[rowId[i]]` (0 for a rowid beyond `byRow`). Null `byRow`
 * gives null: the caller's unweighted path (every point counts 1) stays as it was.
 */
export function pointWeights(rowId: ArrayLike<number>, byRow: Float32Array | null): Float32Array | null {
  if (!byRow) return null;
  const out = new Float32Array(rowId.length);
  for (let i = 0; i < rowId.length; i++) out[i] = byRow[rowId[i] as number] ?? 0;
  return out;
}

/** Sum of `weights` (a double accumulator), or `count` when `weights` is null (each point 1). */
export function weightedTotal(weights: ArrayLike<number> | null, count: number): number {
  if (!weights) return count;
  let s = 0;
  for (let i = 0; i < weights.length; i++) s += weights[i] as number;
  return s;
}

/**
 * Points of each source among `rowId` (length `sources`), and their weighted sum (points ×
 * weight): the legend of a combination's points.
 */
export function countBySource(rowId: ArrayLike<number>, w: SourceWeights): { points: number[]; weighted: number[] } {
  const n = w.sources.length;
  const points = new Array<number>(n).fill(0);
  const weighted = new Array<number>(n).fill(0);
  for (let i = 0; i < rowId.length; i++) {
    const row = rowId[i] as number;
    const k = w.sourceByRow[row] ?? 255;
    if (k < n) {
      points[k] = (points[k] as number) + 1;
      weighted[k] = (weighted[k] as number) + (w.byRow[row] as number);
    }
  }
  return { points, weighted };
}
