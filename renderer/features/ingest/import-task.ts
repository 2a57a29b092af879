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
): Promise<Result<ImportedDataset, IngestError>> {
  const result = await ingestSource(engine, sourceFromBytes(file.name, file.bytes), {
    ...options,
    onProgress,
    cancel: signal,
    runCoordinates: (input, rows) => worker.coordinates(input, rows),
  });
  if (!result.ok) return result;
  return { ok: true, value: { fileName: file.name, table: result.value.table, quarantineTable: result.value.quarantineTable, summary: result.value.summary } };
}

/** quarantine.csv of an import, as bytes to save (formula-safe cells, see csv-write.ts). */
export async function quarantineCsv(engine: SqlEngine, quarantineTable: string): Promise<Uint8Array> {
  const sink = memorySink();
  const written = await writeTableAsCsv(engine, quarantineTable, sink, { orderBy: 'source_row' });
  if (!written.ok) throw new Error(formatAppError(written.error));
  return sink.bytes();
}
