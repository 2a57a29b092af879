/**
 * The second half of the import pipeline (pipeline.ts): coordinates, row facts, assembly,
 * accounting and the summary.
 */
import { err, ok, type Result } from '../../base/result';
import type { QueryControl, SqlEngine } from '../../engine/sql-engine';
import { quoteIdent } from '../../engine/sql';
import { chooseAnalysisCrs, type AnalysisCrsChoice } from '../geo/crs-suggest';
import { buildDeleteQuarantinedSql, buildFinalSql, buildQuarantineSql } from './assemble-sql';
import { estimateCentre, resolveCoordinates, type CoordinateInput, type CoordinateResult, type DefaultLocation } from './coordinates';
import { resolveSourceCrs, type CrsResolution } from './crs-resolve';
import { findStackedLocations, type StackedLocation } from './default-location';
import { Int32, makeData, makeVector, Table } from 'apache-arrow';
import { buildFactsTable, combineMasks, findCaseGroups, findExactDuplicates, float64Column, int32Column, numberCaseRows } from './facts';
import type { ColumnMapping } from './mapping';
import type { IngestOptions } from './options';
import { computeQualityReport } from './quality-sql';
import { computeSourceRows, type IngestError, type Rejects, type RowSource } from './raw-table';
import { acceptedMask, QUARANTINE_REASONS, REASON_BITS, type QuarantineReason } from './reasons';
import type { IngestSummary } from './summary';

export interface CoordinateStep {
  readonly coords: CoordinateResult | undefined;
  readonly dateBits: Int32Array;
  readonly hasCaseId: Uint8Array;
  readonly rows: number;
  readonly sourceCrs: CrsResolution | undefined;
  readonly analysis: AnalysisCrsChoice | undefined;
  readonly stacks: readonly StackedLocation[];
  readonly jurisdiction: 'polygon' | 'robust extent' | 'none';
}

function sample(a: Float64Array, max: number): Float64Array {
  const step = Math.max(1, Math.floor(a.length / max));
  const out = new Float64Array(Math.ceil(a.length / step));
  for (let i = 0, k = 0; i < a.length; i += step) out[k++] = a[i] as number;
  return out;
}

/** Settles the source and analysis CRS, finds default locations and runs the coordinate step. */
export async function resolveAllCoordinates(
  engine: SqlEngine,
  file: string,
  raw: RowSource,
  stage: string,
  mapping: ColumnMapping,
  options: IngestOptions,
): Promise<Result<CoordinateStep, IngestError>> {
  const fetched = await engine.query(
    `SELECT __x, __y, __lon, __lat, __coord_bad_text, __date_bits, CAST(case_id IS NOT NULL AS INTEGER) AS __has_case FROM ${quoteIdent(stage)}`,
  );
  if (!fetched.ok) return fetched;
  const t = fetched.value;
  const rows = t.numRows;
  const dateBits = int32Column(t, '__date_bits');
  const hasCaseId = Uint8Array.from(int32Column(t, '__has_case'));
  const hasXY = mapping.roles.x !== undefined && mapping.roles.y !== undefined;
  const hasLL = mapping.roles.lon !== undefined && mapping.roles.lat !== undefined;
  if (!hasXY && !hasLL) return ok({ coords: undefined, dateBits, hasCaseId, rows, sourceCrs: undefined, analysis: undefined, stacks: [], jurisdiction: 'none' });

  let x = hasXY ? float64Column(t, '__x') : undefined;
  let y = hasXY ? float64Column(t, '__y') : undefined;
  const lon = hasLL ? float64Column(t, '__lon') : undefined;
  const lat = hasLL ? float64Column(t, '__lat') : undefined;
  let sourceCrs: CrsResolution | undefined;
  if (x && y) {
    const resolved = resolveSourceCrs({
      file,
      ...(options.crs ? { given: options.crs } : {}),
      ...(mapping.crs ? { mappingCrs: mapping.crs } : {}),
      ...(raw.declaredCrs ? { declared: raw.declaredCrs } : {}),
      ...(raw.crsProblem ? { problem: raw.crsProblem } : {}),
      xs: sample(x, 5000),
      ys: sample(y, 5000),
      ...(lon && lat ? { lon: sample(lon, 5000), lat: sample(lat, 5000) } : {}),
    });
    if (!resolved.ok) return resolved;
    sourceCrs = resolved.value;
    if (sourceCrs.swapColumns) [x, y] = [y, x];
  }
  const centre = estimateCentre({ ...(x && y ? { x, y } : {}), ...(lon && lat ? { lon, lat } : {}), ...(sourceCrs ? { xyCrs: sourceCrs.code } : {}) }, rows);
  const analysis = chooseAnalysisCrs(sourceCrs?.code ?? 'EPSG:4326', centre, options.analysisCrs);

  const given = options.defaultLocations ?? [];
  const stacked = await findStackedLocations(engine, stage, { xy: hasXY, latlon: hasLL, address: mapping.roles.address !== undefined }, { given });
  if (!stacked.ok) return stacked;
  const defaults: DefaultLocation[] = stacked.value
    .filter((s) => s.verdict === 'default location')
    .map((s) => (s.pair === 'xy' && sourceCrs?.swapColumns ? { pair: s.pair, a: s.b, b: s.a } : { pair: s.pair, a: s.a, b: s.b }));

  const input: CoordinateInput = {
    ...(x && y ? { x, y } : {}),
    ...(lon && lat ? { lon, lat } : {}),
    badText: int32Column(t, '__coord_bad_text'),
    ...(sourceCrs ? { xyCrs: sourceCrs.code } : {}),
    analysisCrs: analysis.code,
    ...(options.jurisdiction ? { jurisdiction: options.jurisdiction } : {}),
    defaults,
  };
  const coords = options.runCoordinates ? await options.runCoordinates(input, rows) : resolveCoordinates(input, rows);
  return ok({ coords, dateBits, hasCaseId, rows, sourceCrs, analysis, stacks: stacked.value, jurisdiction: options.jurisdiction?.length ? 'polygon' : 'robust extent' });
}

