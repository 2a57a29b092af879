import { useCallback, useEffect, useMemo, useState } from 'react';
import type { PickingInfo } from '@deck.gl/core';
import type { HostApi } from '../../../shared/contract/host-api';
import { buildShownPointBuffers } from '../datasets/source-points';
import { toPlainRows } from '../../../shared/engine/arrow-values';
import { quoteIdent } from '../../../shared/engine/sql';
import type { SqlEngine } from '../../../shared/engine/sql-engine';
import { MapView } from '../../map/MapView';
import { useIncidentLayers } from '../../map/use-incident-layers';
import { BasemapPanel, useOfflineBasemapStyle } from '../basemap/BasemapPanel';
import { useStore, type Store } from '../../state/store';
import { AboutDialog } from './AboutDialog';
import { ShownLegend } from '../datasets/ShownLegend';
import { HIDDEN_SOURCES_DOC, hiddenSourceFlags } from '../datasets/SourceLegend';
import { RecordPopup } from './RecordPopup';
import { showImportedDataset } from './load-tasks';
import { ImportDialog } from '../ingest/ImportDialog';
import { ProjectBar, useProjectShortcuts } from '../project/ProjectBar';
import { RecoveryBanner } from '../project/RecoveryBanner';
import { openProjectBytes } from '../project/project-tasks';
import { isDirty } from '../../state/app-state';
import { ExploreCharts } from '../explore/ExploreCharts';
import { FilterPanel } from '../explore/FilterPanel';
import { LayerSwitcher } from '../explore/LayerSwitcher';
import { useExplore } from '../explore/use-explore';
import { useDesignWorkbench } from '../design/use-design-workbench';
import { useSessionRoom } from '../presenter/session-room';
import { LiveSessionButton } from '../live-session/LiveSessionButton';
import { LayoutButton } from '../layout/LayoutButton';
import { TargetListButton } from '../targets/TargetListButton';
import { useAnalysis } from '../analysis/use-analysis';
import { useExploreExtras } from '../table/use-explore-extras';
import { DatasetPicker } from '../datasets/DatasetPicker';
import { LinkPanel } from '../link/LinkPanel';
import { PeoplePanel } from '../people/PeoplePanel';
import { datasetNoun } from '../datasets/dataset-noun';


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

  const extras = useExploreExtras({ store, host, engine, state }); // table, CompStat, playback (its dates are in extras.filter)
  const sqlFilter = extras.filter;
  const explore = useExplore(engine, dataset, sqlFilter, state.doc.layer);
  const shown = explore.points;
  const hiddenSourcesDoc = state.doc.documents[HIDDEN_SOURCES_DOC];
  const buffers = useMemo(
    () => (shown ? buildShownPointBuffers(shown, explore.base?.sources ?? null, visibleGroups, hiddenSourceFlags({ [HIDDEN_SOURCES_DOC]: hiddenSourcesDoc }, explore.base?.sources ?? null)) : null),
    [shown, visibleGroups, explore.base, hiddenSourcesDoc],
  );
  const layerKind = state.doc.layer.kind;
  const analysisLayer = explore.layer && explore.layer.kind === layerKind ? explore.layer : null;
  const version = useMemo(() => ({}), [buffers]);
  const mapStyle = useOfflineBasemapStyle(basemap?.style ?? null, state);
  const { layers, pickBuffers } = useIncidentLayers({ labels: basemap?.labels ?? null, buffers, version, pointRadius, settings: state.doc.layer, explore, projectLayers: state.project.layers });
  const room = useSessionRoom({ store, host, state, points: layerKind === 'points' ? buffers : null, analysis: analysisLayer });
  const design = useDesignWorkbench(store, host, engine, state, explore);
  const analysis = useAnalysis(store, engine, state, explore);
  const mapLayers = useMemo(() => [...layers, ...(analysis.layers as typeof layers), ...(room.layers as typeof layers), ...(design.layers as typeof layers), ...(extras.layers as typeof layers)], [layers, analysis.layers, room.layers, design.layers, extras.layers]);

  const onPick = useCallback(
    async (info: PickingInfo) => {
      if (!dataset || !buffers || info.layer?.id !== 'incidents' || info.index < 0) {
        store.dispatch({ type: 'select', selection: null });
        return;
      }
      const pointIndex = (pickBuffers ?? buffers).sourceRows[info.index];
      const rowId = pointIndex === undefined ? undefined : shown?.rowId[pointIndex];
      if (rowId === undefined) return;
      const result = await (await engine).query(`SELECT * FROM ${quoteIdent(dataset.table)} WHERE rowid = ${rowId}`);
      if (!result.ok) return;
      const record = toPlainRows(result.value, 1)[0];
      if (record) store.dispatch({ type: 'select', selection: { rowId, record } });
    },
    [dataset, buffers, pickBuffers, shown, engine, store],
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
          <LayoutButton state={state} store={store} host={host} engine={engine} />
          <TargetListButton state={state} store={store} host={host} engine={engine} />
          <button type="button" onClick={() => setImportOpen(true)} title="Import an RMS/CAD export: CSV, Excel, GeoJSON, Shapefile, Parquet">
            Import data…
          </button>
          <LiveSessionButton store={store} state={state} grid={analysisLayer?.kind === 'grid' ? analysisLayer.data : null} />
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
        <DatasetPicker state={state} store={store} engine={engine} />
        {design.tab === 'explore' && <LinkPanel state={state} store={store} engine={engine} />}
        {design.tab === 'explore' && <PeoplePanel state={state} store={store} host={host} engine={engine} />}
        {design.panel}
        {dataset && design.tab === 'explore' && <FilterPanel filter={state.doc.filter} view={explore} totalRows={dataset.rows} store={store} noun={datasetNoun(dataset, explore.weightedTotal)} />}
        {dataset && design.tab === 'explore' && <LayerSwitcher settings={state.doc.layer} view={explore} store={store} host={host} />}
        {design.tab === 'explore' && analysis.panel}
        {dataset && design.tab === 'explore' && <ShownLegend dataset={dataset} view={explore} visibleGroups={visibleGroups} pointRadius={pointRadius} store={store} />}
        {basemap && design.tab === 'explore' && <BasemapPanel state={state} store={store} host={host} />}
        {basemap && room.panel}
      </aside>
      <main className="map-area">
        {state.recovery && <RecoveryBanner offer={state.recovery} store={store} host={host} engine={engine} />}
        {basemap && mapStyle && <MapView style={mapStyle} bounds={basemap.bounds} layers={mapLayers} onPick={(i) => room.onMapClick(i) || void onPick(i)} onRendered={onRendered} {...design.mapProps} {...extras.mapProps} />}
        {state.selected && <RecordPopup record={state.selected.record} rowId={state.selected.rowId} dataset={dataset} store={store} onClose={() => store.dispatch({ type: 'select', selection: null })} />}
        {basemap && extras.overlay(explore.count)}
      </main>
      {dataset && <ExploreCharts view={explore} filter={state.doc.filter} layer={state.doc.layer} store={store} engine={engine} dataset={dataset} sqlFilter={sqlFilter} />}
      {importOpen && (
        <ImportDialog
          engine={engine}
          host={host}
          store={store}
          onClose={() => setImportOpen(false)}
          onImported={(d) => void showImportedDataset(store, engine, d)}
        />
      )}
      {state.aboutOpen && <AboutDialog host={host} onClose={() => store.dispatch({ type: 'about', open: false })} />}
    </div>
  );
}
