import { messageOf } from '../../shared/base/errors';
import { CliInputError, EXIT_BAD_INPUT, EXIT_OK, type CliIo, type Verb } from './io';
import { describeFileSystemError } from './fs-errors';
import { describeParseArgsError, isParseArgsError } from './option-errors';

/**
 * Every public verb, in the order `spi --help` lists them. Modules load on demand so `--help`
 * and a bad verb answer at once, and one verb's dependencies never slow another.
 */
export const VERBS: readonly { name: string; summary: string; load: () => Promise<Verb> }[] = [
  { name: 'sample', summary: 'write the synthetic sample city (RMS export, CAD calls, arrests, boundaries)', load: async () => (await import('./verbs/sample')).sampleVerb },
  { name: 'ingest', summary: 'load an RMS/CAD export: normalized Parquet, quality report, quarantine', load: async () => (await import('./verbs/ingest')).ingestVerb },
  { name: 'project', summary: 'create, inspect, verify and unpack .spiproj project files', load: async () => (await import('./verbs/project')).projectVerb },
  { name: 'hotspots', summary: 'Getis-Ord Gi* hot spots on grid or hexagon cells (or given cells)', load: async () => (await import('./verbs/hotspots')).hotspotsVerb },
  { name: 'moran', summary: "global and local Moran's I (LISA) on grid or hexagon cells", load: async () => (await import('./verbs/moran')).moranVerb },
  { name: 'emerging', summary: 'emerging hot spots: Gi* per week or month and a Mann-Kendall trend per cell', load: async () => (await import('./verbs/emerging')).emergingVerb },
  { name: 'concentration', summary: 'crime concentration: P% of places holding M% of crime, Gini, generalized Gini, PAI', load: async () => (await import('./verbs/concentration')).concentrationVerb },
  { name: 'knox', summary: 'Knox near-repeat test: observed/expected pairs per space and time band, Monte Carlo p', load: async () => (await import('./verbs/knox')).knoxVerb },
  { name: 'clusters', summary: 'DBSCAN clusters with hulls and the Clark-Evans nearest neighbour index', load: async () => (await import('./verbs/clusters')).clustersVerb },
  { name: 'repeats', summary: 'repeat and near-repeat locations: places ranked by incidents, share at repeat places', load: async () => (await import('./verbs/repeats')).repeatsVerb },
  { name: 'kde', summary: 'kernel density surface (quartic or gaussian) in incidents per km^2, as CSV', load: async () => (await import('./verbs/kde')).kdeVerb },
  { name: 'grid', summary: 'incident counts in every square or hexagon cell, empty cells included', load: async () => (await import('./verbs/grid')).gridVerb },
  { name: 'choropleth', summary: 'incident counts and rates (per km^2 or per population) by polygon: beats, districts, any layer', load: async () => (await import('./verbs/choropleth')).choroplethVerb },
  { name: 'design', summary: 'evaluation designs: match comparisons (balance table), randomize, power; create/show saved designs', load: async () => (await import('./verbs/design')).designVerb },
  { name: 'evaluate', summary: 'did it work: WDD, WDQ, RES and a monthly DiD for a saved design', load: async () => (await import('./verbs/evaluate')).evaluateVerb },
  { name: 'export', summary: 'briefing maps (PDF/PNG) and patrol target lists (PDF, CSV, XLSX, GeoJSON, KML, GPX)', load: async () => (await import('./verbs/export')).exportVerb },
  { name: 'stats', summary: 'WDD, WDQ, RES, SMD and power from counts typed on the command line', load: async () => (await import('./verbs/stats')).statsVerb },
  { name: 'link', summary: 'link records of two sources by case number, person id or place and time, with a review list', load: async () => (await import('./verbs/link')).linkVerb },
  { name: 'dual-kde', summary: 'dual kernel density: ratio or difference of two sources (e.g. shootings per call)', load: async () => (await import('./verbs/dual-kde')).dualKdeVerb },
  { name: 'risk-terrain', summary: 'risk-terrain surface: weighted proximity/density layers of partner locations', load: async () => (await import('./verbs/risk-terrain')).riskTerrainVerb },
  { name: 'people', summary: 'repeat people: persons ranked by arrests, field contacts or victimizations (masked by default)', load: async () => (await import('./verbs/people')).peopleVerb },
  { name: 'compstat', summary: 'CompStat: this period vs the previous one or last year, by offense group, beat or district', load: async () => (await import('./verbs/compstat')).compstatVerb },
  { name: 'sql', summary: 'load CSV/Parquet files as tables and run SQL on them', load: async () => (await import('./verbs/sql')).sqlVerb },
];

