/**
 * Appending a newer RMS export to a project dataset: the export goes through the same ingest
 * pipeline with the dataset's saved column mapping (or a given one of the same kind), then is
 * deduplicated against the rows already there by case number. A case whose rows (normalized
 * fields, and the original columns both sides share with the same type) are the same in both is
 * "unchanged" (the old rows stay); one whose rows differ is "changed" (the new rows replace the
 * old); a case only in the export is "added"; a case only in the project is kept. Rows without a
 * case number are matched on those fields. Floating-point values are compared to 1e-7 degrees
 * (lon/lat) and 1e-4 otherwise, so float noise is no change. Nothing the user had is
 * lost: a mapping or dataset kind that does not fit is refused before anything changes, and the
 * log entry keeps the SHA-256 of the dataset's Parquet before and after and of the export.
 * Engine-based and pure otherwise: the host passes the engine, the export and the time.
 */
import type { AppError } from '../../base/errors';
import { formatAppError } from '../../base/errors';
import { sha256Hex } from '../../base/hash';
import { err, ok, type Result } from '../../base/result';
import type { SqlEngine } from '../../engine/sql-engine';
import { quoteIdent } from '../../engine/sql';
import { NORMALIZED_COLUMNS } from '../ingest/assemble-sql';
import { ColumnMappingSchema, type ColumnMapping } from '../ingest/mapping';
import type { IngestOptions } from '../ingest/options';
import { parseParquet } from '../ingest/parquet';
import { writeTableAsParquet } from '../ingest/parquet-write';
import { ingestSource } from '../ingest/pipeline';
import { memorySink, type IngestSource } from '../ingest/source';
import { toParquetBytes } from './arrow-parquet';
import type { LogEntry } from './manifest';
import type { Project, ProjectDataset } from './project';

/** Fields that define a case's content (everything normalized except row numbering). */
const CONTENT_COLUMNS = NORMALIZED_COLUMNS.filter((c) => c !== 'source_row' && c !== 'case_row' && c !== 'case_rows' && c !== 'case_id');

/** What an append found and did. */
export interface AppendCounts {
  /** Cases (or case-less rows) only in the export: their rows were added. */
  readonly added: number;
  /** Cases whose normalized rows differ: the export's rows replaced the project's. */
  readonly changed: number;
  /** Cases identical in both: left as they were. */
  readonly unchanged: number;
  /** Cases only in the project (older than the export's window, say): kept. */
  readonly kept: number;
  readonly rowsBefore: number;
  readonly rowsAfter: number;
  /** Rows of the export that were loaded, and quarantined by the ingest pipeline. */
  readonly exportRowsLoaded: number;
  readonly exportRowsQuarantined: number;
  /** Quarantined rows of the export that were new to the dataset's quarantine. */
  readonly quarantineAdded: number;
  /** Original (vendor) columns present in only one of the two. */
  readonly columnsOnlyInExport: readonly string[];
  readonly columnsOnlyInProject: readonly string[];
}

export interface AppendResult {
  readonly dataset: ProjectDataset;
  readonly counts: AppendCounts;
  /** SHA-256 of the dataset's Parquet before and after, and of the export file. */
  readonly hashes: { readonly before: string; readonly after: string; readonly export: string | null };
  readonly mapping: ColumnMapping;
}

export interface AppendOptions {
  /** A mapping to use instead of the dataset's saved one (its kind must be the dataset's). */
  readonly mapping?: ColumnMapping;
  /** Ingest options passed through (CRS of x/y, accept, jurisdiction, progress, cancel, ...). */
  readonly ingest?: Omit<IngestOptions, 'mapping' | 'kind' | 'table' | 'analysisCrs'>;
  /** SHA-256 of the export file when the host has it (logged). */
  readonly exportSha256?: string;
}

/**
 * Appends `source` to `dataset` (see module comment). Errors, before anything changes: the
 * dataset has no table, no saved mapping and none given, a mapping of another kind, an export
 * the mapping does not fit (the ingest error, named), a different analysis CRS, or different
 * types of the normalized columns. Working tables are dropped on every path.
 */
