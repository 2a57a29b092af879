import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { formatAppError, type AppError } from '../../../shared/base/errors';
import { sha256Hex } from '../../../shared/base/hash';
import { queryGivenUnits } from '../../../shared/domain/analysis/cells';
import { crsStatement } from '../../../shared/domain/analysis/conventions';
import { queryAnalysisPoints, checkFilterPredicate, type AnalysisPoints, type PointRequest } from '../../../shared/domain/analysis/points';
import type { AnalysisUnits } from '../../../shared/domain/analysis/units';
import { parseUnitSpec, parseWeightsSpec, type UnitSpec, type WeightsSpec } from '../../../shared/domain/stats/hotspots';
import { createTransform, getCrsDefinition } from '../../../shared/domain/geo/crs';
import { toParquetBytes } from '../../../shared/domain/project/arrow-parquet';
import type { OpenedProject } from '../../../shared/domain/project/read-project';
import type { Table } from 'apache-arrow';
import { loadTableFromSource } from '../../../shared/engine/load-table';
import { openNodeEngine } from '../../services/duckdb-node';
import { openProjectFile } from '../../services/project-file';
import { CliInputError } from '../io';
import { combineSourcePoints, parseSourceSpec } from '../../../shared/domain/sources/combine';

/** Options every analysis verb accepts (node:util parseArgs descriptors). */
export const SOURCE_OPTIONS = {
  json: { type: 'boolean' },
  out: { type: 'string' },
  save: { type: 'boolean' },
  filter: { type: 'string' },
  dataset: { type: 'string' },
  'date-column': { type: 'string' },
  'weight-column': { type: 'string' },
  crs: { type: 'string' },
  'all-rows': { type: 'boolean' },
  source: { type: 'string' },
  'source-weights': { type: 'string' },
} as const;

/** The parsed values of {@link SOURCE_OPTIONS}. */
export interface SourceValues {
  json?: boolean;
  out?: string;
  save?: boolean;
  filter?: string;
  dataset?: string;
  'date-column'?: string;
  'weight-column'?: string;
  crs?: string;
  'all-rows'?: boolean;
  source?: string;
  'source-weights'?: string;
}

/** The help text shared by every analysis verb. */
export const SOURCE_HELP = `SRC is one of:
  P.spiproj         a project: its first "incidents" dataset, or --dataset ID
  NAME.parquet      a normalized dataset written by "spi ingest" (x, y in metres; the CRS is read
                    from quality.json beside it)
  FILE.csv          any CSV with x and y columns in a projected CRS in metres (and a date column
                    occurred_from, date or day for time-based methods: dates, timestamps, or day
                    numbers)
Common options:
  --filter "SQL"    keep rows matching a SQL predicate on the dataset's columns, e.g.
                    "offense_group = 'Burglary' AND occurred_from >= DATE '2024-01-01'";
                    read-only (run inside one SELECT; ";" is refused)
  --dataset ID      which dataset of a project
  --source A[=w],B[=w]  (project SRC) one or more datasets of the project by id (incidents,
                    calls, arrests, field-interviews, probation, hospital, facilities, ...),
                    combined: each point counts its source's weight (default 1), e.g. a harm
                    index --source incidents=1,calls=0.25; --filter applies to every source
  --source-weights A=w,...  weights for the --source datasets (instead of NAME=w there)
  --date-column C   the date column (default: occurred_from, date or day, the first present)
  --weight-column C count each incident this much (a numeric column >= 0)
  --crs EPSG:N      the CRS of x/y when the source does not record it (feet are converted to
                    the metric twin of the zone)
  --all-rows        count every row; by default an incident exported on several rows (one per
                    offense: case_row 2, 3, ... in "spi ingest" output) counts once
  --json            print everything as JSON (all rows) instead of text
  --out FILE.csv    write the result table as CSV (text cells never start a formula)
  --save            (project SRC only) keep the analysis in the project: a document
                    analyses/<id> and an entry in the project's log
Rows without coordinates (or without a date, for time-based methods) are left out and counted.`;

