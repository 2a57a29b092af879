import { parseArgs } from 'node:util';
import { topIndices } from '../../../shared/domain/analysis/result';
import { runDualKde } from '../../../shared/domain/analysis/run-dual-kde';
import { CliInputError, type CliIo, type Verb } from '../io';
import { csvOutput, emitAnalysis, metadataOutput } from './analysis-output';
import { SOURCE_HELP, SOURCE_OPTIONS, checkOutExtension, checkSourceArgs, fail, loadAnalysisSource, parseNumberOption } from './analysis-source';

const HELP = `spi dual-kde SRC --divide-by B [--mode ratio|difference] [--radius M] [--cell M] [options]

Dual kernel density: the density of A (SRC, or --source A of a project) and of B (--divide-by) on
the same cells with the same kernel and radius, combined cell by cell:
  ratio (default)   A(c) / B(c), e.g. shootings per call for service nearby
  difference        A(c) - B(c) in events per km^2 (--normalize: A(c)/total A - B(c)/total B)
Zero denominators: a ratio is computed only where B(c) reaches a floor; other cells are left
empty (blank in CSV, null in JSON; counted as cellsWithoutRatio), never Infinity. Default floor:
the density ONE B event gives at half the radius, so each ratio rests on about one B event
nearby; --min-denominator D sets it (same unit as the densities).
Kernels and default radius as "spi kde" (quartic, the ArcGIS rule computed on A).

Options:
  --divide-by B         project SRC: dataset(s) of the project (same syntax as --source, e.g.
                        calls or calls=1,arrests=0.5); file SRC: another file
  --filter-by "SQL"     a filter for B (--filter applies to A only)
  --mode M              ratio (default) or difference
  --normalize           difference of shares instead of densities
  --min-denominator D   ratio: smallest B density for a ratio
  --radius M, --cell M, --kernel quartic|gaussian, --per km2|mi2   as spi kde
  --out FILE.csv        every cell: x, y, row, col, density_a, density_b, ratio|difference

${SOURCE_HELP}
`;

const OPTIONS = {
  ...SOURCE_OPTIONS,
  'divide-by': { type: 'string' },
  'filter-by': { type: 'string' },
  mode: { type: 'string' },
  normalize: { type: 'boolean' },
  'min-denominator': { type: 'string' },
  radius: { type: 'string' },
  cell: { type: 'string' },
  kernel: { type: 'string' },
  per: { type: 'string' },
} as const;

export const dualKdeVerb: Verb = {
  name: 'dual-kde',
  summary: 'dual kernel density: ratio or difference of two sources (e.g. shootings per call)',
  help: HELP,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
    const src = await checkSourceArgs(positionals, values);
    if (values['divide-by'] === undefined) throw new CliInputError('--divide-by is required: the denominator source (a dataset of the project, or a file)');
    const mode = (values.mode ?? 'ratio').toLowerCase();
    if (mode !== 'ratio' && mode !== 'difference') throw new CliInputError(`--mode: "${values.mode}" is not valid (expected ratio or difference)`);
    const radius = values.radius === undefined ? undefined : parseNumberOption('--radius', values.radius, { min: 0, exclusive: true, what: 'a radius in metres > 0' });
    const cell = values.cell === undefined ? undefined : parseNumberOption('--cell', values.cell, { min: 0, exclusive: true, what: 'a cell size in metres > 0' });
    const minDenominator = values['min-denominator'] === undefined ? undefined : parseNumberOption('--min-denominator', values['min-denominator'], { min: 0, what: 'a density >= 0' });
    const kernel = (values.kernel ?? 'quartic').toLowerCase();
    if (kernel !== 'quartic' && kernel !== 'gaussian') throw new CliInputError(`--kernel: "${values.kernel}" is not valid (expected quartic or gaussian)`);
    const per = (values.per ?? 'km2').toLowerCase();
    if (per !== 'km2' && per !== 'mi2') throw new CliInputError(`--per: "${values.per}" is not valid (expected km2 or mi2)`);
    checkOutExtension(values.out, ['.csv'], 'dual-kde');
    const isProject = src.toLowerCase().endsWith('.spiproj');
    const byValues = { ...values, filter: values['filter-by'], save: false, dataset: undefined, source: isProject ? values['divide-by'] : undefined, 'source-weights': undefined };
    const bSrc = isProject ? src : values['divide-by'];
    await checkSourceArgs([bSrc], byValues);
    const a = await loadAnalysisSource(src, values, { dates: 'none' }, io.cwd);
    const b = await loadAnalysisSource(bSrc, byValues, { dates: 'none' }, io.cwd);
    if (a.crs && b.crs && a.crs !== b.crs) throw new CliInputError(`--divide-by: ${b.datasetId} is in ${b.crs} and ${a.datasetId} in ${a.crs}: both need one CRS`);
    const run = runDualKde(
      { name: a.datasetId, x: a.points.x, y: a.points.y, weights: a.points.weights ?? undefined },
      { name: b.datasetId, x: b.points.x, y: b.points.y, weights: b.points.weights ?? undefined },
      { mode, radius, cell, kernel, areaUnit: per, minDenominator, normalize: values.normalize ?? false },
    );
    if (!run.ok) fail(run.error);
    const v = run.value.table.columns.find((c) => c.name === mode)?.values as Float64Array;
    return emitAnalysis(run.value, {
      io,
      values,
      source: { ...a, notes: [...a.notes, `Denominator B: ${b.arg}${isProject ? `, dataset ${b.datasetId}` : ''}: ${b.points.x.length.toLocaleString('en-US')} points${b.filter ? ` (filter ${b.filter})` : ''}.`, ...b.notes] },
      outputs: values.out ? [csvOutput(values.out, run.value.table), metadataOutput(values.out, run.value, a)] : [],
      textRows: values.out || values.json ? null : { caption: `Highest ${mode} cells (use --out FILE.csv for every cell)`, indices: topIndices(v, 10, (i) => Number.isFinite(v[i] as number)) },
    });
  },
};
