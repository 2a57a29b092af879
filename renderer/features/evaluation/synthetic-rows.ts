/**
 * The synthetic-control rows of the Evaluate panel's results table (designs saved with
 * `--method synthetic`): the post-period gap, the pre-period fit (RMSPE) with the post/pre ratio,
 * and the in-space placebo p-value with the pool it was drawn from; plus the note that the other
 * statistics treat the weighted comparison cells as an unweighted sum.
 */
import { isAvailable, type EvaluationResult } from '../../../shared/domain/evaluation/run-evaluation';

/** One synthetic-control row (same fields as the panel's other result rows). */
export interface SyntheticRow {
  readonly id: 'synthetic-gap' | 'synthetic-fit' | 'synthetic-placebo';
  readonly label: string;
  readonly estimate: string;
  readonly detail: string;
  readonly reading: string;
  readonly source: string;
  readonly available: boolean;
}

const SRC = 'Abadie, Diamond & Hainmueller (2010), JASA 105(490)';
const num = (v: number, d = 2) => v.toFixed(d).replace(/^-/, '−');

/**
 * The rows for `r.synthetic`; empty when the design is not a synthetic-control design. An
 * unavailable synthetic figure (or placebo test) gives a row saying why.
 */
export function toSyntheticRows(r: EvaluationResult): SyntheticRow[] {
  const s = r.synthetic;
  if (!s) return [];
  if (!isAvailable(s)) return [{ id: 'synthetic-gap', label: 'Synthetic control', estimate: 'not available', detail: s.unavailable, reading: '', source: `${SRC}.`, available: false }];
  const rows: SyntheticRow[] = [];
  const unit = r.harm ? 'harm units' : 'crimes';
  rows.push({
    id: 'synthetic-gap',
    label: 'Synthetic control: post-period gap (mean target − synthetic)',
    estimate: num(s.postGapTotal, 1),
    detail: `${unit} over ${s.post.filter((v) => v === 1).length} post months${s.percentChange === null ? '' : `, ${s.percentChange >= 0 ? '+' : '−'}${Math.abs(s.percentChange).toFixed(1)}% of the synthetic post total`}; ${s.weights.length} weighted cells`,
    reading: s.postGapTotal < 0 ? `the average target had ${num(-s.postGapTotal, 1)} fewer ${unit} than its synthetic counterpart after the date` : `the average target had ${num(s.postGapTotal, 1)} more ${unit} than its synthetic counterpart after the date`,
    source: `gap_t = mean target_t − Σ_j w_j cell_jt per month (weights as saved in the design, summing to 1); post gap = Σ over post months. ${SRC}.`,
    available: true,
  });
  rows.push({
    id: 'synthetic-fit',
    label: 'Synthetic control: pre-period fit (RMSPE) and post/pre ratio',
    estimate: num(s.preRmspe),
    detail: `post RMSPE ${num(s.postRmspe)}; post/pre ratio ${s.rmspeRatio === null ? 'undefined (exact pre fit)' : num(s.rmspeRatio)}`,
    reading: `before the date the synthetic counterpart missed the average target by ${num(s.preRmspe)} ${unit} a month (root mean square); a large ratio means the gap opened after the date`,
    source: `RMSPE = √(mean over months of gap_t²), pre and post separately; ratio = post RMSPE / pre RMSPE. ${SRC}.`,
    available: true,
  });
  const pl = s.placebo;
  rows.push(
    isAvailable(pl)
      ? {
          id: 'synthetic-placebo',
          label: 'Synthetic control: in-space placebo test',
          estimate: pl.p < 0.001 ? 'p < 0.001' : `p = ${pl.p.toFixed(3)}`,
          detail: `rank ${pl.rank} of ${pl.placebos + 1}; ${pl.placebos} placebos from ${pl.pool === 'eligible' ? `the eligible pool of ${pl.poolSize} cells` : `only the ${pl.poolSize} weighted cells (the design does not record its pool)`}; smallest possible p ${(1 / (pl.placebos + 1)).toFixed(3)}`,
          reading: `${pl.rank - 1} of ${pl.placebos} placebo cells had a post/pre ratio at least as large as the targets'`,
          source: `Each placebo cell is refitted from the other pool cells as if treated; p = (1 + #{placebo ratio ≥ target ratio}) / (1 + placebos). At most 200 placebos: the pool cells nearest the average target in pre-period RMSE (ties in seeded order). ${SRC}.`,
          available: true,
        }
      : { id: 'synthetic-placebo', label: 'Synthetic control: in-space placebo test', estimate: 'not available', detail: pl.unavailable, reading: '', source: `${SRC}.`, available: false },
  );
  return rows;
}

/** The caveat shown with a synthetic-control design's results, or null for other designs. */
export function syntheticWeightingNote(r: EvaluationResult): string | null {
  if (!r.synthetic) return null;
  return 'Synthetic-control design: the WDD, WDQ, RES and DiD rows treat the weighted comparison cells as an unweighted sum (each cell counts fully, whatever its weight); only the synthetic-control rows use the weights.';
}
