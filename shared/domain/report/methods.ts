/**
 * The methods text of an evaluation report: how incidents were counted and what each statistic
 * assumes, in paragraphs a research partner can paste into a paper.
 */
import type { DesignDoc } from '../design/design-doc';
import { placeboRule } from '../evaluation/figure-notes';
import { isAvailable, type EvaluationResult } from '../evaluation/run-evaluation';
import { MAX_PLACEBOS } from '../evaluation/synthetic-pool';

/** Paragraphs describing the evaluation actually run (weights, washout, models). */
export function buildMethodsText(r: EvaluationResult, d: DesignDoc): string[] {
  const out: string[] = [];
  out.push(
    `Incidents (${r.outcomeLabel}) were counted per calendar month in ${d.targets.length} target area(s) (T), ${d.comparisons.length} comparison area(s) (C) and the buffer rings around them (D around targets, DC around comparisons) by point-in-polygon tests on projected coordinates (metres). Each case number counts once; an incident inside any area is never counted in a ring, and one inside several rings counts in the first. The pre period is ${r.pre.from} to ${r.pre.to} and the post period ${r.post.from} to ${r.post.to}${r.washout ? `; the washout ${r.washout.from} to ${r.washout.to} (${r.washout.days} days) was left out` : ''}.`,
  );
  if (r.harm) {
    out.push(`Counts are harm-weighted (${r.harm}): each incident adds its offense's weight. A weighted harm total X = Σ w·n is not a Poisson count; every variance below uses the variance of a weighted sum of independent Poisson counts, Var(X) = Σ w²·n, in place of the count, and the WDD and total net effect are in harm units, not crimes.`);
  }
  out.push(
    `The weighted displacement difference (Wheeler & Ratcliffe 2018) is WDD = (T1 - T0) - (C1 - C0) + (D1 - D0) - (DC1 - DC0) with variance equal to ${r.harm ? 'the sum over the eight weighted harm totals of Σ w²·n' : "the sum of the counts' variances under independent Poisson counts"}, a z-test and a normal interval.${r.timeWeighted ? ' The periods differ in length, so each count was divided by its period length in months (time weights), and its variance term by the square.' : ''}${r.areas.weighted ? ` The zones differ in area (${r.areas.reason}); comparison counts were rescaled to the targets' area (area weights) and their variance terms by the square.` : ''} The cumulative WDD repeats the test month by month over the post period, scaling the pre counts to the days elapsed.`,
  );
  out.push(
    'The weighted displacement quotient and the total net effect (Bowers & Johnson 2003) measure displacement into, or diffusion of benefits to, the target buffers relative to the comparison areas; the WDQ is read only when the target improved relative to the comparisons and is undefined when it changed exactly as they did.',
  );
  out.push(
    `The relative effect size RES = (a d)/(b c) (Farrington et al. 2007), with a, b the target counts before and after and c, d the comparison counts, has Var(ln RES) = 1/a + 1/b + 1/c + 1/d for Poisson counts; it is also given with the variance inflated by an overdispersion factor D = ${r.overdispersion.factor.toFixed(2)} (${r.overdispersion.source === 'given' ? 'given by the analyst' : 'the Pearson chi-square per degree of freedom of the monthly counts of the four cells, floored at 1'}). RIRR = 1/RES, and 100 (RIRR - 1) is the percent change in the targets relative to the comparisons. Zero cells get 0.5 added to every cell (Haldane-Anscombe) with a warning.`,
  );
  if (isAvailable(r.did)) {
    out.push(
      `The difference-in-differences model is a ${r.did.family === 'poisson' ? 'Poisson' : 'negative binomial (NB2)'} log-linear regression of the monthly counts per area with area and month fixed effects, the log of the days in each month as offset, and a treated x post term b; 100 (exp(b) - 1) is the percent change. Standard errors are clustered by area (${r.did.nUnits} clusters) with a t reference on G - 1 degrees of freedom (Cameron & Miller 2015).`,
    );
  }
  if (r.synthetic) {
    const pl = isAvailable(r.synthetic) && isAvailable(r.synthetic.placebo) ? { ...r.synthetic.placebo, maxPlacebos: MAX_PLACEBOS } : null;
    out.push(
      `For the synthetic-control design, the synthetic target is the weighted sum of the comparison pool with the weights saved in the design (non-negative, summing to 1, fitted to the pre-period monthly counts; Abadie, Diamond & Hainmueller 2010). The gap is the mean of the targets minus the synthetic target each month. Inference is by in-space placebos (${placeboRule(pl)}), and the target's ratio of post- to pre-period root mean squared prediction error is ranked among the placebos\' ratios: p = (1 + number of placebo ratios at least as large) / (1 + placebos).`,
    );
  }
  out.push('Computed with SPI Workbench; every figure above names its formula and source in the notes, and the project log records the data hashes and parameters.');
  return out;
}
