/**
 * The footnote of every figure of an evaluation: its formula, the source of the formula, the
 * assumptions behind its interval, and the warnings that apply to these data. The app shows
 * them on hover, the report as footnotes, the CLI under each line.
 */

/** Keys of the figures that carry a note. */
export type FigureKey = 'counts' | 'wdd' | 'cumulativeWdd' | 'wdq' | 'resPoisson' | 'resInflated' | 'overdispersion' | 'did' | 'synthetic';

/** One figure's footnote. */
export interface FigureNote {
  readonly label: string;
  readonly formula: string;
  readonly source: string;
  readonly assumptions: readonly string[];
  readonly warnings: readonly string[];
}

/** What changes the notes: weights, washout, the DiD family. */
export interface NoteContext {
  readonly harm: string | null;
  readonly timeWeighted: boolean;
  readonly areaWeighted: boolean;
  readonly washout: string | null;
  readonly family: 'poisson' | 'negative-binomial';
  readonly overdispersionSource: 'estimated' | 'given';
  /** The placebo test as run (synthetic designs): pool kind and size, placebos refitted, cap. */
  readonly placebo?: PlaceboNoteContext | null;
}

/** How the in-space placebos of a synthetic design were drawn (see placeboRule). */
export interface PlaceboNoteContext {
  readonly pool: 'eligible' | 'weighted';
  readonly poolSize: number;
  readonly placebos: number;
  /** The cap on refits (MAX_PLACEBOS, 200, unless the caller gave another). */
  readonly maxPlacebos: number;
}

const HARM_VARIANCE = 'weighted harm totals X = Σ w·n are not Poisson counts: the variance used is that of a weighted sum of independent Poisson counts, Var = Σ w²·n (n incidents of weight w)';

/**
 * The exact rule the placebo test followed (synthetic-pool.ts runPoolPlacebos for a recorded
 * eligible pool; synthetic.ts computePlaceboTest for designs without one), with the numbers of
 * this run when known. Without `p` it states the rule in general.
 */
export function placeboRule(p?: PlaceboNoteContext | null): string {
  const cap = p?.maxPlacebos ?? 200;
  if (p && p.pool === 'weighted') {
    return `placebos: the design records no eligible pool, so the ${p.poolSize} weighted comparison cells are the pool${p.poolSize > cap ? `; ${p.placebos} of them (a seeded random subset, seed 1, at most ${cap})` : `; each of the ${p.placebos}`} is refitted from the other weighted cells`;
  }
  if (p) {
    return `placebos: ${p.placebos} of the N = ${p.poolSize} eligible pool cells the design recorded (${p.poolSize > cap ? `the ${cap} nearest the average target in pre-period RMSE, sqrt(mean_m (cell_m - target_m)^2), ties in a seeded random order, seed 1` : `every cell, as N <= ${cap}`}), each refitted from all N - 1 other pool cells`;
  }
  return `placebos: of the N eligible pool cells the design recorded, at most ${cap} (all when N <= ${cap}, else the ${cap} nearest the average target in pre-period RMSE, ties in a seeded random order), each refitted from all N - 1 other pool cells; designs that record no pool use the weighted comparison cells (a seeded random subset of ${cap} when there are more)`;
}

