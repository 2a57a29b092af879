/**
 * The incidents a design works on, read from the open dataset through the engine: x, y in the
 * dataset's analysis CRS (metres) with dates as days and the offense group per point, each case
 * once; exactly what `spi design create` and `spi evaluate` read, so a design drawn here and one
 * made with the CLI agree. A raw export without x/y in a known metric CRS falls back to its
 * lon/lat projected to the UTM zone explore uses (stated in `note`).
 */
import { formatAppError } from '../../../shared/base/errors';
import { sha256Hex } from '../../../shared/base/hash';
import { queryAnalysisPoints } from '../../../shared/domain/analysis/points';
import type { DesignPoints } from '../../../shared/domain/design/build-design';
import { UNMAPPED_GROUP_INDEX } from '../../../shared/domain/explore/incident-points';
import { createTransform, getCrsDefinition } from '../../../shared/domain/geo/crs';
import { OFFENSE_GROUPS } from '../../../shared/domain/ingest/nibrs';
import { quoteIdent, quoteLiteral } from '../../../shared/engine/sql';
import type { SqlEngine } from '../../../shared/engine/sql-engine';
import type { DatasetView } from '../../state/app-state';
import type { ExploreBase } from '../explore/use-explore';
import { pointsExtent, type Extent } from './target-stats';

/** Points plus where they came from. */
export interface DesignData {
  readonly crs: string;
  readonly points: DesignPoints;
  readonly extent: Extent | null;
  readonly dataset: string;
  readonly dataHash: string;
  /** First and last day with incidents, YYYY-MM-DD. */
  readonly firstDay: string;
  readonly lastDay: string;
  /** How the address search reads the table (null: no address column). */
  readonly address: { readonly column: string; readonly xy: 'xy' | 'lonlat'; readonly lon?: string; readonly lat?: string } | null;
  readonly table: string;
  /** One sentence on the coordinates and counting used. */
  readonly note: string;
  /** On a weighted combination of sources: each point's `source_weight`; null otherwise. */
  readonly sourceWeights?: Float64Array | null;
}

const isoDay = (days: number) => new Date(Math.floor(days) * 86_400_000).toISOString().slice(0, 10);

function dayRange(days: Float64Array): { first: string; last: string } {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < days.length; i++) {
    const d = days[i]!;
    if (d < lo) lo = d;
    if (d > hi) hi = d;
  }
  return lo <= hi ? { first: isoDay(lo), last: isoDay(hi) } : { first: '2000-01-01', last: '2000-01-01' };
}

async function header(engine: SqlEngine, table: string): Promise<string[]> {
  const r = await engine.query(`SELECT column_name::VARCHAR AS name FROM (DESCRIBE ${quoteIdent(table)})`);
  return r.ok ? r.value.toArray().map((row) => String(row.name)) : [];
}

