/**
 * Harm weights: each incident counts its offense's weight instead of 1 (e.g. a crime harm index
 * such as the Cambridge CHI, Sherman, Neyroud & Neyroud 2016, which weights an offense by the
 * days of imprisonment its starting sentence carries). Weights are read from a small CSV with a
 * header naming `offense_code` and/or `offense_group` and `weight`; a row gives the weight of one
 * code or of every code of a group; a code's own row wins over its group's; `*` in either key
 * column is the default for everything else.
 *
 * Statistics on weighted counts X = sum_i w_i n_i use the variance of a weighted sum of
 * independent Poisson counts, Var(X) = sum_i w_i^2 n_i (a weighted count is not Poisson).
 */
import type { AppError } from '../../base/errors';
import { err, ok, type Result } from '../../base/result';
import { parseDelimited } from '../ingest/csv-text';
import type { OffenseDictionary } from '../ingest/offense-dictionary';
import { OUTCOME_GROUPS } from './outcome';

/** Parsed harm weights: by code (upper case), by group, and the `*` default (null = none). */
export interface HarmWeights {
  readonly byCode: ReadonlyMap<string, number>;
  readonly byGroup: ReadonlyMap<string, number>;
  readonly fallback: number | null;
  /** Rows read (excluding the header), for the report. */
  readonly rows: number;
  readonly source: string;
}

/**
 * Parses harm-weight CSV text (comma-separated, quoted fields allowed). Errors name the file and
 * the 1-based line: a header without `weight` or without a key column, an empty key, an unknown
 * group, a weight that is not a finite number >= 0, or a key given twice.
 */
export function parseHarmWeights(text: string, file: string): Result<HarmWeights, AppError> {
  const records = parseDelimited(text.replace(/^\uFEFF/, ''), ',', Number.POSITIVE_INFINITY, false).filter((r) => r.some((c) => c.trim() !== ''));
  if (records.length === 0) return err({ kind: 'file-format', path: file, reason: 'empty: expected a header offense_code,weight or offense_group,weight and one row per offense' });
  const header = records[0]!.map((h) => h.trim().toLowerCase());
  const wCol = header.indexOf('weight');
  const codeCol = header.indexOf('offense_code');
  const groupCol = header.indexOf('offense_group');
  if (wCol < 0 || (codeCol < 0 && groupCol < 0)) {
    return err({ kind: 'file-format', path: file, row: 1, reason: `header "${records[0]!.join(',')}" needs a weight column and an offense_code or offense_group column` });
  }
  const byCode = new Map<string, number>();
  const byGroup = new Map<string, number>();
  let fallback: number | null = null;
  for (let r = 1; r < records.length; r++) {
    const rec = records[r]!;
    const line = r + 1;
    const code = codeCol >= 0 ? (rec[codeCol] ?? '').trim().toUpperCase() : '';
    const group = groupCol >= 0 ? (rec[groupCol] ?? '').trim().toLowerCase() : '';
    const wText = (rec[wCol] ?? '').trim();
    const w = Number(wText);
    if (wText === '' || !Number.isFinite(w) || w < 0) return err({ kind: 'file-format', path: file, row: line, column: 'weight', reason: `weight "${wText}" is not a number >= 0` });
    if (code === '' && group === '') return err({ kind: 'file-format', path: file, row: line, reason: 'no offense_code or offense_group on this row' });
    if (code === '*' || (code === '' && group === '*')) {
      if (fallback !== null) return err({ kind: 'file-format', path: file, row: line, reason: 'a second default row "*"' });
      fallback = w;
    } else if (code !== '') {
      if (!/^[0-9A-Z]{2,4}$/.test(code)) return err({ kind: 'file-format', path: file, row: line, column: 'offense_code', reason: `"${code}" is not an offense code (2-4 letters or digits)` });
      if (byCode.has(code)) return err({ kind: 'file-format', path: file, row: line, column: 'offense_code', reason: `offense code ${code} is given twice` });
      byCode.set(code, w);
    } else {
      if (!(OUTCOME_GROUPS as readonly string[]).includes(group)) return err({ kind: 'file-format', path: file, row: line, column: 'offense_group', reason: `"${group}" is not an offense group (${OUTCOME_GROUPS.join(', ')})` });
      if (byGroup.has(group)) return err({ kind: 'file-format', path: file, row: line, column: 'offense_group', reason: `offense group ${group} is given twice` });
      byGroup.set(group, w);
    }
  }
  if (byCode.size + byGroup.size === 0 && fallback === null) return err({ kind: 'file-format', path: file, reason: 'no weight rows below the header' });
  return ok({ byCode, byGroup, fallback, rows: records.length - 1, source: file });
}

/**
 * The weight of each incident from its offense code (null or '' = unknown), looking groups up in
 * `dictionary`. Errors: codes with no weight (no own row, no group row, no `*` default), listing
 * up to 10 of them with their counts.
 */
export function harmWeightsFor(codes: readonly (string | null)[], weights: HarmWeights, dictionary: OffenseDictionary): Result<Float64Array, AppError> {
  const groupOf = new Map(dictionary.offenses.map((o) => [o.code.toUpperCase(), o.group as string]));
  const cache = new Map<string, number | null>();
  const missing = new Map<string, number>();
  const out = new Float64Array(codes.length);
  for (let i = 0; i < codes.length; i++) {
    const code = (codes[i] ?? '').trim().toUpperCase();
    let w = cache.get(code);
    if (w === undefined) {
      const g = groupOf.get(code);
      w = weights.byCode.get(code) ?? (g !== undefined ? weights.byGroup.get(g) : undefined) ?? weights.fallback;
      cache.set(code, w);
    }
    if (w === null) missing.set(code || '(no code)', (missing.get(code || '(no code)') ?? 0) + 1);
    else out[i] = w;
  }
  if (missing.size > 0) {
    const list = [...missing].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([c, n]) => `${c} (${n})`);
    return err({ kind: 'invalid-argument', name: `harm weights (${weights.source})`, value: list.join(', '), expected: 'a weight for every offense counted: add rows for these codes or their groups, or a default row "*,<weight>"' });
  }
  return ok(out);
}
