/// <reference lib="webworker" />
// The import dialog's heavy JS, off the UI thread: previews (Excel, GeoJSON and shapefiles are
// parsed whole) and the coordinate step (a million proj4 transforms). The pipeline itself runs
// in the page and talks to DuckDB, which has its own worker.
import { resolveCoordinates, type CoordinateInput, type CoordinateResult } from '../../shared/domain/ingest/coordinates';
import { previewSource, type PreviewOptions, type SourcePreview } from '../../shared/domain/ingest/preview';
import type { IngestError } from '../../shared/domain/ingest/raw-table';
import { sourceFromBytes } from '../../shared/domain/ingest/source';
import type { Result } from '../../shared/base/result';

export type IngestWorkerRequest =
  | { id: number; type: 'preview'; name: string; bytes: Uint8Array; options: PreviewOptions }
  | { id: number; type: 'coordinates'; input: CoordinateInput; rows: number };

export type IngestWorkerReply =
  | { id: number; type: 'preview'; result: Result<SourcePreview, IngestError> }
  | { id: number; type: 'coordinates'; result: CoordinateResult }
  | { id: number; type: 'failed'; message: string };

const post = (reply: IngestWorkerReply, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(reply, transfer);

self.onmessage = async (event: MessageEvent<IngestWorkerRequest>) => {
  const request = event.data;
  try {
    if (request.type === 'preview') {
      const result = await previewSource(sourceFromBytes(request.name, request.bytes), request.options);
      post({ id: request.id, type: 'preview', result });
    } else {
      const result = resolveCoordinates(request.input, request.rows);
      post({ id: request.id, type: 'coordinates', result }, [result.lon.buffer, result.lat.buffer, result.x.buffer, result.y.buffer, result.reasons.buffer, result.notes.buffer]);
    }
  } catch (e) {
    post({ id: request.id, type: 'failed', message: e instanceof Error ? e.message : String(e) });
  }
};
