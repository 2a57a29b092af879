import { parseArgs } from 'node:util';
import { topIndices } from '../../../shared/domain/analysis/result';
import { runGridCounts } from '../../../shared/domain/analysis/run-grid';
import { buildGridUnits } from '../../../shared/domain/analysis/units';
import { CliInputError, type CliIo, type Verb } from '../io';
import { csvOutput, emitAnalysis, metadataOutput } from './analysis-output';
import { SOURCE_HELP, SOURCE_OPTIONS, checkOutExtension, checkSourceArgs, fail, loadAnalysisSource, parseNumberOption } from './analysis-source';

const HELP = `spi grid SRC --cell M [--shape square|hex] --out cells.csv [options]

Counts incidents in every cell of a square or hexagonal grid, EMPTY CELLS INCLUDED (zero-crime
units count in every later analysis).
Cells: --shape square (default): squares of side M metres, edges at multiples of M from the CRS
origin, each cell [x0, x0+M) x [y0, y0+M) (a point on a shared edge goes east/north);
--shape hex: pointy-top hexagons M metres across flats (centre to centre), centres on a lattice
through the CRS origin, rows in offset "odd-r" layout (odd rows shifted east by half a cell),
points to the nearest centre. The grid covers the incidents' bounding box.
Columns: id (= row * cols + col), x, y (cell centre, analysis CRS, metres), row (0 = south),
col (0 = west), for hexagons q, r (axial coordinates: r = row, q = col - (row - (row & 1)) / 2),
and count. These conventions are repeated in the output: "convention" in --json, and with
--out cells.csv a cells.meta.json beside it.

Options:
  --cell M              cell size in metres (side, or width across flats)
  --shape square|hex    cell shape (default square)
  --out FILE.csv        every cell, plus FILE.meta.json

${SOURCE_HELP}
`;

const OPTIONS = { ...SOURCE_OPTIONS, cell: { type: 'string' }, shape: { type: 'string' } } as const;

export const gridVerb: Verb = {
  name: 'grid',
  summary: 'incident counts in every square or hexagon cell, empty cells included',
  help: HELP,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
    const src = await checkSourceArgs(positionals, values);
    if (values.cell === undefined) throw new CliInputError('--cell is required: the cell size in metres, e.g. --cell 250');
    const cell = parseNumberOption('--cell', values.cell, { min: 0, exclusive: true, what: 'a cell size in metres > 0' });
    const shape = (values.shape ?? 'square').toLowerCase();
    if (shape !== 'square' && shape !== 'hex') throw new CliInputError(`--shape: "${values.shape}" is not valid (expected square or hex)`);
    checkOutExtension(values.out, ['.csv'], 'grid');
    const loaded = await loadAnalysisSource(src, values, { dates: 'none' }, io.cwd);
    const unit = { kind: shape === 'square' ? 'grid' : 'hex', size: cell } as const;
    const built = buildGridUnits(loaded.points.x, loaded.points.y, unit, loaded.points.weights ?? undefined);
    if (!built.ok) fail(built.error);
    const run = runGridCounts(built.value, { unit: `${unit.kind}:${cell}`, crs: loaded.crs });
    if (!run.ok) fail(run.error);
    return emitAnalysis(run.value, {
      io,
      values,
      source: loaded,
      outputs: values.out ? [csvOutput(values.out, run.value.table), metadataOutput(values.out, run.value, loaded)] : [],
      textRows: values.out || values.json ? null : { caption: 'Cells with the most incidents (use --out cells.csv for every cell)', indices: topIndices(built.value.counts, 10) },
    });
  },
};