export async function appendToDataset(engine: SqlEngine, dataset: ProjectDataset, source: IngestSource, options: AppendOptions = {}): Promise<Result<AppendResult, AppError>> {
  const id = dataset.meta.id;
  const refuse = (expected: string, value: string): Result<never, AppError> => err({ kind: 'invalid-argument', name: `append to dataset "${id}"`, value, expected });
  if (!dataset.table) return refuse('a dataset whose table is readable (open the project without problems first)', 'no readable table');
  let mapping: ColumnMapping;
  if (options.mapping) mapping = options.mapping;
  else {
    const saved = ColumnMappingSchema.safeParse(dataset.meta.mapping);
    if (!saved.success) return refuse('a dataset with a saved column mapping, or --mapping M.json', dataset.meta.mapping === null ? 'no saved mapping' : 'an unreadable saved mapping');
    mapping = saved.data;
  }
  if (mapping.kind !== dataset.meta.kind) return refuse(`a mapping for ${dataset.meta.kind} exports (the dataset's kind)`, `a mapping for ${mapping.kind}`);
  const tag = `append_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6).toString(36)}`;
  const t = { old: `${tag}_old`, raw: `${tag}_raw`, neu: `${tag}_new`, q: `${tag}_new_quarantine`, oldq: `${tag}_oldq`, fo: `${tag}_fo`, fn: `${tag}_fn`, merged: `${tag}_merged`, mq: `${tag}_mq` };
  try {
    const analysisCrs = dataset.meta.crs.analysis ?? undefined;
    const ingested = await ingestSource(engine, source, { ...options.ingest, mapping, kind: dataset.meta.kind, table: t.raw, ...(analysisCrs ? { analysisCrs } : {}) });
    if (!ingested.ok) {
      const e = ingested.error;
      const text = e.kind === 'crs-required' ? `the CRS of the x/y columns is unknown (give it, e.g. EPSG:2276)` : formatAppError(e);
      return refuse(`an export that fits the ${options.mapping ? 'given' : 'saved'} mapping of dataset "${id}"`, `${source.fileName}: ${text}`);
    }
    const summary = ingested.value.summary;
    if (analysisCrs && summary.analysis_crs && summary.analysis_crs.code !== analysisCrs) return refuse(`an export in the dataset's analysis CRS ${analysisCrs}`, summary.analysis_crs.code);
    const ins = await engine.insertArrowTable(t.old, dataset.table);
    if (!ins.ok) return ins;
    // The export takes the same road as the stored data (Parquet, then Arrow), so equal values
    // have equal types and text forms on both sides.
    const rawSink = memorySink();
    const rawWritten = await writeTableAsParquet(engine, t.raw, rawSink);
    if (!rawWritten.ok) return rawWritten;
    const rawTable = await parseParquet(rawSink.bytes(), source.fileName);
    if (!rawTable.ok) return rawTable;
    const insNew = await engine.insertArrowTable(t.neu, rawTable.value);
    if (!insNew.ok) return insNew;
    const cols = async (table: string) => {
      const r = await engine.query(`SELECT column_name::VARCHAR AS n, column_type::VARCHAR AS t FROM (DESCRIBE ${quoteIdent(table)})`);
      return r.ok ? new Map(r.value.toArray().map((x) => [String(x.n), String(x.t)])) : null;
    };
    const oc = await cols(t.old);
    const nc = await cols(t.neu);
    if (!oc || !nc) return err({ kind: 'internal', message: 'append: cannot describe the tables' });
    for (const c of NORMALIZED_COLUMNS) {
      if (oc.has(c) !== nc.has(c)) return refuse(`the same normalized columns in the project and the export`, `column ${c} only in the ${oc.has(c) ? 'project' : 'export'}`);
    }
    if (!oc.has('case_id')) return refuse('a dataset with a case number column (case_id)', 'no case_id');
    // Two writers can give one column different numeric types (source_row INTEGER in a project
    // made by `spi sample`, DOUBLE from the ingest writer): the export takes the project's type.
    for (const c of NORMALIZED_COLUMNS) {
      if (!oc.has(c) || !nc.has(c) || oc.get(c) === nc.get(c)) continue;
      const altered = await engine.query(`ALTER TABLE ${quoteIdent(t.neu)} ALTER ${quoteIdent(c)} TYPE ${oc.get(c)}`);
      if (!altered.ok) return refuse(`column ${c} of type ${oc.get(c)} as in the project`, `${nc.get(c)} in the export, with values that do not convert`);
      nc.set(c, oc.get(c)!);
    }
    // A case's content: every normalized field but its numbering, and every other column both
    // sides have with the same type (the export's original columns, e.g. a vendor's Disposition),
    // so a change made only in a column the mapping does not read still counts as "changed".
    const excluded = new Set<string>(NORMALIZED_COLUMNS);
    const content = [...CONTENT_COLUMNS.filter((c) => oc.has(c)), ...[...oc.keys()].filter((c) => !excluded.has(c) && nc.get(c) === oc.get(c))];
    const rowFp = `md5(concat_ws(chr(31), ${content.map((c) => `coalesce(CAST(${fingerprintValue(c, oc.get(c)!)} AS VARCHAR), chr(0))`).join(', ')}))`;
    const key = `coalesce(CAST(case_id AS VARCHAR), '~row:' || ${rowFp})`;
    const q = async (sql: string) => {
      const r = await engine.query(sql);
      if (!r.ok) throw new SqlStop(r.error);
      return r.value;
    };
    await q(`CREATE TABLE ${quoteIdent(t.fo)} AS SELECT ${key} AS k, string_agg(${rowFp}, ',' ORDER BY ${rowFp}) AS f FROM ${quoteIdent(t.old)} GROUP BY 1`);
    await q(`CREATE TABLE ${quoteIdent(t.fn)} AS SELECT ${key} AS k, string_agg(${rowFp}, ',' ORDER BY ${rowFp}) AS f FROM ${quoteIdent(t.neu)} GROUP BY 1`);
    const c = (await q(
      `SELECT count(*) FILTER (WHERE o.k IS NULL)::DOUBLE AS added, count(*) FILTER (WHERE o.k IS NOT NULL AND o.f <> n.f)::DOUBLE AS changed, count(*) FILTER (WHERE o.f = n.f)::DOUBLE AS unchanged, (SELECT count(*) FROM ${quoteIdent(t.fo)} WHERE k NOT IN (SELECT k FROM ${quoteIdent(t.fn)}))::DOUBLE AS kept FROM ${quoteIdent(t.fn)} n LEFT JOIN ${quoteIdent(t.fo)} o USING (k)`,
    )).get(0)!.toJSON() as { added: number; changed: number; unchanged: number; kept: number };
    // Old rows first (minus replaced cases) in their order, then the export's new and changed cases in file order.
    await q(
      `CREATE TABLE ${quoteIdent(t.merged)} AS SELECT * EXCLUDE (__o, __part) FROM (
        SELECT *, rowid AS __o, 0 AS __part FROM ${quoteIdent(t.old)} WHERE ${key} NOT IN (SELECT n.k FROM ${quoteIdent(t.fn)} n JOIN ${quoteIdent(t.fo)} o USING (k) WHERE o.f <> n.f)
        UNION ALL BY NAME
        SELECT *, rowid AS __o, 1 AS __part FROM ${quoteIdent(t.neu)} WHERE ${key} IN (SELECT n.k FROM ${quoteIdent(t.fn)} n LEFT JOIN ${quoteIdent(t.fo)} o USING (k) WHERE o.k IS NULL OR o.f <> n.f)
      ) ORDER BY __part, __o`,
    );
    const mc = await cols(t.merged);
    for (const col of NORMALIZED_COLUMNS) {
      if (oc.has(col) && mc?.get(col) !== oc.get(col)) return refuse(`column ${col} of type ${oc.get(col)} as in the project`, `${nc.get(col)} in the export`);
    }
    const rows = (table: string) => q(`SELECT count(*)::DOUBLE AS n FROM ${quoteIdent(table)}`).then((r) => Number(r.get(0)!.n));
    const rowsBefore = dataset.table.numRows;
    const rowsAfter = await rows(t.merged);
    const sink = memorySink();
    const written = await writeTableAsParquet(engine, t.merged, sink);
    if (!written.ok) return written;
    const parquet = sink.bytes();
    const table = await parseParquet(parquet, `${id}/data.parquet`);
    if (!table.ok) return table;
    // Quarantine: keep the old one, add the export's rows not already there (same raw text, or same fields).
    let quarantine = dataset.quarantine;
    let quarantineAdded = 0;
    const qn = await rows(ingested.value.quarantineTable);
    if (qn > 0) {
      if (dataset.quarantine) {
        const qi = await engine.insertArrowTable(t.oldq, dataset.quarantine);
        if (!qi.ok) return qi;
        // A row is already there when its raw line matches or, without one (row-level problems
        // such as a bad date keep no raw line), when every shared field but its position does.
        const oq = await cols(t.oldq);
        const nq = await cols(ingested.value.quarantineTable);
        const shared = [...(nq?.keys() ?? [])].filter((k) => k !== 'source_row' && k !== 'raw_text' && oq?.has(k));
        const qKey = `coalesce(raw_text, '~fields:' || md5(concat_ws(chr(31), ${shared.length ? shared.map((k) => `coalesce(CAST(${quoteIdent(k)} AS VARCHAR), chr(0))`).join(', ') : "''"})))`;
        await q(`CREATE TABLE ${quoteIdent(t.mq)} AS SELECT * FROM ${quoteIdent(t.oldq)} UNION ALL BY NAME SELECT * FROM ${quoteIdent(ingested.value.quarantineTable)} WHERE ${qKey} NOT IN (SELECT ${qKey} FROM ${quoteIdent(t.oldq)})`);
        quarantineAdded = (await rows(t.mq)) - dataset.quarantine.numRows;
      } else {
        await q(`CREATE TABLE ${quoteIdent(t.mq)} AS SELECT * FROM ${quoteIdent(ingested.value.quarantineTable)} ORDER BY source_row`);
        quarantineAdded = qn;
      }
      // Through Parquet, as the project stores it: the Arrow table is then one the engine can take
      // back (a later append in the same session re-inserts it; a raw query result cannot be in Node).
      const qSink = memorySink();
      const qWritten = await writeTableAsParquet(engine, t.mq, qSink);
      if (!qWritten.ok) return qWritten;
      const qTable = await parseParquet(qSink.bytes(), `${id}/quarantine.parquet`);
      if (!qTable.ok) return qTable;
      quarantine = qTable.value;
    }
    const before = await sha256Hex(dataset.parquet ?? toParquetBytes(dataset.table));
    const after = await sha256Hex(parquet);
    const onlyIn = (a: Map<string, string>, b: Map<string, string>) => [...a.keys()].filter((k) => !b.has(k));
    const updated: ProjectDataset = {
      ...dataset,
      meta: { ...dataset.meta, rows: rowsAfter, source: { ...dataset.meta.source, sha256: after, bytes: parquet.length, storage: 'embedded', path: null }, mapping, hasQuarantine: quarantine !== null },
      table: table.value,
      parquet,
      quarantine,
    };
    return ok({
      dataset: updated,
      counts: {
        added: c.added,
        changed: c.changed,
        unchanged: c.unchanged,
        kept: c.kept,
        rowsBefore,
        rowsAfter,
        exportRowsLoaded: summary.rows_loaded,
        exportRowsQuarantined: summary.rows_quarantined,
        quarantineAdded,
        columnsOnlyInExport: onlyIn(nc, oc),
        columnsOnlyInProject: onlyIn(oc, nc),
      },
      hashes: { before, after, export: options.exportSha256 ?? null },
      mapping,
    });
  } catch (e) {
    if (e instanceof SqlStop) return err(e.error);
    throw e;
  } finally {
    for (const name of [...Object.values(t), `${t.raw}_quarantine`]) await engine.query(`DROP TABLE IF EXISTS ${quoteIdent(name)}`);
  }
}

