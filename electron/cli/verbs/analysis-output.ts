import path from 'node:path';
import { formatAppError } from '../../../shared/base/errors';
import { analysisDocumentKey, nextAnalysisId, toAnalysisDocument, toAnalysisLogEntry, type AnalysisProvenance } from '../../../shared/domain/analysis/document';
import { formatCsv, tableRowsAt, tableToRows, type AnalysisRun, type JsonValue, type ResultTable } from '../../../shared/domain/analysis/result';
import { writeFileAtomic } from '../../services/atomic-write';
import { saveProjectFile } from '../../services/project-file';
import { formatTextTable } from '../format';
import { CliInputError, EXIT_OK, type CliIo } from '../io';
import { describeSource, type CellsSource, type LoadedSource, type SourceValues } from './analysis-source';

/** A file a verb writes for --out. `arg` is the path as the analyst typed it. */
export interface OutputFile {
  readonly arg: string;
  readonly bytes: Uint8Array;
  readonly what: string;
}

/** The result table as a CSV output (formula-safe text cells, see shared/domain/analysis/result.ts). */
export function csvOutput(arg: string, table: ResultTable): OutputFile {
  return { arg, bytes: new TextEncoder().encode(formatCsv(table)), what: `${table.rows.toLocaleString('en-US')} rows` };
}

/**
 * The run's metadata beside a CSV (`kde.csv` -> `kde.meta.json`): method, parameters, the
 * stated convention (formula, units, cell origin), CRS, source and summary, for outputs whose
 * CSV alone cannot say what its numbers mean.
 */
export function metadataOutput(csvArg: string, run: AnalysisRun, source: LoadedSource): OutputFile {
  const arg = csvArg.replace(/\.csv$/i, '') + '.meta.json';
  const meta = {
    method: run.method,
    verb: run.verb,
    data: csvArg,
    parameters: run.parameters,
    convention: run.convention,
    crs: source.crs,
    units: { x: 'metres', y: 'metres' },
    source: { file: source.arg, dataset: source.datasetId, dataHash: source.dataHash, filter: source.filter, used: source.points.x.length },
    summary: run.summary,
    createdAt: new Date().toISOString(),
  };
  return { arg, bytes: new TextEncoder().encode(`${JSON.stringify(meta, null, 2)}\n`), what: 'method, parameters, convention and CRS' };
}

/** What {@link emitAnalysis} needs besides the run. */
export interface EmitContext {
  readonly io: CliIo;
  readonly values: SourceValues;
  readonly source: LoadedSource | CellsSource;
  readonly outputs: readonly OutputFile[];
  /** Rows of the main table to print as text (e.g. the top 20 by z) and their caption. */
  readonly textRows: { readonly caption: string; readonly indices: ArrayLike<number>; readonly columns?: readonly string[] } | null;
  /** Method-specific content for the saved document (e.g. hull GeoJSON). */
  readonly documentExtra?: Record<string, JsonValue>;
  /** Method-specific content for --json. */
  readonly jsonExtra?: Record<string, unknown>;
}

function isLoaded(s: LoadedSource | CellsSource): s is LoadedSource {
  return 'points' in s;
}

function appVersion(): string {
  return process.env.npm_package_version ?? '0.1.0';
}

function formatValue(v: JsonValue): string {
  if (typeof v === 'number') {
    if (Number.isInteger(v)) return v.toLocaleString('en-US');
    return Math.abs(v) >= 1000 ? v.toLocaleString('en-US', { maximumFractionDigits: 2 }) : String(Number(v.toPrecision(6)));
  }
  if (v === null) return '—';
  if (typeof v === 'string' || typeof v === 'boolean') return String(v);
  return Array.isArray(v) ? v.map((x) => formatValue(x as JsonValue)).join(', ') : '';
}

function summaryLines(obj: { readonly [key: string]: JsonValue }, indent: string): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(obj)) {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) out.push(`${indent}${k}:`, ...summaryLines(v as { [key: string]: JsonValue }, `${indent}  `));
    else out.push(`${indent}${k}: ${formatValue(v)}`);
  }
  return out;
}

