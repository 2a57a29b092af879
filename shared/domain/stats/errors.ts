/**
 * Expected failures of the statistics core. They are the app's own `invalid-argument` variant
 * (shared/base/errors.ts), so the CLI and the UI format them with `formatAppError` and every
 * message names the bad value and what was expected (ARCHITECTURE.md, rule 3).
 */
import type { AppError } from '../../base/errors';
import { err, type Err } from '../../base/result';

/** The one error shape the statistics functions return. */
export type StatsError = Extract<AppError, { kind: 'invalid-argument' }>;

/** Builds a StatsError: `name` is the parameter (or "values[12]"), `value` the bad value as text. */
export function invalidArgument(name: string, value: unknown, expected: string): Err<StatsError> {
  return err({ kind: 'invalid-argument', name, value: String(value), expected });
}

/**
 * Checks that every entry of `values` is a finite number. Returns the error for the first bad
 * entry (naming its index) or undefined when all are finite.
 */
export function checkFinite(name: string, values: ArrayLike<number>): Err<StatsError> | undefined {
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) return invalidArgument(`${name}[${i}]`, v, 'a finite number');
  }
  return undefined;
}

/** Checks that two parallel arrays have the same length. */
export function checkSameLength(
  nameA: string,
  a: ArrayLike<unknown>,
  nameB: string,
  b: ArrayLike<unknown>,
): Err<StatsError> | undefined {
  if (a.length === b.length) return undefined;
  return invalidArgument(nameB, `length ${b.length}`, `the same length as ${nameA} (${a.length})`);
}

/** Checks x/y coordinate columns: same length, all finite. */
export function checkCoordinates(x: ArrayLike<number>, y: ArrayLike<number>): Err<StatsError> | undefined {
  return checkSameLength('x', x, 'y', y) ?? checkFinite('x', x) ?? checkFinite('y', y);
}

/** Checks that `value` is a finite number > 0 (a distance, a cell size, a radius). */
export function checkPositive(name: string, value: number): Err<StatsError> | undefined {
  return Number.isFinite(value) && value > 0 ? undefined : invalidArgument(name, value, 'a finite number > 0');
}

/** Checks that `value` is an integer >= min. */
export function checkInteger(name: string, value: number, min: number): Err<StatsError> | undefined {
  return Number.isInteger(value) && value >= min ? undefined : invalidArgument(name, value, `an integer >= ${min}`);
}
