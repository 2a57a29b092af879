/**
 * The results table of an evaluation as the Evaluate panel shows it: one row per statistic with
 * the estimate, its interval or test, the reading in words, and the formula's source (shown in a
 * hover and as a numbered footnote). Unavailable statistics say why instead of showing a number.
 */
import { isAvailable, type EvaluationResult, type FigureKey } from '../../../shared/domain/evaluation/run-evaluation';
import { toSyntheticRows, type SyntheticRow } from './synthetic-rows';

const NOTE_KEY: Record<ResultRow['id'], FigureKey> = { wdd: 'wdd', wdq: 'wdq', res: 'resPoisson', 'res-od': 'resInflated', did: 'did', 'synthetic-gap': 'synthetic', 'synthetic-fit': 'synthetic', 'synthetic-placebo': 'synthetic' };

/**
 * The footnote text of a row: the evaluation's own note for the figure (formula, source,
 * assumptions, warnings: shared/domain/evaluation/figure-notes.ts) when it has one, else `fallback`.
 */
export function noteText(r: EvaluationResult, id: ResultRow['id'], fallback: string): string {
  const note = r.notes?.[NOTE_KEY[id]];
  if (!note) return fallback;
  return [`${note.formula}.`, `Source: ${note.source}.`, ...note.assumptions.map((a) => `Assumes ${a}.`), ...note.warnings.map((w) => `Warning: ${w}.`)].join(' ');
}

/** One row of the results table. */
export interface ResultRow {
  readonly id: 'wdd' | 'wdq' | 'res' | 'res-od' | 'did' | SyntheticRow['id'];
  readonly label: string;
  /** The estimate, or "not available". */
  readonly estimate: string;
  /** Interval / test. */
  readonly detail: string;
  /** What it means, in words. */
  readonly reading: string;
  /** Formula and source (footnote). */
  readonly source: string;
  readonly available: boolean;
}

const pct = (v: number) => `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(1)}%`;
const n = (v: number, d = 1) => (Number.isInteger(v) ? String(v) : v.toFixed(d)).replace(/^-/, '−');
const p = (v: number) => (v < 0.001 ? 'p < 0.001' : `p = ${v.toFixed(3)}`);

/**
 * Builds the rows of `r` in the order WDD, WDQ + TNE, RES (Poisson), RES (overdispersed), DiD,
 * then for synthetic-control designs the gap, fit and placebo rows (synthetic-rows.ts).
 */
