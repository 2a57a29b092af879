import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, rmdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatAppError } from '../../../shared/base/errors';
import { getCrsDefinition } from '../../../shared/domain/geo/crs';
import { validateAnalysisCrs } from '../../../shared/domain/geo/crs-suggest';
import { formatCrsRequired } from '../../../shared/domain/ingest/crs-resolve';
import { parseJurisdiction } from '../../../shared/domain/ingest/jurisdiction';
import { DATASET_KINDS, parseColumnMapping, type DatasetKind } from '../../../shared/domain/ingest/mapping';
import { parseOffenseDictionary } from '../../../shared/domain/ingest/offense-dictionary';
import { DEFAULT_MAX_FILE_BYTES, type IngestOptions } from '../../../shared/domain/ingest/options';
import { ingestSource } from '../../../shared/domain/ingest/pipeline';
import { previewSource } from '../../../shared/domain/ingest/preview';
import type { IngestError } from '../../../shared/domain/ingest/raw-table';
import { parseReason, QUARANTINE_REASONS, type QuarantineReason } from '../../../shared/domain/ingest/reasons';
import type { IngestSource } from '../../../shared/domain/ingest/source';
import { formatSummaryText } from '../../../shared/domain/ingest/summary';
import { openNodeEngine } from '../../services/duckdb-node';
import { folderWriteProblem, writeFailureReason } from '../fs-errors';
import { CliInputError, EXIT_BAD_INPUT, EXIT_OK, type CliIo, type Verb } from '../io';
import { OutputWriteError, sensitiveOfImport, writeIngestOutputs, type IngestOutputs } from './ingest-outputs';

export { writeAtomically, writeIngestOutputs } from './ingest-outputs';

const HELP = `spi ingest FILE --out DIR [options]      spi ingest --print-mapping FILE [--kind K]

Loads one RMS/CAD export (CSV/TSV/pipe/semicolon text in UTF-8, UTF-8 with BOM or Windows-1252;
Excel .xlsx; GeoJSON points; a zipped shapefile of points; Parquet) with the same code as the app,
and writes to DIR:
  <table>.parquet   the normalized dataset: source_row, case_id, case_row, case_rows,
                    offense_code, offense_code_source, offense_description, offense_group,
                    ucr_part1, occurred_from, occurred_to, reported_at, occurred_hours, address,
                    beat, district, lon, lat (WGS 84), x, y (analysis CRS, metres), geo_status,
                    then every original column under its own name ("<name>_original" when it
                    clashes with one of those, e.g. Beat -> Beat_original)
  quality.json      the data quality report (geocoding hit rate with the 85% rule, dates and
                    gaps, duplicate case numbers, default locations, occurred windows, offenses)
  quarantine.csv    rows set aside: source_row, reason, reasons, detail, raw_text, original
                    columns (cells that would start a spreadsheet formula get a leading ')
  mapping.json      the column mapping used (give it back with --mapping)
  sensitive.json    columns that identify people (names, DOB, phone, SSN/DL, victim/suspect/
                    witness details, juvenile flags, narratives), detected from names and values:
                    {columns, detected}; "spi project create" records them, "spi sql" masks them
Every row read is loaded or quarantined: rows_read = rows_loaded + rows_quarantined.

Options:
  --out DIR             folder to write (created if missing)
  --kind K              incidents (default), calls, arrests, field-interviews, probation, partner
  --mapping M.json      column mapping to use instead of the detected one
  --print-mapping       print the detected mapping (and CRS guess) as JSON without loading
  --crs EPSG:NNNN       CRS of the X/Y columns (default: .prj, GeoJSON, or guessed from values)
  --analysis-crs EPSG:NNNN  metric CRS for distances (default: the source zone in metres, else
                        the UTM zone of the data)
  --accept REASON,...   load rows with these problems anyway (e.g. missing-coordinates)
  --jurisdiction F.geojson  boundary polygons (WGS 84); default: the data's robust extent
  --default-location A,B    a coordinate that stands for "unknown" (X,Y or lon,lat); repeatable
  --dictionary D.json   offense dictionary (default resources/dictionaries/nibrs.json)
  --table NAME          name of the dataset (default: from the file name)
  --sheet NAME|N        Excel sheet (default: the first)
  --delimiter C         force , tab | or ; (default: sniffed)
  --max-bytes N         refuse larger files (default ${DEFAULT_MAX_FILE_BYTES})
  --sensitive A,B       mark these columns sensitive besides the detected ones
  --not-sensitive A,B   do not mark these columns (detection is a suggestion)
  --progress            report progress on stderr
  --json                print the summary as JSON

Reasons: ${QUARANTINE_REASONS.join(', ')}.
Exit 0 when loaded (quarantined rows are not an error), 2 on bad input.
`;

