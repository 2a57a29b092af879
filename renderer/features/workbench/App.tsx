import { useCallback, useMemo } from 'react';
import type { PickingInfo } from '@deck.gl/core';
import type { HostApi } from '../../../shared/contract/host-api';
import { buildPointBuffers } from '../../../shared/domain/explore/point-buffers';
import { toPlainRows } from '../../../shared/engine/arrow-values';
import { quoteIdent } from '../../../shared/engine/sql';
import type { SqlEngine } from '../../../shared/engine/sql-engine';
import { GROUP_COLORS } from '../../map/group-colors';
import { buildIncidentLayer } from '../../map/incident-layer';
import { buildLabelLayer } from '../../map/label-layer';
import { MapView } from '../../map/MapView';
import { useStore, type Store } from '../../state/store';
import { AboutDialog } from './AboutDialog';
import { LegendPanel } from './LegendPanel';
import { RecordPopup } from './RecordPopup';
import { openIncidentFile } from './load-tasks';


export interface AppProps {
  store: Store;
  host: HostApi;
  engine: Promise<SqlEngine>;
}

/** The workbench window: header, side panel (dataset, legend), the map, and dialogs. */
export function App({ store, host, engine }: AppProps) {
  const state = useStore(store, (s) => s);
  const { dataset, basemap, visibleGroups, pointRadius } = state;

  const buffers = useMemo(
    () => (dataset ? buildPointBuffers(dataset.points.lon, dataset.points.lat, dataset.points.group, GROUP_COLORS, visibleGroups) : null),
    [dataset, visibleGroups],
  );
  const version = useMemo(() => ({}), [buffers]);
  const layers = useMemo(() => {
    const list = [];
    if (basemap && basemap.labels.length > 0) list.push(buildLabelLayer('beat-labels', basemap.labels, 12, [90, 84, 72, 255]));
    if (buffers) list.push(buildIncidentLayer(buffers, version as unknown as number, pointRadius));
    return list;
  }, [basemap, buffers, version, pointRadius]);

  const onPick = useCallback(
    async (info: PickingInfo) => {
      if (!dataset || !buffers || info.layer?.id !== 'incidents' || info.index < 0) {
        store.dispatch({ type: 'select', selection: null });
        return;
      }
      const pointIndex = buffers.sourceRows[info.index];
      const rowId = pointIndex === undefined ? undefined : dataset.points.rowId[pointIndex];
      if (rowId === undefined) return;
      const result = await (await engine).query(`SELECT * FROM ${quoteIdent(dataset.table)} WHERE rowid = ${rowId}`);
      if (!result.ok) return;
      const record = toPlainRows(result.value, 1)[0];
      if (record) store.dispatch({ type: 'select', selection: { rowId, record } });
    },
    [dataset, buffers, engine, store],
  );

  const onRendered = useCallback(() => {
    document.body.dataset.mapRendered = buffers ? String(buffers.length) : '0';
  }, [buffers]);

  return (
    <div className="app">
      <header className="app-header">
        <h1>SPI Workbench</h1>
        <span className="app-subtitle">{basemap?.title ?? ''}</span>
        <div className="app-actions">
          <button type="button" onClick={() => void openIncidentFile(store, host, engine)}>
            Open incidents CSV…
          </button>
          <button type="button" onClick={() => store.dispatch({ type: 'about', open: true })}>
            About
          </button>
        </div>
      </header>
      <aside className="side-panel" aria-label="Layers and legend">
        {state.progress && <p className="progress" role="status">{state.progress}</p>}
        {state.error && (
          <p className="error" role="alert">
            {state.error}
          </p>
        )}
        {dataset && <LegendPanel dataset={dataset} visibleGroups={visibleGroups} pointRadius={pointRadius} store={store} />}
      </aside>
      <main className="map-area">
        {basemap && <MapView style={basemap.style} bounds={basemap.bounds} layers={layers} onPick={(i) => void onPick(i)} onRendered={onRendered} />}
        {state.selected && <RecordPopup record={state.selected.record} onClose={() => store.dispatch({ type: 'select', selection: null })} />}
      </main>
      {state.aboutOpen && <AboutDialog host={host} onClose={() => store.dispatch({ type: 'about', open: false })} />}
    </div>
  );
}