/** A loaded point source: the points, where they came from and how to save into it. */
export interface LoadedSource {
  readonly arg: string;
  readonly path: string;
  readonly kind: 'project' | 'table';
  readonly datasetId: string;
  readonly crs: string | null;
  readonly dataHash: string;
  readonly points: AnalysisPoints;
  readonly filter: string | null;
  readonly project: OpenedProject | null;
  /** A note on a unit conversion (feet to metres), if any. */
  readonly notes: readonly string[];
}

/** Throws the AppError as a one-line CLI input error (exit 2). */
export function fail(e: AppError): never {
  throw new CliInputError(formatAppError(e));
}

/** Checks SRC, --save and --filter before the engine starts, so a typo fails at once. */
export async function checkSourceArgs(positionals: readonly string[], values: SourceValues): Promise<string> {
  const src = positionals[0];
  if (src === undefined) throw new CliInputError('name the SRC: a .spiproj, a .parquet dataset or a CSV with x,y columns');
  if (positionals.length > 1) throw new CliInputError(`unexpected argument "${positionals[1]}"`);
  if (values.save && !src.toLowerCase().endsWith('.spiproj')) throw new CliInputError(`--save: "${src}" is not a project (--save needs a .spiproj SRC)`);
  if (values.filter !== undefined) {
    const f = checkFilterPredicate(values.filter);
    if (!f.ok) fail(f.error);
  }
  if (values.crs !== undefined && !getCrsDefinition(values.crs)) throw new CliInputError(`--crs: "${values.crs}" is not a known CRS (e.g. EPSG:32138)`);
  if (values['source-weights'] !== undefined && values.source === undefined) throw new CliInputError('--source-weights needs --source NAME,NAME2');
  if (values.source !== undefined) {
    if (!src.toLowerCase().endsWith('.spiproj')) throw new CliInputError(`--source: "${src}" is not a project (--source names datasets of a .spiproj SRC)`);
    if (values.dataset !== undefined) throw new CliInputError('--source and --dataset: give one of them (--source NAME picks datasets too)');
    const spec = parseSourceSpec(values.source, values['source-weights']);
    if (!spec.ok) fail(spec.error);
  }
  return src;
}

async function fileBytes(arg: string, abs: string): Promise<Uint8Array> {
  const info = await stat(abs).catch(() => null);
  if (!info) throw new CliInputError(`${arg}: file not found`);
  if (!info.isFile()) throw new CliInputError(`${arg}: not a file`);
  return new Uint8Array(await readFile(abs));
}

/**
 * The analysis CRS recorded beside an ingested Parquet: quality.json's `crs.analysis` (what
 * "spi project create" reads) or an ingest summary's `analysis_crs.code`; null when neither.
 */
async function crsBesideParquet(abs: string): Promise<string | null> {
  try {
    const q = JSON.parse(await readFile(path.join(path.dirname(abs), 'quality.json'), 'utf8')) as { crs?: { analysis?: unknown }; analysis_crs?: { code?: unknown } };
    if (typeof q.crs?.analysis === 'string') return q.crs.analysis;
    return typeof q.analysis_crs?.code === 'string' ? q.analysis_crs.code : null;
  } catch {
    return null;
  }
}

/**
 * Coordinates in feet are converted in place to the zone's metric twin; degrees are refused
 * (distances need a projected CRS). Returns the CRS the coordinates are now in, and a note.
 */
function toMetres(points: AnalysisPoints, crs: string | null): { crs: string | null; note: string | null } {
  const def = crs ? getCrsDefinition(crs) : undefined;
  if (!crs || !def) return { crs, note: null };
  if (def.units === 'degree') throw new CliInputError(`x/y are in ${def.code} (degrees): analyses need projected coordinates in metres (use the x/y of "spi ingest")`);
  if (def.units === 'metre') return { crs: def.code, note: null };
  if (!def.metricTwin) throw new CliInputError(`x/y are in ${def.code} (${def.units}): no metric twin of this CRS is known; convert x/y to metres first`);
  createTransform(def.code, def.metricTwin).inPlace(points.x, points.y);
  return { crs: def.metricTwin, note: `x/y converted from ${def.code} (${def.units}) to ${def.metricTwin} (metres).` };
}

/**
 * Loads SRC into the Node engine (a project's dataset through Arrow, Parquet through the app's
 * own reader, CSV through read_csv), applies --filter and reads the point columns. The engine
 * is closed before returning: the points are plain typed arrays.
 */
