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
 * Note: the trend, the total and the group counts are linear combinations of the monthly
 * counts; for Mahalanobis matching such a column is left out of the distance (and named), but
 * it stays in the balance table.
 */
import { err, ok, type Result } from '../../base/result';
import { invalidArgument, type StatsError } from '../evaluation/stats-error';
import { computeTrendSlopes, historyToColumns } from './covariates';
import type { DesignUnits } from './design-units';

export type CovariateTerm =
  | { readonly kind: 'counts'; readonly group: string | null }
  | { readonly kind: 'total' }
  | { readonly kind: 'history'; readonly by: 'month' | 'quarter' }
  | { readonly kind: 'trend' };

/** Parses the comma-separated terms of the module comment. Errors name the bad term. */
export function parseCovariateSpec(text: string, option = '--covariates'): Result<CovariateTerm[], StatsError> {
  const terms: CovariateTerm[] = [];
  const expected = 'counts, counts:GROUP, total, history:month, history:quarter or trend';
  for (const raw of text.split(',')) {
    const t = raw.trim();
    const lower = t.toLowerCase();
    if (lower === 'counts') terms.push({ kind: 'counts', group: null });
    else if (lower.startsWith('counts:') && t.length > 7) terms.push({ kind: 'counts', group: t.slice(7).trim() });
    else if (lower === 'total') terms.push({ kind: 'total' });
    else if (lower === 'history:month' || lower === 'history') terms.push({ kind: 'history', by: 'month' });
    else if (lower === 'history:quarter') terms.push({ kind: 'history', by: 'quarter' });
    else if (lower === 'trend') terms.push({ kind: 'trend' });
    else return err(invalidArgument(option, t, expected));
  }
  if (terms.length === 0) return err(invalidArgument(option, text, expected));
  return ok(terms);
}

/**
 * Columns for the terms over all units. Errors: counts terms on data without offense groups,
 * an unknown group (the known ones listed), or a group with no pre-period incident (a constant
 * column).
 */
export function buildCovariateColumns(units: DesignUnits, terms: readonly CovariateTerm[]): Result<{ names: string[]; columns: Float64Array[] }, StatsError> {
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