/** Builds the notes; `warnings` holds each figure's own warnings (by key). */
export function buildFigureNotes(ctx: NoteContext, warnings: Partial<Record<FigureKey, readonly string[]>>): Record<FigureKey, FigureNote> {
  const harm = ctx.harm ? [`each incident counts its harm weight (${ctx.harm}), not 1`] : [];
  const harmVar = ctx.harm ? [HARM_VARIANCE] : [];
  // Weighted totals are harm, not crimes: units and the variance rule follow (Var = Σ w²·n).
  const unit = ctx.harm ? 'weighted harm' : 'crimes';
  const washout = ctx.washout ? [`the washout ${ctx.washout} is left out of both periods`] : [];
  const w = (k: FigureKey) => warnings[k] ?? [];
  return {
    counts: {
      label: 'Counts per zone and period',
      formula: 'T targets, C comparisons, D target buffer rings, DC comparison buffer rings; pre and post totals',
      source: 'point-in-polygon on x/y in the analysis CRS; a point inside any area is in no ring; one inside several rings counts once (the first)',
      assumptions: ['each case counted once (its first row)', ...harm, ...washout],
      warnings: w('counts'),
    },
    wdd: {
      label: 'Weighted displacement difference (WDD)',
      formula: ctx.harm
        ? 'WDD = (T1-T0) - (C1-C0) + (D1-D0) - (DC1-DC0) on the weighted harm totals; Var = Σ over the eight zone-periods of Σ w²·n, each divided by its time/area weight squared; z = WDD/sqrt(Var); CI = WDD +- z_(1-a/2) sqrt(Var)'
        : 'WDD = (T1-T0) - (C1-C0) + (D1-D0) - (DC1-DC0); Var = sum of the eight counts each divided by its weight squared; z = WDD/sqrt(Var); CI = WDD +- z_(1-a/2) sqrt(Var)',
      source: 'Wheeler & Ratcliffe (2018), Crime Science 7:11',
      assumptions: [
        ctx.harm ? 'incident counts of each offense are independent Poisson' : 'counts are independent Poisson (Var = count)',
        ...harmVar,
        ...(ctx.timeWeighted ? [`time weights: the periods differ in length, so each total is divided by its period length in months (WDD in ${unit} per month)`] : []),
        ...(ctx.areaWeighted ? ['area weights: comparison counts are rescaled to the targets\' area (C by A_T/A_C, DC by A_D/A_DC); their variance terms by the square'] : []),
        'normal approximation to the difference (rough below about 20 per cell)',
      ],
      warnings: w('wdd'),
    },
    cumulativeWdd: {
      label: 'Cumulative WDD over the post period',
      formula: 'at post month k: the post counts of months 1..k against the pre counts scaled to the days elapsed (count x days_k / pre days; variance term x (days_k / pre days)^2)',
      source: 'Wheeler & Ratcliffe (2018), applied month by month',
      assumptions: ['as the WDD; the points are not independent tests (do not stop at the first significant month)', ...harmVar],
      warnings: w('cumulativeWdd'),
    },
    wdq: {
      label: 'Weighted displacement quotient (WDQ) and total net effect',
      formula: 'Success = Ta/Ca - Tb/Cb; Buffer = Da/Ca - Db/Cb; WDQ = Buffer/Success; TNE = [Tb(Ca/Cb) - Ta] + [Db(Ca/Cb) - Da]',
      source: 'Bowers & Johnson (2003), Journal of Quantitative Criminology 19(3)',
      assumptions: [
        'a point estimate without an interval',
        'read only when Success < 0 (the target improved relative to the control)',
        'undefined when Success = 0',
        ...(ctx.harm ? ['computed on the weighted harm totals: the TNE is weighted harm prevented (harm units), not a number of incidents'] : []),
      ],
      warnings: w('wdq'),
    },
    resPoisson: {
      label: 'Relative effect size (RES), Poisson variance',
      formula: 'RES = (a d)/(b c); Var(ln RES) = sum over the four cells of Var(count)/count^2 (= 1/a + 1/b + 1/c + 1/d for plain counts); CI = exp(ln RES +- z sqrt(Var)); RIRR = 1/RES; change = 100 (RIRR - 1)',
      source: 'Farrington, Gill, Waples & Argomaniz (2007), Journal of Experimental Criminology 3',
      assumptions: ['counts are Poisson; crime counts are usually overdispersed, so this interval is too narrow', ...harmVar, 'zero cells: 0.5 added to every cell (Haldane-Anscombe)'],
      warnings: w('resPoisson'),
    },
    resInflated: {
      label: 'RES with overdispersion',
      formula: 'Var(ln RES) = D x the Poisson variance',
      source: 'Farrington et al. (2007); D = Pearson X^2/df (McCullagh & Nelder 1989, section 4.5)',
      assumptions: [ctx.overdispersionSource === 'given' ? 'D given by the analyst' : 'D estimated from the monthly counts of the four cells (one mean per cell and period), floored at 1; seasonality and trends raise D', ...harmVar],
      warnings: w('resInflated'),
    },
    overdispersion: {
      label: 'Overdispersion factor D',
      formula: 'D = sum_s sum_m (y_sm - mean_s)^2 / (k_s mean_s) / sum_s (n_s - 1), k_s = Var/mean of a weighted Poisson sum (1 for plain counts)',
      source: 'McCullagh & Nelder (1989), Generalized Linear Models, section 4.5',
      assumptions: ['one mean per series (target/comparison x pre/post)'],
      warnings: w('overdispersion'),
    },
    did: {
      label: 'Difference-in-differences (monthly count regression)',
      formula: `log E[y_ut] = unit_u + month_t + b treated_u x post_t + log(days); change = 100 (exp(b) - 1)`,
      source: `${ctx.family === 'poisson' ? 'Poisson (quasi-)maximum likelihood' : 'negative binomial NB2'} (Wooldridge 2023; Cameron & Trivedi 2013); SEs clustered by unit (Cameron & Miller 2015), t with G-1 df`,
      assumptions: [
        'parallel trends in the log rate without the intervention',
        'cluster-robust SEs hold under any variance of the counts, so harm-weighted (non-integer) counts are fitted by Poisson quasi-likelihood',
        ...washout,
      ],
      warnings: w('did'),
    },
    synthetic: {
      label: 'Synthetic control: gap and placebo test',
      formula: 'gap_t = mean target_t - sum_j w_j donor_jt; ratio = post RMSPE / pre RMSPE; p = (1 + #{placebo ratio >= target ratio}) / (1 + placebos)',
      source: 'Abadie, Diamond & Hainmueller (2010), JASA 105(490)',
      assumptions: ['weights as saved in the design', placeboRule(ctx.placebo), ...harm],
      warnings: w('synthetic'),
    },
  };
}
