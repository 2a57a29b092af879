import { buildGridUnits, type AnalysisUnits } from '../../../shared/domain/analysis/units';
import { CliInputError } from '../io';
import { checkSourceArgs, fail, loadAnalysisSource, loadCellsSource, parseUnitOption, type CellsSource, type LoadedSource, type SourceValues } from './analysis-source';

/**
 * The units of a cell-based verb (hotspots, moran): either `--cells FILE` (given units and counts,
 * so results can be compared with other tools) or grid/hex cells of `--unit` over SRC's points.
 */
export async function loadAnalysisUnits(
  positionals: readonly string[],
  values: SourceValues & { unit?: string; cells?: string },
  cwd: string,
): Promise<{ source: LoadedSource | CellsSource; units: AnalysisUnits; unitText: string }> {
  if (values.cells !== undefined) {
    if (positionals.length > 0) throw new CliInputError(`unexpected argument "${positionals[0]}" (--cells replaces SRC)`);
    for (const o of ['unit', 'filter', 'save', 'dataset'] as const) {
      if (values[o] !== undefined) throw new CliInputError(`--${o} does not apply with --cells (the units and counts are given)`);
    }
    const cells = await loadCellsSource(values.cells, cwd);
    return { source: cells, units: cells.units, unitText: 'cells' };
  }
  const src = await checkSourceArgs(positionals, values);
  const unit = parseUnitOption(values.unit);
  const loaded = await loadAnalysisSource(src, values, { dates: 'none' }, cwd);
  const built = buildGridUnits(loaded.points.x, loaded.points.y, unit, loaded.points.weights ?? undefined);
  if (!built.ok) fail(built.error);
  return { source: loaded, units: built.value, unitText: `${unit.kind}:${unit.size}` };
}
