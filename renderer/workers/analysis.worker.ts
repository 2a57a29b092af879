/// <reference lib="webworker" />
import { runAnalysisJob, type AnalysisDoc, type AnalysisJob } from '../features/analysis/analysis-jobs';

/** Request: one job (its point columns transferred). */
export type AnalysisWorkerRequest = { id: number; job: AnalysisJob };

/** Replies: progress of long loops, then the document or a plain-words error; `ms` is compute time. */
export type AnalysisWorkerReply =
  | { id: number; kind: 'progress'; done: number; total: number }
  | { id: number; kind: 'done'; ok: true; doc: AnalysisDoc; ms: number }
  | { id: number; kind: 'done'; ok: false; error: string };

self.onmessage = (event: MessageEvent<AnalysisWorkerRequest>) => {
  const { id, job } = event.data;
  const post = (reply: AnalysisWorkerReply) => (self as unknown as Worker).postMessage(reply);
  const t0 = performance.now();
  let last = 0;
  try {
    const r = runAnalysisJob(job, (done, total) => {
      // At most ~10 messages a second: progress must not cost more than the work.
      const now = performance.now();
      if (now - last < 100) return;
      last = now;
      post({ id, kind: 'progress', done, total });
    });
    post(r.ok ? { id, kind: 'done', ok: true, doc: r.doc, ms: performance.now() - t0 } : { id, kind: 'done', ok: false, error: r.error });
  } catch (e) {
    post({ id, kind: 'done', ok: false, error: e instanceof Error ? e.message : String(e) });
  }
};
