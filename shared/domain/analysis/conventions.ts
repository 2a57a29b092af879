/**
 * The conventions of every analysis, in plain words, in ONE place: the CLI's text output, the
 * UI's method panel and the document saved in the project all print these lines, so they can
 * never disagree. Each function takes the run's actual parameters (not defaults), so the lines
 * state what was computed: formula, weights, units of analysis, band edges, seed.
 */
import type { WeightsSpec } from '../stats/hotspots';
import type { AnalysisUnits } from './units';

const fmt = (v: number): string => (Number.isInteger(v) ? v.toLocaleString('en-US') : String(Number(v.toPrecision(6))));

/** The units of analysis, including how cells are laid out and that empty cells count. */
export function describeUnits(units: AnalysisUnits, cellsFile?: string): string {
  const g = units.grid;
  if (!g) {
    const has = [units.x ? 'centres x,y' : '', units.row ? 'lattice row,col' : ''].filter(Boolean).join(' and ');
    return `Units: the ${fmt(units.n)} units of ${cellsFile ?? 'the cells file'} as given (${has}, counts as given).`;
  }
  const s = g.cellSize;
  const extent = `${fmt(g.cols)} x ${fmt(g.rows)} = ${fmt(g.count)} cells over the incidents' bounding box, zero-crime cells included`;
  if (g.shape === 'square') {
    return (
      `Units: square cells of ${fmt(s)} m, cell edges at multiples of ${fmt(s)} m from the CRS origin, each cell ` +
      `[x0, x0 + ${fmt(s)}) x [y0, y0 + ${fmt(s)}) (half-open); ${extent}; id = row*${g.cols} + col, row 0 south, col 0 west.`
    );
  }
  return (
    `Units: pointy-top hexagons ${fmt(s)} m across flats (centre to centre), area ${fmt(Math.round(g.cellArea))} m^2, ` +
    `centres on a lattice through the CRS origin; rows in offset "odd-r" layout (odd rows shifted east by half a cell); ` +
    `${extent}; id = row*${g.cols} + col, row 0 south, col 0 west.`
  );
}

/** The neighbour rule in words, and how weights are scaled for the method. */
export function describeWeights(spec: WeightsSpec, units: AnalysisUnits, purpose: 'gistar' | 'moran'): string {
  const hex = units.grid !== null && units.grid.shape !== 'square';
  let rule: string;
  switch (spec.kind) {
    case 'band':
      rule = `fixed distance band: j is a neighbour of i when the distance between unit centres d_ij <= ${fmt(spec.distance)} m (inclusive, Euclidean)`;
      break;
    case 'knn':
      rule = `the ${spec.k} nearest unit centres (Euclidean; ties at the k-th distance go to the lower unit index; not symmetric)`;
      break;
    case 'queen':
    case 'rook':
      rule = hex
        ? 'contiguity: the 6 hexagons sharing an edge (on hexagons queen and rook are the same)'
        : spec.kind === 'queen'
          ? 'queen contiguity: the up to 8 cells sharing an edge or a corner'
          : 'rook contiguity: the up to 4 cells sharing an edge';
      break;
    default:
      rule = `contiguity: the 6 hexagons sharing an edge (${spec.kind === 'hex-flat' ? 'flat-top, odd-q columns' : 'pointy-top, odd-r rows'})`;
  }
  const scaling =
    purpose === 'gistar'
      ? 'binary weights w_ij = 1, the unit itself included (w_ii = 1), not row-standardized'
      : 'the unit itself excluded (w_ii = 0), row-standardized so each row sums to 1 (islands keep a lag of 0)';
  return `Weights: ${rule}; ${scaling}.`;
}

/** Getis-Ord Gi*: formula, inference and bins. */
export function giStarConvention(p: { fdr: boolean; permutations: number; seed: number }): string[] {
  const lines = [
    'Gi* (Getis & Ord 1992; Ord & Getis 1995, as ArcGIS Hot Spot Analysis): Gi* = (sum_j w_ij x_j - Xbar sum_j w_ij) / ' +
      '(S sqrt((n sum_j w_ij^2 - (sum_j w_ij)^2) / (n - 1))), Xbar the mean count, S the population SD, n the number of units; ' +
      'Gi* is a z-score, p two-sided normal.',
  ];
  if (p.permutations > 0) {
    lines.push(
      `Permutation inference: ${fmt(p.permutations)} conditional permutations per unit (its neighbours' counts drawn from the ` +
        `other units, its own kept), seed ${p.seed}; p_sim is the folded pseudo p (1 + #as extreme) / (R + 1); bins use min(1, 2 p_sim).`,
    );
  }
  lines.push(
    `Bins: +-3/2/1 when p < .01/.05/.10 (99/95/90% confidence), sign of z; 0 not significant${p.fdr ? '; p adjusted by Benjamini-Hochberg FDR before binning' : ''}. ` +
      'A constant field (all counts equal) gives z = 0, p = 1.',
  );
  return lines;
}

