/// <reference lib="webworker" />
import { formatAppError } from '../../shared/base/errors';
import { prepareKdeLayer, type KdeLayerData, type KdeLayerSettings } from '../../shared/domain/explore/density-layer';
import { prepareGridLayer, type GridLayerData, type GridLayerSettings } from '../../shared/domain/explore/grid-layer';

/**
 * Request: projected points (metres in `crs`, transferred) and one layer's settings; `weights`
 * (one per point, a weighted combination's `source_weight`) makes the layer a weighted sum,
 * null/absent counts each point 1.
 */
export type ExploreWorkerRequest =
  | { id: number; kind: 'kde'; x: Float64Array; y: Float64Array; weights?: Float32Array | null; crs: string; settings: KdeLayerSettings }
  | { id: number; kind: 'grid'; x: Float64Array; y: Float64Array; weights?: Float32Array | null; crs: string; settings: GridLayerSettings };

/** Reply: the layer data (big arrays transferred) or a plain-words error; `ms` is compute time. */
export type ExploreWorkerReply =
  | { id: number; kind: 'kde'; ok: true; data: KdeLayerData; ms: number }
  | { id: number; kind: 'grid'; ok: true; data: GridLayerData; ms: number }
  | { id: number; ok: false; error: string };

self.onmessage = (event: MessageEvent<ExploreWorkerRequest>) => {
  const req = event.data;
  const post = (reply: ExploreWorkerReply, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(reply, transfer);
  try {
    const t0 = performance.now();
    if (req.kind === 'kde') {
      const r = prepareKdeLayer(req.x, req.y, req.crs, req.settings, req.weights ?? null);
      if (!r.ok) return post({ id: req.id, ok: false, error: formatAppError(r.error) });
      post({ id: req.id, kind: 'kde', ok: true, data: r.value, ms: performance.now() - t0 }, [r.value.rgba.buffer]);
    } else {
      const r = prepareGridLayer(req.x, req.y, req.crs, req.settings, req.weights ?? null);
      if (!r.ok) return post({ id: req.id, ok: false, error: formatAppError(r.error) });
      const d = r.value;
      post({ id: req.id, kind: 'grid', ok: true, data: d, ms: performance.now() - t0 }, [d.positions.buffer, d.startIndices.buffer, d.vertexColors.buffer, d.counts.buffer]);
    }
  } catch (e) {
    post({ id: req.id, ok: false, error: e instanceof Error ? e.message : String(e) });
  }
};
