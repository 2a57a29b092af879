/**
 * Runner for emerging hot spots (stats/emerging.ts): counts per unit and calendar step, Gi* per
 * step, a Mann-Kendall trend per unit, and the class of each unit. With `compareSteps` it runs
 * both weekly and monthly steps and cross-tabulates the classes, so the analyst sees how much
 * the result depends on the step (the method's best known weakness).
 */
import { ok, type Result } from '../../base/result';
import { computeEmergingHotSpots, crossTabulateEmerging, EMERGING_CLASS_NAMES, type EmergingResult } from '../stats/emerging';
import { invalidArgument, type StatsError } from '../stats/errors';
import type { WeightsSpec } from '../stats/hotspots';
import type { SpatialWeights } from '../stats/weights';
import { describeUnits, describeWeights, emergingConvention } from './conventions';
import { makeTable, type AnalysisRun, type JsonValue, type ResultColumn, type ResultTable } from './result';
import { assignTimeSteps, type TimeStep, type TimeSteps } from './time-steps';
import { buildUnitWeights, formatWeightsSpec, unitColumns, type PointUnits } from './units';

/** Parameters of {@link runEmerging}. */
export interface EmergingParams {
  readonly unit: string;
  readonly weights: WeightsSpec;
  readonly step: TimeStep;
  /** Also run the other step and cross-tabulate. */
  readonly compareSteps: boolean;
  /** Smallest |bin| that makes a step hot/cold. Default 2 (p < .05). */
  readonly minBin?: 1 | 2 | 3;
  /** Mann-Kendall significance level. Default 0.05. */
  readonly trendAlpha?: number;
}

function classify(units: PointUnits, days: ArrayLike<number>, step: TimeStep, w: SpatialWeights, params: EmergingParams): Result<{ steps: TimeSteps; result: EmergingResult }, StatsError> {
  const steps = assignTimeSteps(days, step);
  if (steps.steps < 2) return invalidArgument('--step', step, `a step giving at least 2 time steps (the dates span ${steps.steps})`);
  const counts = new Float64Array(units.n * steps.steps);
  for (let i = 0; i < days.length; i++) {
    const cell = units.cellOfPoint[i] as number;
    const t = steps.index[i] as number;
    if (cell >= 0 && t >= 0) counts[t * units.n + cell] = (counts[t * units.n + cell] as number) + 1;
  }
  const r = computeEmergingHotSpots(units.n, steps.steps, counts, w, { minBin: params.minBin, trendAlpha: params.trendAlpha });
  if (!r.ok) return r;
  return ok({ steps, result: r.value });
}

function className(code: number): string {
  return EMERGING_CLASS_NAMES[code] ?? String(code);
}

function countByClass(classes: Int8Array): Record<string, number> {
  const out: Record<string, number> = {};
  for (const code of [3, 4, 5, 1, 2, 6, 7, 8, -3, -4, -5, -1, -2, -6, -7, -8, 0]) out[className(code)] = 0;
  for (let i = 0; i < classes.length; i++) out[className(classes[i] as number)] = (out[className(classes[i] as number)] ?? 0) + 1;
  return out;
}

/**
 * Emerging hot spot classes per unit. `days` are the incidents' dates (days since the epoch,
 * naive local), one per point of `units`. Errors: fewer than 2 steps, fewer than 3 units, bad
 * weights.
 */
export function runEmerging(units: PointUnits, days: ArrayLike<number>, params: EmergingParams): Result<AnalysisRun, StatsError> {
  if (days.length !== units.cellOfPoint.length) return invalidArgument('dates', `${days.length} values`, `one per incident (${units.cellOfPoint.length})`);
  const w = buildUnitWeights(units, params.weights, true);
  if (!w.ok) return w;
  const main = classify(units, days, params.step, w.value, params);
  if (!main.ok) return main;
  const { steps, result } = main.value;
  const names: string[] = Array.from(result.classes, className);
  const columns: ResultColumn[] = [
    ...unitColumns(units),
    { name: 'count', values: units.counts },
    { name: 'class', values: result.classes },
    { name: 'class_name', values: names },
    { name: 'trend_z', values: result.trendZ },
    { name: 'trend_p', values: result.trendP },
    { name: 'hot_steps', values: result.hotSteps },
    { name: 'cold_steps', values: result.coldSteps },
  ];
  const tables: ResultTable[] = [];
  const warnings: string[] = [];
  const summary: Record<string, JsonValue> = {
    units: units.n,
    step: params.step,
    steps: steps.steps,
    firstStep: steps.starts[0] ?? null,
    lastStep: steps.starts[steps.steps - 1] ?? null,
    firstStepPartial: steps.firstPartial,
    lastStepPartial: steps.lastPartial,
    unitsByClass: countByClass(result.classes),
  };
  if (steps.steps < 10) warnings.push(`Only ${steps.steps} ${params.step}ly steps: Esri asks for at least 10; the trend test has little power.`);
  if (steps.lastPartial) warnings.push(`The last ${params.step} (from ${steps.starts[steps.steps - 1]}) is partial: its low counts can look like a cooling trend.`);

  if (params.compareSteps) {
    const other: TimeStep = params.step === 'week' ? 'month' : 'week';
    const alt = classify(units, days, other, w.value, params);
    if (!alt.ok) return alt;
    const week = params.step === 'week' ? result.classes : alt.value.result.classes;
    const month = params.step === 'week' ? alt.value.result.classes : result.classes;
    columns.push({ name: 'class_week', values: Array.from(week, className) }, { name: 'class_month', values: Array.from(month, className) });
    const cross = crossTabulateEmerging(week, month);
    const wk: string[] = [];
    const mo: string[] = [];
    const n: number[] = [];
    let changed = 0;
    for (let a = -8; a <= 8; a++) {
      for (let b = -8; b <= 8; b++) {
        const c = cross[(a + 8) * 17 + (b + 8)] as number;
        if (c === 0) continue;
        wk.push(className(a));
        mo.push(className(b));
        n.push(c);
        if (a !== b) changed += c;
      }
    }
    tables.push(makeTable('step-comparison', [{ name: 'class_week', values: wk }, { name: 'class_month', values: mo }, { name: 'units', values: Float64Array.from(n) }]));
    summary.stepComparison = {
      weekSteps: params.step === 'week' ? steps.steps : alt.value.steps.steps,
      monthSteps: params.step === 'month' ? steps.steps : alt.value.steps.steps,
      unitsWithDifferentClass: changed,
      unitsByClassWeek: countByClass(week),
      unitsByClassMonth: countByClass(month),
    };
  }
  return ok({
    verb: 'emerging',
    method: 'Emerging hot spots (Gi* per time step + Mann-Kendall)',
    parameters: {
      unit: params.unit,
      weights: formatWeightsSpec(params.weights),
      step: params.step,
      compareSteps: params.compareSteps,
      minBin: params.minBin ?? 2,
      trendAlpha: params.trendAlpha ?? 0.05,
    },
    convention: [
      describeUnits(units),
      describeWeights(params.weights, units, 'gistar'),
      ...emergingConvention({ step: params.step, minBin: params.minBin ?? 2, trendAlpha: params.trendAlpha ?? 0.05 }),
    ],
    summary,
    table: makeTable('units', columns),
    tables,
    warnings,
  });
}
