/**
 * The incidents a target list reads, through the SqlEngine port (the CLI's Node engine and the
 * app's worker engine run the same SQL): position in a projected metric CRS, the occurred
 * from/to window (naive local time as epoch milliseconds) and dictionary-encoded offense group,
 * offense code and address. Columnar: typed arrays plus small string dictionaries.
 */
import type { AppError } from '../../../base/errors';
import { err, ok, type Result } from '../../../base/result';
import type { SqlEngine } from '../../../engine/sql-engine';
import { quoteIdent } from '../../../engine/sql';
import { buildDaysSql, checkFilterPredicate } from '../../analysis/points';
import { chooseExploreCrs, projectLonLat } from '../../explore/analysis-crs';
import { createTransform, getCrsDefinition } from '../../geo/crs';
import { offenseGroupOf } from '../../ingest/nibrs';

/** Dictionary-encoded text column: `codes[i]` indexes `values`, -1 = empty. */
export interface CodedColumn {
  readonly codes: Int32Array;
  readonly values: readonly string[];
}

/** The incidents of a target list, one entry per incident (each case once). */
export interface TargetIncidents {
  readonly n: number;
  /** Position in `crs` (metres). */
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly crs: string;
  /** Occurred from / to as epoch ms of naive local time; NaN when missing. */
  readonly fromMs: Float64Array;
  readonly toMs: Float64Array;
  readonly group: CodedColumn;
  readonly code: CodedColumn;
  readonly address: CodedColumn;
  /** Rows read, rows left out without coordinates, and later rows of multi-row cases. */
  readonly skipped: { readonly noCoordinates: number; readonly extraCaseRows: number };
  readonly notes: readonly string[];
}

/** Encodes text values as a dictionary (first-seen order). */
export function encodeColumn(values: ArrayLike<string | null | undefined>): CodedColumn {
  const index = new Map<string, number>();
  const dict: string[] = [];
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined || v === '') {
      codes[i] = -1;
      continue;
    }
    let k = index.get(v);
    if (k === undefined) {
      k = dict.length;
      dict.push(v);
      index.set(v, k);
    }
    codes[i] = k;
  }
  return { codes, values: dict };
}

/**
 * Lon/lat the map would show: not (0, 0) (a common "no location" stand-in), inside the valid
 * ranges once a swapped pair is put right.
 */
function plausibleLonLat(u: number, v: number): boolean {
  if (u === 0 && v === 0) return false;
  const [lon, lat] = Math.abs(v) > 90 && Math.abs(u) <= 90 ? [v, u] : [u, v];
  return Math.abs(lon) <= 180 && Math.abs(lat) <= 90;
}

/** Options of {@link queryTargetIncidents}. */
export interface TargetIncidentQuery {
  /** The dataset's analysis CRS (x/y columns) when known; lon/lat are used otherwise. */
  readonly crs: string | null;
  /** An analyst's read-only WHERE predicate (as `spi ... --filter`). */
  readonly filter?: string;
  /** Count every row rather than each case once (default false: `case_row` > 1 left out). */
  readonly allRows?: boolean;
}

type Header = readonly { name: string; type: string }[];

/** A column by name, matched case- and punctuation-insensitively ("Occurred From" = occurred_from). */
function pick(header: Header, ...names: string[]): { name: string; type: string } | undefined {
  const norm = (s: string) => s.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_');
  for (const n of names) {
    const h = header.find((c) => norm(c.name) === n);
    if (h) return h;
  }
  return undefined;
}

/**
 * Reads the incidents of `table` (a normalized dataset, or a raw export whose columns are named
 * like "Occurred From", "Offense Code", "Block Address"; without an offense_group column the
 * group comes from the NIBRS dictionary by code). Position: the x/y columns when `crs` is a metric CRS (a CRS in
 * feet is converted to its metric twin), else lon/lat projected to `crs` when that is metric, else
 * to the UTM zone of the data (lon/lat at (0, 0) or out of range count as missing; swapped pairs
 * are put right). Rows without a usable position are left out and counted. Errors:
 * no position columns, a filter the engine refuses.
 */
