/**
 * Difference-in-differences on monthly counts per place, as a count regression
 * (e.g. Wooldridge 2023, "Simple approaches to nonlinear difference-in-differences with panel
 * data", Econometrics Journal 26(3); Cameron & Trivedi 2013, ch. 9):
 *   log E[y_ut] = b0 + b1 treated_u + b2 post_t + b3 treated_u x post_t (+ log exposure)
 * optionally with unit fixed effects (replacing b0 + b1) and month fixed effects (replacing b2).
 * exp(b3) is the ratio of the target's post/pre rate ratio to the comparison's (a ratio of
 * ratios); the percent change is 100 (exp(b3) - 1). Poisson or NB2 (glm.ts); standard errors are
 * cluster-robust by unit (robust.ts) unless turned off. Confidence intervals are Wald intervals
 * on b3, exponentiated.
 */
import { err, ok, type Result } from '../../base/result';
import { criticalStudentT, criticalZ, twoSidedNormalP, twoSidedStudentP } from './distributions';
import { fitNegativeBinomial, fitPoisson, type CountModelFit } from './glm';
import { clusterRobustCovariance } from './robust';
import { buildDidDesign, checkPanel, type PanelCounts } from './did-panel';
import { checkConfidence, invalidArgument, type StatsError } from './stats-error';

export type { PanelCounts } from './did-panel';

export interface DidOptions {
  readonly family?: 'poisson' | 'negative-binomial';
  /** Unit fixed effects (absorb the target/comparison main effect). Default false. */
  readonly unitEffects?: boolean;
  /** Month fixed effects (absorb the post main effect). Default false. */
  readonly monthEffects?: boolean;
  readonly alphaMethod?: 'ml' | 'moments';
  /** Cluster-robust SEs by unit (default true); false uses the model-based SEs. */
  readonly robust?: boolean;
  /**
   * Reference distribution of the Wald test and interval: 'normal' (default; the usual z of GLM
   * software) or 't' with G - 1 degrees of freedom for clustered SEs (G = units), the few-cluster
   * correction Cameron & Miller (2015) recommend; with model-based SEs 't' is ignored.
   */
  readonly reference?: 'normal' | 't';
  readonly confidence?: number;
}

export interface DidResult {
  readonly family: 'poisson' | 'negative-binomial';
  readonly alpha: number;
  /** b3, the group x period interaction (log ratio of rate ratios). */
  readonly estimate: number;
  /** The SE used (robust or model-based, see `seType`), and both. */
  readonly se: number;
  readonly modelSe: number;
  readonly robustSe: number | null;
  readonly seType: 'cluster-robust by unit' | 'model-based';
  /** 'normal', or 't' with `df` = G - 1 degrees of freedom. */
  readonly reference: 'normal' | 't';
  readonly df: number | null;
  /** estimate / se (a z or t statistic, per `reference`). */
  readonly z: number;
  readonly p: number;
  readonly confidence: number;
  readonly ciLower: number;
  readonly ciUpper: number;
  /** exp(b3) and 100 (exp(b3) - 1) with the interval's ends transformed likewise. */
  readonly rateRatio: number;
  readonly percentChange: number;
  readonly percentChangeLower: number;
  readonly percentChangeUpper: number;
  /** The coefficient table (fixed effects included) with the SEs used. */
  readonly terms: { readonly names: readonly string[]; readonly estimate: Float64Array; readonly se: Float64Array };
  readonly cellTotals: { readonly comparisonPre: number; readonly comparisonPost: number; readonly targetPre: number; readonly targetPost: number };
  readonly nObs: number;
  readonly nUnits: number;
  readonly iterations: number;
  readonly converged: boolean;
  readonly logLik: number;
  readonly deviance: number;
  /** Pearson X^2 / (n - p) of the fit: well above 1 means overdispersion. */
  readonly pearsonDispersion: number;
  readonly warnings: readonly string[];
  readonly convention: string;
}

