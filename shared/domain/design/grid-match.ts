/**
 * The whole matching of a place-based design as one pure call (grid cells by default; street
 * segments, polygons or circles with `unit`, see unit-spec.ts; other datasets and layer fields as
 * covariates through design-table.ts), for the design panel's
 * worker (renderer/workers/design.worker.ts): units (design-units.ts: targets, then every grid
 * cell, with the pool rule), the covariates as typed terms (covariate-spec.ts), optional exact
 * categories (exact-categories.ts), the match report (match-report.ts: Mahalanobis or propensity
 * pairs, greedy or optimal, or synthetic weights fitted on the monthly history) and the design
 * document (report-doc.ts for pairs, synthetic-doc.ts for weights). The same steps as
 * `spi design match SRC --save NAME`, so the panel and the CLI give the same design.
 */
import { err, ok, type Result } from '../../base/result';
import { invalidArgument, type StatsError } from '../evaluation/stats-error';
import type { Rings } from './areas';
import type { SmdDenominator } from './balance';
import { parseCovariateSpec } from './covariate-spec';
import { historyToColumns } from './covariates';
import type { DesignDoc } from './design-doc';
import type { LayerFeatureLike } from '../analysis/layer-geometry';
import { createTransform } from '../geo/crs';
import type { DesignLayer } from './design-layer-units';
import { buildDesignTable } from './design-table';
import type { DesignPoints } from './design-units';
import { formatDesignUnitSpec, type DesignUnitSpec } from './unit-spec';
import { categoriesFromPolygons, type CategoryPolygons } from './exact-categories';
import { computeMatchReport, type MatchMethod } from './match-report';
import type { DayPeriod } from './period';
import { toMatchedDesignDoc } from './report-doc';
import { toSyntheticDesignDoc } from './synthetic-doc';

/** A reference layer as plain data: its name (as the terms and the unit name it) and lon/lat features. */
export interface LayerFeatures {
  readonly name: string;
  readonly features: readonly LayerFeatureLike[];
}

export interface GridMatchInput {
  readonly name: string;
  /** ISO time stamp stored in the document. */
  readonly created: string;
  readonly crs: string | null;
  readonly points: DesignPoints;
  readonly targets: readonly { readonly id: string; readonly name: string; readonly rings: Rings }[];
  /** Displacement buffer (m) of every target and comparison cell. */
  readonly bufferM: number;
  /** Side of the square cells (m); with `unit` hex, the hexagons' width across flats. */
  readonly cellSizeM: number;
  readonly pre: DayPeriod;
  /** Extra clearance (m) from every target; the pool rule uses max(2 x buffer, this). */
  readonly minDistanceM: number;
  /** Covariate terms as `spi design match --covariates` takes them ("counts,trend"). */
  readonly covariateSpec: string;
  readonly method: MatchMethod;
  readonly pairing: 'greedy' | 'optimal';
  readonly ratio: number;
  readonly replace: boolean;
  /** In SDs of the distance, or null for none. */
  readonly caliper: number | null;
  readonly seed: number;
  /** Exact matching: 'district' or 'beat' with its polygons (analysis CRS) and labels. */
  readonly exact: ({ readonly name: string } & CategoryPolygons) | null;
  readonly denominator?: SmdDenominator;
  readonly source: { readonly dataset: string; readonly dataHash: string };
  /**
   * The unit kind (default grid cells of `cellSizeM`); `layer` holds the segments or polygons
   * (GeoJSON lon/lat features as a project layer keeps them; projected to `crs` here, so the
   * input stays plain data a worker can receive).
   */
  readonly unit?: DesignUnitSpec;
  readonly layer?: LayerFeatures | null;
  /** Other datasets for `@DATASET` covariate terms, named as the terms name them (same CRS). */
  readonly datasets?: readonly { readonly name: string; readonly points: DesignPoints }[];
  readonly availableDatasets?: readonly string[];
  /** Polygon layers for `field:LAYER.FIELD` terms, by LAYER name. */
  readonly fieldLayers?: readonly LayerFeatures[];
  /** Drop units with a missing field value instead of failing. */
  readonly dropMissing?: boolean;
}

/** What the panel shows beside the document. */
export interface GridMatchSummary {
  readonly nUnits: number;
  readonly nTargets: number;
  /** The unit as `--unit` spells it ("grid:250", "segments:streets"). */
  readonly unit: string;
  readonly nPool: number;
  readonly excluded: number;
  readonly pairing: 'greedy' | 'optimal' | null;
  readonly totalDistance: number | null;
  readonly globalOptimum: boolean | null;
  readonly droppedCovariates: readonly string[];
  readonly propensity: { readonly converged: boolean; readonly iterations: number } | null;
  /** Unmatched targets with the reason in words (the document keeps the reason code). */
  readonly unmatched: readonly { readonly target: string; readonly explanation: string }[];
}

/**
 * Runs the matching and builds the document. `onProgress` receives a short sentence before each
 * stage (the panel shows it). Errors: bad options (named as the CLI names them), the unit,
 * covariate, matching and document errors.
 */