export async function loadAnalysisSource(src: string, values: SourceValues, request: Pick<PointRequest, 'dates' | 'idColumn'>, cwd: string): Promise<LoadedSource> {
  if (values.source !== undefined) return loadCombinedSource(src, values, request, cwd);
  const abs = path.resolve(cwd, src);
  const bytes = await fileBytes(src, abs);
  const isProject = src.toLowerCase().endsWith('.spiproj');
  let opened: OpenedProject | null = null;
  let datasetId = path.basename(src).replace(/\.[^.]+$/, '');
  let crs: string | null = null;
  let dataHash = await sha256Hex(bytes);
  let table: Table | null = null;
  if (isProject) {
    // The project is opened (and the dataset chosen) before the engine: a wrong --dataset fails at once.
    const o = await openProjectFile(abs);
    if (!o.ok) fail(o.error.kind === 'file-format' ? { ...o.error, path: src } : o.error);
    opened = o.value;
    if (values.save && opened.readOnly) {
      throw new CliInputError(`--save: ${src} opened read-only (${opened.problems[0]?.part ?? 'newer format'}: ${opened.problems[0]?.reason ?? 'written by a newer version'}); nothing saved`);
    }
    const datasets = opened.project.datasets;
    const d = values.dataset ? datasets.find((x) => x.meta.id === values.dataset) : (datasets.find((x) => x.meta.kind === 'incidents') ?? datasets[0]);
    if (!d) {
      throw new CliInputError(values.dataset ? `--dataset: "${values.dataset}" is not in ${src} (datasets: ${datasets.map((x) => x.meta.id).join(', ') || 'none'})` : `${src}: the project has no dataset`);
    }
    if (!d.table) throw new CliInputError(`${src}: dataset "${d.meta.id}" has no readable table (${d.meta.source.storage === 'reference' ? `stored by reference at ${d.meta.source.path}` : 'damaged'})`);
    datasetId = d.meta.id;
    crs = d.meta.crs.analysis ?? opened.project.info.analysisCrs;
    dataHash = d.meta.source.sha256 ?? (await sha256Hex(toParquetBytes(d.table)));
    table = d.table;
  } else if (values.dataset !== undefined) {
    throw new CliInputError(`--dataset: "${values.dataset}" applies to a .spiproj SRC only`);
  }
  const engine = await openNodeEngine();
  try {
    if (table) {
      const inserted = await engine.insertArrowTable('t', table);
      if (!inserted.ok) fail(inserted.error);
    } else {
      const loaded = await loadTableFromSource(engine, { fileName: src, head: bytes.subarray(0, 65536), sqlSource: abs, readAll: async () => bytes }, 't');
      if (!loaded.ok) fail(loaded.error);
      if (bytes[0] === 0x50 && bytes[1] === 0x41 && bytes[2] === 0x52 && bytes[3] === 0x31) crs = await crsBesideParquet(abs);
    }
    if (values.crs) crs = values.crs;
    const points = await queryAnalysisPoints(
      engine,
      't',
      { ...request, dateColumn: values['date-column'], weightColumn: values['weight-column'], filter: values.filter, onePerCase: !values['all-rows'] },
      src,
    );
    if (!points.ok) fail(points.error);
    const metric = toMetres(points.value, crs);
    return {
      arg: src,
      path: abs,
      kind: isProject ? 'project' : 'table',
      datasetId,
      crs: metric.crs,
      dataHash,
      points: points.value,
      filter: values.filter?.trim() ?? null,
      project: opened,
      notes: metric.note ? [metric.note] : [],
    };
  } finally {
    await engine.close();
  }
}

/** Given units (`--cells FILE`) with the hash of the file. */
export interface CellsSource {
  readonly arg: string;
  readonly units: AnalysisUnits;
  readonly dataHash: string;
}

