/**
 * Expected failures of the evaluation and design statistics, as values (ARCHITECTURE.md rule 2).
 * `invalid-argument` has the same shape as AppError's, so `formatAppError` prints it too.
 */
export type StatsError =
  | { kind: 'invalid-argument'; name: string; value: string; expected: string }
  /** The statistic has no finite value for these data (a zero cell, Success = 0, ...). */
  | { kind: 'undefined-statistic'; statistic: string; message: string }
  /** A design matrix column is a linear combination of others (or constant). */
  | { kind: 'collinear'; term: string; message: string };

/** One line of plain words naming the bad value, or why the statistic has no value. */
export function formatStatsError(e: StatsError): string {
  switch (e.kind) {
    case 'invalid-argument':
      return `${e.name}: "${e.value}" is not valid (expected ${e.expected})`;
    case 'undefined-statistic':
      return `${e.statistic} is undefined: ${e.message}`;
    case 'collinear':
      return `${e.term}: ${e.message}`;
  }
}

/** Builds an `invalid-argument` error. */
export function invalidArgument(name: string, value: unknown, expected: string): StatsError {
  return { kind: 'invalid-argument', name, value: String(value), expected };
}

/** Returns an error when `value` is not a finite number >= 0 (a count, possibly harm-weighted). */
export function checkCount(name: string, value: number): StatsError | null {
  return Number.isFinite(value) && value >= 0 ? null : invalidArgument(name, value, 'a finite count >= 0');
}

/** Returns an error when `value` is not a finite number > 0 (a weight, an area, a length). */
export function checkPositive(name: string, value: number): StatsError | null {
  return Number.isFinite(value) && value > 0 ? null : invalidArgument(name, value, 'a finite number > 0');
}

/** Returns an error when the confidence level is not strictly between 0 and 1. */
export function checkConfidence(value: number): StatsError | null {
  return Number.isFinite(value) && value > 0 && value < 1 ? null : invalidArgument('confidence', value, 'a level between 0 and 1, e.g. 0.95');
}
