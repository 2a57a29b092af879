import type { DesignDoc } from '../../../shared/domain/design/design-doc';
import { computeGridMatchDesign, type GridMatchInput, type GridMatchSummary } from '../../../shared/domain/design/grid-match';
import { formatStatsError } from '../../../shared/domain/evaluation/stats-error';
import type { DesignWorkerReply } from '../../workers/design.worker';

/** The outcome of one matching: the design, or a plain-words error; null when cancelled. */
export type MatchOutcome = { ok: true; doc: DesignDoc; summary: GridMatchSummary; ms: number } | { ok: false; error: string };

/**
 * Runs the design matching in a Web Worker (renderer/workers/design.worker.ts), one at a time:
 * a new run or `cancel()` terminates the running worker (a Hungarian pairing cannot be
 * interrupted any other way) and resolves the superseded promise to null. Without Worker support
 * (tests, very old hosts) the matching runs on this thread after a paint.
 */
export class DesignWorkerClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private pending: { id: number; resolve: (r: MatchOutcome | null) => void } | null = null;

  /** Matches `input` off the UI thread; `onProgress` gets each stage's sentence. Point columns are copied. */
  run(input: GridMatchInput, onProgress: (text: string) => void): Promise<MatchOutcome | null> {
    this.cancel();
    const id = this.nextId++;
    if (typeof Worker === 'undefined') {
      return new Promise((resolve) => {
        this.pending = { id, resolve };
        setTimeout(() => {
          if (this.pending?.id !== id) return;
          this.pending = null;
          const r = computeGridMatchDesign(input, onProgress);
          resolve(r.ok ? { ok: true, doc: r.value.doc, summary: r.value.summary, ms: 0 } : { ok: false, error: formatStatsError(r.error) });
        }, 20);
      });
    }
    const worker = (this.worker ??= new Worker(new URL('../../workers/design.worker.ts', import.meta.url), { type: 'module' }));
    const p = input.points;
    const points = { ...p, x: p.x.slice(), y: p.y.slice(), days: p.days.slice(), group: p.group ? p.group.slice() : null };
    const transfer: Transferable[] = [points.x.buffer, points.y.buffer, points.days.buffer, ...(points.group ? [points.group.buffer] : [])];
    return new Promise((resolve) => {
      this.pending = { id, resolve };
      worker.onmessage = (e: MessageEvent<DesignWorkerReply>) => {
        const r = e.data;
        if (this.pending?.id !== r.id) return;
        if (r.kind === 'progress') return onProgress(r.text);
        this.pending = null;
        resolve(r.ok ? { ok: true, doc: r.doc, summary: r.summary, ms: r.ms } : { ok: false, error: r.error });
      };
      worker.onerror = (e) => {
        if (this.pending?.id !== id) return;
        this.pending = null;
        resolve({ ok: false, error: e.message || 'the design worker failed' });
      };
      worker.postMessage({ id, input: { ...input, points } }, transfer);
    });
  }

  /** Stops the running matching (its promise resolves to null). */
  cancel(): void {
    if (!this.pending) return;
    this.pending.resolve(null);
    this.pending = null;
    this.worker?.terminate();
    this.worker = null;
  }
}
