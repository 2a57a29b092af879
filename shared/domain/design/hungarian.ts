/**
 * Minimum-cost assignment of rows to distinct columns (rows <= columns): the Hungarian algorithm
 * (Kuhn 1955, "The Hungarian method for the assignment problem", Naval Research Logistics
 * Quarterly 2) in the O(rows^2 x columns) shortest-augmenting-path form with row and column
 * potentials (Jonker & Volgenant 1987; the e-maxx formulation). Every row is assigned; callers
 * that allow a row to stay unassigned add "dummy" columns of a large finite cost (see
 * optimal-matching.ts). Costs must be finite: use a large finite number for forbidden cells.
 */

/**
 * Solves min sum_i cost[i, a(i)] over injective a: rows -> columns. `cost` is row-major
 * rows x cols. Returns the column of each row. Throws (a caller bug) when rows > cols, the
 * matrix has the wrong length, or a cost is not finite.
 */
export function solveAssignment(cost: Float64Array, rows: number, cols: number): Int32Array {
  if (rows > cols) throw new RangeError(`assignment needs rows <= columns (${rows} > ${cols})`);
  if (cost.length !== rows * cols) throw new RangeError(`cost has ${cost.length} entries, expected ${rows} x ${cols}`);
  for (let i = 0; i < cost.length; i++) if (!Number.isFinite(cost[i]!)) throw new RangeError(`cost entry ${i} is not finite`);
  // 1-based arrays as in the classic formulation: p[j] = row assigned to column j (0 = none).
  const u = new Float64Array(rows + 1);
  const v = new Float64Array(cols + 1);
  const p = new Int32Array(cols + 1);
  const way = new Int32Array(cols + 1);
  const minv = new Float64Array(cols + 1);
  const used = new Uint8Array(cols + 1);
  for (let i = 1; i <= rows; i++) {
    p[0] = i;
    let j0 = 0;
    minv.fill(Number.POSITIVE_INFINITY);
    used.fill(0);
    do {
      used[j0] = 1;
      const i0 = p[j0]!;
      const base = (i0 - 1) * cols - 1;
      const ui0 = u[i0]!;
      let delta = Number.POSITIVE_INFINITY;
      let j1 = 0;
      for (let j = 1; j <= cols; j++) {
        if (used[j]) continue;
        const cur = cost[base + j]! - ui0 - v[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= cols; j++) {
        if (used[j]) {
          u[p[j]!] = u[p[j]!]! + delta;
          v[j] = v[j]! - delta;
        } else minv[j] = minv[j]! - delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0]!;
      p[j0] = p[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  const out = new Int32Array(rows).fill(-1);
  for (let j = 1; j <= cols; j++) if (p[j]! > 0) out[p[j]! - 1] = j - 1;
  return out;
}
