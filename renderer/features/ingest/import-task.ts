import type { HostFile } from '../../../shared/contract/host-api';
import { formatAppError } from '../../../shared/base/errors';
import type { Result } from '../../../shared/base/result';
import type { SqlEngine } from '../../../shared/engine/sql-engine';
import type { CoordinateInput, CoordinateResult } from '../../../shared/domain/ingest/coordinates';
import { formatCrsRequired } from '../../../shared/domain/ingest/crs-resolve';
import { writeTableAsCsv } from '../../../shared/domain/ingest/csv-write';
import type { IngestOptions } from '../../../shared/domain/ingest/options';
import { ingestSource, type IngestResult } from '../../../shared/domain/ingest/pipeline';
import type { PreviewOptions, SourcePreview } from '../../../shared/domain/ingest/preview';
import type { IngestError } from '../../../shared/domain/ingest/raw-table';
import { memorySink, sourceFromBytes, type IngestProgress } from '../../../shared/domain/ingest/source';
import { exportColumns, sensitiveTableColumns } from '../../../shared/domain/privacy/sensitive';
import { quoteIdent } from '../../../shared/engine/sql';
import type { IngestWorkerReply, IngestWorkerRequest } from '../../workers/ingest.worker';

type Pending = { resolve: (reply: IngestWorkerReply) => void; reject: (e: Error) => void };
/** A request without its id (distributes over the union, unlike Omit). */
type Request = IngestWorkerRequest extends infer R ? (R extends IngestWorkerRequest ? Omit<R, 'id'> : never) : never;

/**
 * The import dialog's worker (renderer/workers/ingest.worker.ts): previews and the coordinate
 * step run there, so parsing a workbook or projecting a million points never blocks the page.
 */
export class IngestWorkerClient {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private next = 1;

  constructor() {
    this.worker = new Worker(new URL('../../workers/ingest.worker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (e: MessageEvent<IngestWorkerReply>) => {
      const p = this.pending.get(e.data.id);
      this.pending.delete(e.data.id);
      p?.resolve(e.data);
    };
    this.worker.onerror = (e) => {
      for (const p of this.pending.values()) p.reject(new Error(e.message || 'the import worker failed'));
      this.pending.clear();
    };
  }

  private call(request: Request, transfer: Transferable[] = []): Promise<IngestWorkerReply> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...request, id } as IngestWorkerRequest, transfer);
    });
  }

  /** Previews a file; the bytes are copied to the worker (the dialog keeps its own for the import). */
  async preview(name: string, bytes: Uint8Array, options: PreviewOptions): Promise<Result<SourcePreview, IngestError>> {
    const reply = await this.call({ type: 'preview', name, bytes, options });
    if (reply.type === 'preview') return reply.result;
    throw new Error(reply.type === 'failed' ? reply.message : 'unexpected reply from the import worker');
  }

  /** Runs the coordinate step in the worker; the input columns are transferred (the pipeline no longer needs them). */
  async coordinates(input: CoordinateInput, rows: number): Promise<CoordinateResult> {
    const buffers = [input.x, input.y, input.lon, input.lat, input.badText].filter((a): a is Float64Array | Int32Array => a !== undefined).map((a) => a.buffer);
    const reply = await this.call({ type: 'coordinates', input, rows }, [...new Set(buffers)]);
    if (reply.type === 'coordinates') return reply.result;
    throw new Error(reply.type === 'failed' ? reply.message : 'unexpected reply from the import worker');
  }

  terminate(): void {
    this.worker.terminate();
  }
}

/** What an import hands to the app. */
export interface ImportedDataset {
  readonly fileName: string;
  readonly table: string;
  readonly quarantineTable: string;
  readonly summary: IngestResult['summary'];
  /** Columns of `table` (and of the quarantine) marked sensitive: masked when shown, left out of exports. */
  readonly sensitive: readonly string[];
}

/** One line of plain words for an import error. */
export function describeImportError(e: IngestError): string {
  return e.kind === 'crs-required' ? formatCrsRequired(e) : formatAppError(e);
}

/**
 * Imports a picked file with the shared pipeline on the browser engine: same code as
 * `spi ingest`. Progress and cancellation pass through; the coordinate step runs in the worker.
 */
export async function importFile(
  engine: SqlEngine,
  worker: IngestWorkerClient,
  file: HostFile,
  options: IngestOptions,
  onProgress: (p: IngestProgress) => void,
  signal: AbortSignal,
  sensitiveSource: readonly string[] = [],
): Promise<Result<ImportedDataset, IngestError>> {
  const result = await ingestSource(engine, sourceFromBytes(file.name, file.bytes), {
    ...options,
    onProgress,
    cancel: signal,
    runCoordinates: (input, rows) => worker.coordinates(input, rows),
  });
  if (!result.ok) return result;
  const { table, quarantineTable, summary } = result.value;
  // The analyst marked source columns; the table holds them under their output names (and
  // fills normalized columns from them through the mapping's roles).
  const roles = (summary.mapping as { roles?: Record<string, string> } | undefined)?.roles ?? {};
  const sensitive = sensitiveTableColumns(await columnsOf(engine, table), sensitiveSource, roles);
  return { ok: true, value: { fileName: file.name, table, quarantineTable, summary, sensitive } };
}

/** Column names of an engine table (empty when it cannot be read). */
export async function columnsOf(engine: SqlEngine, table: string): Promise<string[]> {
  const r = await engine.query(`SELECT * FROM ${quoteIdent(table)} LIMIT 0`);
  return r.ok ? r.value.schema.fields.map((f) => f.name) : [];
}

/**
 * quarantine.csv of an import, as bytes to save (formula-safe cells, see csv-write.ts). Sensitive
 * columns, and `raw_text` (the whole source line, which holds them too), are left out unless
 * `includeSensitive`; `omitted` names what was left out, `rows` counts the rows written.
 */
export async function quarantineCsv(
  engine: SqlEngine,
  quarantineTable: string,
  sensitive: readonly string[] = [],
  includeSensitive = false,
): Promise<{ bytes: Uint8Array; rows: number; omitted: string[] }> {
  const { columns, omitted } = exportColumns(await columnsOf(engine, quarantineTable), sensitive, includeSensitive);
  let source = quarantineTable;
  if (omitted.length > 0) {
    source = `${quarantineTable}_export`;
    const view = await engine.query(`CREATE OR REPLACE TEMP VIEW ${quoteIdent(source)} AS SELECT ${columns.map(quoteIdent).join(', ')} FROM ${quoteIdent(quarantineTable)}`);
    if (!view.ok) throw new Error(formatAppError(view.error));
  }
  const sink = memorySink();
  const written = await writeTableAsCsv(engine, source, sink, { orderBy: 'source_row' });
  if (!written.ok) throw new Error(formatAppError(written.error));
  return { bytes: sink.bytes(), rows: written.value.rows, omitted };
}
