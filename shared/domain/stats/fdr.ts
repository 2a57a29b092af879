/**
 * Benjamini-Hochberg false discovery rate ("Controlling the false discovery rate: a practical
 * and powerful approach to multiple testing", JRSS B 57(1), 1995), as adjusted p-values:
 * p_adj(i) = min over ranks j >= rank(i) of (m / j) p_(j), capped at 1 (R's p.adjust "BH").
 * A unit is significant at level alpha under BH exactly when p_adj <= alpha, which is how
 * ArcGIS's "Apply False Discovery Rate Correction" sets its 90/95/99% thresholds.
 */

/** BH-adjusted p-values, same order as the input. NaN entries stay NaN and are not counted in m. */
export function adjustBenjaminiHochberg(p: ArrayLike<number>): Float64Array {
  const idx: number[] = [];
  for (let i = 0; i < p.length; i++) if (!Number.isNaN(p[i] as number)) idx.push(i);
  idx.sort((a, b) => (p[a] as number) - (p[b] as number) || a - b);
  const m = idx.length;
  const out = new Float64Array(p.length).fill(Number.NaN);
  let running = 1;
  for (let r = m - 1; r >= 0; r--) {
    const i = idx[r] as number;
    const v = Math.min(1, (m / (r + 1)) * (p[i] as number)); // as R: (n / i) * p
    if (v < running) running = v;
    out[i] = running;
  }
  return out;
}