export function toResultRows(r: EvaluationResult): ResultRow[] {
  const rows: ResultRow[] = [];
  // Harm-weighted totals are weighted harm, not incidents: every reading says which.
  const what = r.harm ? 'weighted harm' : 'crimes';
  const w = r.wdd;
  rows.push(
    isAvailable(w)
      ? {
          id: 'wdd',
          label: 'Weighted displacement difference (WDD)',
          estimate: n(w.wdd),
          detail: `SE ${n(w.se, 2)}, z = ${w.z.toFixed(2).replace(/^-/, '−')}, ${p(w.p)}, ${Math.round(w.confidence * 100)}% CI [${n(w.ciLower)}, ${n(w.ciUpper)}]; in ${r.wddUnit ?? 'crimes'}`,
          reading: w.wdd < 0 ? `${n(-w.wdd)} ${r.harm ? 'less weighted harm' : 'fewer crimes'} in the targets${w.includesBuffers ? ' and buffers' : ''} than the comparison trend predicts${w.ciUpper < 0 ? ' (interval below 0)' : ' (interval includes 0)'}` : `${n(w.wdd)} more ${what} than the comparison trend predicts${w.ciLower > 0 ? ' (interval above 0)' : ' (interval includes 0)'}`,
          source: `WDD = (T1−T0) − (C1−C0) + (D1−D0) − (DC1−DC0); ${r.harm ? 'Var = Σ w²·n over the eight weighted harm totals' : 'Var = sum of the eight counts (Poisson)'}; z = WDD/√Var. Wheeler & Ratcliffe (2018), Crime Science 7:7. ${w.convention}`,
          available: true,
        }
      : { id: 'wdd', label: 'Weighted displacement difference (WDD)', estimate: 'not available', detail: w.unavailable, reading: '', source: 'Wheeler & Ratcliffe (2018), Crime Science 7:7.', available: false },
  );
  const q = r.wdq;
  rows.push(
    isAvailable(q)
      ? {
          id: 'wdq',
          label: 'Weighted displacement quotient (WDQ) and total net effect',
          estimate: q.wdq === null ? 'undefined' : q.wdq.toFixed(3).replace(/^-/, '−'),
          detail: `Success ${q.success.toFixed(4)}, Buffer ${q.buffer.toFixed(4)}; TNE ${n(q.tne)} ${r.harm ? 'harm units' : 'crimes'} prevented (target ${n(q.tneTarget)}, buffer ${n(q.tneBuffer)})`,
          reading: q.message,
          source: `Success = Ta/Ca − Tb/Cb; Buffer = Da/Ca − Db/Cb; WDQ = Buffer/Success; TNE = [Tb(Ca/Cb) − Ta] + [Db(Ca/Cb) − Da]. Bowers & Johnson (2003), Journal of Quantitative Criminology 19(3). ${q.convention}`,
          available: true,
        }
      : { id: 'wdq', label: 'Weighted displacement quotient (WDQ) and total net effect', estimate: 'not available', detail: q.unavailable, reading: '', source: 'Bowers & Johnson (2003), Journal of Quantitative Criminology 19(3).', available: false },
  );
  for (const [id, f, label] of [['res', r.resPoisson, 'Relative effect size (RES), Poisson'], ['res-od', r.resInflated, `RES with overdispersion D = ${r.overdispersion.factor.toFixed(2)} (${r.overdispersion.source})`]] as const) {
    rows.push(
      isAvailable(f)
        ? {
            id,
            label,
            estimate: f.res.toFixed(3),
            detail: `${Math.round(f.confidence * 100)}% CI [${f.ciLower.toFixed(3)}, ${f.ciUpper.toFixed(3)}], ${p(f.p)}; RIRR ${f.rirr.toFixed(3)} [${f.rirrLower.toFixed(3)}, ${f.rirrUpper.toFixed(3)}]`,
            reading: `${pct(f.percentChange)} [${pct(f.percentChangeLower)}, ${pct(f.percentChangeUpper)}] relative to the comparisons (RES > 1: the targets did better)`,
            source: `RES = (a·d)/(b·c), a, b = target before/after, c, d = comparison before/after; ${r.harm ? 'Var(ln RES) = D Σ (Σ w²·n)/X² over the four weighted harm totals X' : 'Var(ln RES) = D(1/a + 1/b + 1/c + 1/d)'}; CI = exp(ln RES ± z√Var); RIRR = 1/RES. Farrington et al. (2007), Journal of Experimental Criminology 3. ${f.convention}`,
            available: true,
          }
        : { id, label, estimate: 'not available', detail: f.unavailable, reading: '', source: 'Farrington et al. (2007), Journal of Experimental Criminology 3.', available: false },
    );
  }
  const d = r.did;
  rows.push(
    isAvailable(d)
      ? {
          id: 'did',
          label: `Difference-in-differences (${d.family === 'poisson' ? 'Poisson' : 'negative binomial'}, monthly)`,
          estimate: pct(d.percentChange),
          detail: `${Math.round(d.confidence * 100)}% CI [${pct(d.percentChangeLower)}, ${pct(d.percentChangeUpper)}], rate ratio ${d.rateRatio.toFixed(3)}, ${p(d.p)}; ${d.seType}${d.df !== null ? `, t with ${d.df} df` : ''}`,
          reading: d.percentChange < 0 ? `targets fell ${pct(d.percentChange).slice(1)} relative to the comparisons${d.percentChangeUpper < 0 ? ' (interval below 0)' : ' (interval includes 0)'}` : `targets rose ${pct(d.percentChange).slice(1)} relative to the comparisons`,
          source: `log E[y_ut] = unit + month + β·treated×post + log(days); percent change = 100(e^β − 1); standard errors clustered by unit. ${d.convention}`,
          available: true,
        }
      : { id: 'did', label: 'Difference-in-differences (monthly)', estimate: 'not available', detail: d.unavailable, reading: '', source: 'Count regression with unit and month effects.', available: false },
  );
  const own = rows.map((row) => ({ ...row, source: noteText(r, row.id, row.source) }));
  // The synthetic rows keep their own formula text, then the figure's warnings.
  const warn = r.notes?.synthetic?.warnings ?? [];
  return [...own, ...toSyntheticRows(r).map((row) => ({ ...row, source: [row.source, ...warn.map((w) => `Warning: ${w}.`)].join(' ') }))];
}
