/**
 * The points an analysis runs on: the map's filtered points (x, y in the explore CRS, metres),
 * each case once (rows with case_row > 1 left out, as the CLI does), with their dates (days
 * since the epoch of naive local time, from the same date expression the filters use) and
 * addresses when the dataset has an address column, and on a weighted combination each point's
 * `source_weight` (as `--source A=w,B=v` weighs it in the CLI). Per-row dates, addresses and
 * weights are read from the engine once per dataset.
 */
import { formatAppError } from '../../../shared/base/errors';
import { quoteIdent } from '../../../shared/engine/sql';
import type { SqlEngine } from '../../../shared/engine/sql-engine';
import type { PointColumnsView } from '../../../shared/domain/explore/filtered-points';
import type { ExploreBase } from '../explore/use-explore';
import { getCrsDefinition } from '../../../shared/domain/geo/crs';
import { UNION_WEIGHT_COLUMN } from '../../../shared/domain/sources/combination';

/** Dates, addresses and case rows by rowid. */
export interface RowFacts {
  /** days[rowid]: NaN when undated. */
  readonly days: Float64Array | null;
  readonly addresses: (string | null)[] | null;
  readonly addressColumn: string | null;
  /** 1 for rows that repeat a case (case_row > 1). */
  readonly extraCaseRow: Uint8Array | null;
  /** x/y by rowid in the dataset's own analysis CRS (metres), when it records one: what the CLI reads. */
  readonly xy: { readonly x: Float64Array; readonly y: Float64Array; readonly crs: string } | null;
  /** weights[rowid] = `source_weight` on a weighted combination (0 when NULL); null for a plain dataset. */
  readonly weights: Float64Array | null;
}

const ADDRESS = /^(block[ _]?address|address|location|street[ _]?address)$/i;

/** Reads the per-row facts of `table`. Throws a plain-words Error when the engine refuses. */
export async function loadRowFacts(engine: SqlEngine, table: string, base: ExploreBase, analysisCrs: string | null): Promise<RowFacts> {
  const described = await engine.query(`SELECT column_name::VARCHAR AS name FROM (DESCRIBE ${quoteIdent(table)})`);
  const header = described.ok ? described.value.toArray().map((r) => String(r.name)) : [];
  const address = header.find((h) => ADDRESS.test(h.trim())) ?? null;
  const caseRow = header.find((h) => h.toLowerCase() === 'case_row') ?? null;
  const weighted = header.includes(UNION_WEIGHT_COLUMN);
  const def = analysisCrs ? getCrsDefinition(analysisCrs) : undefined;
  const useXy = def?.units === 'metre' && header.includes('x') && header.includes('y');
  const parts = ['rowid::DOUBLE AS row_id'];
  if (useXy) parts.push(`COALESCE(TRY_CAST("x" AS DOUBLE), 'NaN'::DOUBLE) AS px`, `COALESCE(TRY_CAST("y" AS DOUBLE), 'NaN'::DOUBLE) AS py`);
  if (base.columns) parts.push(`epoch(${base.columns.occurred}) / 86400.0 AS d`);
  if (address) parts.push(`CAST(${quoteIdent(address)} AS VARCHAR) AS a`);
  if (caseRow) parts.push(`COALESCE(TRY_CAST(${quoteIdent(caseRow)} AS DOUBLE), 1) AS cr`);
  if (weighted) parts.push(`COALESCE(TRY_CAST(${quoteIdent(UNION_WEIGHT_COLUMN)} AS DOUBLE), 0) AS sw`);
  const r = await engine.query(`SELECT ${parts.join(', ')} FROM ${quoteIdent(table)}`);
  if (!r.ok) throw new Error(`The incidents' dates could not be read: ${formatAppError(r.error)}`);
  const t = r.value;
  const ids = t.getChild('row_id')!.toArray() as Float64Array;
  let max = -1;
  for (let i = 0; i < ids.length; i++) max = Math.max(max, ids[i] as number);
  const days = base.columns ? new Float64Array(max + 1).fill(Number.NaN) : null;
  const addresses = address ? new Array<string | null>(max + 1).fill(null) : null;
  const extra = caseRow ? new Uint8Array(max + 1) : null;
  const weights = weighted ? new Float64Array(max + 1) : null;
  const swv = weighted ? (t.getChild('sw')!.toArray() as Float64Array) : null;
  const dv = t.getChild('d');
  const av = t.getChild('a');
  const cv = t.getChild('cr');
  const xy = useXy && def ? { x: new Float64Array(max + 1).fill(Number.NaN), y: new Float64Array(max + 1).fill(Number.NaN), crs: def.code } : null;
  const pxv = useXy ? (t.getChild('px')!.toArray() as Float64Array) : null;
  const pyv = useXy ? (t.getChild('py')!.toArray() as Float64Array) : null;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] as number;
    if (xy && pxv && pyv) {
      xy.x[id] = pxv[i] as number;
      xy.y[id] = pyv[i] as number;
    }
    if (days && dv) {
      const d = dv.get(i) as number | null;
      days[id] = d === null ? Number.NaN : d;
    }
    if (addresses && av) addresses[id] = (av.get(i) as string | null) ?? null;
    if (extra && cv) extra[id] = (cv.get(i) as number) > 1 ? 1 : 0;
    if (weights && swv) weights[id] = swv[i] as number;
  }
  return { days, addresses, addressColumn: address, extraCaseRow: extra, xy, weights };
}

