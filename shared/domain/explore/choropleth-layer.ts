/**
 * The choropleth as a map layer: counts by polygon (choropleth.ts), the chosen rate, classes by
 * quantiles / natural breaks / equal intervals / standard deviations (classing.ts) and a viridis
 * colour per class. Units with no rate (missing denominator) are grey; every unit is drawn,
 * zero-count units included, since zero-crime places count (DOMAIN.md).
 */
import type { AppError } from '../../base/errors';
import { err, ok, type Result } from '../../base/result';
import { classifyByBreaks } from '../stats/classify';
import { computeChoroplethValues, countPointsByPolygon, type ChoroplethRate, type PolygonUnits } from './choropleth';
import { classColors, computeBreaks, type ClassingMethod } from './classing';

/** Settings of the choropleth layer (saved in the map document). */
export interface ChoroplethLayerSettings {
  /** Project layer id of the polygons (null: the first beats, districts or polygon layer). */
  readonly layer: string | null;
  /** "count", "km2", "mi2" or "per:FIELD:N". */
  readonly rate: string;
  readonly classing: ClassingMethod | 'equal';
  readonly classes: number;
}

/** What the map and the legend need. */
export interface ChoroplethLayerData {
  readonly names: readonly string[];
  readonly counts: Uint32Array;
  readonly values: Float64Array;
  readonly denominators: Float64Array;
  /** Class index per unit; -1 = no rate. */
  readonly classes: Int32Array;
  readonly breaks: readonly number[];
  readonly colors: readonly (readonly [number, number, number])[];
  readonly label: string;
  readonly outside: number;
  readonly points: number;
  /** Units per class, then units with no rate last. */
  readonly classCounts: readonly number[];
}

/** Upper bounds of `classes` equal-width intervals between the smallest and largest value. */
export function computeEqualIntervalBreaks(values: ArrayLike<number>, classes: number): number[] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!(hi > lo)) return [hi];
  return Array.from({ length: classes }, (_, k) => (k === classes - 1 ? hi : lo + ((hi - lo) * (k + 1)) / classes));
}

/**
 * Counts points (x, y in the units' CRS) per unit, computes the rate and classes. Errors: a rate
 * that does not parse or names a missing property; classing that cannot run.
 */
export function prepareChoroplethLayer(units: PolygonUnits, x: ArrayLike<number>, y: ArrayLike<number>, rate: ChoroplethRate, s: Pick<ChoroplethLayerSettings, 'classing' | 'classes'>): Result<ChoroplethLayerData, AppError> {
  const { counts, outside } = countPointsByPolygon(units, x, y);
  const v = computeChoroplethValues(units, counts, rate);
  if (!v.ok) return v;
  const finite = v.value.values.filter((a) => Number.isFinite(a));
  let breaks: number[] = [0];
  if (finite.length > 0) {
    if (s.classing === 'equal') breaks = computeEqualIntervalBreaks(finite, s.classes);
    else {
      const b = computeBreaks(finite, s.classing, Math.min(s.classes, finite.length));
      if (!b.ok) return err({ kind: 'invalid-argument', name: 'classing', value: s.classing, expected: 'values that can be classed' });
      breaks = b.value;
    }
  }
  const colors = classColors(breaks.length);
  const classes = classifyByBreaks(v.value.values, breaks);
  const classCounts = new Array<number>(breaks.length + 1).fill(0);
  v.value.values.forEach((a, i) => {
    if (!Number.isFinite(a)) classes[i] = -1;
    const c = classes[i] as number;
    classCounts[c < 0 ? breaks.length : c] = (classCounts[c < 0 ? breaks.length : c] as number) + 1;
  });
  return ok({
    names: units.names,
    counts,
    values: v.value.values,
    denominators: v.value.denominators,
    classes,
    breaks,
    colors,
    label: v.value.label,
    outside,
    points: x.length,
    classCounts,
  });
}