const HELP = `spi — SPI Workbench on the command line (offline; the same engine and code as the app)

Usage: spi <verb> [options]     spi <verb> --help for a verb's options

Verbs:
${VERBS.map((v) => `  ${v.name.padEnd(14)} ${v.summary}`).join('\n')}

Every verb prints readable text, or JSON with --json. Errors go to stderr as one line that
names the bad file, value or SQL; exit codes: 0 done, 1 a check failed, 2 bad input.
Add --debug to see a stack trace with an error.
`;

/**
 * Runs the CLI with `argv` (without node and script) and returns the exit code. Never throws:
 * input errors print one line to stderr (exit 2); unexpected errors too, plus a stack trace with
 * --debug.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const debug = argv.includes('--debug');
  const args = argv.filter((a) => a !== '--debug');
  const ioWithDebug = { ...io, debug };
  const [verbName, ...rest] = args;
  if (verbName === undefined || verbName === '--help' || verbName === '-h' || verbName === 'help') {
    io.out(HELP);
    return verbName === undefined ? EXIT_BAD_INPUT : EXIT_OK;
  }
  if (verbName === '--version') {
    io.out(`${process.env.npm_package_version ?? '0.1.0'}\n`);
    return EXIT_OK;
  }
  const entry = VERBS.find((v) => v.name === verbName);
  if (!entry) {
    io.err(`spi: unknown verb "${verbName}" (known: ${VERBS.map((v) => v.name).join(', ')}; see spi --help)\n`);
    return EXIT_BAD_INPUT;
  }
  const verb = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(verb.help);
    return EXIT_OK;
  }
  try {
    return await verb.run(rest, ioWithDebug);
  } catch (e) {
    if (isParseArgsError(e)) {
      // An unknown option or a missing value: one line with the option the verb has that is
      // closest (node's own text is several lines about positionals), exit 2.
      io.err(`spi ${verb.name}: ${describeParseArgsError(verb.name, verb.help, e)}\n`);
      if (debug) io.err(`${e.stack}\n`);
      return EXIT_BAD_INPUT;
    }
    const fsError = await describeFileSystemError(e);
    if (fsError) {
      // A file operation a verb did not expect to fail (a read-only or missing folder): name the
      // file and say why in plain words instead of "unexpected error".
      io.err(`spi ${verb.name}: ${fsError}\n`);
      if (debug && e instanceof Error) io.err(`${e.stack}\n`);
      return EXIT_BAD_INPUT;
    }
    if (e instanceof CliInputError) {
      io.err(`spi ${verb.name}: ${messageOf(e)}\n`);
      if (debug && e instanceof Error) io.err(`${e.stack}\n`);
      return EXIT_BAD_INPUT;
    }
    io.err(`spi ${verb.name}: unexpected error: ${messageOf(e)}${debug ? '' : ' (run again with --debug for details)'}\n`);
    if (debug && e instanceof Error) io.err(`${e.stack}\n`);
    return EXIT_BAD_INPUT;
  }
}

/** The real process's stdout/stderr. */
export function processIo(): CliIo {
  return {
    out: (t) => void process.stdout.write(t),
    err: (t) => void process.stderr.write(t),
    cwd: process.cwd(),
    debug: false,
  };
}
