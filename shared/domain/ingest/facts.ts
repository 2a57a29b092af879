/**
 * Row facts computed across rows or in JS: exact duplicate rows, the problem mask, the row's
 * number in the source, its place among the rows of its case number, and its coordinates. They
 * go back to DuckDB as one Arrow table in raw-row order, paired with the raw and stage tables by
 * position (POSITIONAL JOIN), which costs no join.
 */
import { Int8, Int32, makeData, makeVector, Table, type Vector, Float64 } from 'apache-arrow';
import type { AppError } from '../../base/errors';
import { ok, type Result } from '../../base/result';
import type { SqlEngine } from '../../engine/sql-engine';
import { quoteIdent } from '../../engine/sql';
import type { CoordinateResult } from './coordinates';
import { DATE_IMPLAUSIBLE, DATE_MISSING, DATE_UNPARSEABLE } from './normalize-sql';
import { R_DATE_IMPLAUSIBLE, R_DATE_MISSING, R_DATE_UNPARSEABLE, R_DUPLICATE, R_GEOMETRY } from './reasons';

/** Reads an Int32 column of a result as a typed array (copies chunk by chunk). */
export function int32Column(table: Table, name: string): Int32Array {
  const v = table.getChild(name);
  const out = new Int32Array(table.numRows);
  if (!v) return out;
  let at = 0;
  for (const d of v.data) {
    const values = d.values as ArrayLike<number | bigint>;
    for (let i = 0; i < d.length; i++) out[at++] = Number(values[d.offset + i] ?? 0);
  }
  return out;
}

/** Reads a DOUBLE column as Float64Array with NULL -> NaN. */
export function float64Column(table: Table, name: string): Float64Array {
  const v = table.getChild(name);
  const out = new Float64Array(table.numRows).fill(Number.NaN);
  if (!v) return out;
  let at = 0;
  for (const d of v.data) {
    const values = d.values as Float64Array;
    const valid = d.nullBitmap;
    for (let i = 0; i < d.length; i++, at++) {
      const j = d.offset + i;
      if (d.nullCount > 0 && valid && !((valid[j >> 3] as number) & (1 << (j & 7)))) continue;
      out[at] = values[j] as number;
    }
  }
  return out;
}

/**
 * Stage row ids (0-based, ascending) that repeat an earlier row exactly: every original column
 * equal (NULLs equal). Only rows sharing a case number with another row (`candidates`, from
 * {@link findCaseGroups}) or without a case number can repeat one, so only those are compared
 * (hashing a million rows of text costs most of a second). Without a case number column every
 * row is a candidate.
 */
export async function findExactDuplicates(
  engine: SqlEngine,
  stage: string,
  originals: readonly string[],
  candidates: { table: string } | 'all',
): Promise<Result<Int32Array, AppError>> {
  const where = candidates === 'all' ? '' : `WHERE case_id IS NULL OR rowid IN (SELECT rid FROM ${quoteIdent(candidates.table)})`;
  const partition = originals.map((c) => quoteIdent(c)).join(', ');
  const q = await engine.query(
    `SELECT CAST(rid AS INTEGER) AS rid FROM (SELECT rowid AS rid, row_number() OVER (PARTITION BY ${partition} ORDER BY rowid) AS rn ` +
      `FROM ${quoteIdent(stage)} ${where}) WHERE rn > 1 ORDER BY rid`,
  );
  if (!q.ok) return q;
  return ok(int32Column(q.value, 'rid'));
}

/** Rows sharing a case number: stage row ids ordered by case, then row, with a group index per case. */
export async function findCaseGroups(engine: SqlEngine, stage: string): Promise<Result<{ rid: Int32Array; group: Int32Array }, AppError>> {
  const q = await engine.query(
    `SELECT CAST(rid AS INTEGER) AS rid, CAST(dense_rank() OVER (ORDER BY case_id) AS INTEGER) AS g FROM ` +
      `(SELECT rowid AS rid, case_id, count(*) OVER (PARTITION BY case_id) AS n FROM ${quoteIdent(stage)} WHERE case_id IS NOT NULL) WHERE n > 1 ORDER BY g, rid`,
  );
  if (!q.ok) return q;
  return ok({ rid: int32Column(q.value, 'rid'), group: int32Column(q.value, 'g') });
}

