/**
 * How `spi design match` and `spi design randomize` print: the balance table as text, a match
 * report as text or JSON, and the covariate table as CSV (formula-safe cells).
 */
import path from 'node:path';
import { formatAppError } from '../../../shared/base/errors';
import type { BalanceTable } from '../../../shared/domain/design/balance';
import type { MatchReport } from '../../../shared/domain/design/match-report';
import { csvCell } from '../../../shared/domain/ingest/csv-write';
import { writeFileAtomic } from '../../services/atomic-write';
import { formatTextTable } from '../format';
import { CliInputError } from '../io';

const f3 = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? null : Number(v.toFixed(3)));
const flag = (v: number | null | undefined, bad: boolean) => (v === null || v === undefined ? null : `${v.toFixed(3)}${bad ? ' *' : ''}`);

/** The covariate table of every unit: ids, roles, category, values, matching weight. */
export interface CovariateTable {
  readonly ids: readonly string[];
  readonly names: readonly string[];
  readonly columns: readonly ArrayLike<number>[];
  readonly treated: Uint8Array;
  readonly eligible: Uint8Array | null;
  /** Why a unit is not in the pool, per unit ('' = it is, or a target). */
  readonly excluded: ((i: number) => string) | null;
  readonly category: { readonly name: string; readonly codes: Int32Array; readonly labels: readonly string[] } | null;
  readonly weights: Float64Array;
}

/** The balance table as published: means, s* (the SMD denominator), SMD and VR before/after, flags. */
/** Labels for the two arms: matched designs compare targets with a pool; randomized ones treatment with control. */
export interface BalanceArmLabels { treated: string; control: string }

export function formatBalance(b: BalanceTable, arms?: BalanceArmLabels): string {
  if (arms) return formatArmBalance(b, arms);
  const rows = b.rows.map((r) => ({
    covariate: r.name,
    'mean T': f3(r.before.meanTreated),
    'mean pool': f3(r.before.meanControl),
    'mean matched': f3(r.after?.meanControl),
    's*': f3(r.sStar),
    'SMD before': flag(r.before.smd, r.before.smdFlag),
    'SMD after': flag(r.after?.smd, r.after?.smdFlag ?? false),
    'VR before': flag(r.before.varianceRatio, r.before.varianceRatioFlag),
    'VR after': flag(r.after?.varianceRatio, r.after?.varianceRatioFlag ?? false),
  }));
  const cols = ['covariate', 'mean T', 'mean pool', 'mean matched', 's*', 'SMD before', 'SMD after', 'VR before', 'VR after'];
  const balanced = b.rows.filter((r) => r.after && !r.after.smdFlag).length;
  return [
    `Balance: ${b.nTreated} targets, pool of ${b.nControl}; matched sample ${b.nTreatedMatched ?? 0} targets, ${b.nControlMatched ?? 0} comparisons. ${balanced} of ${b.rows.length} covariates with |SMD| < ${b.smdThreshold} after (* = flagged)`,
    formatTextTable(cols, rows, rows.length).trimEnd(),
    `Convention: ${b.convention}`,
  ].join('\n');
}

/** Balance of an assignment (no matching step): means of both arms, s*, SMD and variance ratio. */
function formatArmBalance(b: BalanceTable, arms: BalanceArmLabels): string {
  const t = `mean ${arms.treated}`;
  const c = `mean ${arms.control}`;
  const rows = b.rows.map((r) => ({ covariate: r.name, [t]: f3(r.before.meanTreated), [c]: f3(r.before.meanControl), 's*': f3(r.sStar), SMD: flag(r.before.smd, r.before.smdFlag), VR: flag(r.before.varianceRatio, r.before.varianceRatioFlag) }));
  const balanced = b.rows.filter((r) => !r.before.smdFlag).length;
  return [
    `Balance: ${b.nTreated} ${arms.treated}, ${b.nControl} ${arms.control}. ${balanced} of ${b.rows.length} covariates with |SMD| < ${b.smdThreshold} (* = flagged)`,
    formatTextTable(['covariate', t, c, 's*', 'SMD', 'VR'], rows, rows.length).trimEnd(),
    `Convention: ${b.convention}`,
  ].join('\n');
}

function covariateRows(t: CovariateTable, units: readonly number[]) {
  return units.map((i) => {
    const row: Record<string, string | number | null> = { id: t.ids[i]!, role: t.treated[i] ? 'target' : t.eligible && !t.eligible[i] ? 'excluded' : 'pool' };
    if (t.category) row[t.category.name] = t.category.codes[i]! >= 0 ? t.category.labels[t.category.codes[i]!]! : null;
    t.names.forEach((n, k) => (row[n] = Number(Number(t.columns[k]![i]!).toPrecision(6))));
    row.weight = Number(t.weights[i]!.toPrecision(6));
    return row;
  });
}

