/**
 * An opened project as a message between the project-read worker and the UI thread: Arrow tables
 * travel as IPC streams and every large byte buffer is transferred, not copied, so the UI thread
 * only rebuilds table views over buffers it receives (issue 4: decoding a 1M-row project's
 * Parquet on the UI thread froze it for about 2 s).
 */
import { tableFromIPC, tableToIPC, type Table } from 'apache-arrow';
import type { OpenedProject } from '../../../shared/domain/project/read-project';
import type { ProjectDataset } from '../../../shared/domain/project/project';

/** A dataset with its tables as Arrow IPC stream bytes (null when the dataset has none). */
export type PackedDataset = Omit<ProjectDataset, 'table' | 'quarantine'> & { table: Uint8Array | null; quarantine: Uint8Array | null };

/** An {@link OpenedProject} whose tables are IPC bytes: structured-cloneable. */
export type PackedProject = Omit<OpenedProject, 'project'> & { project: Omit<OpenedProject['project'], 'datasets'> & { datasets: PackedDataset[] } };

const toIpc = (t: Table | null): Uint8Array | null => (t === null ? null : tableToIPC(t, 'stream'));

/**
 * Packs `opened` for postMessage: tables -> IPC stream bytes. `transfer` lists each distinct
 * buffer once (the IPC streams and the datasets' Parquet bytes), so posting moves them; the
 * sender must not use those buffers afterwards.
 */
export function packOpenedProject(opened: OpenedProject): { message: PackedProject; transfer: ArrayBuffer[] } {
  const buffers = new Set<ArrayBuffer>();
  const keep = (bytes: Uint8Array | null | undefined) => {
    if (bytes && bytes.buffer instanceof ArrayBuffer && bytes.buffer.byteLength > 0) buffers.add(bytes.buffer);
  };
  const datasets = opened.project.datasets.map((d): PackedDataset => {
    const packed = { ...d, table: toIpc(d.table), quarantine: toIpc(d.quarantine) };
    keep(packed.table);
    keep(packed.quarantine);
    keep(d.parquet);
    return packed;
  });
  return { message: { ...opened, project: { ...opened.project, datasets } }, transfer: [...buffers] };
}

/** Rebuilds the tables of a {@link PackedProject} (views over the received buffers: no decoding). */
export function unpackOpenedProject(packed: PackedProject): OpenedProject {
  const datasets = packed.project.datasets.map((d): ProjectDataset => ({
    ...d,
    table: d.table === null ? null : tableFromIPC(d.table),
    quarantine: d.quarantine === null ? null : tableFromIPC(d.quarantine),
  }));
  return { ...packed, project: { ...packed.project, datasets } } as OpenedProject;
}
