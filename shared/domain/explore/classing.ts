/**
 * Classes and colours shared by the density and grid layers: breaks from stats/classify.ts
 * (quantiles, Fisher-Jenks natural breaks, standard deviations) and a viridis ramp, which is
 * perceptually uniform, readable by people with the common colour-vision deficiencies and in
 * greyscale print (van der Walt & Smith 2015, matplotlib's default map).
 */
import type { Result } from '../../base/result';
import { computeJenksBreaks, computeQuantileBreaks, computeStdDevBreaks } from '../stats/classify';
import type { StatsError } from '../stats/errors';

export type ClassingMethod = 'quantile' | 'jenks' | 'stddev';

/** Human label of a classing method, for legends. */
export const CLASSING_LABELS: Readonly<Record<ClassingMethod, string>> = {
  quantile: 'Quantiles',
  jenks: 'Natural breaks (Jenks)',
  stddev: 'Standard deviations',
};

/** Viridis at seven evenly spaced stops (matplotlib `_viridis_data`, t = 0, 1/6 .. 1). */
export const VIRIDIS: readonly (readonly [number, number, number])[] = [
  [68, 1, 84], [68, 57, 131], [49, 104, 142], [33, 145, 140], [53, 183, 121], [144, 215, 67], [253, 231, 37],
];

/** The ramp colour at t in [0, 1] (clamped), linear between the viridis stops. */
export function rampColor(t: number): [number, number, number] {
  const u = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(u));
  const f = u - i;
  const a = VIRIDIS[i] as readonly number[];
  const b = VIRIDIS[i + 1] as readonly number[];
  return [0, 1, 2].map((k) => Math.round((a[k] as number) + f * ((b[k] as number) - (a[k] as number)))) as [number, number, number];
}

/** `k` colours from the dark end to the bright end of the ramp (one colour: the middle). */
export function classColors(k: number): [number, number, number][] {
  if (k <= 1) return [rampColor(0.5)];
  return Array.from({ length: k }, (_, i) => rampColor(i / (k - 1)));
}

/**
 * Class upper bounds of `values` by `method` (`classes` is ignored by 'stddev', which uses mean
 * +- 1 and 2 SD). Ties can give fewer classes than asked. Errors: no values, non-finite values.
 */
export function computeBreaks(values: ArrayLike<number>, method: ClassingMethod, classes: number): Result<number[], StatsError> {
  if (method === 'quantile') return computeQuantileBreaks(values, classes);
  if (method === 'jenks') return computeJenksBreaks(values, classes);
  return computeStdDevBreaks(values);
}
