import { useCallback, useEffect, useMemo, useState } from 'react';
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
import { showImportedDataset } from './load-tasks';
import { ImportDialog } from '../ingest/ImportDialog';
import { ProjectBar, useProjectShortcuts } from '../project/ProjectBar';
import { RecoveryBanner } from '../project/RecoveryBanner';
import { openProjectBytes } from '../project/project-tasks';
import { isDirty } from '../../state/app-state';
import { buildDensityLayer } from '../../map/density-layer';
import { buildGridCountLayer } from '../../map/grid-count-layer';
import { ExploreCharts } from '../explore/ExploreCharts';
import { FilterPanel } from '../explore/FilterPanel';
import { LayerSwitcher } from '../explore/LayerSwitcher';
import { effectiveFilter, useExplore } from '../explore/use-explore';


export interface AppProps {
  store: Store;
  host: HostApi;
  engine: Promise<SqlEngine>;
}

/** The workbench window: header, side panel (dataset, legend), the map, and dialogs. */
export function App({ store, host, engine }: AppProps) {
  const state = useStore(store, (s) => s);
  const { dataset, basemap } = state;
  const { visibleGroups, pointRadius } = state.doc;
  useProjectShortcuts(store, host, engine);
  const [importOpen, setImportOpen] = useState(false);
  useEffect(() => {
    const name = state.project.fileName ?? state.project.title;
    document.title = `${isDirty(state) ? '• ' : ''}${name}${state.project.readOnly ? ' (read-only)' : ''} — SPI Workbench`;
  }, [state]);

  const sqlFilter = useMemo(() => effectiveFilter(state.doc.filter, visibleGroups), [state.doc.filter, visibleGroups]);
  const explore = useExplore(engine, dataset, sqlFilter, state.doc.layer);
  const shown = explore.points;
  const buffers = useMemo(
    () => (shown ? buildPointBuffers(shown.lon, shown.lat, shown.group, GROUP_COLORS, visibleGroups) : null),
    [shown, visibleGroups],
  );
  const layerKind = state.doc.layer.kind;
  const layerOpacity = state.doc.layer.opacity;
  const analysisLayer = explore.layer && explore.layer.kind === layerKind ? explore.layer : null;
  const version = useMemo(() => ({}), [buffers]);
  const layers = useMemo(() => {
    const list = [];
    if (basemap && basemap.labels.length > 0) list.push(buildLabelLayer('beat-labels', basemap.labels, 12, [90, 84, 72, 255]));
    if (analysisLayer?.kind === 'kde') list.unshift(buildDensityLayer(analysisLayer.data, layerOpacity));
    else if (analysisLayer?.kind === 'grid') list.unshift(buildGridCountLayer(analysisLayer.data, layerOpacity));
    else if (buffers && layerKind === 'points') list.push(buildIncidentLayer(buffers, version as unknown as number, pointRadius));
    return list;
  }, [basemap, buffers, version, pointRadius, analysisLayer, layerKind, layerOpacity]);

  const onPick = useCallback(
    async (info: PickingInfo) => {
      if (!dataset || !buffers || info.layer?.id !== 'incidents' || info.index < 0) {
        store.dispatch({ type: 'select', selection: null });
        return;
      }
      const pointIndex = buffers.sourceRows[info.index];
      const rowId = pointIndex === undefined ? undefined : shown?.rowId[pointIndex];
      if (rowId === undefined) return;
      const result = await (await engine).query(`SELECT * FROM ${quoteIdent(dataset.table)} WHERE rowid = ${rowId}`);
      if (!result.ok) return;
      const record = toPlainRows(result.value, 1)[0];
      if (record) store.dispatch({ type: 'select', selection: { rowId, record } });
    },
    [dataset, buffers, shown, engine, store],
  );

  const onRendered = useCallback(() => {
    document.body.dataset.mapRendered = buffers ? String(buffers.length) : '0';
    document.body.dataset.mapLayer = analysisLayer?.kind ?? (layerKind === 'points' ? 'points' : 'none');
  }, [buffers, analysisLayer, layerKind]);

  const onDrop = useCallback(
    (e: React.DragEvent) => {
      e.preventDefault();
      const file = e.dataTransfer.files[0];
      if (!file) return;
      void file.arrayBuffer().then((buffer) => {
        const bytes = new Uint8Array(buffer);
        if (/\.spiproj$/i.test(file.name)) void openProjectBytes(store, engine, bytes, file.name, null);
        else store.dispatch({ type: 'failed', message: `${file.name}: drop a .spiproj project here (use "Import data…" for data files)` });
      });
    },
    [store, engine],
  );

  return (
    <div className="app" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
      <header className="app-header">
        <h1>SPI Workbench</h1>
        <span className="app-subtitle" data-testid="project-title">
          {state.project.fileName ?? state.project.title}
          {isDirty(state) ? ' •' : ''}
          {state.project.readOnly ? ' (read-only)' : ''}
        </span>
        <ProjectBar state={state} store={store} host={host} engine={engine} />
        <div className="app-actions">
          <button type="button" onClick={() => setImportOpen(true)} title="Import an RMS/CAD export: CSV, Excel, GeoJSON, Shapefile, Parquet">
            Import data…
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
        {state.notice && (
          <p className="notice" role="status">
            {state.notice}{' '}
            <button type="button" className="link" onClick={() => store.dispatch({ type: 'notice', message: null })}>
              Dismiss
            </button>
          </p>
        )}
        {dataset && <FilterPanel filter={state.doc.filter} view={explore} totalRows={dataset.rows} store={store} />}
        {dataset && <LayerSwitcher settings={state.doc.layer} view={explore} store={store} />}
        {dataset && <LegendPanel dataset={dataset} visibleGroups={visibleGroups} pointRadius={pointRadius} store={store} />}
      </aside>
      <main className="map-area">
        {state.recovery && <RecoveryBanner offer={state.recovery} store={store} host={host} engine={engine} />}
        {basemap && <MapView style={basemap.style} bounds={basemap.bounds} layers={layers} onPick={(i) => void onPick(i)} onRendered={onRendered} />}
        {state.selected && <RecordPopup record={state.selected.record} onClose={() => store.dispatch({ type: 'select', selection: null })} />}
      </main>
      {dataset && <ExploreCharts view={explore} filter={state.doc.filter} layer={state.doc.layer} store={store} />}
      {importOpen && (
        <ImportDialog
          engine={engine}
          host={host}
          onClose={() => setImportOpen(false)}
          onImported={(d) => void showImportedDataset(store, engine, d)}
        />
      )}
      {state.aboutOpen && <AboutDialog host={host} onClose={() => store.dispatch({ type: 'about', open: false })} />}
    </div>
  );
}