/**
 * A column's value as it enters a case's fingerprint. Floating-point columns (and original text
 * columns holding numbers) are rounded
 * (lon/lat to 1e-7 degrees, about 1 cm; other doubles such as x/y in metres or feet and
 * occurred_hours to 1e-4) so the last-bit differences of a projection computed by another
 * runtime (the app's Chromium vs the CLI's Node) do not make an identical case "changed".
 */
function fingerprintValue(column: string, type: string): string {
  const c = quoteIdent(column);
  // An original text column holding a number (a raw Latitude "32.78000") compares as the number
  // to 1e-7, like the normalized lon/lat, so re-exported digits are no change.
  if (/^VARCHAR$/i.test(type) && !(NORMALIZED_COLUMNS as readonly string[]).includes(column)) return `coalesce(CAST(round(TRY_CAST(${c} AS DOUBLE), 7) AS VARCHAR), ${c})`;
  if (!/^(DOUBLE|FLOAT|REAL)$/i.test(type)) return c;
  return `round(${c}, ${column === 'lon' || column === 'lat' ? 7 : 4})`;
}

class SqlStop {
  constructor(readonly error: AppError) {}
}

/**
 * The project with dataset `datasetId` replaced by the appended one and its `dataset.append` log
 * entry (appendLogEntry). `at` and `by` are recorded as given.
 */
