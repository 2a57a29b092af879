import { parseArgs } from 'node:util';
import { topIndices } from '../../../shared/domain/analysis/result';
import { runRiskTerrain, type RiskFactor } from '../../../shared/domain/analysis/run-risk-terrain';
import { parseDistance } from '../../../shared/domain/link/rule';
import { CliInputError, type CliIo, type Verb } from '../io';
import { csvOutput, emitAnalysis, metadataOutput } from './analysis-output';
import { SOURCE_HELP, SOURCE_OPTIONS, checkOutExtension, checkSourceArgs, fail, loadAnalysisSource, parseNumberOption } from './analysis-source';

const HELP = `spi risk-terrain P.spiproj --factor NAME:proximity|density:DIST[:WEIGHT] ... [options]

A risk-terrain style surface: every factor (a dataset of the project: facilities, probation,
...) becomes a 0..1 layer on one grid, and the layers are added with their weights:
  score(c) = sum_f weight_f * layer_f(c)
  proximity:DIST   1 - d/DIST within DIST of the nearest factor point (linear decay), else 0
  density:DIST     quartic kernel density of the factor points with radius DIST, / its maximum
Weights are yours (default 1), not estimated. The grid covers the outcome points: the project's
incidents (or --source A, with --filter), and the run reports the share of those events in the
top 5% and 10% of cells by score with their PAI, a check of how well the factors point at them.

Options:
  --factor SPEC         NAME:proximity:300m[:2] or NAME:density:500m[:1] (m, km, ft); repeatable
  --factor-filter NAME="SQL"   keep only some points of a factor, e.g.
                        facilities="category LIKE '%SCHOOL%'"; repeatable
  --cell M              cell size in metres (default 100)
  --out FILE.csv        every cell: x, y, row, col, score, one column per factor layer

${SOURCE_HELP}
`;

const OPTIONS = { ...SOURCE_OPTIONS, factor: { type: 'string', multiple: true }, 'factor-filter': { type: 'string', multiple: true }, cell: { type: 'string' } } as const;

/** Parses NAME:proximity|density:DIST[:WEIGHT]. */
export function parseFactorSpec(text: string): { name: string; kind: 'proximity' | 'density'; distance: number; weight: number } {
  const parts = text.split(':');
  const [name, kind, dist, weight] = parts;
  const distance = dist === undefined ? null : parseDistance(dist);
  const w = weight === undefined ? 1 : Number(weight);
  if (parts.length < 3 || parts.length > 4 || !name || !/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(name) || (kind !== 'proximity' && kind !== 'density') || distance === null || !(w >= 0) || !Number.isFinite(w)) {
    throw new CliInputError(`--factor: "${text}" is not valid (expected NAME:proximity:300m[:WEIGHT] or NAME:density:500m[:WEIGHT], weight >= 0)`);
  }
  return { name, kind, distance, weight: w };
}

export const riskTerrainVerb: Verb = {
  name: 'risk-terrain',
  summary: 'risk-terrain surface: weighted proximity/density layers of partner locations (schools, probation...)',
  help: HELP,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
    const src = await checkSourceArgs(positionals, values);
    if (!src.toLowerCase().endsWith('.spiproj')) throw new CliInputError(`"${src}" is not a project: risk-terrain reads its factors from the datasets of a .spiproj`);
    const specs = (values.factor ?? []).map(parseFactorSpec);
    if (specs.length === 0) throw new CliInputError('--factor is required, e.g. --factor facilities:proximity:300m');
    const filters = new Map<string, string>();
    for (const f of values['factor-filter'] ?? []) {
      const at = f.indexOf('=');
      const name = at > 0 ? f.slice(0, at).trim() : '';
      if (!specs.some((s) => s.name === name)) throw new CliInputError(`--factor-filter: "${f}" does not start with the NAME of a --factor (NAME="SQL")`);
      filters.set(name, f.slice(at + 1).trim().replace(/^"(.*)"$/, '$1'));
    }
    const cell = values.cell === undefined ? undefined : parseNumberOption('--cell', values.cell, { min: 0, exclusive: true, what: 'a cell size in metres > 0' });
    checkOutExtension(values.out, ['.csv'], 'risk-terrain');
    const outcome = await loadAnalysisSource(src, values, { dates: 'none' }, io.cwd);
    const factors: RiskFactor[] = [];
    const notes: string[] = [];
    for (const s of specs) {
      const fv = { json: values.json, source: s.name, filter: filters.get(s.name), 'all-rows': values['all-rows'], crs: values.crs };
      await checkSourceArgs([src], fv);
      const loaded = await loadAnalysisSource(src, fv, { dates: 'none' }, io.cwd);
      if (outcome.crs && loaded.crs && loaded.crs !== outcome.crs) throw new CliInputError(`--factor ${s.name}: in ${loaded.crs}, the outcome points in ${outcome.crs}`);
      factors.push({ ...s, x: loaded.points.x, y: loaded.points.y });
      notes.push(`Factor ${s.name}: ${s.kind} ${s.distance} m, weight ${s.weight}, ${loaded.points.x.length.toLocaleString('en-US')} points${loaded.filter ? ` (filter ${loaded.filter})` : ''}.`);
    }
    const run = runRiskTerrain(factors, { cell, outcome: { x: outcome.points.x, y: outcome.points.y, weights: outcome.points.weights } });
    if (!run.ok) fail(run.error);
    const score = run.value.table.columns.find((c) => c.name === 'score')?.values as Float64Array;
    return emitAnalysis(run.value, {
      io,
      values,
      source: { ...outcome, notes: [...outcome.notes, 'These points are the outcome the surface is checked against.', ...notes] },
      outputs: values.out ? [csvOutput(values.out, run.value.table), metadataOutput(values.out, run.value, outcome)] : [],
      textRows: values.out || values.json ? null : { caption: 'Highest-scoring cells (use --out FILE.csv for every cell)', indices: topIndices(score, 10) },
    });
  },
};
