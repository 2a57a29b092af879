import { readProject, type OpenedProject, type ProjectOpenError } from '../../../shared/domain/project/read-project';
import type { Result } from '../../../shared/base/result';
import type { ProjectReadReply, ProjectReadRequest } from '../../workers/project-read.worker';
import { hasNativeInflate, inflateRawNative } from './inflate-raw';
import { unpackOpenedProject } from './project-transfer';

let nextId = 1;

/** readProject on the UI thread (no Worker, or the worker failed): the old path, same result. */
function readHere(bytes: Uint8Array, fileName: string): Promise<Result<OpenedProject, ProjectOpenError>> {
  return readProject(bytes, fileName, hasNativeInflate() ? { inflateRaw: inflateRawNative } : {});
}

/**
 * Opens project bytes like shared readProject (same result, same errors), but unzips, checks and
 * decodes in a Web Worker (renderer/workers/project-read.worker.ts): the UI thread only copies the
 * file's bytes once (the caller keeps its array) and rebuilds Arrow tables over the transferred
 * buffers. One worker per call, ended when it answers. Falls back to reading on the UI thread
 * when Workers are unavailable or the worker fails to start or crashes.
 */
export async function readProjectOffThread(bytes: Uint8Array, fileName: string): Promise<Result<OpenedProject, ProjectOpenError>> {
  // A performance entry for the whole read, so tests and profiles can see what ran while it did.
  const start = performance.now();
  const result = await readInWorker(bytes, fileName);
  performance.clearMeasures('spi:project-read'); // keep the latest only
  performance.measure('spi:project-read', { start, end: performance.now() });
  return result;
}

async function readInWorker(bytes: Uint8Array, fileName: string): Promise<Result<OpenedProject, ProjectOpenError>> {
  if (typeof Worker === 'undefined') return readHere(bytes, fileName);
  let worker: Worker;
  try {
    worker = new Worker(new URL('../../workers/project-read.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return readHere(bytes, fileName);
  }
  const id = nextId++;
  const copy = bytes.slice();
  const reply = await new Promise<ProjectReadReply | null>((resolve) => {
    worker.onmessage = (e: MessageEvent<ProjectReadReply>) => e.data.id === id && resolve(e.data);
    worker.onerror = () => resolve(null);
    worker.onmessageerror = () => resolve(null);
    const request: ProjectReadRequest = { id, bytes: copy, fileName };
    worker.postMessage(request, [copy.buffer]);
  });
  worker.terminate();
  if (reply === null || 'crashed' in reply) return readHere(bytes, fileName);
  return reply.result.ok ? { ok: true, value: unpackOpenedProject(reply.result.value) } : reply.result;
}