/** A file on disk as an ingest source: the engine reads the path itself; JS reads only the head. */
export async function nodeFileSource(file: string): Promise<IngestSource> {
  const info = await stat(file);
  const handle = await open(file, 'r');
  let head: Uint8Array;
  try {
    const buffer = new Uint8Array(65536);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    head = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  return {
    fileName: path.basename(file),
    size: info.size,
    head,
    enginePath: file,
    readAll: async () => new Uint8Array(await readFile(file)),
    chunks: async function* () {
      for await (const chunk of createReadStream(file, { highWaterMark: 4 << 20 })) yield new Uint8Array(chunk as Buffer);
    },
  };
}

function formatIngestError(e: IngestError): string {
  return e.kind === 'crs-required' ? formatCrsRequired(e) : formatAppError(e);
}

function parseKind(value: string | undefined): DatasetKind | undefined {
  if (value === undefined) return undefined;
  if (!(DATASET_KINDS as readonly string[]).includes(value)) throw new CliInputError(`--kind: "${value}" is not a dataset kind (${DATASET_KINDS.join(', ')})`);
  return value as DatasetKind;
}

function parseCrsOption(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const def = getCrsDefinition(value);
  if (!def) throw new CliInputError(`${name}: unknown CRS "${value}" (not in the bundled EPSG table of US State Plane, UTM, Web Mercator and WGS 84 systems)`);
  return def.code;
}

async function readOptionFile(name: string, file: string, cwd: string): Promise<{ text: string; abs: string }> {
  const abs = path.resolve(cwd, file);
  const text = await readFile(abs, 'utf8').catch(() => {
    throw new CliInputError(`${name}: cannot read ${file}`);
  });
  return { text, abs };
}

/**
 * Makes the --out folder (and missing parents). Returns the top-most folder it created (to remove
 * if nothing could be written), or null when the folder existed. A folder that cannot be made is
 * a CliInputError naming it: `--out: cannot create the folder DIR: the disk is read-only`.
 */
async function makeOutFolder(outDir: string, shown: string): Promise<string | null> {
  try {
    return (await mkdir(outDir, { recursive: true })) ?? null;
  } catch (e) {
    throw new CliInputError(`--out: cannot create the folder ${shown}: ${(await writeFailureReason(outDir, e)) ?? String(e)}`);
  }
}

/** Removes the empty folders from `outDir` up to `made` (the top-most one this run created). */
async function removeMadeFolders(outDir: string, made: string): Promise<void> {
  for (let d = outDir; ; d = path.dirname(d)) {
    await rmdir(d).catch(() => undefined);
    if (d === made || path.dirname(d) === d) return;
  }
}

export const ingestVerb: Verb = {
  name: 'ingest',
  summary: 'load an RMS/CAD export: normalized Parquet, quality report, quarantine',
  help: HELP,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string', short: 'o' },
        kind: { type: 'string' },
        mapping: { type: 'string' },
        'print-mapping': { type: 'boolean' },
        crs: { type: 'string' },
        'analysis-crs': { type: 'string' },
        accept: { type: 'string', multiple: true },
        jurisdiction: { type: 'string' },
        'default-location': { type: 'string', multiple: true },
        dictionary: { type: 'string' },
        table: { type: 'string' },
        sheet: { type: 'string' },
        delimiter: { type: 'string' },
        'max-bytes': { type: 'string' },
        progress: { type: 'boolean' },
        json: { type: 'boolean' },
        sensitive: { type: 'string', multiple: true },
        'not-sensitive': { type: 'string', multiple: true },
      },
    });
    if (positionals.length !== 1) throw new CliInputError(positionals.length === 0 ? 'name one FILE to ingest' : `name one FILE (got ${positionals.length})`);
    const fileArg = positionals[0] as string;
    const abs = path.resolve(io.cwd, fileArg);
    const info = await stat(abs).catch(() => null);
    if (!info) throw new CliInputError(`${fileArg}: file not found`);
    if (!info.isFile()) throw new CliInputError(`${fileArg}: not a file`);
    const kind = parseKind(values.kind);
    const delimiter = values.delimiter === undefined ? undefined : values.delimiter === 'tab' || values.delimiter === '\\t' ? '\t' : values.delimiter;
    if (delimiter !== undefined && ![',', '\t', '|', ';'].includes(delimiter)) throw new CliInputError(`--delimiter: "${values.delimiter}" is not one of , tab | ;`);
    const maxBytes = values['max-bytes'] === undefined ? DEFAULT_MAX_FILE_BYTES : Number(values['max-bytes']);
    if (!Number.isInteger(maxBytes) || maxBytes <= 0) throw new CliInputError(`--max-bytes: "${values['max-bytes']}" is not a positive whole number`);
    const sheet = values.sheet === undefined ? undefined : /^\d+$/.test(values.sheet) ? Number(values.sheet) : values.sheet;
    const source = await nodeFileSource(abs);

    if (values['print-mapping']) {
      const preview = await previewSource(source, { ...(kind ? { kind } : {}), ...(delimiter ? { delimiter: delimiter as ',' } : {}), ...(sheet !== undefined ? { sheet } : {}), maxBytes });
      if (!preview.ok) {
        io.err(`spi ingest: ${formatIngestError(preview.error)}\n`);
        return EXIT_BAD_INPUT;
      }
      const p = preview.value;
      io.out(`${JSON.stringify({ file: p.file, format: p.format, encoding: p.encoding ?? null, delimiter: p.delimiter ?? null, columns: p.columns, mapping: p.detected.mapping, evidence: p.detected.evidence, crs_guess: p.crsGuess ?? null, declared_crs: p.declaredCrs ?? null, crs_problem: p.crsProblem ?? null }, null, 2)}\n`);
      return EXIT_OK;
    }

    if (!values.out) throw new CliInputError('--out DIR is required (or --print-mapping)');
    const crs = parseCrsOption('--crs', values.crs);
    const analysisCrs = parseCrsOption('--analysis-crs', values['analysis-crs']);
    if (analysisCrs) {
      const problem = validateAnalysisCrs(analysisCrs);
      if (problem) throw new CliInputError(`--analysis-crs: ${problem}`);
    }
    const accept: QuarantineReason[] = [];
    for (const item of (values.accept ?? []).flatMap((a) => a.split(','))) {
      if (item.trim() === '') continue;
      const reason = parseReason(item);
      if (!reason) throw new CliInputError(`--accept: "${item}" is not a quarantine reason (${QUARANTINE_REASONS.join(', ')})`);
      if (reason === 'malformed row') throw new CliInputError('--accept: malformed rows cannot be loaded (the parser could not split them into columns)');
      accept.push(reason);
    }
    const options: IngestOptions & { mapping?: IngestOptions['mapping'] } = {
      ...(kind ? { kind } : {}),
      ...(crs ? { crs } : {}),
      ...(analysisCrs ? { analysisCrs } : {}),
      ...(accept.length ? { accept } : {}),
      ...(values.table ? { table: values.table } : {}),
      ...(sheet !== undefined ? { sheet } : {}),
      ...(delimiter ? { delimiter: delimiter as ',' } : {}),
      maxBytes,
      ...(values.progress ? { onProgress: (p) => io.err(`[${Math.floor(p.fraction * 100)}%] ${p.message}\n`) } : {}),
    };
    let mapping = undefined;
    if (values.mapping) {
      const { text, abs: mappingAbs } = await readOptionFile('--mapping', values.mapping, io.cwd);
      const parsed = parseColumnMapping(text, mappingAbs);
      if (!parsed.ok) throw new CliInputError(formatAppError(parsed.error));
      mapping = parsed.value;
    }
    let jurisdiction = undefined;
    if (values.jurisdiction) {
      const { text, abs: jAbs } = await readOptionFile('--jurisdiction', values.jurisdiction, io.cwd);
      const parsed = parseJurisdiction(text, jAbs);
      if (!parsed.ok) throw new CliInputError(formatAppError(parsed.error));
      jurisdiction = parsed.value;
    }
    let dictionary = undefined;
    if (values.dictionary) {
      const { text, abs: dAbs } = await readOptionFile('--dictionary', values.dictionary, io.cwd);
      const parsed = parseOffenseDictionary(text, dAbs);
      if (!parsed.ok) throw new CliInputError(formatAppError(parsed.error));
      dictionary = parsed.value;
    }
    const defaultLocations = (values['default-location'] ?? []).flatMap((text) => {
      const parts = text.split(',').map((s) => Number(s.trim()));
      if (parts.length !== 2 || !parts.every(Number.isFinite)) throw new CliInputError(`--default-location: "${text}" is not two numbers "A,B"`);
      const [a, b] = parts as [number, number];
      return [
        { pair: 'xy' as const, a, b },
        { pair: 'latlon' as const, a, b },
      ];
    });

    const outDir = path.resolve(io.cwd, values.out);
    const existing = await stat(outDir).catch(() => null);
    if (existing && !existing.isDirectory()) throw new CliInputError(`--out: ${values.out} exists and is not a folder`);
    // The folder is made only once the import succeeded, so a refused import leaves nothing; a
    // folder that cannot be written is reported now, before the import's work.
    const blocked = await folderWriteProblem(outDir);
    if (blocked) throw new CliInputError(`--out: cannot write into ${values.out}: ${blocked}`);

    const engine = await openNodeEngine();
    try {
      const result = await ingestSource(engine, source, {
        ...options,
        ...(mapping ? { mapping } : {}),
        ...(jurisdiction ? { jurisdiction } : {}),
        ...(dictionary ? { dictionary } : {}),
        ...(defaultLocations.length ? { defaultLocations } : {}),
      });
      if (!result.ok) {
        io.err(`spi ingest: ${formatIngestError(result.error)}\n`);
        return EXIT_BAD_INPUT;
      }
      const { table, summary } = result.value;
      const sensitive = await sensitiveOfImport(engine, table, summary.mapping.roles, values.sensitive, values['not-sensitive']);
      if (values.progress) io.err('writing outputs\n');
      const made = await makeOutFolder(outDir, values.out);
      let outputs: IngestOutputs;
      const loaded = summary.rows_loaded;
      const onRows = values.progress ? (rows: number) => io.err(`writing ${table}.parquet: ${rows.toLocaleString('en-US')} of ${loaded.toLocaleString('en-US')} rows\n`) : undefined;
      try {
        outputs = await writeIngestOutputs(engine, result.value, sensitive, outDir, table, undefined, onRows);
      } catch (e) {
        if (!(e instanceof OutputWriteError)) throw e;
        // A folder this run made and could not fill is removed again (rmdir: only if empty).
        if (made) await removeMadeFolders(outDir, made);
        io.err(`spi ingest: ${e.message}; the previous version (if any) is left as it was\n`);
        return EXIT_BAD_INPUT;
      }
      if (values.json) io.out(`${JSON.stringify({ ...summary, sensitive: sensitive.columns, sensitive_detected: sensitive.detected, outputs }, null, 2)}\n`);
      else io.out(`${formatSummaryText(summary)}${sensitive.columns.length ? `Sensitive (masked by spi sql, left out of exports): ${sensitive.columns.join(', ')}\n` : ''}Wrote ${Object.values(outputs).map((p) => path.relative(io.cwd, p) || p).join(', ')}\n`);
      return EXIT_OK;
    } finally {
      await engine.close();
    }
  },
};

