/**
 * The units and covariate table of a place-based design, for every unit kind (unit-spec.ts):
 * grid cells and hexagons (design-units.ts) or segments, polygons and circles (design-layer-units.ts), the
 * covariate terms over the units' own incidents, other datasets of the project counted into the
 * same units, and numeric fields of polygon layers (extra-covariates.ts). One code path for
 * `spi design match SRC` and the design panel's worker (grid-match.ts).
 */
import { err, ok, type Result } from '../../base/result';
import { invalidArgument, type StatsError } from '../evaluation/stats-error';
import { buildCovariateTable, datasetsOfTerms, fieldsOfTerms, type CovariateTerm } from './covariate-spec';
import { buildLayerDesignUnits, type DesignLayer } from './design-layer-units';
import { buildDesignUnits, type DesignPoints, type DesignUnits, type DesignUnitsInput } from './design-units';
import { countDatasetIntoUnits, layerFieldValues, type DatasetCounts } from './extra-covariates';
import type { DesignUnitSpec } from './unit-spec';

export interface DesignTableInput extends Omit<DesignUnitsInput, 'cellSizeM'> {
  readonly unit: DesignUnitSpec;
  /** The layer of segment or polygon units (null for grid, hex and circles). */
  readonly layer: DesignLayer | null;
  readonly terms: readonly CovariateTerm[];
  /** Other datasets' points, keyed as the terms name them after '@'. */
  readonly datasets?: ReadonlyMap<string, DesignPoints>;
  /** Every dataset of the project, for the message naming an unknown one. */
  readonly availableDatasets?: readonly string[];
  /** Polygon layers of field terms, keyed by the LAYER the terms name. */
  readonly fieldLayers?: ReadonlyMap<string, DesignLayer>;
  /** Drop units with a missing field value (pool units leave the pool, target units the design). */
  readonly dropMissing?: boolean;
}

export interface DesignTable {
  readonly units: DesignUnits;
  readonly warnings: string[];
  readonly names: string[];
  readonly columns: Float64Array[];
  /** Per other dataset: pre-period records and those counted in a unit. */
  readonly datasetCounts: { readonly dataset: string; readonly records: number; readonly counted: number }[];
  /** Units dropped for a missing field value: targets and pool units. */
  readonly dropped: { readonly targets: number; readonly others: number };
}

/**
 * Builds the units and the covariate table. Errors: the unit errors, a dataset or field the
 * terms name that the input lacks (the project's datasets listed), missing field values without
 * `dropMissing`, every target unit dropped, the covariate errors.
 */
export function buildDesignTable(input: DesignTableInput): Result<DesignTable, StatsError> {
  const u = input.unit;
  const built =
    u.kind === 'grid' || u.kind === 'hex'
      ? buildDesignUnits({ ...input, cellSizeM: u.sizeM, cellShape: u.kind === 'hex' ? 'hex-pointy' : 'square' })
      : buildLayerDesignUnits({ ...input, spec: u, layer: input.layer });
  if (!built.ok) return built;
  const { units, warnings } = built.value;
  const datasets = new Map<string, DatasetCounts>();
  const datasetCounts: DesignTable['datasetCounts'] = [];
  for (const name of datasetsOfTerms(input.terms)) {
    const points = input.datasets?.get(name);
    if (!points) return err(invalidArgument('--covariates', `@${name}`, `a dataset of the project (datasets: ${(input.availableDatasets ?? []).join(', ') || 'none'})`));
    const counted = countDatasetIntoUnits(units, points);
    if (!counted.ok) return counted;
    datasets.set(name, counted.value);
    datasetCounts.push({ dataset: name, records: counted.value.records, counted: counted.value.counted });
    if (counted.value.records === 0) return err(invalidArgument('--covariates', `@${name}`, `a dataset with records in the pre period (${name} has none there)`));
  }
  const fields = new Map<string, Float64Array>();
  for (const f of fieldsOfTerms(input.terms)) {
    const layer = input.fieldLayers?.get(f.layer);
    if (!layer) return err(invalidArgument('--covariates', `field:${f.key}`, `a polygon layer of the project named ${f.layer}`));
    const values = layerFieldValues(units, layer, f.field);
    if (!values.ok) return values;
    fields.set(f.key, values.value);
  }
  const table = buildCovariateTable(units, input.terms, { datasets, available: input.availableDatasets, fields, missing: input.dropMissing ? 'drop' : 'error' });
  if (!table.ok) return table;
  let dt = 0;
  let dOther = 0;
  const missing = table.value.missing;
  if (missing) {
    for (let u = 0; u < units.nUnits; u++) {
      if (!missing[u]) continue;
      if (u < units.nTargets) {
        dt++;
        units.treated[u] = 0;
      } else dOther++;
      units.eligible[u] = 0;
      units.exclusion[u] = 4;
    }
    if (dt === units.nTargets) return err(invalidArgument('--drop-missing', `${dt} target unit(s)`, 'at least one target unit with a value for every field covariate'));
    warnings.push(`dropped for a missing field value: ${dt} target unit(s) and ${dOther} other unit(s)`);
  }
  return ok({ units, warnings, names: table.value.names, columns: table.value.columns, datasetCounts, dropped: { targets: dt, others: dOther } });
}
