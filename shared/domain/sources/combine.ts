/**
 * Combining sources for place-based analyses: `--source offenses=1,calls=0.25` (or `--source
 * offenses,calls --source-weights calls=0.25`) counts every point of each named dataset with its
 * source's weight, times its own weight column when one is given. A harm index over offenses and
 * calls is such a weighted sum; one source with weight 1 is the source alone. Weights are
 * numbers >= 0 (0 keeps a source in the record but counts nothing); unnamed sources weigh 1.
 */
import type { AppError } from '../../base/errors';
import { err, ok, type Result } from '../../base/result';
import type { AnalysisPoints } from '../analysis/points';

/** One named source with its weight. */
export interface SourceWeight {
  readonly name: string;
  readonly weight: number;
}

function badWeight(option: string, text: string, part: string): Result<never, AppError> {
  return err({ kind: 'invalid-argument', name: option, value: text, expected: `NAME or NAME=WEIGHT items separated by commas, weights numbers >= 0 (bad item "${part}")` });
}

/**
 * Parses `--source A[=w],B[=w]` and `--source-weights A=w,...` (the latter overrides). Errors
 * name the option and the bad item; a weight for a source not in --source is an error too.
 */
export function parseSourceSpec(sourceText: string, weightsText?: string): Result<SourceWeight[], AppError> {
  const out: { name: string; weight: number }[] = [];
  for (const raw of sourceText.split(',')) {
    const part = raw.trim();
    const m = /^([A-Za-z0-9][A-Za-z0-9_-]*)(?:\s*=\s*(\S+))?$/.exec(part);
    if (!m) return badWeight('--source', sourceText, part);
    const w = m[2] === undefined ? 1 : Number(m[2]);
    if (!(w >= 0) || !Number.isFinite(w)) return badWeight('--source', sourceText, part);
    if (out.some((s) => s.name === m[1])) return err({ kind: 'invalid-argument', name: '--source', value: sourceText, expected: `each source once ("${m[1]}" is named twice)` });
    out.push({ name: m[1] as string, weight: w });
  }
  if (weightsText !== undefined) {
    for (const raw of weightsText.split(',')) {
      const part = raw.trim();
      const m = /^([A-Za-z0-9][A-Za-z0-9_-]*)\s*=\s*(\S+)$/.exec(part);
      const w = m ? Number(m[2]) : Number.NaN;
      if (!m || !(w >= 0) || !Number.isFinite(w)) return badWeight('--source-weights', weightsText, part);
      const s = out.find((x) => x.name === m[1]);
      if (!s) return err({ kind: 'invalid-argument', name: '--source-weights', value: weightsText, expected: `weights for sources named in --source (${out.map((x) => x.name).join(', ')}); "${m[1]}" is not one` });
      s.weight = w;
    }
  }
  if (out.every((s) => s.weight === 0)) return err({ kind: 'invalid-argument', name: '--source-weights', value: weightsText ?? sourceText, expected: 'at least one source with a weight above 0' });
  return ok(out);
}

/**
 * Concatenates the points of several sources, in the given order. Each point's weight is its
 * source's weight times its own weight (when the source read a weight column), so the result
 * always has weights unless every source weighs 1 and none has a weight column. Dates and ids
 * are kept when every source has them. Row counts and skips are summed.
 */
export function combineSourcePoints(parts: readonly { points: AnalysisPoints; weight: number }[]): AnalysisPoints {
  const n = parts.reduce((s, p) => s + p.points.x.length, 0);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const withDays = parts.every((p) => p.points.days !== null);
  const withIds = parts.every((p) => p.points.ids !== null);
  const needWeights = parts.some((p) => p.weight !== 1 || p.points.weights !== null);
  const days = withDays ? new Float64Array(n) : null;
  const weights = needWeights ? new Float64Array(n) : null;
  const ids: (string | null)[] | null = withIds ? [] : null;
  let k = 0;
  for (const { points, weight } of parts) {
    x.set(points.x, k);
    y.set(points.y, k);
    if (days && points.days) days.set(points.days, k);
    if (weights) for (let i = 0; i < points.x.length; i++) weights[k + i] = weight * (points.weights ? (points.weights[i] as number) : 1);
    if (ids && points.ids) ids.push(...points.ids);
    k += points.x.length;
  }
  const first = parts[0]?.points;
  const sum = (f: (p: AnalysisPoints) => number) => parts.reduce((s, p) => s + f(p.points), 0);
  return {
    columns: first ? { ...first.columns, weight: needWeights ? 'source weight' : first.columns.weight } : { x: 'x', y: 'y', date: null, weight: null, id: null, caseRow: null },
    x,
    y,
    days,
    weights,
    ids,
    totalRows: sum((p) => p.totalRows),
    matchedRows: sum((p) => p.matchedRows),
    skipped: {
      noCoordinates: sum((p) => p.skipped.noCoordinates),
      noDate: sum((p) => p.skipped.noDate),
      badWeight: sum((p) => p.skipped.badWeight),
      extraCaseRows: sum((p) => p.skipped.extraCaseRows),
    },
  };
}
