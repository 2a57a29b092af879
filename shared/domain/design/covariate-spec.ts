/**
 * The covariates an analyst chooses for a design, as text ("counts:violent,counts:property,
 * history:month,trend"), turned into one column per covariate over the units of
 * design-units.ts. Terms:
 *   counts            the pre-period count of every offense group present (one column each)
 *   counts:GROUP      the pre-period count of one offense group (case-insensitive)
 *   total             the pre-period count of all incidents
 *   history:month     the count of every pre-period month (the trajectory; one column a month)
 *   history:quarter   the count of every calendar quarter of the pre period
 *   trend             the OLS slope of the monthly counts (crimes per month per month)
 * Any of these may name another dataset of the project with a suffix @DATASET (its id, or its
 * kind when one dataset has it), counted into the same units over the same pre period:
 *   total@calls, counts:violent@arrests, counts@arrests, history:month@calls, trend@calls
 * And numeric fields of a polygon layer:
 *   field:LAYER.FIELD   on polygon units of that layer the unit's own value; on other units the
 *                       value of the layer's polygon containing the unit's centre (missing
 *                       values: an error naming how many units, or those units dropped)
 * Note: the trend, the total and the group counts are linear combinations of the monthly
 * counts; for Mahalanobis matching such a column is left out of the distance (and named), but
 * it stays in the balance table.
 */
import { err, ok, type Result } from '../../base/result';
import { invalidArgument, type StatsError } from '../evaluation/stats-error';
import { computeTrendSlopes, historyToColumns } from './covariates';
import type { DesignUnits } from './design-units';

/** A count term, optionally of another dataset of the project (`dataset`: as typed after '@'). */
export type CountTerm =
  | { readonly kind: 'counts'; readonly group: string | null; readonly dataset?: string }
  | { readonly kind: 'total'; readonly dataset?: string }
  | { readonly kind: 'history'; readonly by: 'month' | 'quarter'; readonly dataset?: string }
  | { readonly kind: 'trend'; readonly dataset?: string };

export type CovariateTerm = CountTerm | { readonly kind: 'field'; readonly layer: string; readonly field: string };

/** Other data the terms may use, prepared by the caller (extra-covariates.ts). */
export interface CovariateExtras {
  /** Other datasets' pre-period counts in the same units, keyed as the terms name them. */
  readonly datasets?: ReadonlyMap<string, { readonly history: Float64Array; readonly groupCounts: Float64Array; readonly groupNames: readonly string[] }>;
  /** Every dataset id of the project (for the message when a term names another). */
  readonly available?: readonly string[];
  /** Field values per unit (NaN = missing), keyed "LAYER.FIELD" as typed. */
  readonly fields?: ReadonlyMap<string, Float64Array>;
  /** Units with a missing field value: an error (default) or dropped (returned in `missing`). */
  readonly missing?: 'error' | 'drop';
}

const EXPECTED = 'counts, counts:GROUP, total, history:month, history:quarter or trend (each optionally @DATASET), or field:LAYER.FIELD';

/** Parses the comma-separated terms of the module comment. Errors name the bad term. */
export function parseCovariateSpec(text: string, option = '--covariates'): Result<CovariateTerm[], StatsError> {
  const terms: CovariateTerm[] = [];
  for (const raw of text.split(',')) {
    const whole = raw.trim();
    if (/^field:/i.test(whole)) {
      const m = /^field:([^.]+)\.(.+)$/i.exec(whole);
      if (!m || !m[1]!.trim() || !m[2]!.trim()) return err(invalidArgument(option, whole, 'field:LAYER.FIELD, e.g. field:beats.population'));
      terms.push({ kind: 'field', layer: m[1]!.trim(), field: m[2]!.trim() });
      continue;
    }
    const at = whole.lastIndexOf('@');
    const t = at < 0 ? whole : whole.slice(0, at).trim();
    const dataset = at < 0 ? undefined : whole.slice(at + 1).trim();
    if (dataset === '') return err(invalidArgument(option, whole, 'a dataset id after @, e.g. total@calls'));
    const d = dataset === undefined ? {} : { dataset };
    const lower = t.toLowerCase();
    if (lower === 'counts') terms.push({ kind: 'counts', group: null, ...d });
    else if (lower.startsWith('counts:') && t.length > 7) terms.push({ kind: 'counts', group: t.slice(7).trim(), ...d });
    else if (lower === 'total') terms.push({ kind: 'total', ...d });
    else if (lower === 'history:month' || lower === 'history') terms.push({ kind: 'history', by: 'month', ...d });
    else if (lower === 'history:quarter') terms.push({ kind: 'history', by: 'quarter', ...d });
    else if (lower === 'trend') terms.push({ kind: 'trend', ...d });
    else return err(invalidArgument(option, whole, EXPECTED));
  }
  if (terms.length === 0) return err(invalidArgument(option, text, EXPECTED));
  return ok(terms);
}