function wrap(text: string, indent: string, width = 100): string[] {
  const words = text.split(' ');
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && line.length + w.length + 1 > width - indent.length) {
      lines.push(indent + line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(indent + line);
  return lines;
}

function textTable(table: ResultTable, indices: ArrayLike<number>, columns?: readonly string[]): string {
  const names = columns ?? table.columns.map((c) => c.name);
  // The caption says how to get every row; the table's own footer counts the rows shown.
  return formatTextTable([...names], tableRowsAt(table, indices), indices.length);
}

async function saveIntoProject(run: AnalysisRun, ctx: EmitContext, source: LoadedSource): Promise<string> {
  const opened = source.project;
  if (!opened) throw new CliInputError(`--save: "${source.arg}" is not a project`);
  const project = opened.project;
  const createdAt = new Date().toISOString();
  const id = nextAnalysisId(run.verb, createdAt, project.documents);
  const provenance: AnalysisProvenance = {
    id,
    createdAt,
    dataHash: source.dataHash,
    dataset: { id: source.datasetId, rows: source.points.totalRows, matched: source.points.matchedRows, used: source.points.x.length, filter: source.filter },
    outputs: ctx.outputs.map((o) => o.arg),
  };
  const key = analysisDocumentKey(id);
  const updated = {
    ...project,
    documents: { ...project.documents, [key]: toAnalysisDocument(run, provenance, { extra: ctx.documentExtra }) },
    log: [...project.log, toAnalysisLogEntry(run, provenance)],
  };
  const saved = await saveProjectFile(updated, source.path, appVersion());
  if (!saved.ok) throw new CliInputError(`--save: ${formatAppError(saved.error)}`);
  return key;
}

/**
 * Writes the --out files, saves into the project with --save, then prints JSON (--json) or text
 * that states the convention, the summary, the warnings and the chosen rows.
 */
export async function emitAnalysis(run: AnalysisRun, ctx: EmitContext): Promise<number> {
  const { io, values, source } = ctx;
  for (const o of ctx.outputs) {
    const written = await writeFileAtomic(path.resolve(io.cwd, o.arg), o.bytes, { keepBackup: false });
    if (!written.ok) throw new CliInputError(`--out: ${formatAppError({ ...written.error, ...('path' in written.error ? { path: o.arg } : {}) } as typeof written.error)}`);
  }
  const savedAs = values.save && isLoaded(source) ? await saveIntoProject(run, ctx, source) : null;
  const sourceInfo = isLoaded(source)
    ? { file: source.arg, dataset: source.datasetId, crs: source.crs, dataHash: source.dataHash, rows: source.points.totalRows, matched: source.points.matchedRows, used: source.points.x.length, skipped: source.points.skipped, filter: source.filter, notes: source.notes }
    : { cells: source.arg, units: source.units.n, dataHash: source.dataHash };
  if (values.json) {
    const json = {
      verb: run.verb,
      method: run.method,
      source: sourceInfo,
      parameters: run.parameters,
      convention: run.convention,
      summary: run.summary,
      warnings: run.warnings,
      columns: run.table.columns.map((c) => c.name),
      rows: tableToRows(run.table),
      tables: Object.fromEntries(run.tables.map((t) => [t.name, tableToRows(t)])),
      ...(ctx.jsonExtra ?? {}),
      outputs: ctx.outputs.map((o) => o.arg),
      saved: savedAs ? { project: source.arg, document: savedAs } : null,
    };
    io.out(`${JSON.stringify(json, null, 2)}\n`);
    return EXIT_OK;
  }
  const lines: string[] = [run.method, ''];
  if (isLoaded(source)) lines.push(...describeSource(source).flatMap((l) => wrap(l, '')));
  else lines.push(`Source: ${source.arg} (${source.units.n.toLocaleString('en-US')} units as given).`);
  lines.push('', 'Convention:', ...run.convention.flatMap((c) => wrap(c, '  ')));
  lines.push('', 'Summary:', ...summaryLines(run.summary, '  '));
  if (run.warnings.length) lines.push('', 'Warnings:', ...run.warnings.flatMap((w) => wrap(`! ${w}`, '  ')));
  io.out(`${lines.join('\n')}\n`);
  for (const t of run.tables) io.out(`\n${t.name}:\n${textTable(t, Int32Array.from({ length: t.rows }, (_, i) => i))}`);
  if (ctx.textRows && ctx.textRows.indices.length > 0) io.out(`\n${ctx.textRows.caption}:\n${textTable(run.table, ctx.textRows.indices, ctx.textRows.columns)}`);
  const tail: string[] = [];
  for (const o of ctx.outputs) tail.push(`Wrote ${o.arg} (${o.what}).`);
  if (savedAs) tail.push(`Saved as ${savedAs} in ${source.arg}, with a log entry analysis.${run.verb}.`);
  if (tail.length) io.out(`\n${tail.join('\n')}\n`);
  return EXIT_OK;
}