/** The problem mask per row from the stage's date bits, duplicates, geometry errors and coordinates. */
export function combineMasks(dateBits: Int32Array, geometryBad: Uint8Array | undefined, duplicates: Int32Array, coords: CoordinateResult): Int32Array {
  const n = dateBits.length;
  const mask = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const d = dateBits[i] as number;
    let m = coords.reasons[i] as number;
    if (d & DATE_MISSING) m |= R_DATE_MISSING;
    if (d & DATE_UNPARSEABLE) m |= R_DATE_UNPARSEABLE;
    if (d & DATE_IMPLAUSIBLE) m |= R_DATE_IMPLAUSIBLE;
    if (geometryBad?.[i]) m |= R_GEOMETRY;
    mask[i] = m;
  }
  for (const r of duplicates) mask[r] = (mask[r] as number) | R_DUPLICATE;
  return mask;
}

/**
 * case_row (1, 2, ... among the LOADED rows of a case number, in file order) and case_rows (how
 * many loaded rows the case has); 0 for quarantined rows and rows without a case number.
 * `hasCaseId[i]`: the row has a case number.
 */
export function numberCaseRows(
  rows: number,
  quarantined: Uint8Array,
  hasCaseId: Uint8Array,
  groups: { rid: Int32Array; group: Int32Array },
): { caseRow: Int32Array; caseRows: Int32Array } {
  const caseRow = new Int32Array(rows);
  const caseRows = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    if (hasCaseId[i] && !quarantined[i]) {
      caseRow[i] = 1;
      caseRows[i] = 1;
    }
  }
  const { rid, group } = groups;
  let start = 0;
  while (start < rid.length) {
    let end = start;
    while (end < rid.length && group[end] === group[start]) end++;
    let k = 0;
    for (let j = start; j < end; j++) {
      const r = rid[j] as number;
      if (!quarantined[r]) caseRow[r] = ++k;
    }
    for (let j = start; j < end; j++) {
      const r = rid[j] as number;
      caseRows[r] = quarantined[r] ? 0 : k;
    }
    start = end;
  }
  return { caseRow, caseRows };
}

/** The facts table (see module comment). NaN coordinates become NULL. */
export function buildFactsTable(f: {
  sourceRow: Int32Array;
  mask: Int32Array;
  quarantined: Uint8Array;
  notes: Uint8Array;
  caseRow: Int32Array;
  caseRows: Int32Array;
  coords: CoordinateResult;
}): Table {
  const nullableFloat = (a: Float64Array): Vector => {
    const bitmap = new Uint8Array(Math.ceil(a.length / 8));
    let nulls = 0;
    for (let i = 0; i < a.length; i++) {
      if (Number.isFinite(a[i])) bitmap[i >> 3] = (bitmap[i >> 3] as number) | (1 << (i & 7));
      else nulls++;
    }
    return makeVector(makeData({ type: new Float64(), length: a.length, nullCount: nulls, nullBitmap: nulls ? bitmap : null, data: a }));
  };
  return new Table({
    source_row: makeVector(makeData({ type: new Int32(), length: f.sourceRow.length, data: f.sourceRow })),
    __mask: makeVector(makeData({ type: new Int32(), length: f.mask.length, data: f.mask })),
    __q: makeVector(makeData({ type: new Int8(), length: f.quarantined.length, data: new Int8Array(f.quarantined.buffer, f.quarantined.byteOffset, f.quarantined.length) })),
    __note: makeVector(makeData({ type: new Int8(), length: f.notes.length, data: new Int8Array(f.notes.buffer, f.notes.byteOffset, f.notes.length) })),
    case_row: makeVector(makeData({ type: new Int32(), length: f.caseRow.length, data: f.caseRow })),
    case_rows: makeVector(makeData({ type: new Int32(), length: f.caseRows.length, data: f.caseRows })),
    lon: nullableFloat(f.coords.lon),
    lat: nullableFloat(f.coords.lat),
    x: nullableFloat(f.coords.x),
    y: nullableFloat(f.coords.y),
  });
}