/** The datasets the terms name after '@', as typed, each once. */
export function datasetsOfTerms(terms: readonly CovariateTerm[]): string[] {
  return [...new Set(terms.flatMap((t) => (t.kind !== 'field' && t.dataset !== undefined ? [t.dataset] : [])))];
}

/** The layer fields the terms name ("LAYER.FIELD" keys with their parts), each once. */
export function fieldsOfTerms(terms: readonly CovariateTerm[]): { key: string; layer: string; field: string }[] {
  const out = new Map<string, { key: string; layer: string; field: string }>();
  for (const t of terms) if (t.kind === 'field') out.set(`${t.layer}.${t.field}`, { key: `${t.layer}.${t.field}`, layer: t.layer, field: t.field });
  return [...out.values()];
}

function termText(t: CountTerm): string {
  const base = t.kind === 'counts' ? (t.group ? `counts:${t.group}` : 'counts') : t.kind === 'history' ? `history:${t.by}` : t.kind;
  return t.dataset === undefined ? base : `${base}@${t.dataset}`;
}

/**
 * Columns of the terms, with other datasets and layer fields (see {@link CovariateExtras}).
 * Errors: a dataset or field the extras lack (the datasets of the project listed), missing field
 * values when `missing` is 'error' (naming how many units: targets and others), and the errors
 * of {@link buildCovariateColumns}. `missing` marks the units to drop (null when none).
 */
export function buildCovariateTable(
  units: DesignUnits,
  terms: readonly CovariateTerm[],
  extras: CovariateExtras = {},
): Result<{ names: string[]; columns: Float64Array[]; missing: Uint8Array | null }, StatsError> {
  const names: string[] = [];
  const columns: Float64Array[] = [];
  let missing: Uint8Array | null = null;
  for (const t of terms) {
    if (t.kind === 'field') {
      const key = `${t.layer}.${t.field}`;
      const values = extras.fields?.get(key);
      if (!values) return err(invalidArgument('--covariates', `field:${key}`, 'a numeric field of a polygon layer of the project'));
      let nt = 0;
      let no = 0;
      for (let u = 0; u < units.nUnits; u++) if (Number.isNaN(values[u]!)) (u < units.nTargets ? nt++ : no++);
      if (nt + no > 0 && (extras.missing ?? 'error') === 'error') {
        return err(invalidArgument('--covariates', `field:${key}`, `a value for every unit: ${nt + no} unit(s) (${nt} target, ${no} other) have none (centre in no polygon of ${t.layer}, or not a number); drop them with --drop-missing`));
      }
      const col = new Float64Array(units.nUnits);
      for (let u = 0; u < units.nUnits; u++) {
        if (Number.isNaN(values[u]!)) (missing ??= new Uint8Array(units.nUnits))[u] = 1;
        else col[u] = values[u]!;
      }
      names.push(`${t.layer}.${t.field}`);
      columns.push(col);
      continue;
    }
    if (t.dataset === undefined) {
      const own = ownColumns(units, [t]);
      if (!own.ok) return own;
      names.push(...own.value.names);
      columns.push(...own.value.columns);
      continue;
    }
    const other = extras.datasets?.get(t.dataset);
    if (!other) return err(invalidArgument('--covariates', termText(t), `a dataset of the project after @ (datasets: ${(extras.available ?? []).join(', ') || 'none other'})`));
    const built = ownColumns({ ...units, ...other }, [{ ...t, dataset: undefined }]);
    if (!built.ok) return err(invalidArgument('--covariates', termText(t), `${built.error.kind === 'invalid-argument' ? built.error.expected : 'valid terms'} (in dataset ${t.dataset})`));
    names.push(...built.value.names.map((n) => `${t.dataset}: ${n}`));
    columns.push(...built.value.columns);
  }
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) return err(invalidArgument('--covariates', name, 'each covariate once'));
    seen.add(name);
  }
  return ok({ names, columns, missing });
}

