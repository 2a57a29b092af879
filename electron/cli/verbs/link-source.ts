import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { sha256Hex } from '../../../shared/base/hash';
import { ingestSource } from '../../../shared/domain/ingest/pipeline';
import { DATASET_KINDS, type DatasetKind } from '../../../shared/domain/ingest/mapping';
import { toParquetBytes } from '../../../shared/domain/project/arrow-parquet';
import type { OpenedProject } from '../../../shared/domain/project/read-project';
import type { SqlEngine } from '../../../shared/engine/sql-engine';
import { loadTableFromSource } from '../../../shared/engine/load-table';
import { openProjectFile } from '../../services/project-file';
import { CliInputError } from '../io';
import { fail } from './analysis-source';
import { nodeFileSource } from './ingest';

/** A source loaded into the engine as a normalized table. */
export interface SourceTable {
  readonly arg: string;
  readonly table: string;
  readonly dataHash: string;
  readonly kind: DatasetKind | 'other';
  readonly analysisCrs: string | null;
  /** How it was read, for the text output ("project dataset", "ingested as calls", ...). */
  readonly how: string;
}

/** The dataset kind a file name suggests (calls_for_service.csv -> calls), else incidents. */
export function kindFromFileName(name: string): DatasetKind {
  const n = name.toLowerCase();
  if (/call|cad|cfs|dispatch/.test(n)) return 'calls';
  if (/arrest|booking/.test(n)) return 'arrests';
  if (/interview|field|contact|stop/.test(n)) return 'field-interviews';
  if (/probation|parole|supervis/.test(n)) return 'probation';
  if (/hospital|trauma|injur|\bed\b|emergency/.test(n)) return 'hospital';
  if (/facilit|school|park|liquor/.test(n)) return 'facilities';
  return 'incidents';
}

/** Checks a --kind value. */
export function parseKindOption(name: string, text: string | undefined): DatasetKind | undefined {
  if (text === undefined) return undefined;
  if (!(DATASET_KINDS as readonly string[]).includes(text)) throw new CliInputError(`${name}: "${text}" is not a dataset kind (${DATASET_KINDS.join(', ')})`);
  return text as DatasetKind;
}

/** Opens --project P.spiproj (read-write check when saving). */
export async function openProjectOption(arg: string, cwd: string, saving: boolean): Promise<{ opened: OpenedProject; path: string }> {
  const abs = path.resolve(cwd, arg);
  const o = await openProjectFile(abs);
  if (!o.ok) fail(o.error.kind === 'file-format' ? { ...o.error, path: arg } : o.error);
  if (saving && o.value.readOnly) throw new CliInputError(`--save: ${arg} opened read-only; nothing saved`);
  return { opened: o.value, path: abs };
}

/**
 * Loads SRC as table `table`: a dataset of `project` by id (or by kind, when one dataset has
 * that kind: "calls"), or a file: a normalized dataset
 * (.parquet, or a CSV that already has case_id and geo_status) as it is, any other CSV/Excel/
 * GeoJSON export through the standard ingest pipeline as `kind` (default: from the file name).
 */
export async function loadSourceTable(
  engine: SqlEngine,
  arg: string,
  table: string,
  opts: { project: OpenedProject | null; kind?: DatasetKind; crs?: string; analysisCrs?: string | null; cwd: string },
): Promise<SourceTable> {
  if (opts.project) {
    const datasets = opts.project.project.datasets;
    const d = datasets.find((x) => x.meta.id === arg) ?? (datasets.filter((x) => x.meta.kind === arg).length === 1 ? datasets.find((x) => x.meta.kind === arg) : undefined);
    if (!d) throw new CliInputError(`"${arg}" is not a dataset of the project (datasets: ${datasets.map((x) => x.meta.id).join(', ') || 'none'})`);
    if (!d.table) throw new CliInputError(`dataset "${arg}" has no readable table`);
    const inserted = await engine.insertArrowTable(table, d.table);
    if (!inserted.ok) fail(inserted.error);
    const hash = d.meta.source.sha256 ?? (await sha256Hex(d.parquet ?? toParquetBytes(d.table)));
    return { arg: d.meta.id, table, dataHash: hash, kind: d.meta.kind, analysisCrs: d.meta.crs.analysis ?? opts.project.project.info.analysisCrs, how: `project dataset (${d.meta.kind})` };
  }
  const abs = path.resolve(opts.cwd, arg);
  const info = await stat(abs).catch(() => null);
  if (!info?.isFile()) throw new CliInputError(`${arg}: file not found (without --project, SRC is a file)`);
  const bytes = new Uint8Array(await readFile(abs));
  const hash = await sha256Hex(bytes);
  const isParquet = bytes[0] === 0x50 && bytes[1] === 0x41 && bytes[2] === 0x52 && bytes[3] === 0x31;
  const header = new TextDecoder().decode(bytes.subarray(0, 4096)).split(/\r?\n/)[0] ?? '';
  if (isParquet || (/(^|,)case_id(,|$)/.test(header) && /(^|,)geo_status(,|$)/.test(header))) {
    const loaded = await loadTableFromSource(engine, { fileName: arg, head: bytes.subarray(0, 65536), sqlSource: abs, readAll: async () => bytes }, table);
    if (!loaded.ok) fail(loaded.error);
    return { arg, table, dataHash: hash, kind: opts.kind ?? 'other', analysisCrs: opts.analysisCrs ?? null, how: 'normalized dataset' };
  }
  const kind = opts.kind ?? kindFromFileName(path.basename(arg));
  const ingested = await ingestSource(engine, await nodeFileSource(abs), { kind, table, ...(opts.crs ? { crs: opts.crs } : {}), ...(opts.analysisCrs ? { analysisCrs: opts.analysisCrs } : {}) });
  if (!ingested.ok) {
    const e = ingested.error;
    if (e.kind === 'crs-required') throw new CliInputError(`${arg}: the CRS of its x/y columns is unknown; give --crs (e.g. EPSG:2276)`);
    fail(e);
  }
  const s = ingested.value.summary;
  return {
    arg,
    table,
    dataHash: hash,
    kind,
    analysisCrs: s.analysis_crs?.code ?? null,
    how: `ingested as ${kind}: ${s.rows_loaded.toLocaleString('en-US')} rows loaded, ${s.rows_quarantined.toLocaleString('en-US')} quarantined`,
  };
}