export function applyAppend(project: Project, result: AppendResult, exportName: string, at: string, by: string): Project {
  const id = result.dataset.meta.id;
  const entry = appendLogEntry(result, exportName, at, by);
  return { ...project, datasets: project.datasets.map((d) => (d.meta.id === id ? result.dataset : d)), log: [...project.log, entry] };
}

/**
 * The `dataset.append` log entry of an append, as the CLI and the app record it: export file
 * name, counts, mapping kind, and the data hashes (`<id>@before`, `<id>` after, and `<id>@export`
 * when known).
 */
export function appendLogEntry(result: AppendResult, exportName: string, at: string, by: string): LogEntry {
  const id = result.dataset.meta.id;
  return {
    at,
    by,
    action: 'dataset.append',
    parameters: { dataset: id, export: exportName, ...result.counts, columnsOnlyInExport: [...result.counts.columnsOnlyInExport], columnsOnlyInProject: [...result.counts.columnsOnlyInProject], mappingKind: result.mapping.kind },
    dataHashes: { [`${id}@before`]: result.hashes.before, [id]: result.hashes.after, ...(result.hashes.export ? { [`${id}@export`]: result.hashes.export } : {}) },
    note: `appended ${exportName}: ${result.counts.added} added, ${result.counts.changed} changed, ${result.counts.unchanged} unchanged, ${result.counts.kept} kept`,
  };
}