/**
 * Columns for the terms over all units. Errors: counts terms on data without offense groups,
 * an unknown group (the known ones listed), or a group with no pre-period incident (a constant
 * column).
 */
function ownColumns(units: DesignUnits, terms: readonly CountTerm[]): Result<{ names: string[]; columns: Float64Array[] }, StatsError> {
  const names: string[] = [];
  const columns: Float64Array[] = [];
  const n = units.nUnits;
  const nm = units.months.length;
  const ng = units.groupNames.length;
  const groupColumn = (gi: number) => {
    const col = new Float64Array(n);
    let total = 0;
    for (let u = 0; u < n; u++) total += col[u] = units.groupCounts[u * ng + gi]!;
    return { col, total };
  };
  for (const t of terms) {
    if (t.kind === 'counts') {
      if (ng === 0) return err(invalidArgument('--covariates', t.group ? `counts:${t.group}` : 'counts', 'a dataset with an offense_group column'));
      if (t.group === null) {
        for (let gi = 0; gi < ng; gi++) {
          const { col, total } = groupColumn(gi);
          if (total > 0) {
            names.push(`pre count: ${units.groupNames[gi]}`);
            columns.push(col);
          }
        }
        continue;
      }
      const gi = units.groupNames.findIndex((g) => g.toLowerCase() === t.group!.toLowerCase());
      if (gi < 0) return err(invalidArgument('--covariates', `counts:${t.group}`, `an offense group of the data: ${units.groupNames.join(', ')}`));
      const { col, total } = groupColumn(gi);
      if (total === 0) return err(invalidArgument('--covariates', `counts:${t.group}`, 'a group with incidents in the pre period'));
      names.push(`pre count: ${units.groupNames[gi]}`);
      columns.push(col);
    } else if (t.kind === 'total') {
      const col = new Float64Array(n);
      for (let u = 0; u < n; u++) for (let m = 0; m < nm; m++) col[u] = col[u]! + units.history[u * nm + m]!;
      names.push('pre count: total');
      columns.push(col);
    } else if (t.kind === 'history' && t.by === 'month') {
      historyToColumns(units.history, n, nm).forEach((col, m) => {
        names.push(`month ${units.months[m]!.label}`);
        columns.push(col);
      });
    } else if (t.kind === 'history') {
      const quarters = new Map<string, Float64Array>();
      units.months.forEach((mo, m) => {
        const q = `${mo.label.slice(0, 4)}-Q${Math.floor((Number(mo.label.slice(5, 7)) - 1) / 3) + 1}`;
        let col = quarters.get(q);
        if (!col) quarters.set(q, (col = new Float64Array(n)));
        for (let u = 0; u < n; u++) col[u] = col[u]! + units.history[u * nm + m]!;
      });
      for (const [q, col] of quarters) {
        names.push(`quarter ${q}`);
        columns.push(col);
      }
    } else {
      names.push('trend (per month)');
      columns.push(computeTrendSlopes(units.history, n, nm));
    }
  }
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) return err(invalidArgument('--covariates', name, 'each covariate once'));
    seen.add(name);
  }
  return ok({ names, columns });
}

/**
 * Columns for the terms over all units, from the units' own incidents (terms naming another
 * dataset or a layer field need {@link buildCovariateTable} with the extras). Errors: counts
 * terms on data without offense groups, an unknown group (the known ones listed), a group with
 * no pre-period incident (a constant column), a term needing extras.
 */
export function buildCovariateColumns(units: DesignUnits, terms: readonly CovariateTerm[]): Result<{ names: string[]; columns: Float64Array[] }, StatsError> {
  const t = buildCovariateTable(units, terms);
  return t.ok ? ok({ names: t.value.names, columns: t.value.columns }) : t;
}
