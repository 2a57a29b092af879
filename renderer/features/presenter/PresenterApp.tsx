import { useEffect, useMemo, useState } from 'react';
import type { StyleSpecification } from 'maplibre-gl';
import type { KdeLayerData } from '../../../shared/domain/explore/density-layer';
import type { GridLayerData } from '../../../shared/domain/explore/grid-layer';
import type { Annotation } from '../../../shared/domain/session/annotations';
import { parseSyncMessage, syncMessage, type SyncScene, type SyncedMapDoc } from '../../../shared/domain/session/view-sync';
import { buildDensityLayer } from '../../map/density-layer';
import { buildGridCountLayer } from '../../map/grid-count-layer';
import { GROUP_COLORS, GROUP_LABELS } from '../../map/group-colors';
import { buildIncidentLayer } from '../../map/incident-layer';
import { buildLabelLayer } from '../../map/label-layer';
import { MapView, showMapView } from '../../map/MapView';
import { LayerLegend } from '../explore/LayerLegend';
import type { ExploreView } from '../explore/use-explore';
import { buildAnnotationLayers } from '../annotations/annotation-layers';
import { presenterChannelName } from './presenter-link';
import './presenter.css';

const LAYER_TITLE = { points: 'Incidents', kde: 'Incident density', grid: 'Incidents per cell' } as const;

/**
 * The presenter window (`?presenter=<id>`): the workbench's map, layers, filter and annotations
 * with large type, a clean legend and no controls, following the workbench window over a
 * BroadcastChannel. Every message is validated; the window computes nothing itself.
 */
export function PresenterApp({ id }: { id: string }) {
  const [scene, setScene] = useState<SyncScene | null>(null);
  const [doc, setDoc] = useState<SyncedMapDoc | null>(null);
  const [annotations, setAnnotations] = useState<Annotation[]>([]);
  const [connected, setConnected] = useState(false);

  useEffect(() => {
    const self = `presenter-${Math.random().toString(36).slice(2, 10)}`;
    const ch = new BroadcastChannel(presenterChannelName(id));
    let lastSeq = -1;
    ch.onmessage = (e: MessageEvent) => {
      const m = parseSyncMessage(e.data);
      if (!m.ok) return;
      const msg = m.value;
      setConnected(true);
      if (msg.type === 'view') {
        if (msg.seq <= lastSeq) return;
        lastSeq = msg.seq;
        showMapView(msg.view);
        document.body.dataset.presenterView = `${msg.view.center[0].toFixed(6)},${msg.view.center[1].toFixed(6)},${msg.view.zoom.toFixed(3)}`;
        document.body.dataset.presenterViewAt = String(Date.now());
      } else if (msg.type === 'scene') setScene(msg.scene);
      else if (msg.type === 'map-doc') setDoc(msg.doc);
      else if (msg.type === 'annotations') setAnnotations(msg.annotations);
      else if (msg.type === 'bye') setConnected(false);
    };
    ch.postMessage(syncMessage(self, { type: 'hello', role: 'presenter', name: '' }));
    const bye = () => ch.postMessage(syncMessage(self, { type: 'bye' }));
    window.addEventListener('pagehide', bye);
    document.title = 'Presenter — SPI Workbench';
    return () => {
      window.removeEventListener('pagehide', bye);
      bye();
      ch.close();
    };
  }, [id]);

  const radius = doc?.pointRadius ?? 2.5;
  const opacity = doc?.layer.opacity ?? 0.85;
  const layers = useMemo(() => {
    if (!scene) return [];
    const list: unknown[] = [];
    const a = scene.analysis;
    if (a?.kind === 'kde') list.push(buildDensityLayer(a.data as unknown as KdeLayerData, opacity));
    else if (a?.kind === 'grid') list.push(buildGridCountLayer(a.data as unknown as GridLayerData, opacity));
    else if (scene.points) {
      const p = scene.points;
      const length = p.positions.length / 2;
      list.push(buildIncidentLayer({ length, positions: p.positions, colors: p.colors, sourceRows: new Uint32Array(0) }, Math.random(), radius * 1.4));
    }
    if (scene.labels.length) list.push(buildLabelLayer('beat-labels', scene.labels, 18, [90, 84, 72, 255]));
    list.push(...buildAnnotationLayers(annotations, { scale: 1.6, idPrefix: 'presenter-annotation' }));
    return list;
  }, [scene, annotations, radius, opacity]);

  const kind = scene?.analysis?.kind ?? 'points';
  return (
    <div className="presenter">
      {scene ? (
        <MapView style={scene.style as unknown as StyleSpecification} bounds={null} layers={layers as never[]} chrome={false} onRendered={() => (document.body.dataset.mapRendered = String(scene.points ? scene.points.positions.length / 2 : 0))} />
      ) : (
        <p className="presenter-waiting">{connected ? 'Loading the map…' : 'Waiting for the workbench window…'}</p>
      )}
      {scene && (
        <aside className="presenter-legend" aria-label="Legend">
          <h1>{scene.title}</h1>
          <h2>{LAYER_TITLE[kind]}</h2>
          {kind === 'points' ? (
            <ul>
              {GROUP_LABELS.map((label, i) =>
                (scene.counts[i] ?? 0) > 0 && (doc?.visibleGroups[i] ?? true) ? (
                  <li key={label}>
                    <span className="presenter-swatch" style={{ background: `rgb(${GROUP_COLORS[i]!.join(',')})` }} />
                    {label}
                  </li>
                ) : null,
              )}
            </ul>
          ) : (
            doc && <LayerLegend view={{ layer: scene.analysis } as unknown as ExploreView} settings={doc.layer} />
          )}
          {doc && (doc.filter.dateFrom || doc.filter.dateTo) && (
            <p className="presenter-filter">
              {doc.filter.dateFrom ?? '…'} to {doc.filter.dateTo ?? '…'}
            </p>
          )}
        </aside>
      )}
    </div>
  );
}
