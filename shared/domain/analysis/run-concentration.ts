/**
 * Runner for crime concentration (stats/concentration.ts): every unit ranked by count with
 * cumulative shares (the 80-20 table that can become target areas), P(M) for M = 25/50/75%,
 * Gini and generalized Gini, crimes per unit, share of units with any crime, and optionally the
 * PAI of the top N units.
 */
import { ok, type Result } from '../../base/result';
import { computeConcentration, computeConcentrationTable, computePaiForSelection } from '../stats/concentration';
import { invalidArgument, type StatsError } from '../stats/errors';
import { concentrationConvention, describeUnits } from './conventions';
import { makeTable, type AnalysisRun, type JsonValue, type ResultColumn } from './result';
import type { AnalysisUnits } from './units';

/** Parameters of {@link runConcentration}. */
export interface ConcentrationParams {
  readonly unit: string;
  /** PAI of the N highest-count units; null for none. */
  readonly top: number | null;
}

/** The crime shares of the P(M) table. */
export const CONCENTRATION_SHARES: readonly number[] = [0.25, 0.5, 0.75];

/** Ranks units by count (ties: lower id first). Errors: no crime in any unit, top out of range. */
export function runConcentration(units: AnalysisUnits, params: ConcentrationParams): Result<AnalysisRun, StatsError> {
  if (params.top !== null && !(Number.isInteger(params.top) && params.top >= 1 && params.top <= units.n)) {
    return invalidArgument('--top', params.top, `a whole number of units from 1 to ${units.n}`);
  }
  const c = computeConcentration(units.counts);
  if (!c.ok) return c;
  const s = c.value;
  const table = computeConcentrationTable(s, CONCENTRATION_SHARES);
  if (!table.ok) return table;
  const N = units.n;
  const rank = new Int32Array(N);
  const id: (string | null)[] | Int32Array = Array.isArray(units.id) ? new Array<string | null>(N) : new Int32Array(N);
  const x = units.x ? new Float64Array(N) : null;
  const y = units.y ? new Float64Array(N) : null;
  const row = units.row ? new Int32Array(N) : null;
  const col = units.col ? new Int32Array(N) : null;
  const count = new Float64Array(N);
  const cumCount = new Float64Array(N);
  const cumCrime = new Float64Array(N);
  const cumUnits = new Float64Array(N);
  let cum = 0;
  for (let k = 0; k < N; k++) {
    const i = s.rank[k] as number;
    rank[k] = k + 1;
    (id as (string | number | null)[])[k] = units.id[i] ?? null;
    if (x && units.x) x[k] = units.x[i] as number;
    if (y && units.y) y[k] = units.y[i] as number;
    if (row && units.row) row[k] = units.row[i] as number;
    if (col && units.col) col[k] = units.col[i] as number;
    count[k] = units.counts[i] as number;
    cum += count[k] as number;
    cumCount[k] = cum;
    cumCrime[k] = 100 * (s.cumulativeCrimeShare[k] as number);
    cumUnits[k] = (100 * (k + 1)) / N;
  }
  const columns: ResultColumn[] = [{ name: 'rank', values: rank }, { name: 'id', values: id }];
  if (x && y) columns.push({ name: 'x', values: x }, { name: 'y', values: y });
  if (row && col) columns.push({ name: 'row', values: row }, { name: 'col', values: col });
  columns.push(
    { name: 'count', values: count },
    { name: 'cumulative_count', values: cumCount },
    { name: 'cumulative_crime_percent', values: cumCrime },
    { name: 'cumulative_unit_percent', values: cumUnits },
  );

  const pm = makeTable('p-of-m', [
    { name: 'crime_percent', values: Float64Array.from(table.value, (r) => 100 * r.crimeShare) },
    { name: 'units', values: Float64Array.from(table.value, (r) => r.units) },
    { name: 'unit_percent', values: Float64Array.from(table.value, (r) => r.placeSharePercent) },
  ]);
  const summary: Record<string, JsonValue> = {
    units: N,
    incidents: s.total,
    unitsWithCrime: s.unitsWithCrime,
    shareOfUnitsWithCrime: s.shareWithCrime,
    crimesPerUnit: s.crimesPerUnit,
    gini: s.gini,
    generalizedGini: s.generalizedGini,
    P: Object.fromEntries(table.value.map((r) => [`${Math.round(r.crimeShare * 100)}`, r.placeSharePercent])),
  };
  if (params.top !== null) {
    const selected = new Uint8Array(N);
    for (let k = 0; k < params.top; k++) selected[s.rank[k] as number] = 1;
    const area = units.cellArea ?? 1;
    const pai = computePaiForSelection(units.counts, new Float64Array(N).fill(area), selected);
    if (!pai.ok) return pai;
    const topCrimes = cumCount[params.top - 1] as number;
    summary.top = { units: params.top, incidents: topCrimes, crimePercent: (100 * topCrimes) / s.total, areaPercent: (100 * params.top) / N, pai: pai.value };
  }
  const warnings: string[] = [];
  if (s.total < N) warnings.push(`Fewer crimes (${s.total}) than units (${N}): read the generalized Gini, the plain Gini overstates concentration.`);
  return ok({
    verb: 'concentration',
    method: 'Crime concentration (P(M), Gini, generalized Gini, PAI)',
    parameters: { unit: params.unit, top: params.top },
    convention: [describeUnits(units), ...concentrationConvention({ top: params.top })],
    summary,
    table: makeTable('ranked-units', columns),
    tables: [pm],
    warnings,
  });
}
