import type { AnalysisDoc, AnalysisJob } from './analysis-jobs';
import type { AnalysisWorkerReply } from '../../workers/analysis.worker';

/** The outcome of one job: the document, an error, or null when cancelled or replaced. */
export type AnalysisOutcome = { ok: true; doc: AnalysisDoc; ms: number } | { ok: false; error: string } | null;

/**
 * One analysis worker, one job at a time: a new job (or {@link cancel}) terminates the running
 * worker (a Knox Monte Carlo cannot be interrupted any other way) and the superseded promise
 * resolves to null. Progress of long loops arrives through `onProgress`.
 */
export class AnalysisWorkerClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private pending: { id: number; resolve: (r: AnalysisOutcome) => void } | null = null;

  /** Runs `job` off the UI thread. Point columns are copied, then moved to the worker. */
  run(job: AnalysisJob, onProgress?: (done: number, total: number) => void): Promise<AnalysisOutcome> {
    this.cancel();
    const worker = (this.worker ??= new Worker(new URL('../../workers/analysis.worker.ts', import.meta.url), { type: 'module' }));
    const id = this.nextId++;
    const x = job.x.slice();
    const y = job.y.slice();
    const days = job.days ? job.days.slice() : null;
    return new Promise((resolve) => {
      this.pending = { id, resolve };
      worker.onmessage = (e: MessageEvent<AnalysisWorkerReply>) => {
        const r = e.data;
        if (this.pending?.id !== r.id) return;
        if (r.kind === 'progress') {
          onProgress?.(r.done, r.total);
          return;
        }
        this.pending = null;
        resolve(r.ok ? { ok: true, doc: r.doc, ms: r.ms } : { ok: false, error: r.error });
      };
      worker.onerror = (e) => {
        if (this.pending?.id !== id) return;
        this.pending = null;
        resolve({ ok: false, error: e.message || 'the analysis worker failed' });
      };
      const transfer: Transferable[] = [x.buffer, y.buffer];
      if (days) transfer.push(days.buffer);
      worker.postMessage({ id, job: { ...job, x, y, days } }, transfer);
    });
  }

  /** Stops the running job (its promise resolves to null); the next job starts a fresh worker. */
  cancel(): void {
    if (!this.pending) return;
    this.pending.resolve(null);
    this.pending = null;
    this.worker?.terminate();
    this.worker = null;
  }

  /** Stops the worker. */
  dispose(): void {
    this.cancel();
    this.worker?.terminate();
    this.worker = null;
  }
}
