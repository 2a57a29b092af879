/**
 * A small evaluation for the report tests: one target square with a ring, two comparison
 * squares, points planted per zone and period, a street layer in lon/lat, and the project info.
 */
import { createRng } from '../../../../shared/base/random';
import { unwrap } from '../../../../shared/base/result';
import type { DesignDoc } from '../../../../shared/domain/design/design-doc';
import { parsePeriod } from '../../../../shared/domain/design/period';
import { runEvaluation, type EvaluationResult } from '../../../../shared/domain/evaluation/run-evaluation';
import { createTransform } from '../../../../shared/domain/geo/crs';
import type { EvaluationReportInput } from '../../../../shared/domain/report/report-model';

const sq = (x: number, y: number, s: number): [number, number][][] => [[[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]]];
/** Dallas-area metres in EPSG:32138 (Texas North Central, metres). */
const X0 = 750_000;
const Y0 = 2_130_000;

export const REPORT_DESIGN: DesignDoc = {
  kind: 'design', formatVersion: 1, name: 'pilot', created: '2025-01-01T00:00:00Z', crs: 'EPSG:32138', unit: { kind: 'grid', sizeM: 250 },
  pre: { from: '2022-01-01', to: '2022-12-31' },
  targets: [{ id: 'T1', name: 'Main & 5th', polygon: sq(X0, Y0, 250), bufferM: 100, areaM2: 62_500 }],
  comparisons: [
    { id: 'C1', name: 'cell 1', targetId: 'T1', cellId: 1, matchDistance: 0.2, polygon: sq(X0 + 1000, Y0, 250), bufferM: 100, areaM2: 62_500 },
    { id: 'C2', name: 'cell 2', targetId: 'T1', cellId: 2, matchDistance: 0.3, polygon: sq(X0, Y0 + 1000, 250), bufferM: 100, areaM2: 62_500 },
  ],
  method: { kind: 'randomized', algorithm: 'simple', seed: 7, convention: 'simple randomization' },
  balance: {
    denominator: 'pooled', smdThreshold: 0.1, nTreated: 1, nControl: 2, nTreatedMatched: 1, nControlMatched: 2, convention: 'SMD, pooled s* from the unmatched sample',
    rows: [{ name: 'pre-period count', sStar: 4.2, before: { meanTreated: 40, meanControl: 30, varianceTreated: null, varianceControl: 12, smd: 2.38, varianceRatio: null, smdFlag: true, varianceRatioFlag: false }, after: { meanTreated: 40, meanControl: 39.5, varianceTreated: null, varianceControl: 1, smd: 0.119, varianceRatio: null, smdFlag: true, varianceRatioFlag: false } }],
  },
  unmatched: [], source: { dataset: 'incidents', dataHash: 'ab'.repeat(32), incidents: 1000 }, warnings: [],
};

/** Evaluation of REPORT_DESIGN on planted points (targets fall by about a third). */
export function reportResult(): EvaluationResult {
  const pre = unwrap(parsePeriod('pre', '2022-01-01..2022-12-31'));
  const post = unwrap(parsePeriod('post', '2023-01-01..2023-12-31'));
  const xs: number[] = [];
  const ys: number[] = [];
  const ds: number[] = [];
  const rng = createRng(11);
  const plant = (cx: number, cy: number, n: number, p: typeof pre, spread = 100) => {
    for (let i = 0; i < n; i++) {
      xs.push(cx + ((i * 17) % (2 * spread)) - spread);
      ys.push(cy + ((i * 29) % (2 * spread)) - spread);
      ds.push(p.startDay + rng.next() * (p.endDay - p.startDay));
    }
  };
  const c = (x: number, y: number) => [x + 125, y + 125] as const;
  plant(...c(X0, Y0), 240, pre);
  plant(...c(X0, Y0), 160, post);
  for (const [x, y] of [[X0 + 1000, Y0], [X0, Y0 + 1000]]) {
    plant(...c(x!, y!), 230, pre);
    plant(...c(x!, y!), 236, post);
  }
  plant(X0 + 125, Y0 - 50, 60, pre, 40); // target ring
  plant(X0 + 125, Y0 - 50, 55, post, 40);
  plant(X0 + 1125, Y0 - 50, 40, pre, 40);
  plant(X0 + 1125, Y0 - 50, 42, post, 40);
  return unwrap(runEvaluation(REPORT_DESIGN, Float64Array.from(xs), Float64Array.from(ys), Float64Array.from(ds), pre, post, { outcomeLabel: 'property offenses' }));
}

/** A street grid around the design in lon/lat (as project layers hold it). */
export function streetLayer(): EvaluationReportInput['layers'][number] {
  const back = createTransform('EPSG:32138', 'EPSG:4326');
  const features = [];
  for (let k = -2; k <= 6; k++) {
    const a = back(X0 - 500, Y0 + k * 250);
    const b = back(X0 + 1800, Y0 + k * 250);
    features.push({ type: 'Feature', properties: { name: `Street ${k}` }, geometry: { type: 'LineString', coordinates: [a, b] } });
  }
  return { role: 'streets', geojson: { features } };
}

export function reportInput(result = reportResult()): EvaluationReportInput {
  return {
    result,
    design: REPORT_DESIGN,
    project: { title: 'Sample city', agency: 'Sample PD', author: 'Crime Analysis Unit' },
    layers: [streetLayer()],
    generatedAt: '2025-03-01T12:00:00.000Z',
    appVersion: '0.1.0',
    caveat: 'LAW ENFORCEMENT SENSITIVE',
  };
}