/** The report as text: method, pairs or weights, unmatched targets, balance, part of the covariate table. */
export function formatMatchReport(r: MatchReport, t: CovariateTable, header: readonly string[]): string {
  const out: string[] = [...header, `Method: ${r.convention}`, `Sample: ${r.nTargets} targets, pool of ${r.nPool} eligible comparison units`];
  if (r.matching?.propensity) {
    const p = r.matching.propensity;
    out.push(`Propensity model: logistic regression, ${p.converged ? 'converged' : 'NOT converged'} in ${p.iterations} iterations, log-likelihood ${p.logLik.toFixed(3)}`);
  }
  if (r.matching?.droppedCovariates.length) out.push(`Left out of the distance (collinear): ${r.matching.droppedCovariates.join(', ')}`);
  if (r.synthetic) {
    const s = r.synthetic;
    out.push('', `Synthetic weights (non-negative, summing to 1; fit = pre-period RMSE):`);
    for (const f of [...s.perTarget, s.pooled]) {
      const top = f.weights.slice(0, 5).map((w) => `${w.unit} ${w.weight.toFixed(3)}`).join(', ');
      out.push(`  ${f.target}: RMSE ${f.rmse.toFixed(3)}; ${f.weights.length} units: ${top}${f.weights.length > 5 ? `, +${f.weights.length - 5} more` : ''}`);
    }
    out.push(`  mean of targets by predictor: ${s.pooled.series.map((v) => v.toFixed(2)).join(' ')}`, `  synthetic:                    ${s.pooled.synthetic.map((v) => v.toFixed(2)).join(' ')}`);
  } else {
    out.push('', 'Pairs:');
    const rows = r.pairs.map((p) => ({ target: p.target, comparison: p.comparison, distance: f3(p.distance), round: p.round }));
    out.push(formatTextTable(['target', 'comparison', 'distance', 'round'], rows, rows.length).trimEnd());
    if (r.matching) out.push(`Total distance ${r.matching.totalDistance.toFixed(3)}${r.matching.caliperDistance !== null ? `; caliper ${r.matching.caliperDistance.toPrecision(4)} (distance units)` : ''}`);
  }
  if (r.unmatched.length) {
    out.push('', 'Unmatched targets:');
    for (const u of r.unmatched) out.push(`  ${u.target}: ${u.explanation}`);
  }
  if (r.balance) out.push('', formatBalance(r.balance));
  const shown: number[] = [];
  for (let i = 0; i < t.ids.length; i++) if (t.treated[i] || t.weights[i]! > 0) shown.push(i);
  const rows = covariateRows(t, shown.slice(0, 60));
  out.push('', `Covariates of the targets and matched comparisons (all ${t.ids.length} units with --json or --covariates-out FILE.csv):`);
  const cols = ['id', 'role', ...(t.category ? [t.category.name] : []), ...t.names, 'weight'];
  out.push(formatTextTable(cols, rows, shown.length).trimEnd());
  for (const w of r.warnings) out.push(`warning: ${w}`);
  return `${out.join('\n')}\n`;
}

/** Every unit's covariates as JSON rows (for --json). */
export function covariateTableJson(t: CovariateTable): Record<string, unknown> {
  return {
    names: t.names,
    category: t.category?.name ?? null,
    units: t.ids.map((id, i) => ({
      id,
      treated: t.treated[i] === 1,
      eligible: t.treated[i] ? false : t.eligible ? t.eligible[i] === 1 : true,
      excluded: t.excluded?.(i) || null,
      category: t.category ? (t.category.codes[i]! >= 0 ? t.category.labels[t.category.codes[i]!] : null) : undefined,
      values: t.names.map((_, k) => t.columns[k]![i]!),
      weight: t.weights[i]!,
    })),
  };
}

/** The report as JSON-ready data (typed arrays as plain arrays). */
export function matchReportJson(r: MatchReport, t: CovariateTable, extra: Record<string, unknown>): Record<string, unknown> {
  const m = r.matching;
  return {
    ...extra,
    method: r.method,
    convention: r.convention,
    nTargets: r.nTargets,
    nPool: r.nPool,
    pairing: m?.pairing ?? null,
    totalDistance: m?.totalDistance ?? null,
    globalOptimum: m?.globalOptimum ?? null,
    caliperDistance: m?.caliperDistance ?? null,
    droppedCovariates: m?.droppedCovariates ?? [],
    propensity: m?.propensity ? { converged: m.propensity.converged, iterations: m.propensity.iterations, logLik: m.propensity.logLik, names: m.propensity.names, coefficients: Array.from(m.propensity.coefficients), se: Array.from(m.propensity.se) } : null,
    pairs: r.pairs,
    synthetic: r.synthetic,
    unmatched: r.unmatched,
    balance: r.balance,
    covariates: covariateTableJson(t),
    warnings: r.warnings,
  };
}

/** Writes the covariate table of every unit as CSV (id, role, excluded, category, covariates, weight). */
export async function writeCovariatesCsv(arg: string, cwd: string, t: CovariateTable): Promise<void> {
  const head = ['id', 'treated', 'eligible', 'excluded', ...(t.category ? [t.category.name] : []), ...t.names, 'weight'];
  const lines = [head.map(csvCell).join(',')];
  for (let i = 0; i < t.ids.length; i++) {
    const cells = [t.ids[i]!, String(t.treated[i]), t.treated[i] ? '0' : t.eligible && !t.eligible[i] ? '0' : '1', t.excluded?.(i) ?? ''];
    if (t.category) cells.push(t.category.codes[i]! >= 0 ? t.category.labels[t.category.codes[i]!]! : '');
    for (let k = 0; k < t.names.length; k++) cells.push(String(t.columns[k]![i]!));
    cells.push(String(t.weights[i]!));
    lines.push(cells.map(csvCell).join(','));
  }
  await writeCsv(arg, cwd, `${lines.join('\n')}\n`);
}

/** Writes CSV text to a file atomically; a failure names the file. */
export async function writeCsv(arg: string, cwd: string, text: string): Promise<void> {
  const written = await writeFileAtomic(path.resolve(cwd, arg), new TextEncoder().encode(text), { keepBackup: false });
  if (!written.ok) throw new CliInputError(`${arg}: could not be written (${formatAppError(written.error)})`);
}
