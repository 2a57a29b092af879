/**
 * Small dense linear algebra on row-major Float64Arrays, enough for regression models with up to
 * a few hundred parameters: weighted cross-products, Cholesky factorization, solves and inverses
 * of symmetric positive definite matrices. Matrices are `n x p` row-major: element (i, j) is
 * `m[i * p + j]`.
 */

/**
 * Lower-triangular Cholesky factor L (row-major p x p, upper part zero) with A = L L^T, by the
 * Cholesky-Banachiewicz algorithm (Golub & Van Loan, Matrix Computations, 4th ed., alg. 4.2.1).
 * Only the lower triangle of `a` is read.
 * Returns `{ ok: false, column }` when a pivot is not positive relative to the matrix scale
 * (pivot <= tol * max diagonal, default tol 1e-10): `column` is the first column that is (close
 * to) a linear combination of the earlier ones, so the caller can name the collinear term.
 */
export function choleskyDecompose(
  a: Float64Array,
  p: number,
  tol = 1e-10,
): { ok: true; l: Float64Array } | { ok: false; column: number } {
  let maxDiag = 0;
  for (let i = 0; i < p; i++) maxDiag = Math.max(maxDiag, Math.abs(a[i * p + i]!));
  const threshold = tol * (maxDiag > 0 ? maxDiag : 1);
  const l = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * p + j]!;
      for (let k = 0; k < j; k++) s -= l[i * p + k]! * l[j * p + k]!;
      if (i === j) {
        if (!(s > threshold)) return { ok: false, column: i };
        l[i * p + i] = Math.sqrt(s);
      } else {
        l[i * p + j] = s / l[j * p + j]!;
      }
    }
  }
  return { ok: true, l };
}

/** Solves L y = b (forward substitution) for lower-triangular L; returns y. */
export function forwardSolve(l: Float64Array, p: number, b: ArrayLike<number>): Float64Array {
  const y = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i * p + k]! * y[k]!;
    y[i] = s / l[i * p + i]!;
  }
  return y;
}

/** Solves L^T x = y (back substitution) for lower-triangular L; returns x. */
export function backSolveTransposed(l: Float64Array, p: number, y: ArrayLike<number>): Float64Array {
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < p; k++) s -= l[k * p + i]! * x[k]!;
    x[i] = s / l[i * p + i]!;
  }
  return x;
}

/** Solves A x = b given A's Cholesky factor L. */
export function choleskySolve(l: Float64Array, p: number, b: ArrayLike<number>): Float64Array {
  return backSolveTransposed(l, p, forwardSolve(l, p, b));
}

/** A^-1 (full symmetric p x p) from A's Cholesky factor L, column by column. */
export function choleskyInverse(l: Float64Array, p: number): Float64Array {
  const inv = new Float64Array(p * p);
  const e = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    e.fill(0);
    e[j] = 1;
    const col = choleskySolve(l, p, e);
    for (let i = 0; i < p; i++) inv[i * p + j] = col[i]!;
  }
  // Symmetrize away rounding so downstream sandwiches stay exactly symmetric.
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < i; j++) {
      const m = 0.5 * (inv[i * p + j]! + inv[j * p + i]!);
      inv[i * p + j] = m;
      inv[j * p + i] = m;
    }
  }
  return inv;
}

/**
 * X^T W X (p x p) and X^T W z (length p) for an n x p row-major X and weights w (length n).
 * `z` may be omitted (then the vector is zeros). Exploits symmetry: the lower triangle is
 * accumulated, then mirrored. Cost n p^2 / 2.
 */
export function weightedCrossProducts(
  x: Float64Array,
  n: number,
  p: number,
  w: ArrayLike<number>,
  z?: ArrayLike<number>,
): { xtwx: Float64Array; xtwz: Float64Array } {
  const xtwx = new Float64Array(p * p);
  const xtwz = new Float64Array(p);
  for (let r = 0; r < n; r++) {
    const wr = w[r]!;
    if (wr === 0) continue;
    const off = r * p;
    const zr = z ? z[r]! : 0;
    for (let i = 0; i < p; i++) {
      const xi = x[off + i]!;
      if (xi === 0) continue;
      const wxi = wr * xi;
      xtwz[i] = xtwz[i]! + wxi * zr;
      const row = i * p;
      for (let j = 0; j <= i; j++) xtwx[row + j] = xtwx[row + j]! + wxi * x[off + j]!;
    }
  }
  for (let i = 0; i < p; i++) for (let j = 0; j < i; j++) xtwx[j * p + i] = xtwx[i * p + j]!;
  return { xtwx, xtwz };
}

/** y = X b for an n x p row-major X. */
export function matVec(x: Float64Array, n: number, p: number, b: ArrayLike<number>): Float64Array {
  const y = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    let s = 0;
    const off = r * p;
    for (let j = 0; j < p; j++) s += x[off + j]! * b[j]!;
    y[r] = s;
  }
  return y;
}

/** A B C for square p x p matrices (used for sandwiches: bread meat bread). */
export function tripleProduct(a: Float64Array, b: Float64Array, c: Float64Array, p: number): Float64Array {
  return multiply(multiply(a, b, p), c, p);
}

/** A B for square p x p matrices. */
export function multiply(a: Float64Array, b: Float64Array, p: number): Float64Array {
  const out = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let k = 0; k < p; k++) {
      const aik = a[i * p + k]!;
      if (aik === 0) continue;
      for (let j = 0; j < p; j++) out[i * p + j] = out[i * p + j]! + aik * b[k * p + j]!;
    }
  }
  return out;
}
