import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { generateSampleCity, generateSampleSources, toSampleFiles, toSourceFiles, type SampleOptions } from '../../../shared/domain/sample';
import { CliInputError, EXIT_OK, type CliIo, type Verb } from '../io';
import { formatAppError } from '../../../shared/base/errors';
import { writeSampleProject } from './sample-project';

const HELP = `spi sample --out DIR [--seed N] [--incidents N] [--years N] [--force] [--json]

Writes the built-in sample city (a synthetic mid-size US city in EPSG:2276, US survey feet) as
the files an agency would export: incidents.csv (an RMS export, messy on purpose),
calls_for_service.csv, arrests.csv, streets/beats/districts.geojson, ground_truth.json (the
planted intervention and the exact messiness counts), README.txt, the partner sources
field_interviews.csv, probation_parole.csv, hospital_injuries.csv, facilities.csv with
ground_truth_links.csv and ground_truth_sources.json (which call, arrest and hospital record
belongs to which case, who each person is), and sample-city.spiproj:
a project with the export loaded through the standard ingest pipeline and the boundaries as
reference layers (the project the app opens by default).
The same options always give the same bytes.

Options:
  --out DIR        folder to write (created if missing)
  --seed N         random seed (default 20240601)
  --incidents N    number of incidents (default 60000; 1000000+ works)
  --years N        years of data from 2022-01-01 (default 3)
  --force          overwrite sample files already in DIR (otherwise refuse)
  --no-project     skip sample-city.spiproj (the export loaded through "spi ingest" as a project)
  --incidents-only-project   put only the incidents in sample-city.spiproj, not the calls,
                   arrests and partner sources (the app's bundled project: half the size and
                   opening time; the source files are still written beside it). Automatic above
                   250,000 incidents.
  --json           print a JSON summary
`;

export const sampleVerb: Verb = {
  name: 'sample',
  summary: 'write the synthetic sample city (RMS export, CAD calls, arrests, boundaries)',
  help: HELP,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values } = parseArgs({
      args: argv,
      options: {
        out: { type: 'string', short: 'o' },
        seed: { type: 'string' },
        incidents: { type: 'string' },
        years: { type: 'string' },
        force: { type: 'boolean' },
        'no-project': { type: 'boolean' },
        'incidents-only-project': { type: 'boolean' },
        json: { type: 'boolean' },
      },
    });
    if (!values.out) throw new CliInputError('--out DIR is required');
    const options: SampleOptions = {};
    if (values.seed !== undefined) options.seed = parseWhole('--seed', values.seed, 0, 2 ** 32 - 1);
    if (values.incidents !== undefined) options.incidents = parseWhole('--incidents', values.incidents, 100, 20_000_000);
    if (values.years !== undefined) options.years = parseWhole('--years', values.years, 1, 10);
    const outDir = path.resolve(io.cwd, values.out);
    const existing = await stat(outDir).catch(() => null);
    if (existing && !existing.isDirectory()) throw new CliInputError(`--out: ${values.out} exists and is not a folder`);
    await mkdir(outDir, { recursive: true });

    const started = performance.now();
    const city = generateSampleCity(options);
    const files = [...toSampleFiles(city), ...toSourceFiles(city, generateSampleSources(city))];
    const present = new Set(await readdir(outDir));
    const names = [...files.map((f) => f.name), ...(values['no-project'] ? [] : ['sample-city.spiproj'])];
    const clashes = names.filter((n) => present.has(n));
    if (clashes.length > 0 && !values.force) {
      throw new CliInputError(`${values.out} already holds ${clashes.join(', ')}; use --force to overwrite or choose another --out`);
    }
    const written: { name: string; bytes: number }[] = [];
    for (const file of files) {
      written.push({ name: file.name, bytes: await writeChunks(path.join(outDir, file.name), file.chunks()) });
    }
    let project: { file: string; bytes: number; rowsLoaded: number; rowsQuarantined: number } | null = null;
    if (!values['no-project']) {
      // Above 250,000 incidents the calls alone pass a million rows: loading every source into the
      // project would exhaust the engine's memory, so large cities get an incidents-only project
      // (the source files are still written beside it) and say so.
      const large = city.options.incidents > 250_000;
      if (large && !values['incidents-only-project']) io.err(`spi sample: ${city.options.incidents.toLocaleString('en-US')} incidents: sample-city.spiproj holds the incidents only (the calls, arrests and partner files are written beside it)\n`);
      const made = await writeSampleProject(outDir, city, process.env.npm_package_version ?? '0.1.0', { sources: !values['incidents-only-project'] && !large });
      if (!made.ok) throw new Error(formatAppError(made.error));
      project = made.value;
      written.push({ name: 'sample-city.spiproj', bytes: made.value.bytes });
    }
    const seconds = (performance.now() - started) / 1000;
    const summary = { out: outDir, options: city.options, crs: city.crs, files: written, project, seconds: Number(seconds.toFixed(2)) };
    if (values.json) {
      io.out(`${JSON.stringify(summary, null, 2)}\n`);
    } else {
      io.out(`Sample city written to ${outDir} in ${seconds.toFixed(1)} s (seed ${city.options.seed}, ${city.options.incidents.toLocaleString('en-US')} incidents, ${city.options.years} years, ${city.crs})\n`);
      for (const f of written) io.out(`  ${f.name.padEnd(24)} ${formatBytes(f.bytes).padStart(10)}\n`);
      if (project) io.out(`sample-city.spiproj: the export loaded through "spi ingest": ${project.rowsLoaded.toLocaleString('en-US')} rows loaded, ${project.rowsQuarantined.toLocaleString('en-US')} quarantined (see its quality report)\n`);
    }
    return EXIT_OK;
  },
};

/** Streams text chunks to `target` through a temporary file renamed at the end: no half files. */
async function writeChunks(target: string, chunks: Iterable<string>): Promise<number> {
  const temp = `${target}.partial-${process.pid}`;
  const stream = createWriteStream(temp);
  let bytes = 0;
  try {
    for (const chunk of chunks) {
      bytes += Buffer.byteLength(chunk);
      if (!stream.write(chunk)) await once(stream, 'drain');
    }
    stream.end();
    await once(stream, 'finish');
    await rename(temp, target);
    return bytes;
  } catch (e) {
    stream.destroy();
    await rm(temp, { force: true });
    throw e;
  }
}

function parseWhole(name: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) throw new CliInputError(`${name}: "${text}" is not a whole number from ${min} to ${max}`);
  return n;
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 ** 2).toFixed(1)} MiB`;
}
