/**
 * The panel of monthly counts for the difference-in-differences model (did.ts): validation and
 * the design matrix with group, period, interaction and optional fixed effects.
 */
import { invalidArgument, type StatsError } from './stats-error';

/** Long-format panel: one row per unit and month, columnar. */
export interface PanelCounts {
  /** Row's unit index in [0, treated.length). */
  readonly unit: Int32Array;
  /** Row's month index in [0, post.length). */
  readonly month: Int32Array;
  readonly count: Float64Array;
  /** Exposure per row (e.g. days in the month, area); its log is the offset. Default 1. */
  readonly exposure?: Float64Array;
  /** Per unit: 1 = target, 0 = comparison. */
  readonly treated: Uint8Array;
  /** Per month: 1 = after the intervention. Leave washout months' rows out of the panel. */
  readonly post: Uint8Array;
}

/** The first malformed part of the panel (array lengths, indices, counts, exposures), or null. */
export function checkPanel(panel: PanelCounts): StatsError | null {
  const rows = panel.count.length;
  if (panel.unit.length !== rows) return invalidArgument('unit', `${panel.unit.length} rows`, `${rows} rows like count`);
  if (panel.month.length !== rows) return invalidArgument('month', `${panel.month.length} rows`, `${rows} rows like count`);
  if (panel.exposure && panel.exposure.length !== rows) return invalidArgument('exposure', `${panel.exposure.length} rows`, `${rows} rows like count`);
  let treatedUnits = 0;
  for (let u = 0; u < panel.treated.length; u++) treatedUnits += panel.treated[u] ? 1 : 0;
  if (treatedUnits === 0 || treatedUnits === panel.treated.length) return invalidArgument('treated', `${treatedUnits} of ${panel.treated.length} units`, 'at least one target and one comparison unit');
  let postMonths = 0;
  for (let m = 0; m < panel.post.length; m++) postMonths += panel.post[m] ? 1 : 0;
  if (postMonths === 0 || postMonths === panel.post.length) return invalidArgument('post', `${postMonths} of ${panel.post.length} months`, 'at least one month before and one after');
  for (let r = 0; r < rows; r++) {
    const u = panel.unit[r]!;
    const m = panel.month[r]!;
    const y = panel.count[r]!;
    if (!(u >= 0 && u < panel.treated.length)) return invalidArgument(`unit (row ${r + 1})`, u, `a unit index 0..${panel.treated.length - 1}`);
    if (!(m >= 0 && m < panel.post.length)) return invalidArgument(`month (row ${r + 1})`, m, `a month index 0..${panel.post.length - 1}`);
    if (!(Number.isFinite(y) && y >= 0)) return invalidArgument(`count (row ${r + 1})`, y, 'a finite count >= 0');
    const e = panel.exposure?.[r];
    if (e !== undefined && !(Number.isFinite(e) && e > 0)) return invalidArgument(`exposure (row ${r + 1})`, e, 'a finite exposure > 0');
  }
  return null;
}

/** The DiD design matrix on the kept rows, with the interaction's column index. */
export interface DidDesign {
  x: Float64Array;
  y: Float64Array;
  offset: Float64Array;
  cluster: Int32Array;
  n: number;
  p: number;
  names: string[];
  interaction: number;
}

/**
 * Builds the design: intercept, target (unless unit effects), after (unless month effects),
 * target x after, then unit dummies (first kept unit = reference) and month dummies (first kept
 * month = reference). Rows of dropped units or months are left out; offsets are log exposure.
 */
export function buildDidDesign(panel: PanelCounts, keepUnit: Uint8Array, keepMonth: Uint8Array, options: { readonly unitEffects?: boolean; readonly monthEffects?: boolean }): DidDesign {
  const names: string[] = ['(intercept)'];
  const unitCol = new Int32Array(keepUnit.length).fill(-1);
  const monthCol = new Int32Array(keepMonth.length).fill(-1);
  if (!options.unitEffects) names.push('target');
  if (!options.monthEffects) names.push('after');
  const interaction = names.length;
  names.push('target x after');
  if (options.unitEffects) {
    let first = true;
    for (let u = 0; u < keepUnit.length; u++) {
      if (!keepUnit[u]) continue;
      if (first) first = false; // the first unit is the reference level
      else {
        unitCol[u] = names.length;
        names.push(`unit ${u}`);
      }
    }
  }
  if (options.monthEffects) {
    let first = true;
    for (let m = 0; m < keepMonth.length; m++) {
      if (!keepMonth[m]) continue;
      if (first) first = false;
      else {
        monthCol[m] = names.length;
        names.push(`month ${m}`);
      }
    }
  }
  const p = names.length;
  let n = 0;
  for (let r = 0; r < panel.count.length; r++) if (keepUnit[panel.unit[r]!] && keepMonth[panel.month[r]!]) n++;
  const x = new Float64Array(n * p);
  const y = new Float64Array(n);
  const offset = new Float64Array(n);
  const cluster = new Int32Array(n);
  let i = 0;
  for (let r = 0; r < panel.count.length; r++) {
    const u = panel.unit[r]!;
    const m = panel.month[r]!;
    if (!keepUnit[u] || !keepMonth[m]) continue;
    const off = i * p;
    const t = panel.treated[u] ? 1 : 0;
    const a = panel.post[m] ? 1 : 0;
    x[off] = 1;
    let c = 1;
    if (!options.unitEffects) x[off + c++] = t;
    if (!options.monthEffects) x[off + c++] = a;
    x[off + interaction] = t * a;
    if (unitCol[u]! >= 0) x[off + unitCol[u]!] = 1;
    if (monthCol[m]! >= 0) x[off + monthCol[m]!] = 1;
    y[i] = panel.count[r]!;
    offset[i] = panel.exposure ? Math.log(panel.exposure[r]!) : 0;
    cluster[i] = u;
    i++;
  }
  return { x, y, offset, cluster, n, p, names, interaction };
}