/** Loads a --cells CSV (or Parquet) of id,x,y,count or id,row,col,count. */
export async function loadCellsSource(file: string, cwd: string): Promise<CellsSource> {
  const abs = path.resolve(cwd, file);
  const bytes = await fileBytes(file, abs);
  const engine = await openNodeEngine();
  try {
    const loaded = await loadTableFromSource(engine, { fileName: file, head: bytes.subarray(0, 65536), sqlSource: abs, readAll: async () => bytes }, 'cells');
    if (!loaded.ok) fail(loaded.error);
    const units = await queryGivenUnits(engine, 'cells', file);
    if (!units.ok) fail(units.error);
    return { arg: file, units: units.value, dataHash: await sha256Hex(bytes) };
  } finally {
    await engine.close();
  }
}

/** One line describing the rows used, for the text header. */
export function describeSource(s: LoadedSource): string[] {
  const p = s.points;
  const parts = [`${p.totalRows.toLocaleString('en-US')} rows`];
  if (s.filter) parts.push(`--filter kept ${p.matchedRows.toLocaleString('en-US')}`);
  const skipped = [
    p.skipped.noCoordinates ? `${p.skipped.noCoordinates.toLocaleString('en-US')} without coordinates` : '',
    p.skipped.noDate ? `${p.skipped.noDate.toLocaleString('en-US')} without a usable date` : '',
    p.skipped.badWeight ? `${p.skipped.badWeight.toLocaleString('en-US')} with a missing or negative weight` : '',
    p.skipped.extraCaseRows ? `${p.skipped.extraCaseRows.toLocaleString('en-US')} further rows of multi-row cases, each case counted once (--all-rows counts them)` : '',
  ].filter(Boolean);
  parts.push(`${p.x.length.toLocaleString('en-US')} used${skipped.length ? ` (left out: ${skipped.join(', ')})` : ''}`);
  const where = s.kind === 'project' ? `${s.arg}, dataset ${s.datasetId}` : s.arg;
  const extra = [p.columns.date ? `dates from ${p.columns.date.name}` : '', p.columns.weight ? `weights from ${p.columns.weight}` : ''].filter(Boolean);
  return [`Source: ${where}: ${parts.join('; ')}${extra.length ? `; ${extra.join(', ')}` : ''}.`, crsStatement(s.crs), ...s.notes];
}

/**
 * A number option: finite, >= `min` (or > `min` with `exclusive`), whole with `integer`. The
 * error names the option, the text and what was expected.
 */
export function parseNumberOption(name: string, text: string, rule: { min: number; exclusive?: boolean; integer?: boolean; what: string }): number {
  const v = Number(text.trim());
  const bad = text.trim() === '' || !Number.isFinite(v) || (rule.integer && !Number.isInteger(v)) || (rule.exclusive ? v <= rule.min : v < rule.min);
  if (bad) throw new CliInputError(`${name}: "${text}" is not valid (expected ${rule.what})`);
  return v;
}

/** Band edges "0,100,200" (the last may be "inf"): numbers, checked further by the statistic. */
export function parseEdgesOption(name: string, text: string): number[] {
  return text.split(',').map((t) => {
    const s = t.trim().toLowerCase();
    if (s === 'inf' || s === 'infinity') return Number.POSITIVE_INFINITY;
    const v = Number(s);
    if (s === '' || !Number.isFinite(v)) throw new CliInputError(`${name}: "${text}" is not valid (expected comma-separated numbers, e.g. 0,100,200,inf)`);
    return v;
  });
}

/** --unit grid:<m>|hex:<m>. */
export function parseUnitOption(text: string | undefined): UnitSpec {
  if (text === undefined) throw new CliInputError('--unit is required: grid:<metres> or hex:<metres>, e.g. --unit grid:250');
  const r = parseUnitSpec(text);
  if (!r.ok) fail(r.error);
  return r.value;
}

/** --weights band:<m>|knn:<k>|queen|rook|hex, with a default when the verb has one. */
export function parseWeightsOption(text: string | undefined, fallback?: WeightsSpec): WeightsSpec {
  if (text === undefined) {
    if (fallback) return fallback;
    throw new CliInputError('--weights is required: band:<metres>, knn:<k>, queen, rook or hex');
  }
  const r = parseWeightsSpec(text);
  if (!r.ok) fail(r.error);
  return r.value;
}