export async function queryTargetIncidents(engine: SqlEngine, table: string, q: TargetIncidentQuery): Promise<Result<TargetIncidents, AppError>> {
  let filter: string | undefined;
  if (q.filter !== undefined) {
    const f = checkFilterPredicate(q.filter);
    if (!f.ok) return f;
    filter = f.value;
  }
  const described = await engine.query(`SELECT column_name::VARCHAR AS name, column_type::VARCHAR AS type FROM (DESCRIBE ${quoteIdent(table)})`);
  if (!described.ok) return described;
  const header = described.value.toArray().map((r) => ({ name: String(r.name), type: String(r.type) }));
  const def = q.crs ? getCrsDefinition(q.crs) : undefined;
  const x = pick(header, 'x');
  const y = pick(header, 'y');
  const lon = pick(header, 'lon', 'longitude');
  const lat = pick(header, 'lat', 'latitude');
  const useXy = !!(x && y && def && def.units !== 'degree' && (def.units === 'metre' || def.metricTwin));
  if (!useXy && !(lon && lat)) return err({ kind: 'column-missing', file: table, column: `x/y (with a known projected CRS) or lon/lat (the dataset has: ${header.map((h) => h.name).join(', ')})` });
  const from = pick(header, 'occurred_from', 'occurred', 'occurred_date', 'date');
  const to = pick(header, 'occurred_to');
  const group = pick(header, 'offense_group');
  const code = pick(header, 'offense_code', 'nibrs_code', 'ucr_code');
  const address = pick(header, 'address', 'block_address');
  const caseRow = q.allRows ? undefined : pick(header, 'case_row');
  const num = (c: { name: string }) => `TRY_CAST(${quoteIdent(c.name)} AS DOUBLE)`;
  const text = (c: { name: string } | undefined, as: string) => (c ? `CAST(${quoteIdent(c.name)} AS VARCHAR)` : 'NULL::VARCHAR') + ` AS ${as}`;
  const ms = (c: { name: string; type: string } | undefined, as: string) => (c ? `${buildDaysSql(c.name, c.type)} * 86400000.0` : 'NULL::DOUBLE') + ` AS ${as}`;
  const pos = useXy ? [num(x!), num(y!)] : [num(lon!), num(lat!)];
  const sql = [
    `SELECT ${pos[0]} AS px, ${pos[1]} AS py, ${ms(from, 'f')}, ${ms(to, 't')}, ${text(group, 'g')}, ${text(code, 'c')}, ${text(address, 'a')}`,
    caseRow ? `, COALESCE(TRY_CAST(${quoteIdent(caseRow.name)} AS DOUBLE), 1) AS cr` : ', 1::DOUBLE AS cr',
    ` FROM ${quoteIdent(table)}${filter ? ` WHERE (${filter})` : ''} ORDER BY rowid`,
  ].join('');
  const result = await engine.query(sql);
  if (!result.ok) {
    if (!filter) return result;
    const message = result.error.kind === 'sql' ? (result.error.message.split('\n').find((l) => l.trim()) ?? '').trim() : 'rejected';
    return err({ kind: 'invalid-argument', name: '--filter', value: filter, expected: `a predicate the engine accepts (${message})` });
  }
  const t = result.value;
  const col = (name: string) => t.getChild(name)!;
  const px = col('px');
  const py = col('py');
  const cr = col('cr');
  const keep: number[] = [];
  let noCoordinates = 0;
  let extraCaseRows = 0;
  for (let i = 0; i < t.numRows; i++) {
    if (Number(cr.get(i) ?? 1) > 1) extraCaseRows++;
    else if (!Number.isFinite(px.get(i)) || !Number.isFinite(py.get(i))) noCoordinates++;
    else if (!useXy && !plausibleLonLat(px.get(i), py.get(i))) noCoordinates++;
    else keep.push(i);
  }
  const n = keep.length;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  const fromMs = new Float64Array(n);
  const toMs = new Float64Array(n);
  const g: (string | null)[] = new Array(n);
  const c: (string | null)[] = new Array(n);
  const a: (string | null)[] = new Array(n);
  const [vf, vt, vg, vc, va] = ['f', 't', 'g', 'c', 'a'].map(col);
  keep.forEach((i, k) => {
    const [u, v] = [px.get(i) as number, py.get(i) as number];
    // Lon/lat swapped in the export (|lat| > 90 but |lon| <= 90) is put right, as the map does.
    const swap = !useXy && Math.abs(v) > 90 && Math.abs(u) <= 90;
    xs[k] = swap ? v : u;
    ys[k] = swap ? u : v;
    fromMs[k] = vf!.get(i) ?? Number.NaN;
    toMs[k] = vt!.get(i) ?? Number.NaN;
    g[k] = vg!.get(i);
    c[k] = vc!.get(i);
    a[k] = va!.get(i);
  });
  // A raw export without offense_group: the group of each code from the NIBRS dictionary.
  if (!group && code) for (let k = 0; k < n; k++) g[k] = c[k] ? offenseGroupOf(c[k]!) : null;
  const notes: string[] = [];
  let crs: string;
  if (useXy) {
    crs = def!.code;
    if (def!.units !== 'metre') {
      createTransform(def!.code, def!.metricTwin!).inPlace(xs, ys);
      crs = def!.metricTwin!;
      notes.push(`x/y converted from ${def!.code} (${def!.units}) to ${crs} (metres).`);
    }
  } else {
    crs = def && def.units === 'metre' ? def.code : chooseExploreCrs(xs, ys);
    const p = projectLonLat(xs, ys, crs);
    xs.set(p.x);
    ys.set(p.y);
    notes.push(`positions from lon/lat, projected to ${crs}.`);
  }
  return ok({ n, x: xs, y: ys, crs, fromMs, toMs, group: encodeColumn(g), code: encodeColumn(c), address: encodeColumn(a), skipped: { noCoordinates, extraCaseRows }, notes });
}
