/**
 * Harm weights as an editable table (the Evaluate panel) and as plain JSON (saved with an
 * evaluation), both going through the same CSV reader as `spi evaluate --harm weights.csv`
 * (harm.ts), so the app and the CLI accept and refuse exactly the same weights. The workbench
 * ships no harm index: the defaults are weight 1 for every offense group and `*` (plain counts)
 * until the analyst edits them or loads a weights CSV (e.g. the Cambridge CHI of their force).
 */
import type { AppError } from '../../base/errors';
import { err, ok, type Result } from '../../base/result';
import { harmWeightsFor, parseHarmWeights, type HarmWeights } from './harm';
import type { OffenseDictionary } from '../ingest/offense-dictionary';
import { OUTCOME_GROUPS } from './outcome';

/** One row of the table: a group's weight, a code's weight, or the default `*`. Text as typed. */
export interface HarmTableRow {
  readonly key: 'group' | 'code' | 'default';
  /** The group id or offense code ('*' for the default row). */
  readonly value: string;
  readonly weight: string;
}

/** Harm weights as saved in an evaluation document and the CLI's log entry. */
export interface HarmWeightsJson {
  readonly byCode: Record<string, number>;
  readonly byGroup: Record<string, number>;
  readonly default: number | null;
}

/** The starting table: weight 1 for each offense group and for `*` (every statistic as plain counts). */
export function defaultHarmRows(): HarmTableRow[] {
  return [...OUTCOME_GROUPS.map((g) => ({ key: 'group' as const, value: g, weight: '1' })), { key: 'default', value: '*', weight: '1' }];
}

const csvCell = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** The table as a weights CSV in the format `spi evaluate --harm` reads (offense_code,offense_group,weight). */
export function harmRowsToCsv(rows: readonly HarmTableRow[]): string {
  const lines = ['offense_code,offense_group,weight'];
  for (const r of rows) {
    const code = r.key === 'code' ? r.value : r.key === 'default' ? '*' : '';
    const group = r.key === 'group' ? r.value : '';
    lines.push([code, group, r.weight].map((c) => csvCell(c.trim())).join(','));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Parses the table with the CLI's reader. Errors name `label` and the table's own 1-based row
 * (the CSV's header line is not counted), the column and the value, e.g.
 * `weights table (row 3, column "weight"): weight "heavy" is not a number >= 0`.
 */
export function parseHarmRows(rows: readonly HarmTableRow[], label = 'weights table'): Result<HarmWeights, AppError> {
  const parsed = parseHarmWeights(harmRowsToCsv(rows), label);
  if (parsed.ok) return parsed;
  const e = parsed.error;
  if (e.kind === 'file-format' && typeof e.row === 'number') return err({ ...e, row: e.row - 1 });
  return parsed;
}

/** Weights (e.g. read from a CSV) as table rows: groups first (in OUTCOME_GROUPS order), then codes, then `*`. */
export function harmRowsOf(w: HarmWeights): HarmTableRow[] {
  const rows: HarmTableRow[] = [];
  for (const g of OUTCOME_GROUPS) if (w.byGroup.has(g)) rows.push({ key: 'group', value: g, weight: String(w.byGroup.get(g)) });
  for (const [code, weight] of [...w.byCode].sort((a, b) => a[0].localeCompare(b[0]))) rows.push({ key: 'code', value: code, weight: String(weight) });
  if (w.fallback !== null) rows.push({ key: 'default', value: '*', weight: String(w.fallback) });
  return rows;
}

/** Plain JSON of the weights (what a saved evaluation and the CLI's log entry hold). */
export function toHarmWeightsJson(w: HarmWeights): HarmWeightsJson {
  return { byCode: Object.fromEntries(w.byCode), byGroup: Object.fromEntries(w.byGroup), default: w.fallback };
}

/**
 * The weight of each point of a dataset that has no offense codes, only offense groups
 * (`group[i]` indexes `groupNames`; -1 = no group): the group's row, else `*`. Code rows cannot
 * apply and are ignored (the caller says so). Errors list the groups with no weight and their
 * counts, as harmWeightsFor does for codes.
 */
export function harmWeightsForGroups(group: Int32Array, groupNames: readonly string[], w: HarmWeights): Result<Float64Array, AppError> {
  const byIndex = groupNames.map((g) => w.byGroup.get(g.toLowerCase()) ?? w.fallback);
  const out = new Float64Array(group.length);
  const missing = new Map<string, number>();
  for (let i = 0; i < group.length; i++) {
    const g = group[i]!;
    const v = g >= 0 ? byIndex[g] : w.fallback;
    if (v === null || v === undefined) {
      const name = g >= 0 ? groupNames[g]! : '(no group)';
      missing.set(name, (missing.get(name) ?? 0) + 1);
    } else out[i] = v;
  }
  if (missing.size > 0) {
    const list = [...missing].sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c} (${n})`);
    return err({ kind: 'invalid-argument', name: `harm weights (${w.source})`, value: list.join(', '), expected: 'a weight for every offense group counted: add rows for these groups, or a default row "*"' });
  }
  return ok(out);
}

/**
 * Per-point weights for the app: from offense codes when the dataset has them (`codes`, one per
 * point, same order; harmWeightsFor with `dictionary`, exactly as the CLI), else from the groups.
 */
export function harmWeightsForPoints(codes: readonly (string | null)[] | null, group: Int32Array | null, groupNames: readonly string[], w: HarmWeights, dictionary: OffenseDictionary): Result<Float64Array, AppError> {
  if (codes) return harmWeightsFor(codes, w, dictionary);
  if (group) return harmWeightsForGroups(group, groupNames, w);
  return err({ kind: 'invalid-argument', name: 'harm weights', value: 'a dataset without offense codes or groups', expected: 'an offense_code or offense_group column to weight each incident' });
}
