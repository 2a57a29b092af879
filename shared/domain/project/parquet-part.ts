/** Parquet parts of a project: decode (fast path first) or check the footer only. */
import { parquetMetadata } from 'hyparquet';
import { err, ok } from '../../base/result';
import { parseParquet } from '../ingest/parquet';
import { readParquetFast } from './parquet-fast-read';

/**
 * Decodes a Parquet part to an Arrow table. The app's own layout decodes straight into Arrow
 * buffers (parquet-fast-read.ts); anything else (files from other writers) goes through
 * hyparquet's general reader. Corrupt data is a `file-format` error naming `path`.
 */
export async function decodeParquet(bytes: Uint8Array, path: string): ReturnType<typeof parseParquet> {
  try {
    const fast = readParquetFast(bytes);
    if (fast) return ok(fast);
  } catch (e) {
    return err({ kind: 'file-format', path, reason: `cannot decode Parquet data (${e instanceof Error ? e.message : String(e)})` });
  }
  return parseParquet(bytes, path);
}

/**
 * Why a Parquet file's footer is unusable or states another row count than `rows` (-1: any row
 * count), or null when it is fine. Reads only the footer (fast at any size).
 */
export function checkParquetFooter(bytes: Uint8Array, rows: number): string | null {
  try {
    const n = Number(parquetMetadata(bytes).num_rows);
    return rows >= 0 && n !== rows ? `holds ${n} rows, its description says ${rows}` : null;
  } catch (e) {
    return `not a readable Parquet file (${e instanceof Error ? e.message : String(e)})`;
  }
}