/** Loads the design points of `dataset`. Throws a plain-words Error when nothing usable is found. */
export async function loadDesignData(engine: SqlEngine, dataset: DatasetView, base: ExploreBase): Promise<DesignData> {
  const crs = dataset.stored?.meta.crs.analysis ?? dataset.imported?.analysisCrs ?? null;
  const def = crs ? getCrsDefinition(crs) : undefined;
  const cols = await header(engine, dataset.table);
  const has = (c: string) => cols.includes(c);
  const dataHash = dataset.stored?.meta.source.sha256 ?? (dataset.stored?.parquet ? await sha256Hex(dataset.stored.parquet) : 'not saved yet');
  if (crs && def?.units === 'metre' && has('x') && has('y')) {
    const weighted = has('source_weight');
    const p = await queryAnalysisPoints(engine, dataset.table, { dates: 'required', idColumn: 'offense_group', onePerCase: true, ...(weighted ? { weightColumn: 'source_weight' } : {}) }, dataset.name);
    if (!p.ok) throw new Error(formatAppError(p.error));
    const ids = p.value.ids ?? [];
    const groupNames = [...new Set(ids.filter((v): v is string => v !== null && v !== ''))].sort();
    const index = new Map(groupNames.map((g, i) => [g, i]));
    const group = p.value.ids ? Int32Array.from(ids, (v) => (v === null ? -1 : (index.get(v) ?? -1))) : null;
    const days = p.value.days!;
    const range = dayRange(days);
    const s = p.value.skipped;
    return {
      crs: def.code,
      points: { x: p.value.x, y: p.value.y, days, group, groupNames },
      extent: pointsExtent(p.value.x, p.value.y),
      dataset: dataset.stored?.meta.id ?? dataset.name,
      dataHash,
      firstDay: range.first,
      lastDay: range.last,
      address: has('address') ? { column: 'address', xy: 'xy' } : null,
      table: dataset.table,
      sourceWeights: weighted ? p.value.weights : null,
      note: `${p.value.x.length.toLocaleString('en-US')} ${weighted ? 'records of a weighted combination (each counts its source weight in evaluations)' : 'incidents'}, x/y in ${def.code} (metres), each case once${s.extraCaseRows ? ` (${s.extraCaseRows.toLocaleString('en-US')} further rows of multi-row cases left out)` : ''}${s.noDate ? `; ${s.noDate.toLocaleString('en-US')} without a date left out` : ''}.`,
    };
  }
  // Raw export: the map's lon/lat in the explore CRS, dates from the explore date expression.
  if (!base.columns) throw new Error(`${dataset.name} has no date column the design can read (looked for occurred-from or a date)`);
  const dates = await engine.query(`SELECT rowid::DOUBLE AS row_id, epoch(${base.columns.occurred}) / 86400.0 AS d FROM ${quoteIdent(dataset.table)} ORDER BY rowid`);
  if (!dates.ok) throw new Error(formatAppError(dates.error));
  const dayOfRow = new Map<number, number>();
  const rid = dates.value.getChild('row_id')!.toArray() as Float64Array;
  const dv = dates.value.getChild('d')!;
  for (let i = 0; i < rid.length; i++) {
    const d = dv.get(i) as number | null;
    if (d !== null && Number.isFinite(d)) dayOfRow.set(rid[i]!, d);
  }
  const keep: number[] = [];
  const bp = base.points;
  for (let i = 0; i < bp.rowId.length; i++) if (dayOfRow.has(bp.rowId[i]!) && Number.isFinite(bp.x[i]! + bp.y[i]!)) keep.push(i);
  const x = Float64Array.from(keep, (i) => bp.x[i]!);
  const y = Float64Array.from(keep, (i) => bp.y[i]!);
  const days = Float64Array.from(keep, (i) => dayOfRow.get(bp.rowId[i]!)!);
  const group = Int32Array.from(keep, (i) => (bp.group[i]! >= UNMAPPED_GROUP_INDEX ? -1 : bp.group[i]!));
  const range = dayRange(days);
  const addressColumn = cols.find((c) => /^(block[ _]?address|address|location|street[ _]?address)$/i.test(c.trim())) ?? null;
  const pc = dataset.points.columns;
  return {
    crs: base.crs,
    points: { x, y, days, group, groupNames: OFFENSE_GROUPS.map((g) => g.id) },
    extent: pointsExtent(x, y),
    dataset: dataset.name,
    dataHash,
    firstDay: range.first,
    lastDay: range.last,
    address: addressColumn ? { column: addressColumn, xy: 'lonlat', lon: pc.lon, lat: pc.lat } : null,
    table: dataset.table,
    note: `${x.length.toLocaleString('en-US')} incidents, lon/lat projected to ${base.crs} (UTM; the dataset records no metric CRS), every row counted (a raw export has no case_row).`,
  };
}

/** One address match: the address, how many incidents carry it, and its mean position (metres). */
export interface AddressHit {
  readonly address: string;
  readonly n: number;
  readonly x: number;
  readonly y: number;
}

/** Finds up to 8 addresses containing `text` (case-insensitive), most incidents first. */
export async function searchAddresses(engine: SqlEngine, data: DesignData, text: string): Promise<AddressHit[]> {
  const a = data.address;
  const q = text.trim();
  if (!a || q.length < 2) return [];
  const col = quoteIdent(a.column);
  const xs = a.xy === 'xy' ? 'TRY_CAST(x AS DOUBLE)' : `TRY_CAST(${quoteIdent(a.lon!)} AS DOUBLE)`;
  const ys = a.xy === 'xy' ? 'TRY_CAST(y AS DOUBLE)' : `TRY_CAST(${quoteIdent(a.lat!)} AS DOUBLE)`;
  const sql = `SELECT CAST(${col} AS VARCHAR) AS address, count(*)::DOUBLE AS n, avg(${xs}) AS px, avg(${ys}) AS py FROM ${quoteIdent(data.table)} WHERE CAST(${col} AS VARCHAR) ILIKE ${quoteLiteral(`%${q.replace(/[%_]/g, '')}%`)} AND ${xs} IS NOT NULL AND ${ys} IS NOT NULL AND NOT (${xs} = 0 AND ${ys} = 0) GROUP BY 1 ORDER BY n DESC, address LIMIT 8`;
  const r = await engine.query(sql);
  if (!r.ok) return [];
  const t = a.xy === 'lonlat' ? createTransform('EPSG:4326', data.crs) : null;
  return r.value.toArray().map((row) => {
    const px = Number(row.px);
    const py = Number(row.py);
    const [x, y] = t ? t(px, py) : [px, py];
    return { address: String(row.address), n: Number(row.n), x, y };
  });
}
