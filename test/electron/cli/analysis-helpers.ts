/**
 * Shared fixtures for the analysis verb tests: io capture, a runner that goes through `runCli`
 * (or, until a verb is registered in electron/cli/main.ts, through the same error handling),
 * and a small normalized incidents dataset made from the sample city.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Float64, Table, TimestampMillisecond, Utf8, vectorFromArray, makeVector } from 'apache-arrow';
import { messageOf } from '../../../shared/base/errors';
import { createTransform } from '../../../shared/domain/geo/crs';
import { offenseGroupOf } from '../../../shared/domain/ingest/nibrs';
import { toParquetBytes } from '../../../shared/domain/project/arrow-parquet';
import { generateSampleCity, SAMPLE_OFFENSES } from '../../../shared/domain/sample';
import { runCli, VERBS } from '../../../electron/cli/main';
import { CliInputError, EXIT_BAD_INPUT, EXIT_OK, type CliIo, type Verb } from '../../../electron/cli/io';

/** Captures what a verb prints. */
export function capture(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => void out.push(t), err: (t) => void err.push(t), cwd, debug: false };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

const LOCAL: Record<string, () => Promise<Verb>> = {
  hotspots: async () => (await import('../../../electron/cli/verbs/hotspots')).hotspotsVerb,
  moran: async () => (await import('../../../electron/cli/verbs/moran')).moranVerb,
  emerging: async () => (await import('../../../electron/cli/verbs/emerging')).emergingVerb,
  concentration: async () => (await import('../../../electron/cli/verbs/concentration')).concentrationVerb,
  knox: async () => (await import('../../../electron/cli/verbs/knox')).knoxVerb,
  clusters: async () => (await import('../../../electron/cli/verbs/clusters')).clustersVerb,
  kde: async () => (await import('../../../electron/cli/verbs/kde')).kdeVerb,
  grid: async () => (await import('../../../electron/cli/verbs/grid')).gridVerb,
};

/**
 * Runs `spi <argv>`: through runCli when the verb is registered, otherwise with runCli's own
 * contract (--help, one line per input error, exit 2), so the tests hold before and after the
 * verbs are added to VERBS.
 */
export async function spi(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (VERBS.some((v) => v.name === name)) return runCli(argv, io);
  const load = LOCAL[name ?? ''];
  if (!load) return runCli(argv, io);
  const verb = await load();
  if (rest.includes('--help')) {
    io.out(verb.help);
    return EXIT_OK;
  }
  try {
    return await verb.run(rest, io);
  } catch (e) {
    const code = e instanceof Error ? (e as Error & { code?: unknown }).code : undefined;
    if (e instanceof CliInputError || (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))) {
      io.err(`spi ${verb.name}: ${messageOf(e)}\n`);
      return EXIT_BAD_INPUT;
    }
    throw e;
  }
}

/** Runs a verb, expects exit 0 and no stderr, and returns stdout. */
export async function spiOk(argv: string[], cwd: string): Promise<string> {
  const c = capture(cwd);
  const code = await spi(argv, c.io);
  if (code !== 0 || c.err() !== '') throw new Error(`spi ${argv.join(' ')} -> exit ${code}: ${c.err()}`);
  return c.out();
}

/**
 * A normalized incidents dataset like "spi ingest" writes: `<dir>/incidents.parquet` with
 * case_id, offense_code, offense_description, offense_group, occurred_from/to, reported_at,
 * address, beat, lon, lat, x, y (EPSG:32138 metres) and quality.json naming the CRS.
 * Returns the x/y/day columns too, for independent checks.
 */
export function writeSampleDataset(dir: string, incidents = 1500): { x: Float64Array; y: Float64Array; days: Float64Array; codes: string[] } {
  mkdirSync(dir, { recursive: true });
  const city = generateSampleCity({ incidents, years: 1, seed: 7 });
  const inc = city.incidents;
  const n = inc.count;
  const x = Float64Array.from(inc.x);
  const y = Float64Array.from(inc.y);
  createTransform('EPSG:2276', 'EPSG:32138').inPlace(x, y);
  const codes = Array.from(inc.offense, (o) => SAMPLE_OFFENSES[o]?.code ?? '90Z');
  const caseIds = Array.from({ length: n }, (_, i) => `${inc.caseYear[i]}-${String(inc.caseSeq[i]).padStart(7, '0')}`);
  caseIds[0] = '=HYPERLINK("http://x")';
  caseIds[1] = '@SUM(A1)';
  const table = new Table({
    case_id: vectorFromArray(caseIds, new Utf8()),
    offense_code: vectorFromArray(codes, new Utf8()),
    offense_description: vectorFromArray(Array.from(inc.offense, (o) => SAMPLE_OFFENSES[o]?.description ?? ''), new Utf8()),
    offense_group: vectorFromArray(codes.map((c) => offenseGroupOf(c)), new Utf8()),
    occurred_from: vectorFromArray(Array.from(inc.occurredFrom), new TimestampMillisecond()),
    occurred_to: vectorFromArray(Array.from(inc.occurredTo), new TimestampMillisecond()),
    reported_at: vectorFromArray(Array.from(inc.reported), new TimestampMillisecond()),
    address: vectorFromArray(Array.from({ length: n }, (_, i) => `${100 + (i % 50) * 100} MAIN ST`), new Utf8()),
    beat: vectorFromArray(Array.from(inc.beat, (b) => `B${b}`), new Utf8()),
    lon: makeVector(Float64Array.from(inc.lon)),
    lat: makeVector(Float64Array.from(inc.lat)),
    x: vectorFromArray(Array.from(x), new Float64()),
    y: vectorFromArray(Array.from(y), new Float64()),
  });
  writeFileSync(path.join(dir, 'incidents.parquet'), toParquetBytes(table));
  writeFileSync(path.join(dir, 'quality.json'), JSON.stringify({ rows_read: n, crs: { source: 'EPSG:2276', analysis: 'EPSG:32138' } }));
  const days = Float64Array.from(inc.occurredFrom, (ms) => ms / 86_400_000);
  return { x, y, days, codes };
}

/** Parses a CSV written by --out (no quoted commas in the fixtures' numeric tables). */
export function parseCsv(text: string): { header: string[]; rows: string[][] } {
  const lines = text.trimEnd().split('\n');
  return { header: (lines[0] ?? '').split(','), rows: lines.slice(1).map((l) => l.split(',')) };
}