/** Moran's I, global and local. */
export function moranConvention(p: { local: boolean; permutations: number; seed: number; alpha: number }): string[] {
  const lines = [
    "Global Moran's I (Moran 1950; moments of Cliff & Ord 1981, as PySAL/esda Moran): I = (n / S0) (z' W z) / (z' z), z = x - mean; " +
      'E[I] = -1 / (n - 1); z and two-sided p under normality and under randomization.',
  ];
  if (p.local) {
    lines.push(
      "Local Moran's I (Anselin 1995, as esda Moran_Local): z_i = (x_i - mean) / SD (population SD), I_i = (n - 1) z_i lag_i / sum_k z_k^2; " +
        `quadrants HH/LH/LL/HL from the signs of z_i and lag_i; cluster class when p_sim < ${p.alpha} (strict).`,
    );
  }
  if (p.permutations > 0) {
    lines.push(
      `Permutations: ${fmt(p.permutations)}, seed ${p.seed}; ${p.local ? 'conditional (unit i fixed, neighbours drawn from the other n - 1 units); ' : ''}` +
        'p_sim = (1 + #as extreme) / (R + 1), folded (one-sided toward the observed side), as esda.',
    );
  }
  return lines;
}

/** Emerging hot spots: Gi* per time step, Mann-Kendall trend, the decision list. */
export function emergingConvention(p: { step: 'week' | 'month'; minBin: number; trendAlpha: number }): string[] {
  const level = p.minBin === 3 ? '.01' : p.minBin === 2 ? '.05' : '.10';
  return [
    `Time steps: calendar ${p.step === 'week' ? 'weeks, Monday to Sunday' : 'months'} of occurred_from (naive local dates); the first and last step may be partial.`,
    `Per step: spatial Gi* of that step's counts with the weights above (no pooling of neighbouring steps); a step is hot/cold when p < ${level} (|bin| >= ${p.minBin}).`,
    `Trend: Mann-Kendall test of each unit's Gi* z series (continuity-corrected, ties in the variance), significant when p < ${p.trendAlpha}.`,
    'Classes (after Esri Emerging Hot Spot Analysis, our stated order): final step hot and >= 90% of steps hot -> intensifying / diminishing / persistent ' +
      'by the trend; else any earlier cold step -> oscillating; the only hot step -> new; one run of >= 2 ending now -> consecutive; otherwise sporadic. ' +
      'Final step not significant: historical when >= 90% of steps were hot, else no pattern. Cold spots mirror this.',
    'The classes depend on the time step: compare --step week and --step month (--compare-steps).',
  ];
}

/** Concentration: P(M), Gini, generalized Gini, PAI. */
export function concentrationConvention(p: { top: number | null }): string[] {
  const lines = [
    'Every unit counts, zero-crime units included; counts sorted descending, C = total crimes, N = units.',
    'P(M) = 100 k* / N, k* = the fewest units whose counts reach M * C ("P% of places hold M% of crime").',
    'Gini on ascending counts: G = sum_i (2i - N - 1) c_(i) / (N C); generalized Gini for sparse data (Bernasco & Steenbeek 2017): G\' = max(1, N / C) (G - 1) + 1.',
  ];
  if (p.top !== null) {
    lines.push(
      `PAI (Chainey et al. 2008) of the top ${p.top} units: (n / N) / (a / A), n their crimes, a their area, A the area of all units ` +
        '(the bounding box of the incidents, not the jurisdiction: PAI depends on A).',
    );
  }
  return lines;
}

