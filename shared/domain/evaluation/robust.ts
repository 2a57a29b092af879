/**
 * Cluster-robust (sandwich) covariance for the log-link count models of glm.ts
 * (Liang & Zeger 1986, Biometrika 73; Cameron & Miller 2015, "A practitioner's guide to
 * cluster-robust inference", J. Human Resources 50(2)):
 *   V = c B M B,   B = (X^T W X)^-1,  W = mu / (1 + alpha mu),
 *   M = sum_g u_g u_g^T,  u_g = sum_{i in g} x_i (y_i - mu_i) / (1 + alpha mu_i)  (the score),
 *   c = G / (G - 1)  (the small-sample factor Stata applies to ML estimators with vce(cluster);
 *   the same as R's sandwich::vcovCL(type = "HC0", cadjust = TRUE)).
 * alpha is treated as known, as in R's vcovCL on a glm.nb fit.
 */
import { tripleProduct } from './linalg';

/**
 * Returns the p x p cluster-robust covariance. `cluster[i]` is row i's cluster index in
 * [0, nClusters); clusters with no rows are not counted in G. `bread` is the model covariance
 * (X^T W X)^-1 from the fit. With G < 2 the factor G/(G-1) is undefined: returns null.
 */
export function clusterRobustCovariance(
  x: Float64Array,
  n: number,
  p: number,
  y: ArrayLike<number>,
  mu: ArrayLike<number>,
  alpha: number,
  cluster: ArrayLike<number>,
  nClusters: number,
  bread: Float64Array,
): Float64Array | null {
  const scores = new Float64Array(nClusters * p);
  const seen = new Uint8Array(nClusters);
  for (let i = 0; i < n; i++) {
    const g = cluster[i]!;
    seen[g] = 1;
    const r = (y[i]! - mu[i]!) / (1 + alpha * mu[i]!);
    if (r === 0) continue;
    const off = i * p;
    const gOff = g * p;
    for (let j = 0; j < p; j++) scores[gOff + j] = scores[gOff + j]! + x[off + j]! * r;
  }
  let groups = 0;
  for (let g = 0; g < nClusters; g++) groups += seen[g]!;
  if (groups < 2) return null;
  const meat = new Float64Array(p * p);
  for (let g = 0; g < nClusters; g++) {
    if (!seen[g]) continue;
    const gOff = g * p;
    for (let a = 0; a < p; a++) {
      const ua = scores[gOff + a]!;
      if (ua === 0) continue;
      for (let b = 0; b < p; b++) meat[a * p + b] = meat[a * p + b]! + ua * scores[gOff + b]!;
    }
  }
  const v = tripleProduct(bread, meat, bread, p);
  const c = groups / (groups - 1);
  for (let k = 0; k < p * p; k++) v[k] = v[k]! * c;
  return v;
}