export function computeGridMatchDesign(input: GridMatchInput, onProgress?: (text: string) => void): Result<{ doc: DesignDoc; summary: GridMatchSummary }, StatsError> {
  if ((input.unit ?? { kind: 'grid' }).kind === 'grid' && !(input.cellSizeM > 0)) return err(invalidArgument('cell size', input.cellSizeM, 'metres > 0'));
  if (!Number.isInteger(input.ratio) || input.ratio < 1) return err(invalidArgument('ratio', input.ratio, 'a whole number >= 1'));
  if (input.caliper !== null && !(input.caliper > 0)) return err(invalidArgument('caliper', input.caliper, 'a number of SDs > 0, or none'));
  if (input.method === 'synthetic' && (input.exact || input.pairing === 'optimal' || input.replace || input.caliper !== null || input.ratio !== 1)) {
    return err(invalidArgument('synthetic method', 'pair-matching options', 'no exact matching, optimal pairing, replacement, caliper or ratio (they apply to pair matching only)'));
  }
  const terms = parseCovariateSpec(input.covariateSpec, 'covariates');
  if (!terms.ok) return terms;
  const unit = input.unit ?? { kind: 'grid', sizeM: input.cellSizeM };
  onProgress?.(
    unit.kind === 'grid'
      ? `Building the grid of ${unit.sizeM} m cells and counting pre-period incidents…`
      : unit.kind === 'hex'
        ? `Building the ${unit.sizeM} m hexagons and counting pre-period incidents…`
        : `Building the ${formatDesignUnitSpec(unit)} units and counting pre-period incidents…`,
  );
  const needsCrs = input.layer || input.fieldLayers?.length;
  if (needsCrs && !input.crs) return err(invalidArgument('crs', 'unknown', 'a projected CRS to place the layer on the incidents'));
  const toXY = input.crs ? createTransform('EPSG:4326', input.crs) : null;
  const project = (lon: number, lat: number) => toXY!(lon, lat) as [number, number];
  const layerOf = (l: LayerFeatures): DesignLayer => ({ name: l.name, features: l.features, project });
  const table = buildDesignTable({
    ...input,
    unit,
    layer: input.layer ? layerOf(input.layer) : null,
    terms: terms.value,
    datasets: new Map((input.datasets ?? []).map((d) => [d.name, d.points])),
    fieldLayers: new Map((input.fieldLayers ?? []).map((l) => [l.name, layerOf(l)])),
  });
  if (!table.ok) return table;
  const { units, warnings } = table.value;
  const cov = { value: { names: table.value.names, columns: table.value.columns } };
  const noun = `pool ${unit.kind === 'grid' ? 'cells' : unit.kind === 'hex' ? 'hexes' : unit.kind}`;
  let excluded = 0;
  for (let u = units.nTargets; u < units.nUnits; u++) excluded += units.eligible[u] ? 0 : 1;
  const nPool = units.nUnits - units.nTargets - excluded;
  const exact = input.exact ? categoriesFromPolygons(input.exact.name, input.exact, units.x, units.y) : undefined;
  onProgress?.(
    input.method === 'synthetic'
      ? `Fitting synthetic weights over ${nPool.toLocaleString('en-US')} ${noun} for ${units.nTargets} targets…`
      : `Matching ${units.nTargets} targets against ${nPool.toLocaleString('en-US')} ${noun} (${input.pairing})…`,
  );
  const report = computeMatchReport(
    {
      ids: units.ids,
      names: cov.value.names,
      columns: cov.value.columns,
      treated: units.treated,
      eligible: units.eligible,
      exact,
      predictors: { names: units.months.map((m) => `month ${m.label}`), columns: historyToColumns(units.history, units.nUnits, units.months.length) },
    },
    { method: input.method, pairing: input.pairing, ratio: input.ratio, replace: input.replace, caliper: input.caliper ?? undefined, denominator: input.denominator },
  );
  if (!report.ok) return report;
  onProgress?.('Writing the design and its balance table…');
  const r = report.value;
  const docInput = {
    name: input.name,
    created: input.created,
    crs: input.crs,
    units,
    targets: input.targets,
    report: r,
    cellSizeM: unit.kind === 'grid' || unit.kind === 'hex' ? unit.sizeM : input.cellSizeM,
    bufferM: input.bufferM,
    pre: input.pre,
    terms: terms.value,
    covariateSpec: input.covariateSpec,
    options: { ratio: input.ratio, caliper: input.caliper, replace: input.replace, minDistanceM: input.minDistanceM, seed: input.seed, exact: input.exact?.name ?? null },
    source: input.source,
    warnings,
  };
  const doc = input.method === 'synthetic' ? toSyntheticDesignDoc({ ...docInput, covariates: cov.value, denominator: input.denominator }) : toMatchedDesignDoc(docInput);
  if (!doc.ok) return doc;
  const m = r.matching;
  return ok({
    doc: doc.value,
    summary: {
      nUnits: units.nUnits,
      nTargets: units.nTargets,
      unit: formatDesignUnitSpec(unit),
      nPool,
      excluded,
      pairing: m?.pairing ?? null,
      totalDistance: m?.totalDistance ?? null,
      globalOptimum: m?.globalOptimum ?? null,
      droppedCovariates: m?.droppedCovariates ?? [],
      propensity: m?.propensity ? { converged: m.propensity.converged, iterations: m.propensity.iterations } : null,
      unmatched: r.unmatched.map((u) => ({ target: u.target, explanation: u.explanation })),
    },
  });
}