/** Knox test: bands, pairs, Monte Carlo. */
export function knoxConvention(p: { metric: string; simulations: number; seed: number; nrc: boolean }): string[] {
  const lines = [
    'Knox test (Knox 1964; near repeat as Townsley et al. 2003, Johnson et al. 2007): every unordered pair i < j of incidents, N = n(n-1)/2.',
    `Bands are half-open [a, b): a pair d apart is in the space band with a <= d < b (${p.metric} distance, metres), likewise |day_i - day_j| (days) in a time band; "inf" is open-ended.`,
    `Monte Carlo: the dates are permuted over the fixed locations ${fmt(p.simulations)} times, seed ${p.seed}; expected = mean simulated count; ` +
      'Knox ratio = observed / expected; p = (1 + #{simulated >= observed}) / (R + 1). expected_independence = space total x time total / N (the exact permutation mean).',
  ];
  if (p.nrc) {
    lines.push(
      'NRC-compatible: the Near Repeat Calculator\'s band edges ([0, 1) "same location", [1, B), [B, 2B), ..., then open bands), whole days, ' +
        'Manhattan distance unless --metric says otherwise. Its printed labels ("1 to B", "B+1 to 2B") are off by one; the counts match and our labels say what they hold.',
    );
  }
  return lines;
}

/** DBSCAN and the Clark-Evans index. */
export function clustersConvention(p: { eps: number; minPoints: number; areaSource: string }): string[] {
  return [
    `DBSCAN (Ester et al. 1996, scikit-learn conventions): the eps-neighbourhood of p is every point within ${fmt(p.eps)} m (inclusive, Euclidean, p itself ` +
      `included); a core point has >= ${p.minPoints} points in it; clusters grow from core points in row order; a border point joins the first cluster that ` +
      'reaches it; noise = -1. Hulls are convex hulls (Andrew\'s monotone chain) of each cluster\'s points.',
    'Nearest neighbour index (Clark & Evans 1954, as ArcGIS Average Nearest Neighbor): R = observed mean NN distance / (0.5 / sqrt(n / A)), ' +
      `SE = 0.26136 / sqrt(n^2 / A), z two-sided; A = ${p.areaSource}. R < 1 clustered, > 1 dispersed; R depends on A.`,
  ];
}

/** Kernel density: kernel formula, radius rule, units, cell origin. */
export function kdeConvention(p: {
  kernel: 'quartic' | 'gaussian';
  radius: number;
  radiusSource: 'given' | 'arcgis-default';
  cell: number;
  cellSource: 'given' | 'arcgis-default';
  areaUnit: 'km2' | 'mi2';
}): string[] {
  const kernel =
    p.kernel === 'quartic'
      ? `quartic (Silverman 1986, the ArcGIS kernel): K(d) = (3 / (pi r^2)) (1 - (d/r)^2)^2 for d < r, r = ${fmt(p.radius)} m`
      : `gaussian: K(d) = exp(-d^2 / (2 h^2)) / (2 pi h^2), h = ${fmt(p.radius)} m, evaluated out to 5 h`;
  return [
    `Kernel density: density(c) = sum_i K(d(c, x_i)) at each cell centre c; ${kernel}.`,
    p.radiusSource === 'arcgis-default'
      ? 'Radius by the ArcGIS rule: 0.9 min(SD, sqrt(1/ln 2) Dm) n^-0.2 (SD standard distance, Dm median distance to the mean centre).'
      : 'Radius as given.',
    `Units: incidents per square ${p.areaUnit === 'km2' ? 'kilometre' : 'mile'}; the surface integrates to the number of incidents.`,
    `Cells: ${fmt(p.cell)} m squares${p.cellSource === 'arcgis-default' ? ' (ArcGIS default: the shorter side of the extent / 250)' : ''}; the raster covers the ` +
      `incidents' extent grown by the kernel's reach (${p.kernel === 'quartic' ? 'r' : '5 h'}), its west and south edges at multiples of ${fmt(p.cell)} m from the CRS origin; x, y are cell centres; ` +
      'row 0 is the northernmost row, col 0 the westernmost.',
    'A pixel-radius "heat map" is not a density estimate; this is.',
  ];
}

/** Cell counts. */
export function gridConvention(): string[] {
  return ['Counts: incidents per cell (points on a shared square edge belong to the cell east/north of it; hexagons by nearest centre, cube rounding).'];
}

/** The coordinate system statement every output carries. */
export function crsStatement(crs: string | null): string {
  return crs
    ? `Coordinates: x, y in the analysis CRS ${crs} (metres).`
    : 'Coordinates: x, y in the source\'s projected CRS, taken to be metres (CRS not recorded in the source).';
}