export interface FinishInput {
  readonly rows: RowSource;
  readonly rejects: Rejects;
  readonly work: { stage: string; facts: string; cand: string; final: string; quarantine: string };
  readonly originals: readonly { source: string; out: string }[];
  readonly mapping: ColumnMapping;
  readonly coords: CoordinateStep;
  readonly options: IngestOptions;
  readonly table: string;
  readonly inferred: boolean;
  /** The source file's name, for the summary. */
  readonly file: string;
  /** Progress and cancellation of the statement that writes the dataset (the longest here). */
  readonly control?: QueryControl;
}

/** Row facts, the two output tables, the accounting check and the summary. */
export async function finishImport(engine: SqlEngine, f: FinishInput): Promise<Result<IngestSummary, IngestError>> {
  const { rows: src, rejects, work, originals, mapping, coords: step, options, table } = f;
  const rows = step.rows;
  const hasCase = mapping.roles.case_id !== undefined;
  const groups = hasCase ? await findCaseGroups(engine, work.stage) : ok({ rid: new Int32Array(0), group: new Int32Array(0) });
  if (!groups.ok) return groups;
  if (hasCase) {
    const cand = await engine.insertArrowTable(work.cand, new Table({ rid: makeVector(makeData({ type: new Int32(), length: groups.value.rid.length, data: groups.value.rid })) }));
    if (!cand.ok) return cand;
  }
  const dups = await findExactDuplicates(engine, work.stage, originals.map((o) => o.out), hasCase ? { table: work.cand } : 'all');
  if (!dups.ok) return dups;
  const geometryColumn = src.format !== 'csv' ? originals.find((o) => o.source === 'geometry_error')?.out : undefined;
  let geometryBad: Uint8Array | undefined;
  if (geometryColumn) {
    const g = await engine.query(`SELECT CAST(${quoteIdent(geometryColumn)} IS NOT NULL AS INTEGER) AS g FROM ${quoteIdent(work.stage)}`);
    if (!g.ok) return g;
    geometryBad = Uint8Array.from(int32Column(g.value, 'g'));
  }
  const coords: CoordinateResult = step.coords ?? emptyCoordinates(rows);
  const mask = combineMasks(step.dateBits, geometryBad, dups.value, coords);
  const accepted = acceptedMask(options.accept ?? []);
  const quarantined = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) quarantined[i] = ((mask[i] as number) & ~accepted) !== 0 ? 1 : 0;
  const { caseRow, caseRows } = numberCaseRows(rows, quarantined, step.hasCaseId, groups.value);
  const sourceRow = computeSourceRows(rows, src.rowOffset, rejects.rows, src.sourceRows);
  const facts = buildFactsTable({ sourceRow, mask, quarantined, notes: coords.notes, caseRow, caseRows, coords });
  const inserted = await engine.insertArrowTable(work.facts, facts);
  if (!inserted.ok) return inserted;

  const quarantineTable = `${table}_quarantine`;
  const assemble = {
    stage: work.stage,
    facts: work.facts,
    final: work.final,
    quarantine: work.quarantine,
    ...(rejects.table ? { rejects: rejects.table } : {}),
    originals,
    mapping,
    accepted,
    ...(geometryColumn ? { geometryErrorColumn: geometryColumn } : {}),
  };
  for (const [sql, control] of [[buildQuarantineSql(assemble)], [buildFinalSql(assemble), f.control], [buildDeleteQuarantinedSql(work.final, work.facts)]] as const) {
    const r = await engine.query(sql, control);
    if (!r.ok) return r;
  }

  const counted = await engine.query(
    `SELECT (SELECT count(*) FROM ${quoteIdent(work.final)})::DOUBLE AS loaded, (SELECT count(*) FROM ${quoteIdent(work.quarantine)})::DOUBLE AS quarantined`,
  );
  const byReason = await engine.query(`SELECT reason, count(*)::DOUBLE AS n FROM ${quoteIdent(work.quarantine)} GROUP BY 1`);
  const described = await engine.query(`SELECT column_name::VARCHAR AS name, column_type::VARCHAR AS type FROM (DESCRIBE ${quoteIdent(work.final)})`);
  if (!counted.ok) return counted;
  if (!byReason.ok) return byReason;
  if (!described.ok) return described;
  const loaded = Number(counted.value.getChild('loaded')?.get(0) ?? 0);
  const quarantinedRows = Number(counted.value.getChild('quarantined')?.get(0) ?? 0);
  const rowsRead = rows + rejects.count;
  if (loaded + quarantinedRows !== rowsRead) {
    return err({ kind: 'internal', message: `row accounting failed for ${f.file}: read ${rowsRead}, loaded ${loaded}, quarantined ${quarantinedRows}` });
  }
  const quarantinedByReason: Partial<Record<QuarantineReason, number>> = {};
  for (const r of byReason.value.toArray()) {
    const j = r.toJSON() as { reason: QuarantineReason; n: number };
    quarantinedByReason[j.reason] = j.n;
  }
  const acceptedRows: Partial<Record<QuarantineReason, number>> = {};
  for (const reason of options.accept ?? []) {
    if (reason === 'malformed row') continue;
    let n = 0;
    for (let i = 0; i < rows; i++) if (!quarantined[i] && ((mask[i] as number) & REASON_BITS[reason]) !== 0) n++;
    acceptedRows[reason] = n;
  }

  const quality = await computeQualityReport(engine, {
    stage: work.stage,
    facts: work.facts,
    final: work.final,
    coords: step.coords,
    stacks: step.stacks,
    xyCrs: step.sourceCrs?.code,
    primaryPair: mapping.roles.x !== undefined ? 'xy' : mapping.roles.lat !== undefined ? 'latlon' : undefined,
    jurisdiction: step.jurisdiction,
    codesInferred: f.inferred,
    exactDuplicates: dups.value.length,
    hasDates: ['occurred_from', 'occurred_date', 'year', 'reported_at', 'reported_date'].some((r) => mapping.roles[r as keyof typeof mapping.roles] !== undefined),
    warnings: [
      ...(step.coords === undefined ? ['no coordinate columns are mapped: the dataset cannot be mapped'] : []),
      ...(step.sourceCrs?.swapColumns ? ['the X and Y columns hold latitude and longitude the other way round: they were swapped'] : []),
    ],
  });
  if (!quality.ok) return quality;
  // Only now replace any earlier import of the same name, in one transaction.
  const q = quoteIdent;
  const swap = await engine.query(
    `BEGIN TRANSACTION; DROP TABLE IF EXISTS ${q(table)}; DROP TABLE IF EXISTS ${q(quarantineTable)}; ` +
      `ALTER TABLE ${q(work.final)} RENAME TO ${q(table)}; ALTER TABLE ${q(work.quarantine)} RENAME TO ${q(quarantineTable)}; COMMIT`,
  );
  if (!swap.ok) {
    await engine.query('ROLLBACK');
    return swap;
  }
  const originalOf = new Map(originals.map((o) => [o.out, o.source]));
  return ok({
    file: f.file,
    format: src.format,
    encoding: src.encoding ?? null,
    delimiter: src.delimiter ?? null,
    kind: mapping.kind,
    table,
    quarantine_table: quarantineTable,
    rows_read: rowsRead,
    rows_loaded: loaded,
    rows_quarantined: quarantinedRows,
    quarantined_by_reason: quarantinedByReason,
    accepted_reasons: [...(options.accept ?? [])].sort((a, b) => QUARANTINE_REASONS.indexOf(a) - QUARANTINE_REASONS.indexOf(b)),
    accepted_rows_by_reason: acceptedRows,
    mapping,
    mapping_source: options.mapping ? 'given' : 'detected',
    source_crs: step.sourceCrs ? { code: step.sourceCrs.code, name: step.sourceCrs.name, how: step.sourceCrs.how } : mapping.roles.lat ? { code: 'EPSG:4326', name: 'WGS 84 (longitude/latitude)', how: 'latitude/longitude columns' } : null,
    analysis_crs: step.analysis ? { code: step.analysis.code, name: step.analysis.name, reason: step.analysis.reason } : null,
    row_numbering: src.rowNumbering,
    columns: described.value.toArray().map((r) => {
      const j = r.toJSON() as { name: string; type: string };
      return { name: j.name, type: j.type, original: originalOf.get(j.name) ?? null };
    }),
    quality: quality.value,
  });
}

function emptyCoordinates(rows: number): CoordinateResult {
  const nan = () => new Float64Array(rows).fill(Number.NaN);
  return { lon: nan(), lat: nan(), x: nan(), y: nan(), reasons: new Uint16Array(rows), notes: new Uint8Array(rows), counts: { swappedLatLon: 0, swappedXY: 0, fromLatLon: 0, pairsDisagree: 0 } };
}
