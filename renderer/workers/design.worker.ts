/// <reference lib="webworker" />
/**
 * The design panel's matching off the UI thread: the whole match (grid cells, segments, polygons or circles)
 * (shared/domain/design/grid-match.ts) with a progress sentence before each stage. A large pool
 * (100,000 cells, optimal pairing, synthetic weights over thousands of donors) takes seconds;
 * the panel stays responsive and can cancel by terminating the worker.
 */
import { formatStatsError } from '../../shared/domain/evaluation/stats-error';
import type { DesignDoc } from '../../shared/domain/design/design-doc';
import { computeGridMatchDesign, type GridMatchInput, type GridMatchSummary } from '../../shared/domain/design/grid-match';

/** Request: one matching (point columns are transferred). */
export interface DesignWorkerRequest {
  readonly id: number;
  readonly input: GridMatchInput;
}

/** Replies: progress sentences, then the design or a plain-words error; `ms` is compute time. */
export type DesignWorkerReply =
  | { readonly id: number; readonly kind: 'progress'; readonly text: string }
  | { readonly id: number; readonly kind: 'done'; readonly ok: true; readonly doc: DesignDoc; readonly summary: GridMatchSummary; readonly ms: number }
  | { readonly id: number; readonly kind: 'done'; readonly ok: false; readonly error: string };

self.onmessage = (event: MessageEvent<DesignWorkerRequest>) => {
  const { id, input } = event.data;
  const post = (reply: DesignWorkerReply) => (self as unknown as Worker).postMessage(reply);
  try {
    const t0 = performance.now();
    const r = computeGridMatchDesign(input, (text) => post({ id, kind: 'progress', text }));
    if (!r.ok) return post({ id, kind: 'done', ok: false, error: formatStatsError(r.error) });
    post({ id, kind: 'done', ok: true, doc: r.value.doc, summary: r.value.summary, ms: performance.now() - t0 });
  } catch (e) {
    post({ id, kind: 'done', ok: false, error: e instanceof Error ? e.message : String(e) });
  }
};