/** The points of one job. */
export interface JobPoints {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly days: Float64Array | null;
  readonly addresses: (string | null)[] | null;
  readonly note: string;
  /** The CRS of x/y. */
  readonly crs: string;
  /** Each point's source weight on a weighted combination (cell-based methods sum them); null: each counts 1. */
  readonly weights: Float64Array | null;
}

/**
 * The filtered map points as job columns: finite x/y, each case once, and with `needDates`
 * only dated points (the others are left out and counted in `note`); on a weighted combination
 * with each point's source weight (`weights`, said in `note`).
 */
export function selectJobPoints(points: PointColumnsView, facts: RowFacts, exploreCrs: string, needDates: boolean): JobPoints {
  // The dataset's own x/y when it has them (the CLI's coordinates), else the map's projection.
  const px = (i: number) => (facts.xy ? (facts.xy.x[points.rowId[i] as number] as number) : (points.x[i] as number));
  const py = (i: number) => (facts.xy ? (facts.xy.y[points.rowId[i] as number] as number) : (points.y[i] as number));
  const crs = facts.xy?.crs ?? exploreCrs;
  const keep: number[] = [];
  let extra = 0;
  let undated = 0;
  for (let i = 0; i < points.rowId.length; i++) {
    const row = points.rowId[i] as number;
    if (!Number.isFinite(px(i) + py(i))) continue;
    if (facts.extraCaseRow?.[row]) {
      extra++;
      continue;
    }
    if (needDates && !Number.isFinite(facts.days?.[row] ?? Number.NaN)) {
      undated++;
      continue;
    }
    keep.push(i);
  }
  const x = Float64Array.from(keep, px);
  const y = Float64Array.from(keep, py);
  const days = facts.days ? Float64Array.from(keep, (i) => facts.days![points.rowId[i] as number] as number) : null;
  const addresses = facts.addresses ? keep.map((i) => facts.addresses![points.rowId[i] as number] ?? null) : null;
  const weights = facts.weights ? Float64Array.from(keep, (i) => facts.weights![points.rowId[i] as number] as number) : null;
  const left = [extra ? `${extra.toLocaleString('en-US')} further rows of multi-row cases (each case once)` : '', undated ? `${undated.toLocaleString('en-US')} without a date` : '']
    .filter(Boolean)
    .join(', ');
  const where = facts.xy ? `x/y in the dataset's analysis CRS ${crs} (metres), as spi reads them` : `lon/lat projected to ${crs} (UTM, metres; the dataset records no metric x/y)`;
  const sum = weights ? weights.reduce((a, b) => a + b, 0) : 0;
  const weighting = weights
    ? `; each weighted by its source's weight (weighted total ${sum.toLocaleString('en-US', { maximumFractionDigits: 2 })}): grid/hex and layer counts of Concentration, Moran's I and Emerging are weighted sums, Knox, Clusters and Repeats count each record once`
    : '';
  const noun = weights ? 'records' : 'incidents';
  const note = `${keep.length.toLocaleString('en-US')} ${noun} on the map (the current filters), ${where}${left ? `; left out: ${left}` : ''}${weighting}.`;
  return { x, y, days, addresses, note, crs, weights };
}