const MAX_PARAMETERS = 400;

/**
 * Fits the DiD count model and reports the interaction as a percent change with its interval.
 * Errors: malformed panel (named array and row), no target or no comparison unit, no pre or no
 * post month, a zero cell total (then b3 is not finite: the message names the cell), more than
 * 400 parameters, or a collinear term. Units with all-zero counts are dropped under unit fixed
 * effects (they carry no information there), months likewise under month fixed effects, with a
 * warning.
 */
export function computeDid(panel: PanelCounts, options: DidOptions = {}): Result<DidResult, StatsError> {
  const confidence = options.confidence ?? 0.95;
  const badConf = checkConfidence(confidence);
  if (badConf) return err(badConf);
  const checked = checkPanel(panel);
  if (checked) return err(checked);
  const nUnits = panel.treated.length;
  const nMonths = panel.post.length;
  const rows = panel.count.length;
  const unitTotal = new Float64Array(nUnits);
  const monthTotal = new Float64Array(nMonths);
  const cells = new Float64Array(4); // index 2 * treated + post
  for (let r = 0; r < rows; r++) {
    const u = panel.unit[r]!;
    const m = panel.month[r]!;
    unitTotal[u] = unitTotal[u]! + panel.count[r]!;
    monthTotal[m] = monthTotal[m]! + panel.count[r]!;
    const c = 2 * panel.treated[u]! + panel.post[m]!;
    cells[c] = cells[c]! + panel.count[r]!;
  }
  const cellTotals = { comparisonPre: cells[0]!, comparisonPost: cells[1]!, targetPre: cells[2]!, targetPost: cells[3]! };
  const cellLabels = ['comparison units before', 'comparison units after', 'target units before', 'target units after'];
  const zeroCells = cellLabels.filter((_, i) => cells[i] === 0);
  if (zeroCells.length > 0) {
    return err({ kind: 'undefined-statistic', statistic: 'difference-in-differences', message: `the total count of ${zeroCells.join(' and of ')} is 0, so the change ratio is 0 or infinite and cannot be estimated` });
  }
  const warnings: string[] = [];
  const keepUnit = new Uint8Array(nUnits).fill(1);
  const keepMonth = new Uint8Array(nMonths).fill(1);
  const present = new Uint8Array(nUnits);
  const presentMonth = new Uint8Array(nMonths);
  for (let r = 0; r < rows; r++) {
    present[panel.unit[r]!] = 1;
    presentMonth[panel.month[r]!] = 1;
  }
  let droppedUnits = 0;
  let droppedMonths = 0;
  for (let u = 0; u < nUnits; u++) {
    if (!present[u]) keepUnit[u] = 0;
    else if (options.unitEffects && unitTotal[u] === 0) {
      keepUnit[u] = 0;
      droppedUnits++;
    }
  }
  for (let m = 0; m < nMonths; m++) {
    if (!presentMonth[m]) keepMonth[m] = 0;
    else if (options.monthEffects && monthTotal[m] === 0) {
      keepMonth[m] = 0;
      droppedMonths++;
    }
  }
  if (droppedUnits > 0) warnings.push(`${droppedUnits} unit(s) with no crimes at all were left out: with unit fixed effects they carry no information`);
  if (droppedMonths > 0) warnings.push(`${droppedMonths} month(s) with no crimes anywhere were left out: with month fixed effects they carry no information`);

  const design = buildDidDesign(panel, keepUnit, keepMonth, options);
  if (design.p > MAX_PARAMETERS) {
    return err(invalidArgument('panel', `${design.p} parameters`, `at most ${MAX_PARAMETERS} (fewer units or months, or no fixed effects)`));
  }
  const family = options.family ?? 'poisson';
  const data = { x: design.x, n: design.n, p: design.p, y: design.y, offset: design.offset, names: design.names };
  const fitted: Result<CountModelFit, StatsError> =
    family === 'poisson' ? fitPoisson(data) : fitNegativeBinomial(data, options.alphaMethod ? { alphaMethod: options.alphaMethod } : {});
  if (!fitted.ok) return fitted;
  const fit = fitted.value;
  warnings.push(...fit.warnings);
  const p = design.p;
  const k = design.interaction;
  const robustCov = options.robust === false ? null : clusterRobustCovariance(design.x, design.n, p, design.y, fit.mu, fit.alpha, design.cluster, nUnits, fit.covariance);
  if (options.robust !== false && robustCov === null) warnings.push('fewer than 2 units: cluster-robust SEs are undefined, model-based SEs are used');
  const cov = robustCov ?? fit.covariance;
  const seAll = new Float64Array(p);
  for (let j = 0; j < p; j++) seAll[j] = Math.sqrt(Math.max(0, cov[j * p + j]!));
  const estimate = fit.beta[k]!;
  const se = seAll[k]!;
  const modelSe = Math.sqrt(fit.covariance[k * p + k]!);
  let clusters = 0;
  for (let u = 0; u < nUnits; u++) clusters += keepUnit[u]!;
  const df = robustCov && options.reference === 't' ? clusters - 1 : null;
  const half = (df !== null ? criticalStudentT(confidence, df) : criticalZ(confidence)) * se;
  let zeros = 0;
  let pearson = 0;
  for (let i = 0; i < design.n; i++) {
    if (design.y[i] === 0) zeros++;
    const mi = fit.mu[i]!;
    pearson += (design.y[i]! - mi) ** 2 / (mi + fit.alpha * mi * mi);
  }
  const pearsonDispersion = design.n > p ? pearson / (design.n - p) : Number.NaN;
  if (robustCov && df === null && clusters < 20) warnings.push(`only ${clusters} units (clusters): cluster-robust SEs are biased downwards with fewer than about 20 clusters (Cameron & Miller 2015); consider reference 't'`);
  if (zeros / design.n > 0.3) warnings.push(`${Math.round((100 * zeros) / design.n)}% of the monthly counts are 0`);
  if (family === 'poisson' && pearsonDispersion > 1.5) warnings.push(`counts are overdispersed (Pearson X²/df = ${pearsonDispersion.toFixed(2)}): prefer the negative binomial model or the robust SEs`);
  const z = se > 0 ? estimate / se : 0;
  if (!(se > 0)) warnings.push('the standard error is 0 (the model reproduces the data exactly): no test is possible');
  return ok({
    family,
    alpha: fit.alpha,
    estimate,
    se,
    modelSe,
    robustSe: robustCov ? seAll[k]! : null,
    seType: robustCov ? 'cluster-robust by unit' : 'model-based',
    reference: df !== null ? 't' : 'normal',
    df,
    z,
    p: !(se > 0) ? 1 : df !== null ? twoSidedStudentP(z, df) : twoSidedNormalP(z),
    confidence,
    ciLower: estimate - half,
    ciUpper: estimate + half,
    rateRatio: Math.exp(estimate),
    percentChange: 100 * Math.expm1(estimate),
    percentChangeLower: 100 * Math.expm1(estimate - half),
    percentChangeUpper: 100 * Math.expm1(estimate + half),
    terms: { names: design.names, estimate: fit.beta, se: seAll },
    cellTotals,
    nObs: design.n,
    nUnits: clusters,
    iterations: fit.iterations,
    converged: fit.converged,
    logLik: fit.logLik,
    deviance: fit.deviance,
    pearsonDispersion,
    warnings,
    convention: `DiD ${family === 'poisson' ? 'Poisson' : 'negative binomial (NB2)'} log-linear model, percent change = 100 (exp(b_group x period) - 1), ${robustCov ? `SEs clustered by unit, G/(G-1)${df !== null ? `, t(${df})` : ''}` : 'model-based SEs'}`,
  });
}
