import type { ExploreWorkerReply, ExploreWorkerRequest } from '../../workers/explore.worker';

type Job = ExploreWorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/**
 * One explore worker, latest request wins: a new request while one is running terminates the
 * worker (a KDE on a million points cannot be interrupted any other way) and starts a fresh one,
 * and the superseded promise resolves to null.
 */
export class ExploreWorkerClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private pending: { id: number; resolve: (r: ExploreWorkerReply | null) => void } | null = null;

  /** Runs `job` off the UI thread; null when a later request replaced it. Point columns (and weights) are copied, not moved. */
  run(job: Job): Promise<ExploreWorkerReply | null> {
    if (this.pending) {
      this.pending.resolve(null);
      this.pending = null;
      this.worker?.terminate();
      this.worker = null;
    }
    const worker = (this.worker ??= new Worker(new URL('../../workers/explore.worker.ts', import.meta.url), { type: 'module' }));
    const id = this.nextId++;
    const x = job.x.slice();
    const y = job.y.slice();
    const weights = job.weights ? job.weights.slice() : null;
    return new Promise((resolve) => {
      this.pending = { id, resolve };
      worker.onmessage = (e: MessageEvent<ExploreWorkerReply>) => {
        if (this.pending?.id !== e.data.id) return;
        this.pending = null;
        resolve(e.data);
      };
      worker.onerror = (e) => {
        if (this.pending?.id !== id) return;
        this.pending = null;
        resolve({ id, ok: false, error: e.message || 'the explore worker failed' });
      };
      worker.postMessage({ ...job, id, x, y, weights } as ExploreWorkerRequest, weights ? [x.buffer, y.buffer, weights.buffer] : [x.buffer, y.buffer]);
    });
  }

  /** Stops the worker. */
  dispose(): void {
    this.pending?.resolve(null);
    this.pending = null;
    this.worker?.terminate();
    this.worker = null;
  }
}
