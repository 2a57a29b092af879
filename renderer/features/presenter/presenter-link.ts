import { useEffect, useRef, useState } from 'react';
import type { PointBuffers } from '../../../shared/domain/explore/point-buffers';
import type { Annotation } from '../../../shared/domain/session/annotations';
import { parseSyncMessage, syncMessage, type SyncMessageInput, type SyncScene, type SyncedMapDoc } from '../../../shared/domain/session/view-sync';
import { onMapViewChange, readMapView } from '../../map/MapView';
import type { BasemapView } from '../../state/app-state';
import type { ExploreView } from '../explore/use-explore';

/** BroadcastChannel name for one workbench window and its presenter window(s). */
export function presenterChannelName(id: string): string {
  return `spi-view-sync:${id}`;
}

/** This window's presenter id (one per page load; the presenter URL carries it). */
const WINDOW_ID = Math.random().toString(36).slice(2, 10);

/**
 * Opens the presenter window: the same page with `?presenter=<id>`, which shows only the map and
 * a legend and follows this window over a BroadcastChannel. In Electron the main process lets
 * exactly this URL open as a second, equally hardened window (electron/main/presenter-window.ts).
 */
export function openPresenterWindow(): void {
  window.open(`${location.pathname}?presenter=${WINDOW_ID}`, `spi-presenter-${WINDOW_ID}`, 'popup,width=1280,height=800');
}

/** What the presenter draws, as one structured-cloneable scene (same machine only). */
export function toScene(basemap: BasemapView, points: PointBuffers | null, analysis: ExploreView['layer'], counts: readonly number[]): SyncScene {
  return {
    title: basemap.title,
    style: basemap.style as unknown as Record<string, unknown>,
    labels: basemap.labels,
    points: points ? { positions: points.positions, colors: points.colors } : null,
    analysis: analysis ? ({ kind: analysis.kind, data: analysis.data as unknown as Record<string, unknown> } as SyncScene['analysis']) : null,
    counts: [...counts],
  };
}

/**
 * The workbench side of presenter mode: answers a presenter's `hello` with the whole state, then
 * sends the view on every frame the map moves and the map document, annotations and scene when
 * they change. Returns how many presenter windows are listening.
 */
export function usePresenterHub(input: { doc: SyncedMapDoc; annotations: readonly Annotation[]; scene: SyncScene | null }): number {
  const [followers, setFollowers] = useState(0);
  const latest = useRef(input);
  latest.current = input;
  const channel = useRef<BroadcastChannel | null>(null);
  const seq = useRef(0);

  useEffect(() => {
    if (typeof BroadcastChannel === 'undefined') return;
    const ch = new BroadcastChannel(presenterChannelName(WINDOW_ID));
    channel.current = ch;
    const known = new Set<string>();
    const post = (m: SyncMessageInput) => ch.postMessage(m);
    const sendAll = () => {
      const { doc, annotations, scene } = latest.current;
      if (scene) post(syncMessage(WINDOW_ID, { type: 'scene', scene }));
      post(syncMessage(WINDOW_ID, { type: 'map-doc', doc }));
      post(syncMessage(WINDOW_ID, { type: 'annotations', annotations: [...annotations] }));
      const view = readMapView();
      if (view) post(syncMessage(WINDOW_ID, { type: 'view', seq: ++seq.current, view }));
    };
    ch.onmessage = (e: MessageEvent) => {
      const m = parseSyncMessage(e.data);
      if (!m.ok) return;
      if (m.value.type === 'hello') {
        known.add(m.value.from);
        setFollowers(known.size);
        sendAll();
      } else if (m.value.type === 'bye') {
        known.delete(m.value.from);
        setFollowers(known.size);
      }
    };
    const off = onMapViewChange((view) => {
      if (known.size > 0) post(syncMessage(WINDOW_ID, { type: 'view', seq: ++seq.current, view }));
    });
    return () => {
      off();
      ch.close();
      channel.current = null;
    };
  }, []);

  const { doc, annotations, scene } = input;
  useEffect(() => {
    if (followers > 0) channel.current?.postMessage(syncMessage(WINDOW_ID, { type: 'map-doc', doc }));
  }, [doc, followers]);
  useEffect(() => {
    if (followers > 0) channel.current?.postMessage(syncMessage(WINDOW_ID, { type: 'annotations', annotations: [...annotations] }));
  }, [annotations, followers]);
  useEffect(() => {
    if (followers > 0 && scene) channel.current?.postMessage(syncMessage(WINDOW_ID, { type: 'scene', scene }));
  }, [scene, followers]);
  return followers;
}
