/**
 * Matching covariates derived from a pre-period count history (trajectory matching): the months
 * as separate covariates, and the linear trend slope per unit.
 */

/**
 * Splits a row-major units x months history into one column per month (column m holds every
 * unit's count in month m), ready for {@link matchUnits} or the balance table.
 */
export function historyToColumns(history: ArrayLike<number>, nUnits: number, nMonths: number): Float64Array[] {
  if (history.length !== nUnits * nMonths) throw new RangeError(`history has ${history.length} values, expected ${nUnits} x ${nMonths}`);
  const cols: Float64Array[] = [];
  for (let m = 0; m < nMonths; m++) {
    const col = new Float64Array(nUnits);
    for (let u = 0; u < nUnits; u++) col[u] = history[u * nMonths + m]!;
    cols.push(col);
  }
  return cols;
}

/**
 * Ordinary least-squares slope of each unit's counts on the month index 0..nMonths-1, in crimes
 * per month per month: sum (m - mbar)(y_m - ybar) / sum (m - mbar)^2. With one month the slope
 * is 0. `history` is row-major units x months.
 */
export function computeTrendSlopes(history: ArrayLike<number>, nUnits: number, nMonths: number): Float64Array {
  if (history.length !== nUnits * nMonths) throw new RangeError(`history has ${history.length} values, expected ${nUnits} x ${nMonths}`);
  const slopes = new Float64Array(nUnits);
  if (nMonths < 2) return slopes;
  const mbar = (nMonths - 1) / 2;
  let sxx = 0;
  for (let m = 0; m < nMonths; m++) sxx += (m - mbar) ** 2;
  for (let u = 0; u < nUnits; u++) {
    let sxy = 0;
    for (let m = 0; m < nMonths; m++) sxy += (m - mbar) * history[u * nMonths + m]!;
    slopes[u] = sxy / sxx;
  }
  return slopes;
}