/** Checks --out's extension against what the verb writes. */
export function checkOutExtension(out: string | undefined, allowed: readonly string[], verb: string): string | null {
  if (out === undefined) return null;
  const ext = path.extname(out).toLowerCase();
  if (!allowed.includes(ext)) {
    const tif = ext === '.tif' || ext === '.tiff' ? 'GeoTIFF output is not available yet; ' : '';
    throw new CliInputError(`--out: "${out}" is not a supported output (${tif}spi ${verb} writes ${allowed.join(' or ')}; --json prints to stdout)`);
  }
  return ext;
}

/**
 * --source A[=w],B[=w] on a project SRC: reads each named dataset's points (same --filter,
 * dates and weight column), converts each to metres, checks they share one CRS, and combines
 * them with their weights (sources/combine.ts). The hash covers every dataset used.
 */
async function loadCombinedSource(src: string, values: SourceValues, request: Pick<PointRequest, 'dates' | 'idColumn'>, cwd: string): Promise<LoadedSource> {
  const spec = parseSourceSpec(values.source as string, values['source-weights']);
  if (!spec.ok) fail(spec.error);
  const abs = path.resolve(cwd, src);
  await fileBytes(src, abs);
  const o = await openProjectFile(abs);
  if (!o.ok) fail(o.error.kind === 'file-format' ? { ...o.error, path: src } : o.error);
  const opened = o.value;
  if (values.save && opened.readOnly) throw new CliInputError(`--save: ${src} opened read-only; nothing saved`);
  const datasets = opened.project.datasets;
  const parts: { points: AnalysisPoints; weight: number }[] = [];
  const hashes: string[] = [];
  const notes: string[] = [];
  let crs: string | null = null;
  const engine = await openNodeEngine();
  try {
    for (const [k, s] of spec.value.entries()) {
      const d = datasets.find((x) => x.meta.id === s.name) ?? (datasets.filter((x) => x.meta.kind === s.name).length === 1 ? datasets.find((x) => x.meta.kind === s.name) : undefined);
      if (!d) throw new CliInputError(`--source: "${s.name}" is not a dataset of ${src} (datasets: ${datasets.map((x) => x.meta.id).join(', ') || 'none'})`);
      if (!d.table) throw new CliInputError(`--source: dataset "${d.meta.id}" of ${src} has no readable table`);
      const table = `src_${k}`;
      const inserted = await engine.insertArrowTable(table, d.table);
      if (!inserted.ok) fail(inserted.error);
      const points = await queryAnalysisPoints(
        engine,
        table,
        { ...request, dateColumn: values['date-column'], weightColumn: values['weight-column'], filter: values.filter, onePerCase: !values['all-rows'] },
        `${src} dataset ${d.meta.id}`,
      );
      if (!points.ok) fail(points.error);
      const metric = toMetres(points.value, values.crs ?? d.meta.crs.analysis ?? opened.project.info.analysisCrs);
      if (crs !== null && metric.crs !== crs) throw new CliInputError(`--source: dataset "${d.meta.id}" is in ${metric.crs ?? 'an unknown CRS'}, the others in ${crs}: combined sources need one CRS`);
      crs = metric.crs;
      if (metric.note) notes.push(`${d.meta.id}: ${metric.note}`);
      parts.push({ points: points.value, weight: s.weight });
      hashes.push(d.meta.source.sha256 ?? (await sha256Hex(d.parquet ?? toParquetBytes(d.table))));
      notes.push(`Source ${d.meta.id} (${d.meta.kind}): ${points.value.x.length.toLocaleString('en-US')} points, weight ${s.weight}.`);
    }
  } finally {
    await engine.close();
  }
  const combined = combineSourcePoints(parts);
  if (parts.length > 1 || spec.value[0]?.weight !== 1) notes.push('Each point counts its source weight (times its --weight-column value, if any); results are in weighted counts.');
  return {
    arg: src,
    path: abs,
    kind: 'project',
    datasetId: spec.value.map((s) => (s.weight === 1 ? s.name : `${s.name}=${s.weight}`)).join('+'),
    crs,
    dataHash: hashes.length === 1 ? (hashes[0] as string) : await sha256Hex(new TextEncoder().encode(hashes.join('\n'))),
    points: combined,
    filter: values.filter?.trim() ?? null,
    project: opened,
    notes,
  };
}
