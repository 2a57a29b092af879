/// <reference lib="webworker" />
import { readProject, type OpenedProject, type ProjectOpenError } from '../../shared/domain/project/read-project';
import type { Result } from '../../shared/base/result';
import { hasNativeInflate, inflateRawNative } from '../features/project/inflate-raw';
import { packOpenedProject, type PackedProject } from '../features/project/project-transfer';

/** Request: the project file's bytes (transferred: the sender gives up its copy) and its name for messages. */
export interface ProjectReadRequest {
  id: number;
  bytes: Uint8Array;
  fileName: string;
}

/**
 * Reply: readProject's result with the tables packed (project-transfer.ts, buffers transferred),
 * or `crashed` when the worker itself failed (the client then reads on the UI thread).
 */
export type ProjectReadReply = { id: number; result: Result<PackedProject, ProjectOpenError> } | { id: number; crashed: string };

// Reads (unzip, hashes, Parquet decode) a project off the UI thread: issue 4.
self.onmessage = async (event: MessageEvent<ProjectReadRequest>) => {
  const { id, bytes, fileName } = event.data;
  const post = (reply: ProjectReadReply, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(reply, transfer);
  try {
    const opened: Result<OpenedProject, ProjectOpenError> = await readProject(bytes, fileName, hasNativeInflate() ? { inflateRaw: inflateRawNative } : {});
    if (!opened.ok) return post({ id, result: opened });
    const { message, transfer } = packOpenedProject(opened.value);
    post({ id, result: { ok: true, value: message } }, transfer);
  } catch (e) {
    post({ id, crashed: e instanceof Error ? e.message : String(e) });
  }
};
